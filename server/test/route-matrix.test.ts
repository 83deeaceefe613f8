/**
 * The route table and the data-scope matrix.
 *
 * 1. Every route declares its permission (walks the registered route table).
 * 2. For every route and every role, a user of that role bound in county A calls the route on a
 *    record of county A (in scope) and of sibling county B (out of scope). The expected outcome
 *    comes from the hand-written `allow` lists below, not from the code under test.
 * 3. References: every id a write body points at (declared `refId(kind)` in the shared schemas,
 *    found in the route table's body schemas, so a new route or field is covered without listing
 *    it here) is set, in the probe's successful county-A request, to a record of that kind in
 *    county B: the call answers 404 naming the field and changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTableMarkdown } from '../src/core/route-table';
import {
  contestCreateBody,
  DEFAULT_RUBRIC,
  PERMISSIONS,
  REF_KINDS,
  ROLE_CODES,
  ROLE_PERMISSIONS,
  type Permission,
  type RefKind,
  type Role,
} from '@touyan/schemas';
import { referencePaths } from '../src/core/references';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { createInstructor, createUser, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { PROBE_MODULES } from './probes';
import type { Fixtures, Probe } from './probes/types';
import { buildWorld } from './world';

const PUBLIC = new Set([
  'GET /api/health',
  // Issue 16: readiness for the proxy; the metrics check their token or loopback themselves.
  'GET /api/ready',
  'GET /api/metrics',
  'POST /api/auth/login',
  'GET /api/auth/session',
  // An online visit's form (线上访企): the link's 192-bit secret is the key.
  'GET /api/online-visits/:token',
  'POST /api/online-visits/:token',
]);
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
  outside = await recordsOfCountyB(fx);
});

/** One record of every reference kind in county B, which no user of county A may point at. */
let outside: Record<RefKind, string>;
async function recordsOfCountyB(f: Fixtures): Promise<Record<RefKind, string>> {
  const { t, w } = f;
  const s = t.services;
  const e = f.extra;
  const db = s.db;
  const indicator = await db
    .selectFrom('projectIndicators')
    .select('id')
    .where('projectId', '=', e.exB!)
    .executeTakeFirstOrThrow();
  const contest = await s.contests.create(
    t.admin,
    validated(contestCreateBody, {
      campaignId: e.kBCampaign,
      name: '元宝区比武',
      contestDate: '2025-12-20',
      venue: '元宝区委党校',
      projectIds: [e.kBProject],
      judgeIds: [e.kBJudge],
    }),
  );
  const template = await s.contests.createTemplate(t.admin, {
    orgId: w.b.dept.id,
    name: '元宝区评分表',
    rubric: DEFAULT_RUBRIC,
  });
  await s.store.tx((repos) =>
    NotificationsService.send(repos, [e.bTarget!], {
      kind: 'report_due',
      title: '元宝区的通知',
      body: '只给元宝区的用户',
      link: '/',
      dedupeKey: `ref-probe:${e.bTarget}`,
    }),
  );
  const notification = await db
    .selectFrom('notifications')
    .select('id')
    .where('userId', '=', e.bTarget!)
    .executeTakeFirstOrThrow();
  const records: Record<RefKind, string> = {
    partyOrg: w.b.committee.id,
    hostOrg: w.b.hostOrg.id,
    instructor: (await createInstructor(s, t.admin, new Rng(77), w.b.committee.id)).id,
    user: e.bTarget!,
    campaign: e.kBCampaign!,
    challenge: e.challengeB!,
    project: e.exB!,
    indicator: indicator.id,
    report: e.exReportB!,
    attachment: e.exAttB!,
    contest: contest.id,
    rubricTemplate: template.id,
    notification: notification.id,
    department: e.depB!,
    visit: e.bVisit!,
    demand: e.demandB!,
    worker: e.workerB!,
    compound: e.compoundB!,
    compoundGate: e.gateB!,
    gigFair: e.gigFairB!,
    disputeCentre: e.dcCentreB!,
    disputeCase: e.dcCaseB!,
    disputeMediator: e.dcMediatorB!,
  };
  expect(Object.keys(records).sort()).toEqual([...REF_KINDS].sort());
  return records;
}
afterAll(() => t.close());

const key = (method: string, url: string) => `${method} ${url}`;
/**
 * The route a probe calls: its key, less a trailing `[…]` naming a further case of the same route
 * (e.g. `PATCH /api/campaigns/:id [the city's campaign]`: a record the county reads but may not write).
 */
const routeOf = (k: string) => k.replace(/ \[[^\]]*\]$/, '');

type Refusal = 'no permission' | 'out of read scope' | 'reads, may not act';
const REFUSAL_STATUS: Record<Refusal, number> = {
  'no permission': 403,
  'out of read scope': 404,
  'reads, may not act': 403,
};

/** The record a route acts on: `/api/<kind>/<id>` of its URL, whose GET is the record's read route. */
function recordUrl(url: string): string {
  const m = /^\/api\/[a-z-]+\/[^/?]+/.exec(url);
  if (!m) throw new Error(`${url} names no record`);
  return m[0];
}

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
    const registered = new Set(
      apiRoutes.flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => key(m, r.url))),
    );
    for (const k of Object.keys(PROBES))
      expect(registered.has(routeOf(k)), `${k} probes no registered route`).toBe(true);
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
    t.routes.find((r) => key(r.method as string, r.url) === routeOf(k))!.config!.permission as Permission;

  /**
   * Why a role is refused a route on a county-A record, and so the one status it must get: without the
   * route's permission 403; with it, 404 when the record is outside the role's read scope (never
   * confirmed), 403 when the role reads the record but may not take this action. Who reads it comes
   * from the probe (`reads`, by default the roles allowed).
   */
  const refusal = (k: string, probe: Probe, role: Role): Refusal => {
    if (!ROLE_PERMISSIONS[role].includes(permissionOf(k) as Permission)) return 'no permission';
    return (probe.reads ?? probe.allow).includes(role) ? 'reads, may not act' : 'out of read scope';
  };

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
            const why = refusal(k, probe, role);
            expect(res.statusCode, `${k} as ${role} (${why}): ${res.body}`).toBe(REFUSAL_STATUS[why]);
            // A declared reader is checked, not trusted: the record's own read route answers it (and
            // 404 to a refused role outside the read scope).
            if (probe.reads && why !== 'no permission') {
              const read = await call(t.app, s, 'GET', recordUrl(req.url));
              expect(read.statusCode, `GET ${recordUrl(req.url)} as ${role} (${why})`).toBe(
                why === 'reads, may not act' ? 200 : 404,
              );
            }
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
              // Writes out of scope: 404, as for reads — never a 403 that confirms the record exists.
              expect(out.statusCode, `${k} as ${role} on county B: ${out.body}`).toBe(404);
            }
          }
        });
      }
    });
  }
});

/** A fingerprint of the tables a write could touch (row counts and versions of the main records). */
async function digest(): Promise<string> {
  const db = t.services.db;
  const parts: string[] = [];
  for (const table of [
    'hostOrgs',
    'partyOrgs',
    'users',
    'roleBindings',
    'instructors',
    'projects',
    'campaigns',
    'challenges',
    'reviewMeetings',
    'reviewItems',
    'contests',
    'contestConflicts',
    'assessmentSchemes',
    'assessmentSheets',
    'progressPosts',
    'quarterlyReports',
    'supervisionNotices',
    'notifications',
    'rubricTemplates',
    'visits',
    'departments',
    'demandRoutes',
    'demands',
    'demandEvents',
    'workers',
    'compounds',
    'compoundGates',
    'compoundGuards',
    'passes',
    'passScans',
  ] as const) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    parts.push(`${table}:${Number(r.n)}`);
  }
  for (const table of [
    'hostOrgs',
    'partyOrgs',
    'users',
    'projects',
    'contests',
    'challenges',
    'visits',
    'departments',
    'demandRoutes',
    'demands',
    'workers',
    'compounds',
    'passes',
  ] as const) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.sum<number>('version').as('v'))
      .executeTakeFirstOrThrow();
    parts.push(`${table}.version:${Number(r.v)}`);
  }
  return parts.join(' ');
}

/** Sets the reference at `path` in a copy of the payload to `id`; false when the place does not exist. */
function placeReference(payload: unknown, path: readonly string[], id: string): boolean {
  if (!payload || typeof payload !== 'object') return false;
  const [head, ...rest] = path as [string, ...string[]];
  const node = payload as Record<string, unknown> & unknown[];
  if (head === '*') {
    if (!Array.isArray(node)) return false;
    if (rest.length === 0) {
      node[0] = id;
      return true;
    }
    if (node.length === 0) return false;
    return placeReference(node[0], rest, id);
  }
  if (rest.length === 0) {
    node[head] = id;
    return true;
  }
  if (node[head] === undefined && rest[0] === '*' && rest.length === 1) {
    node[head] = [id];
    return true;
  }
  return placeReference(node[head], rest, id);
}

describe(`references in write bodies resolve through the caller's read scope (${TEST_DB})`, () => {
  const writes = () =>
    t.routes.flatMap((r) => {
      const paths = referencePaths((r.schema as { body?: Record<string, unknown> } | undefined)?.body);
      return paths.length ? [{ k: key(r.method as string, r.url), paths }] : [];
    });

  it('finds the declared references in the route table', () => {
    const all = writes();
    // Host organisations, users, party organisations, projects, reviews, contests, assessments …
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.flatMap((w) => w.paths.map((p) => p.kind)))).toEqual(new Set(REF_KINDS));
  });

  it('declares every id field of every request body as a reference (no plain id can slip through)', () => {
    const undeclared: string[] = [];
    const walk = (s: unknown, at: string, k: string) => {
      if (!s || typeof s !== 'object') return;
      const n = s as Record<string, unknown>;
      const looksLikeId = n.type === 'string' && n.pattern === '^[0-9A-Za-z_-]+$' && n.minLength === 10;
      if (looksLikeId && typeof n['x-ref'] !== 'string') undeclared.push(`${k} ${at}`);
      for (const c of ['anyOf', 'oneOf', 'allOf'])
        if (Array.isArray(n[c])) for (const x of n[c] as unknown[]) walk(x, at, k);
      if (n.properties && typeof n.properties === 'object')
        for (const [name, x] of Object.entries(n.properties)) walk(x, at ? `${at}.${name}` : name, k);
      if (n.items) walk(n.items, `${at}.*`, k);
    };
    for (const r of t.routes)
      walk((r.schema as { body?: unknown } | undefined)?.body, '', key(r.method as string, r.url));
    expect(undeclared).toEqual([]);
  });

  it('answers 404 naming the field, and changes nothing, for every reference set to a county-B record', async () => {
    const failures: string[] = [];
    const missing: string[] = [];
    let exercised = 0;
    for (const { k, paths } of writes()) {
      const probe = PROBES[k];
      // The first role of county A the route serves (the administrator's scope has no outside).
      const role = probe?.allow.find((r) => r !== 'admin' && !probe.statusFor?.[r]);
      if (!probe || !role) {
        if (!probe || probe.allow.some((r) => r !== 'admin')) missing.push(`${k}: no role of county A to call it`);
        continue;
      }
      for (const p of paths) {
        const req = await probe.in(fx);
        const payload = structuredClone(req.payload);
        if (!placeReference(payload, p.path, outside[p.kind])) {
          missing.push(`${k} ${p.path.join('.')}: the probe's body has no place for it`);
          continue;
        }
        const before = await digest();
        const res = await call(t.app, sessions.get(role)!, req.method, req.url, payload, req.headers);
        const fields = (res.json() as { fields?: Record<string, string> }).fields ?? {};
        const want = p.path.filter((x) => x !== '*').join('.');
        const named = Object.keys(fields).some(
          (f) =>
            f
              .split('.')
              .filter((x) => !/^\d+$/.test(x))
              .join('.') === want,
        );
        if (res.statusCode !== 404 || !named) {
          failures.push(`${k} ${p.path.join('.')} (${p.kind}) as ${role}: ${res.statusCode} ${res.body}`);
        } else if ((await digest()) !== before) {
          failures.push(`${k} ${p.path.join('.')} as ${role}: answered 404 but changed data`);
        }
        exercised++;
      }
    }
    expect(failures).toEqual([]);
    expect(missing).toEqual([]);
    expect(exercised).toBeGreaterThan(25);
  });
});

describe(`a user with bindings above the caller's scope is read-only to county staff (${TEST_DB})`, () => {
  it('refuses every write route on that user (taken from the route table) with 403 and changes nothing', async () => {
    const w = fx.w;
    // staff@city + judge and handler in county A: visible to county-A staff, but not theirs to manage.
    const mixed = await createUser(t.services, t.admin, {
      username: 'matrix_mixed',
      roles: [
        { role: 'staff', orgId: w.city.id },
        { role: 'judge', orgId: w.a.committee.id },
        { role: 'handler', orgId: w.a.dept.id },
      ],
    });
    const countyBinding = mixed.roles.find((r) => r.role === 'handler')!.id;
    const staff = sessions.get('staff')!;
    expect((await call(t.app, staff, 'GET', `/api/users/${mixed.id}`)).statusCode).toBe(200);

    const writes = t.routes.filter(
      (r) => r.url.startsWith('/api/users/:id') && !['GET', 'HEAD'].includes(r.method as string),
    );
    const failures: string[] = [];
    for (const r of writes) {
      const k = key(r.method as string, r.url);
      const probe = PROBES[k]!;
      const req = await probe.in(fx);
      const url = req.url
        .replace(fx.extra.aTarget!, mixed.id)
        .replace(/\/roles\/[0-9A-Za-z_-]+$/, `/roles/${countyBinding}`);
      const before = await digest();
      const res = await call(t.app, staff, req.method, url, req.payload, req.headers);
      if (res.statusCode !== 403 || res.json().code !== 'FORBIDDEN')
        failures.push(`${k}: ${res.statusCode} ${res.body}`);
      else if ((await digest()) !== before) failures.push(`${k}: answered 403 but changed data`);
    }
    expect(failures).toEqual([]);
    // reset password, edit/disable, grant, revoke, unlock — and any route added later.
    expect(writes.length).toBeGreaterThanOrEqual(5);
  });
});
