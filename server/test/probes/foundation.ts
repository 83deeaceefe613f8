import { expect } from 'vitest';
import { createInstructor, createPartyOrg, createUser, hostOrgInput } from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import type { Role } from '@touyan/schemas';
import { ALL, HOST_READERS, ids, PARTY_READERS, REGION_READERS, STAFF, type Fixtures, type ProbeModule } from './types';

export const foundationProbes: ProbeModule = {
  setup: async (f) => {
    const rng = new Rng(9);
    const { t, w } = f;
    f.extra.aTarget = (
      await createUser(
        t.services,
        t.admin,
        { username: 'a_target', roles: [{ role: 'worker', orgId: w.a.dept.id }] },
        rng,
      )
    ).id;
    f.extra.bTarget = (
      await createUser(
        t.services,
        t.admin,
        { username: 'b_target', roles: [{ role: 'worker', orgId: w.b.dept.id }] },
        rng,
      )
    ).id;
    f.extra.bBranch = (
      await createPartyOrg(
        t.services,
        t.admin,
        { name: '乙公司党支部', type: 'branch', regionCode: '210602', parentId: w.b.committee.id },
        rng,
      )
    ).id;
    await createInstructor(t.services, t.admin, rng, w.b.committee.id);
  },
  probes: {
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
      in: async (f) => ({
        method: 'PATCH',
        url: '/api/regions/210604',
        payload: { name: '振安区', version: await f.version('regions', '210604') },
      }),
    },
    'POST /api/regions/:code/move': {
      allow: ['admin'],
      in: async (f) => ({
        method: 'POST',
        url: '/api/regions/210604/move',
        payload: { parentCode: '210600', version: await f.version('regions', '210604') },
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
          version: await f.version('party-orgs', f.w.a.branch.id),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/party-orgs/${f.extra.bBranch!}`,
        payload: {
          name: '乙公司党支部',
          type: 'branch',
          regionCode: '210602',
          secretaryName: '钱七',
          version: await f.version('party-orgs', f.extra.bBranch!),
        },
      }),
    },
    'POST /api/party-orgs/:id/move': {
      allow: STAFF,
      in: async (f) => ({
        method: 'POST',
        url: `/api/party-orgs/${f.w.a.branch.id}/move`,
        payload: { parentId: f.w.a.committee.id, version: await f.version('party-orgs', f.w.a.branch.id) },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/party-orgs/${f.extra.bBranch!}/move`,
        payload: { parentId: f.w.b.committee.id, version: await f.version('party-orgs', f.extra.bBranch!) },
      }),
    },
    'DELETE /api/party-orgs/:id': {
      allow: STAFF,
      in: async (f) => {
        const o = await createPartyOrg(f.t.services, f.t.admin, {
          name: `待删除支部${f.seq()}`,
          type: 'branch',
          regionCode: '210603',
          parentId: f.w.a.committee.id,
        });
        return { method: 'DELETE', url: `/api/party-orgs/${o.id}` };
      },
      out: async (f) => {
        const o = await createPartyOrg(f.t.services, f.t.admin, {
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
        payload: { ...f.w.a.hostOrg, version: await f.version('host-orgs', f.w.a.hostOrg.id) },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/host-orgs/${f.w.b.hostOrg.id}`,
        payload: { ...f.w.b.hostOrg, version: await f.version('host-orgs', f.w.b.hostOrg.id) },
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
        expect(ids(body)).toContain(f.extra.aTarget!);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.bTarget!);
      },
    },
    'GET /api/users/:id': {
      allow: STAFF,
      in: (f) => ({ method: 'GET', url: `/api/users/${f.extra.aTarget!}` }),
      out: (f) => ({ method: 'GET', url: `/api/users/${f.extra.bTarget!}` }),
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
        url: `/api/users/${f.extra.aTarget!}`,
        payload: { displayName: '甲目标', disabled: false, version: await f.version('users', f.extra.aTarget!) },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/users/${f.extra.bTarget!}`,
        payload: { displayName: '乙目标', disabled: false, version: await f.version('users', f.extra.bTarget!) },
      }),
    },
    'POST /api/users/:id/roles': {
      allow: STAFF,
      // Each call grants a role the user does not hold yet (a second identical grant answers 409).
      in: async (f) => ({
        method: 'POST',
        url: `/api/users/${f.extra.aTarget!}/roles`,
        payload: { role: 'member', orgId: await withoutRole(f, f.extra.aTarget!, 'member', f.w.a.committee.id) },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/users/${f.extra.bTarget!}/roles`,
        payload: { role: 'member', orgId: await withoutRole(f, f.extra.bTarget!, 'member', f.w.b.committee.id) },
      }),
    },
    'DELETE /api/users/:id/roles/:bindingId': {
      allow: STAFF,
      in: async (f) => {
        const bindingId = await withRole(f, f.extra.aTarget!, 'handler', f.w.a.dept.id);
        return { method: 'DELETE', url: `/api/users/${f.extra.aTarget!}/roles/${bindingId}` };
      },
      out: async (f) => {
        const bindingId = await withRole(f, f.extra.bTarget!, 'handler', f.w.b.dept.id);
        return { method: 'DELETE', url: `/api/users/${f.extra.bTarget!}/roles/${bindingId}` };
      },
    },
    'POST /api/users/:id/reset-password': {
      allow: STAFF,
      in: (f) => ({
        method: 'POST',
        url: `/api/users/${f.extra.aTarget!}/reset-password`,
        payload: { newPassword: 'Reset2026x' },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/users/${f.extra.bTarget!}/reset-password`,
        payload: { newPassword: 'Reset2026x' },
      }),
    },
    'POST /api/users/:id/unlock': {
      allow: STAFF,
      in: (f) => ({ method: 'POST', url: `/api/users/${f.extra.aTarget!}/unlock` }),
      out: (f) => ({ method: 'POST', url: `/api/users/${f.extra.bTarget!}/unlock` }),
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
  },
};

/** Revokes the user's binding of `role` on `orgId` if they hold one, so a grant of it is new; the org id. */
async function withoutRole(f: Fixtures, userId: string, role: Role, orgId: string): Promise<string> {
  const u = await f.t.services.users.get(f.t.admin, userId);
  const held = u.roles.find((r) => r.role === role && r.orgId === orgId);
  if (held) await f.t.services.users.revoke(f.t.admin, userId, held.id);
  return orgId;
}

/** The user's binding of `role` on `orgId`, granted first if they do not hold it. */
async function withRole(f: Fixtures, userId: string, role: Role, orgId: string): Promise<string> {
  const held = (await f.t.services.users.get(f.t.admin, userId)).roles.find(
    (r) => r.role === role && r.orgId === orgId,
  );
  if (held) return held.id;
  const u = await f.t.services.users.grant(f.t.admin, userId, { role, orgId, hostOrgId: null });
  return u.roles.find((r) => r.role === role && r.orgId === orgId)!.id;
}
