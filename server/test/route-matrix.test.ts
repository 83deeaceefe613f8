/**
 * The route table and the data-scope matrix.
 *
 * 1. Every route declares its permission (walks the registered route table).
 * 2. For every route and every role, a user of that role bound in county A calls the route on a
 *    record of county A (in scope) and of sibling county B (out of scope). The expected outcome
 *    comes from the hand-written `allow` lists below, not from the code under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTableMarkdown } from '../src/core/route-table';
import { PERMISSIONS, ROLE_CODES, ROLE_PERMISSIONS, type Permission, type Role } from '@touyan/schemas';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { PROBE_MODULES } from './probes';
import type { Fixtures, Probe } from './probes/types';
import { buildWorld } from './world';

const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login']);
const PROBES: Record<string, Probe> = Object.assign({}, ...PROBE_MODULES.map((m) => m.probes));

let t: TestApp;
let fx: Fixtures;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorld(t);
  let n = 0;
  fx = {
    t,
    w,
    extra: {},
    sessions,
    seq: () => ++n,
    version: async (kind, id) =>
      (await call(t.app, sessions.get('admin')!, 'GET', `/api/${kind}/${id}`)).json().version,
  };
  for (const role of ROLE_CODES) sessions.set(role, await login(t.app, w.usernames[role]));
  for (const m of PROBE_MODULES) await m.setup?.(fx);
});
afterAll(() => t.close());

const key = (method: string, url: string) => `${method} ${url}`;

describe(`route table (${TEST_DB})`, () => {
  it('gives every API route a declared permission, and every non-public route a scope probe', () => {
    const apiRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    const valid = new Set<string>(['public', ...PERMISSIONS]);
    for (const r of apiRoutes) {
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      for (const m of methods) {
        const k = key(m, r.url);
        expect(valid.has(r.config?.permission ?? ''), `${k} declares no permission`).toBe(true);
        expect(typeof r.config?.scope === 'string' && r.config.scope.length > 0, `${k} declares no scope`).toBe(true);
        if (r.config?.permission === 'public')
          expect(PUBLIC.has(k), `${k} is public but not on the public list`).toBe(true);
        else expect(PROBES[k], `${k} has no probe in the scope matrix`).toBeDefined();
      }
    }
  });
});

describe('route documentation', () => {
  it('docs/ROUTES.md matches the route table (run `npm run api-doc` after changing routes)', () => {
    const file = readFileSync(path.resolve(import.meta.dirname, '../../docs/ROUTES.md'), 'utf8');
    expect(file).toBe(routeTableMarkdown(t.routes));
  });
});

describe(`data-scope matrix: every route × every role (${TEST_DB})`, () => {
  const permissionOf = (k: string): Permission | 'self' =>
    t.routes.find((r) => key(r.method as string, r.url) === k)!.config!.permission as Permission;

  for (const [k, probe] of Object.entries(PROBES)) {
    describe(k, () => {
      for (const role of ROLE_CODES) {
        const allowed = probe.allow.includes(role);
        it(`${role}: ${allowed ? 'allowed' : 'refused'} in county A${probe.out ? ', never reaches county B' : ''}`, async () => {
          const s = k === 'POST /api/auth/logout' ? await login(t.app, fx.w.usernames[role]) : sessions.get(role)!;
          const req = await probe.in(fx);
          const res = await call(t.app, s, req.method, req.url, req.payload, req.headers);
          const special = probe.statusFor?.[role];
          if (special?.in !== undefined) {
            expect(res.statusCode, `${k} as ${role}: ${res.body}`).toBe(special.in);
          } else if (allowed) {
            expect(res.statusCode, `${k} as ${role}: ${res.body}`).toBe(probe.inStatus ?? 200);
            if (probe.check) probe.check(probe.binary ? res.rawPayload : res.json(), fx, role);
          } else {
            expect([403, 404], `${k} as ${role}: ${res.body}`).toContain(res.statusCode);
          }
          if (probe.out) {
            const outReq = await probe.out(fx);
            const out = await call(t.app, s, outReq.method, outReq.url, outReq.payload, outReq.headers);
            if (special?.out !== undefined) {
              expect(out.statusCode, `${k} as ${role} on county B: ${out.body}`).toBe(special.out);
            } else if (role === 'admin') {
              expect(out.statusCode, `${k} as admin on county B: ${out.body}`).toBe(200);
            } else if (!ROLE_PERMISSIONS[role].includes(permissionOf(k) as Permission)) {
              expect(out.statusCode).toBe(403);
            } else if (req.method === 'GET') {
              expect(out.statusCode, `${k} as ${role} on county B`).toBe(404);
            } else {
              // Writes out of scope: 404 for the target record, 400/403 when the out-of-scope id is in the body.
              expect([400, 403, 404], `${k} as ${role} on county B: ${out.body}`).toContain(out.statusCode);
            }
          }
        });
      }
    });
  }
});
