/**
 * The route table and the data-scope matrix.
 *
 * 1. Every route declares its permission (walks the registered route table).
 * 2. For every route and every role, a user of that role bound in county A calls the route on a
 *    record of county A (in scope) and of sibling county B (out of scope). The expected outcome
 *    comes from the hand-written `allow` lists below, not from the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_CODES, ROLE_PERMISSIONS, type Permission, type Role } from '@touyan/schemas';
import { createInstructor, createPartyOrg, createUser, hostOrgInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Req {
  method: Method;
  url: string;
  payload?: unknown;
}
interface Fixtures {
  w: World;
  aTarget: string;
  bTarget: string;
  bBranch: string;
  seq: () => number;
}
interface Probe {
  /** The roles whose call on the county-A record succeeds. */
  allow: readonly Role[];
  in: (f: Fixtures) => Promise<Req> | Req;
  out?: (f: Fixtures) => Promise<Req> | Req;
  /** For lists: what must (not) be in the reply. */
  check?: (body: unknown, f: Fixtures, role: Role) => void;
  /** A status every role gets in scope instead of 200 (for self routes probed with bad input). */
  inStatus?: number;
}

const ALL = ROLE_CODES;
const REGION_READERS = ALL.filter((r) => !['worker', 'guard', 'station_manager'].includes(r));
const PARTY_READERS: Role[] = ['admin', 'staff', 'secretary', 'member'];
const HOST_READERS: Role[] = ['admin', 'staff', 'secretary', 'member', 'specialist', 'handler', 'contact', 'employer'];
const STAFF: Role[] = ['admin', 'staff'];

let t: TestApp;
let fx: Fixtures;
const sessions = new Map<Role, Session>();

async function version(kind: 'party-orgs' | 'host-orgs' | 'users' | 'regions', id: string): Promise<number> {
  const admin = sessions.get('admin')!;
  return (await call(t.app, admin, 'GET', `/api/${kind}/${id}`)).json().version;
}

const ids = (body: unknown) => ((body as { items: { id: string }[] }).items ?? []).map((i) => i.id);

const PROBES: Record<string, Probe> = {
  'POST /api/auth/logout': { allow: ALL, in: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/auth/me': { allow: ALL, in: () => ({ method: 'GET', url: '/api/auth/me' }) },
  'POST /api/auth/change-password': {
    allow: ALL,
    inStatus: 400,
    in: () => ({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { oldPassword: 'not-it-1', newPassword: 'Another2026' },
    }),
  },
  'PUT /api/auth/locale': {
    allow: ALL,
    in: () => ({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'zh-CN' } }),
  },
  'GET /api/regions': { allow: REGION_READERS, in: () => ({ method: 'GET', url: '/api/regions?parent=210600' }) },
  'GET /api/regions/:code': { allow: REGION_READERS, in: () => ({ method: 'GET', url: '/api/regions/210603' }) },
  'POST /api/regions': {
    allow: ['admin'],
    in: (f) => ({
      method: 'POST',
      url: '/api/regions',
      payload: { code: `2106${50 + f.seq()}`, name: '测试区', parentCode: '210600' },
    }),
  },
  'PATCH /api/regions/:code': {
    allow: ['admin'],
    in: async () => ({
      method: 'PATCH',
      url: '/api/regions/210604',
      payload: { name: '振安区', version: await version('regions', '210604') },
    }),
  },
  'POST /api/regions/:code/move': {
    allow: ['admin'],
    in: async () => ({
      method: 'POST',
      url: '/api/regions/210604/move',
      payload: { parentCode: '210600', version: await version('regions', '210604') },
    }),
  },
  'GET /api/party-orgs': {
    allow: PARTY_READERS,
    in: (f) => ({ method: 'GET', url: `/api/party-orgs?parentId=${f.w.a.committee.id}` }),
    check: (body, f) => expect(ids(body)).toContain(f.w.a.branch.id),
  },
  'GET /api/party-orgs/tree': {
    allow: PARTY_READERS,
    in: () => ({ method: 'GET', url: '/api/party-orgs/tree' }),
    check: (body, f, role) => {
      expect(ids(body)).toContain(f.w.a.committee.id);
      if (role !== 'admin') expect(ids(body)).not.toContain(f.w.b.committee.id);
    },
  },
  'GET /api/party-orgs/:id': {
    allow: PARTY_READERS,
    in: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.w.a.committee.id}` }),
    out: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.w.b.committee.id}` }),
  },
  'POST /api/party-orgs': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: '/api/party-orgs',
      payload: {
        name: `矩阵党支部${f.seq()}`,
        type: 'branch',
        regionCode: '210603',
        parentId: f.w.a.committee.id,
        secretaryName: '赵六',
      },
    }),
    out: (f) => ({
      method: 'POST',
      url: '/api/party-orgs',
      payload: {
        name: `矩阵党支部${f.seq()}`,
        type: 'branch',
        regionCode: '210602',
        parentId: f.w.b.committee.id,
        secretaryName: '赵六',
      },
    }),
  },
  'PATCH /api/party-orgs/:id': {
    allow: STAFF,
    in: async (f) => ({
      method: 'PATCH',
      url: `/api/party-orgs/${f.w.a.branch.id}`,
      payload: {
        name: '甲公司党支部',
        type: 'branch',
        regionCode: '210603',
        secretaryName: '钱七',
        version: await version('party-orgs', f.w.a.branch.id),
      },
    }),
    out: async (f) => ({
      method: 'PATCH',
      url: `/api/party-orgs/${f.bBranch}`,
      payload: {
        name: '乙公司党支部',
        type: 'branch',
        regionCode: '210602',
        secretaryName: '钱七',
        version: await version('party-orgs', f.bBranch),
      },
    }),
  },
  'POST /api/party-orgs/:id/move': {
    allow: STAFF,
    in: async (f) => ({
      method: 'POST',
      url: `/api/party-orgs/${f.w.a.branch.id}/move`,
      payload: { parentId: f.w.a.committee.id, version: await version('party-orgs', f.w.a.branch.id) },
    }),
    out: async (f) => ({
      method: 'POST',
      url: `/api/party-orgs/${f.bBranch}/move`,
      payload: { parentId: f.w.b.committee.id, version: await version('party-orgs', f.bBranch) },
    }),
  },
  'DELETE /api/party-orgs/:id': {
    allow: STAFF,
    in: async (f) => {
      const o = await createPartyOrg(t.services, t.admin, {
        name: `待删除支部${f.seq()}`,
        type: 'branch',
        regionCode: '210603',
        parentId: f.w.a.committee.id,
      });
      return { method: 'DELETE', url: `/api/party-orgs/${o.id}` };
    },
    out: async (f) => {
      const o = await createPartyOrg(t.services, t.admin, {
        name: `待删除支部${f.seq()}`,
        type: 'branch',
        regionCode: '210602',
        parentId: f.w.b.committee.id,
      });
      return { method: 'DELETE', url: `/api/party-orgs/${o.id}` };
    },
  },
  'GET /api/host-orgs': {
    allow: HOST_READERS,
    in: () => ({ method: 'GET', url: '/api/host-orgs?limit=200' }),
    check: (body, f, role) => {
      expect(ids(body)).toContain(f.w.a.hostOrg.id);
      if (role !== 'admin') expect(ids(body)).not.toContain(f.w.b.hostOrg.id);
    },
  },
  'GET /api/host-orgs/parks': { allow: HOST_READERS, in: () => ({ method: 'GET', url: '/api/host-orgs/parks' }) },
  'GET /api/host-orgs/:id': {
    allow: HOST_READERS,
    in: (f) => ({ method: 'GET', url: `/api/host-orgs/${f.w.a.hostOrg.id}` }),
    out: (f) => ({ method: 'GET', url: `/api/host-orgs/${f.w.b.hostOrg.id}` }),
  },
  'POST /api/host-orgs': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: '/api/host-orgs',
      payload: hostOrgInput(new Rng(1000 + f.seq()), { regionCode: '210603', managingOrgId: f.w.a.committee.id }),
    }),
    out: (f) => ({
      method: 'POST',
      url: '/api/host-orgs',
      payload: hostOrgInput(new Rng(1000 + f.seq()), { regionCode: '210602', managingOrgId: f.w.b.committee.id }),
    }),
  },
  'PATCH /api/host-orgs/:id': {
    allow: STAFF,
    in: async (f) => ({
      method: 'PATCH',
      url: `/api/host-orgs/${f.w.a.hostOrg.id}`,
      payload: { ...f.w.a.hostOrg, version: await version('host-orgs', f.w.a.hostOrg.id) },
    }),
    out: async (f) => ({
      method: 'PATCH',
      url: `/api/host-orgs/${f.w.b.hostOrg.id}`,
      payload: { ...f.w.b.hostOrg, version: await version('host-orgs', f.w.b.hostOrg.id) },
    }),
  },
  'GET /api/instructors': {
    allow: ['admin', 'staff', 'secretary'],
    in: () => ({ method: 'GET', url: '/api/instructors' }),
    check: (body, f, role) => {
      expect(ids(body)).toContain(f.w.a.instructorId);
      if (role !== 'admin')
        expect(
          (body as { items: { partyOrgId: string }[] }).items.every((i) => i.partyOrgId !== f.w.b.committee.id),
        ).toBe(true);
    },
  },
  'POST /api/instructors': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: '/api/instructors',
      payload: { name: '孙指导', mobile: '13700001111', partyOrgId: f.w.a.committee.id },
    }),
    out: (f) => ({
      method: 'POST',
      url: '/api/instructors',
      payload: { name: '孙指导', mobile: '13700001111', partyOrgId: f.w.b.committee.id },
    }),
  },
  'GET /api/users': {
    allow: STAFF,
    in: () => ({ method: 'GET', url: '/api/users?limit=200' }),
    check: (body, f, role) => {
      expect(ids(body)).toContain(f.aTarget);
      if (role !== 'admin') expect(ids(body)).not.toContain(f.bTarget);
    },
  },
  'GET /api/users/:id': {
    allow: STAFF,
    in: (f) => ({ method: 'GET', url: `/api/users/${f.aTarget}` }),
    out: (f) => ({ method: 'GET', url: `/api/users/${f.bTarget}` }),
  },
  'POST /api/users': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `m_user_${f.seq()}`,
        displayName: '新用户',
        password: 'Touyan@2025',
        roles: [{ role: 'worker', orgId: f.w.a.dept.id }],
      },
    }),
    out: (f) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `m_user_${f.seq()}`,
        displayName: '新用户',
        password: 'Touyan@2025',
        roles: [{ role: 'worker', orgId: f.w.b.dept.id }],
      },
    }),
  },
  'PATCH /api/users/:id': {
    allow: STAFF,
    in: async (f) => ({
      method: 'PATCH',
      url: `/api/users/${f.aTarget}`,
      payload: { displayName: '甲目标', disabled: false, version: await version('users', f.aTarget) },
    }),
    out: async (f) => ({
      method: 'PATCH',
      url: `/api/users/${f.bTarget}`,
      payload: { displayName: '乙目标', disabled: false, version: await version('users', f.bTarget) },
    }),
  },
  'POST /api/users/:id/roles': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: `/api/users/${f.aTarget}/roles`,
      payload: { role: 'member', orgId: f.w.a.committee.id },
    }),
    out: (f) => ({
      method: 'POST',
      url: `/api/users/${f.bTarget}/roles`,
      payload: { role: 'member', orgId: f.w.b.committee.id },
    }),
  },
  'DELETE /api/users/:id/roles/:bindingId': {
    allow: STAFF,
    in: async (f) => {
      const u = await t.services.users.grant(t.admin, f.aTarget, {
        role: 'handler',
        orgId: f.w.a.dept.id,
        hostOrgId: null,
      });
      return {
        method: 'DELETE',
        url: `/api/users/${f.aTarget}/roles/${u.roles.find((r) => r.role === 'handler')!.id}`,
      };
    },
    out: async (f) => {
      const u = await t.services.users.grant(t.admin, f.bTarget, {
        role: 'handler',
        orgId: f.w.b.dept.id,
        hostOrgId: null,
      });
      return {
        method: 'DELETE',
        url: `/api/users/${f.bTarget}/roles/${u.roles.find((r) => r.role === 'handler')!.id}`,
      };
    },
  },
  'POST /api/users/:id/reset-password': {
    allow: STAFF,
    in: (f) => ({
      method: 'POST',
      url: `/api/users/${f.aTarget}/reset-password`,
      payload: { newPassword: 'Reset2026x' },
    }),
    out: (f) => ({
      method: 'POST',
      url: `/api/users/${f.bTarget}/reset-password`,
      payload: { newPassword: 'Reset2026x' },
    }),
  },
  'POST /api/users/:id/unlock': {
    allow: STAFF,
    in: (f) => ({ method: 'POST', url: `/api/users/${f.aTarget}/unlock` }),
    out: (f) => ({ method: 'POST', url: `/api/users/${f.bTarget}/unlock` }),
  },
  'GET /api/audit-logs': {
    allow: STAFF,
    in: () => ({ method: 'GET', url: '/api/audit-logs?entityType=host_org&limit=200' }),
    check: (body, f, role) => {
      const entities = (body as { items: { entityId: string }[] }).items.map((i) => i.entityId);
      expect(entities).toContain(f.w.a.hostOrg.id);
      if (role !== 'admin') expect(entities).not.toContain(f.w.b.hostOrg.id);
    },
  },
};

const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login']);

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorld(t);
  const rng = new Rng(9);
  const aTarget = await createUser(
    t.services,
    t.admin,
    { username: 'a_target', roles: [{ role: 'worker', orgId: w.a.dept.id }] },
    rng,
  );
  const bTarget = await createUser(
    t.services,
    t.admin,
    { username: 'b_target', roles: [{ role: 'worker', orgId: w.b.dept.id }] },
    rng,
  );
  const bBranch = await createPartyOrg(
    t.services,
    t.admin,
    { name: '乙公司党支部', type: 'branch', regionCode: '210602', parentId: w.b.committee.id },
    rng,
  );
  await createInstructor(t.services, t.admin, rng, w.b.committee.id);
  let n = 0;
  fx = { w, aTarget: aTarget.id, bTarget: bTarget.id, bBranch: bBranch.id, seq: () => ++n };
  for (const role of ROLE_CODES) sessions.set(role, await login(t.app, w.usernames[role]));
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
          const res = await call(t.app, s, req.method, req.url, req.payload);
          if (allowed) {
            expect(res.statusCode, `${k} as ${role}: ${res.body}`).toBe(probe.inStatus ?? 200);
            if (probe.check) probe.check(res.json(), fx, role);
          } else {
            expect([403, 404], `${k} as ${role}: ${res.body}`).toContain(res.statusCode);
          }
          if (probe.out) {
            const outReq = await probe.out(fx);
            const out = await call(t.app, s, outReq.method, outReq.url, outReq.payload);
            if (role === 'admin') {
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
