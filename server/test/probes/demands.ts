import { expect } from 'vitest';
import type { Role } from '@touyan/schemas';
import { createPartyOrg, ctxOf, createUser } from '../../src/seed/factories';
import {
  advanceDemand,
  createDemand,
  createDemandRoute,
  createDepartment,
  demandInput,
} from '../../src/seed/demand-factories';
import type { DemandStatus } from '@touyan/schemas';
import type { Fixtures, ProbeModule, Req } from './types';
import { ids, STAFF } from './types';

/** Who holds demand.read. */
const READERS: Role[] = ['admin', 'staff', 'specialist', 'handler', 'contact'];
const CONFIG_READERS: Role[] = READERS;

const hostOf = (f: Fixtures, county: 'a' | 'b') => (county === 'a' ? f.w.a.hostOrg.id : f.w.b.hostOrg.id);

/** A fresh demand of the county's firm, moved to `status` by that county's handler. */
async function demandIn(f: Fixtures, county: 'a' | 'b', status: DemandStatus) {
  const s = f.t.services;
  const d = await createDemand(s, f.t.admin, { hostOrgId: hostOf(f, county), title: `矩阵诉求${f.seq()}` });
  const handler = await ctxOf(s, county === 'a' ? 'a_handler' : 'b_demand_handler');
  return advanceDemand(s, handler, d, status);
}

const step =
  (name: string, status: DemandStatus, extra: (f: Fixtures, county: 'a' | 'b') => object = () => ({})) =>
  (county: 'a' | 'b') =>
  async (f: Fixtures): Promise<Req> => {
    const d = await demandIn(f, county, status);
    return {
      method: 'POST',
      url: `/api/demands/${d.id}/${name}`,
      payload: { version: d.version, ...extra(f, county) },
    };
  };

/** Departments and routes have no detail route: their version is read from the table. */
async function dbVersion(f: Fixtures, table: 'departments' | 'demandRoutes', id: string) {
  const r = await f.t.services.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return r.version;
}

const note = () => ({ note: '矩阵测试说明' });
const depOf = (f: Fixtures, county: 'a' | 'b') => (county === 'a' ? f.extra.depA2! : f.extra.depB2!);

/** Departments, routes and demands in county A and county B (each handled by its own county). */
export const demandsProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    const admin = f.t.admin;
    const bHandler = await createUser(s, admin, {
      username: 'b_demand_handler',
      roles: [{ role: 'handler', orgId: f.w.b.dept.id }],
    });
    const depA = await createDepartment(s, admin, {
      name: '振兴区发改局',
      orgId: f.w.a.dept.id,
      memberIds: [f.w.users.handler.id],
    });
    const depB = await createDepartment(s, admin, {
      name: '元宝区发改局',
      orgId: f.w.b.dept.id,
      memberIds: [bHandler.id],
    });
    f.extra.depA = depA.id;
    f.extra.depB = depB.id;
    f.extra.depA2 = (await createDepartment(s, admin, { name: '振兴区人社局', orgId: f.w.a.dept.id })).id;
    f.extra.depB2 = (await createDepartment(s, admin, { name: '元宝区人社局', orgId: f.w.b.dept.id })).id;
    f.extra.depA3 = (await createDepartment(s, admin, { name: '振兴区科技局', orgId: f.w.a.dept.id })).id;
    f.extra.routeA = (
      await createDemandRoute(s, admin, { orgId: f.w.a.dept.id, category: 'policy', departmentId: depA.id })
    ).id;
    f.extra.routeB = (
      await createDemandRoute(s, admin, { orgId: f.w.b.dept.id, category: 'policy', departmentId: depB.id })
    ).id;
    f.extra.demandA = (await createDemand(s, admin, { hostOrgId: f.w.a.hostOrg.id })).id;
    f.extra.demandB = (await createDemand(s, admin, { hostOrgId: f.w.b.hostOrg.id })).id;
  },
  probes: {
    'GET /api/admin/work-calendar/:year': {
      allow: ['admin'],
      in: () => ({ method: 'GET', url: '/api/admin/work-calendar/2031' }),
    },
    'PUT /api/admin/work-calendar/:year': {
      allow: ['admin'],
      in: () => ({
        method: 'PUT',
        url: '/api/admin/work-calendar/2031',
        payload: { days: [{ date: '2031-10-01', kind: 'holiday', name: '国庆节' }] },
      }),
    },
    'GET /api/departments': {
      allow: CONFIG_READERS,
      in: () => ({ method: 'GET', url: '/api/departments?limit=200' }),
      check: (body, f, role) => {
        if (role === 'admin' || role === 'staff' || role === 'handler') expect(ids(body)).toContain(f.extra.depA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.depB);
      },
    },
    'POST /api/departments': {
      allow: STAFF,
      in: (f) => ({
        method: 'POST',
        url: '/api/departments',
        payload: { name: `矩阵部门${f.seq()}`, orgId: f.w.a.dept.id, memberIds: [] },
      }),
      out: (f) => ({
        method: 'POST',
        url: '/api/departments',
        payload: { name: `矩阵部门${f.seq()}`, orgId: f.w.b.dept.id, memberIds: [] },
      }),
    },
    'PATCH /api/departments/:id': {
      allow: STAFF,
      reads: ['admin', 'staff'],
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/departments/${f.extra.depA3}`,
        payload: {
          name: '振兴区科技局',
          orgId: f.w.a.dept.id,
          memberIds: [],
          version: await dbVersion(f, 'departments', f.extra.depA3!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/departments/${f.extra.depB2}`,
        payload: {
          name: '元宝区人社局',
          orgId: f.w.b.dept.id,
          memberIds: [],
          version: await dbVersion(f, 'departments', f.extra.depB2!),
        },
      }),
    },
    'GET /api/demand-routes': {
      allow: CONFIG_READERS,
      in: () => ({ method: 'GET', url: '/api/demand-routes?limit=200' }),
      check: (body, f, role) => {
        if (role === 'admin' || role === 'staff' || role === 'handler') expect(ids(body)).toContain(f.extra.routeA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.routeB);
      },
    },
    'POST /api/demand-routes': {
      allow: STAFF,
      in: async (f) => {
        // A fresh node each time: one route per node and category.
        const org = await createPartyOrg(f.t.services, f.t.admin, {
          name: `矩阵路由支部${f.seq()}`,
          type: 'branch',
          regionCode: '210603',
          parentId: f.w.a.committee.id,
        });
        return {
          method: 'POST',
          url: '/api/demand-routes',
          payload: { orgId: org.id, category: 'technology', departmentId: f.extra.depA2 },
        };
      },
      out: (f) => ({
        method: 'POST',
        url: '/api/demand-routes',
        payload: { orgId: f.w.b.committee.id, category: 'technology', departmentId: f.extra.depB2 },
      }),
    },
    'PATCH /api/demand-routes/:id': {
      allow: STAFF,
      reads: ['admin', 'staff'],
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/demand-routes/${f.extra.routeA}`,
        payload: {
          orgId: f.w.a.dept.id,
          category: 'policy',
          departmentId: f.extra.depA,
          signDays: 1,
          replyDays: 3,
          resolveDays: 15,
          version: await dbVersion(f, 'demandRoutes', f.extra.routeA!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/demand-routes/${f.extra.routeB}`,
        payload: {
          orgId: f.w.b.dept.id,
          category: 'policy',
          departmentId: f.extra.depB,
          version: await dbVersion(f, 'demandRoutes', f.extra.routeB!),
        },
      }),
    },
    'GET /api/demands': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/demands?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.demandA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.demandB);
      },
    },
    'GET /api/demands/stats': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/demands/stats?groupBy=department' }),
    },
    'GET /api/demands/export.xlsx': {
      allow: READERS,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/demands/export.xlsx' }),
    },
    'GET /api/demands/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/demands/${f.extra.demandA}` }),
      out: (f) => ({ method: 'GET', url: `/api/demands/${f.extra.demandB}` }),
    },
    'POST /api/demands': {
      allow: ['admin', 'staff', 'specialist', 'contact'],
      in: (f) => ({ method: 'POST', url: '/api/demands', payload: demandInput({ hostOrgId: hostOf(f, 'a') }) }),
      out: (f) => ({ method: 'POST', url: '/api/demands', payload: demandInput({ hostOrgId: hostOf(f, 'b') }) }),
    },
    'POST /api/demands/:id/accept': {
      allow: ['handler'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('accept', 'received')('a'),
      out: step('accept', 'received')('b'),
    },
    'POST /api/demands/:id/reply': {
      allow: ['handler'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('reply', 'accepted', note)('a'),
      out: step('reply', 'accepted', note)('b'),
    },
    'POST /api/demands/:id/resolve': {
      allow: ['handler'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('resolve', 'in_progress', note)('a'),
      out: step('resolve', 'in_progress', note)('b'),
    },
    'POST /api/demands/:id/transfer': {
      allow: ['handler'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('transfer', 'received', (f, c) => ({ ...note(), departmentId: depOf(f, c) }))('a'),
      out: step('transfer', 'received', (f, c) => ({ ...note(), departmentId: depOf(f, c) }))('b'),
    },
    'POST /api/demands/:id/return': {
      allow: ['handler'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('return', 'received', note)('a'),
      out: step('return', 'received', note)('b'),
    },
    'POST /api/demands/:id/rate': {
      allow: ['contact'],
      statusFor: { admin: { in: 403, out: 403 } },
      in: step('rate', 'resolved', () => ({ rating: 'satisfied' }))('a'),
      out: step('rate', 'resolved', () => ({ rating: 'satisfied' }))('b'),
    },
    'POST /api/demands/:id/reroute': {
      allow: STAFF,
      in: step('reroute', 'received', (f, c) => ({ departmentId: depOf(f, c) }))('a'),
      out: step('reroute', 'received', (f, c) => ({ departmentId: depOf(f, c) }))('b'),
    },
    'POST /api/demands/:id/close': {
      allow: STAFF,
      in: async (f) => {
        const d = await demandIn(f, 'a', 'resolved');
        await f.t.services.db.updateTable('demands').set({ resolvedOn: '2020-01-02' }).where('id', '=', d.id).execute();
        return { method: 'POST', url: `/api/demands/${d.id}/close`, payload: { version: d.version } };
      },
      out: async (f) => {
        const d = await demandIn(f, 'b', 'resolved');
        await f.t.services.db.updateTable('demands').set({ resolvedOn: '2020-01-02' }).where('id', '=', d.id).execute();
        return { method: 'POST', url: `/api/demands/${d.id}/close`, payload: { version: d.version } };
      },
    },
  },
};
