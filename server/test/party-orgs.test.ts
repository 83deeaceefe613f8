import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyOrgView } from '@touyan/schemas';
import { createPartyOrg } from '../src/seed/factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let cityStaff: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await t.services.users.create(t.admin, {
    username: 'city_staff',
    displayName: '市级工作人员',
    mobile: null,
    password: 'Touyan@2025',
    mustChangePassword: false,
    roles: [{ role: 'staff', orgId: w.city.id, hostOrgId: null }],
  });
  cityStaff = await login(t.app, 'city_staff');
});
afterAll(() => t.close());

const ids = (items: PartyOrgView[]) => items.map((o) => o.id);

describe(`Party organisation tree (${TEST_DB})`, () => {
  it('shows a county user their own subtree and none of the sibling county', async () => {
    const s = await login(t.app, w.usernames.staff);
    const tree = (await call(t.app, s, 'GET', '/api/party-orgs/tree')).json().items as PartyOrgView[];
    expect(ids(tree)).toEqual(expect.arrayContaining([w.a.dept.id, w.a.committee.id, w.a.branch.id]));
    expect(ids(tree)).not.toContain(w.b.committee.id);
    expect(ids(tree)).not.toContain(w.city.id);
    const top = (await call(t.app, s, 'GET', '/api/party-orgs')).json().items as PartyOrgView[];
    expect(ids(top)).toEqual([w.a.dept.id]);
    expect(top[0]!.abilities).not.toContain('move');
    expect((await call(t.app, s, 'GET', `/api/party-orgs/${w.b.committee.id}`)).statusCode).toBe(404);
  });

  it('moves a node with its whole subtree: descendants follow into the new parent’s scope', async () => {
    const ctx = t.admin;
    const dept = await createPartyOrg(t.services, ctx, {
      name: '中共振安区委社会工作部',
      type: 'sw_dept',
      regionCode: '210604',
      parentId: w.city.id,
    });
    const committee = await createPartyOrg(t.services, ctx, {
      name: '振安区"两新"工委',
      type: 'two_new_committee',
      regionCode: '210604',
      parentId: dept.id,
    });
    const branch = await createPartyOrg(t.services, ctx, {
      name: '丙公司党支部',
      type: 'branch',
      regionCode: '210604',
      parentId: committee.id,
    });
    const countyA = await login(t.app, w.usernames.staff);
    expect((await call(t.app, countyA, 'GET', `/api/party-orgs/${branch.id}`)).statusCode).toBe(404);

    const moved = await call(t.app, cityStaff, 'POST', `/api/party-orgs/${committee.id}/move`, {
      parentId: w.a.dept.id,
      version: committee.version,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: w.a.dept.id, depth: 2, version: committee.version + 1 });
    const seen = await call(t.app, countyA, 'GET', `/api/party-orgs/${branch.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().depth).toBe(3);
    const audit = (await call(t.app, cityStaff, 'GET', `/api/audit-logs?entityId=${committee.id}&action=move`)).json();
    expect(audit.items[0].changes).toEqual([{ field: 'parentId', before: dept.id, after: w.a.dept.id }]);
  });

  it('refuses to move a node under its own descendant', async () => {
    const res = await call(t.app, cityStaff, 'POST', `/api/party-orgs/${w.a.dept.id}/move`, {
      parentId: w.a.branch.id,
      version: w.a.dept.version,
    });
    expect(res.statusCode).toBe(400);
    expect(['TREE_CYCLE', 'TREE_TYPE_NOT_ALLOWED']).toContain(res.json().code);
    const cycle = await call(t.app, cityStaff, 'POST', `/api/party-orgs/${w.a.dept.id}/move`, {
      parentId: w.a.dept.id,
      version: w.a.dept.version,
    });
    expect(cycle.json().code).toBe('TREE_CYCLE');
  });

  it('refuses a child type that does not fit the parent', async () => {
    const s = await login(t.app, w.usernames.staff);
    const res = await call(t.app, s, 'POST', '/api/party-orgs', {
      name: '错误的党委',
      type: 'park_committee',
      regionCode: '210603',
      parentId: w.a.branch.id,
      secretaryName: '张三',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('TREE_TYPE_NOT_ALLOWED');
  });

  it('creates, edits and deletes a branch, and will not delete a node that still has records', async () => {
    const s = await login(t.app, w.usernames.staff);
    const created = await call(t.app, s, 'POST', '/api/party-orgs', {
      name: '丁公司党支部',
      type: 'branch',
      regionCode: '210603',
      parentId: w.a.committee.id,
      secretaryName: '李四',
      contactPhone: '13900001111',
      memberCount: 5,
    });
    expect(created.statusCode).toBe(200);
    const org = created.json() as PartyOrgView;
    expect(org.contactPhoneMasked).toBe('139****1111');
    const edited = await call(t.app, s, 'PATCH', `/api/party-orgs/${org.id}`, {
      name: '丁公司党支部',
      type: 'branch',
      regionCode: '210603',
      secretaryName: '王五',
      memberCount: 6,
      version: org.version,
    });
    expect(edited.json()).toMatchObject({ secretaryName: '王五', memberCount: 6, version: 2 });
    expect((await call(t.app, s, 'DELETE', `/api/party-orgs/${w.a.branch.id}`)).json().code).toBe('TREE_HAS_CHILDREN');
    expect((await call(t.app, s, 'DELETE', `/api/party-orgs/${org.id}`)).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', `/api/party-orgs/${org.id}`)).statusCode).toBe(404);
  });
});

describe(`regions (${TEST_DB})`, () => {
  it('serves the GB/T 2260 tree level by level with full names', async () => {
    const s = await login(t.app, w.usernames.staff);
    const provinces = (await call(t.app, s, 'GET', '/api/regions')).json().items;
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    const liaoning = (await call(t.app, s, 'GET', '/api/regions?parent=210000')).json().items;
    expect(liaoning.map((r: { name: string }) => r.name)).toContain('丹东市');
    const zx = (await call(t.app, s, 'GET', '/api/regions/210603')).json();
    expect(zx).toMatchObject({ name: '振兴区', level: 3, fullName: '辽宁省丹东市振兴区', abilities: [] });
    const search = (await call(t.app, s, 'GET', `/api/regions?q=${encodeURIComponent('富顺')}`)).json().items;
    expect(search.map((r: { code: string }) => r.code)).toContain('510322');
  });

  it('lets an administrator add a node and move it; its children follow', async () => {
    const admin = await login(t.app, 'admin');
    expect(
      (await call(t.app, admin, 'POST', '/api/regions', { code: '210699', name: '丹东新区', parentCode: '210600' }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call(t.app, admin, 'POST', '/api/regions', { code: '219901', name: '测试街道', parentCode: '210699' })
      ).json().level,
    ).toBe(4);
    const moved = await call(t.app, admin, 'POST', '/api/regions/210699/move', { parentCode: '370600', version: 1 });
    expect(moved.json()).toMatchObject({ parentCode: '370600', fullName: '山东省烟台市丹东新区' });
    expect((await call(t.app, admin, 'GET', '/api/regions/219901')).json().fullName).toBe(
      '山东省烟台市丹东新区测试街道',
    );
    const staff = await login(t.app, w.usernames.staff);
    expect(
      (await call(t.app, staff, 'POST', '/api/regions', { code: '210698', name: 'x', parentCode: '210600' }))
        .statusCode,
    ).toBe(403);
  });
});
