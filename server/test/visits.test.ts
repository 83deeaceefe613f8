import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OnlineVisitInvitation, VisitView } from '@touyan/schemas';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let specialist: Session;
let staff: Session;
let contact: Session;
let staffB: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  specialist = await login(t.app, w.usernames.specialist);
  staff = await login(t.app, w.usernames.staff);
  contact = await login(t.app, w.usernames.contact);
  const b = await call(t.app, await login(t.app, 'admin'), 'POST', '/api/users', {
    username: 'b_staff_visits',
    displayName: '元宝区工作人员',
    password: 'Touyan@2025',
    roles: [{ role: 'staff', orgId: w.b.dept.id }],
  });
  expect(b.statusCode, b.body).toBe(200);
  staffB = await login(t.app, 'b_staff_visits', 'Touyan@2025');
});
afterAll(() => t.close());

const visit = (overrides: Record<string, unknown> = {}) => ({
  hostOrgId: w.a.hostOrg.id,
  kind: 'daily',
  visitedOn: '2026-11-20',
  people: '企业专员张敏、企业负责人',
  findings: '企业反映叉车工短缺，希望对接零工招聘；厂区用电增容申请待批。',
  position: { lat: 29.19, lng: 104.97, accuracyM: 35 },
  ...overrides,
});

describe(`enterprise visits (${TEST_DB})`, () => {
  it('lets the firm’s specialist log a visit from the phone, with where it was, and lists it as theirs', async () => {
    const res = await call(t.app, specialist, 'POST', '/api/visits', visit());
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<VisitView>();
    expect(v).toMatchObject({
      hostOrgId: w.a.hostOrg.id,
      hostOrgName: w.a.hostOrg.name,
      kind: 'daily',
      status: 'recorded',
      visitedOn: '2026-11-20',
      position: { lat: 29.19, lng: 104.97, accuracyM: 35 },
      createdBy: w.users.specialist.id,
    });
    expect(v.abilities).toEqual(['create', 'update']);
    const mine = await call(t.app, specialist, 'GET', '/api/visits?mine=1&withTotal=1');
    expect(mine.json().items.map((i: VisitView) => i.id)).toContain(v.id);
    const firms = await call(t.app, specialist, 'GET', '/api/visits/my-firms');
    expect(firms.json().items).toEqual([
      expect.objectContaining({ hostOrgId: w.a.hostOrg.id, lastVisitedOn: '2026-11-20', visitCount: 1 }),
    ]);
  });

  it('shows the firm’s visits to its enterprise contact read-only, and to no other county', async () => {
    const list = await call(t.app, contact, 'GET', `/api/visits?hostOrgId=${w.a.hostOrg.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(list.json().items[0].abilities).toEqual([]);
    expect((await call(t.app, contact, 'POST', '/api/visits', visit())).statusCode).toBe(403);
    const other = await call(t.app, staffB, 'GET', `/api/visits?hostOrgId=${w.a.hostOrg.id}&withTotal=1`);
    expect(other.json()).toMatchObject({ items: [], total: 0 });
    expect((await call(t.app, staffB, 'POST', '/api/visits', visit())).statusCode).toBe(404);
  });

  it('refuses a visit without findings or with an impossible position, and stores nothing', async () => {
    const before = (await call(t.app, staff, 'GET', '/api/visits?withTotal=1')).json().total;
    const empty = await call(t.app, staff, 'POST', '/api/visits', visit({ findings: '  ' }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields.findings).toBeTruthy();
    const far = await call(t.app, staff, 'POST', '/api/visits', visit({ position: { lat: 91, lng: 0, accuracyM: 5 } }));
    expect(far.statusCode).toBe(400);
    const online = await call(t.app, staff, 'POST', '/api/visits', visit({ kind: 'online' }));
    expect(online.statusCode).toBe(400);
    expect((await call(t.app, staff, 'GET', '/api/visits?withTotal=1')).json().total).toBe(before);
  });

  it('lets the author edit with the current version only, and staff over the firm too', async () => {
    const v = (await call(t.app, specialist, 'POST', '/api/visits', visit())).json<VisitView>();
    const edit = {
      kind: 'research',
      visitedOn: '2026-11-21',
      people: null,
      findings: '集中调研：用工、用电两项诉求。',
    };
    const ok = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, { ...edit, version: v.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'research', visitedOn: '2026-11-21', version: v.version + 1 });
    const stale = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, { ...edit, version: v.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const byStaff = await call(t.app, staff, 'PATCH', `/api/visits/${v.id}`, { ...edit, version: v.version + 1 });
    expect(byStaff.statusCode).toBe(200);
  });

  it('sends an online visit link the firm fills in once, without logging in', async () => {
    const res = await call(t.app, specialist, 'POST', '/api/visits/online', {
      hostOrgId: w.a.hostOrg.id,
      note: '请填写近期经营情况和需要协调的困难',
    });
    expect(res.statusCode, res.body).toBe(200);
    const inv = res.json<OnlineVisitInvitation>();
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(inv.visit).toMatchObject({ kind: 'online', status: 'awaiting', findings: null, abilities: ['create'] });
    // The secret is never stored or shown again.
    const stored = await t.services.db
      .selectFrom('visits')
      .selectAll()
      .where('id', '=', inv.visit.id)
      .executeTakeFirst();
    expect(JSON.stringify(stored)).not.toContain(inv.token);
    expect(JSON.stringify((await call(t.app, specialist, 'GET', `/api/visits/${inv.visit.id}`)).json())).not.toContain(
      inv.token,
    );

    const open = await call(t.app, null, 'GET', `/api/online-visits/${inv.token}`);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({
      hostOrgName: w.a.hostOrg.name,
      specialistName: w.users.specialist.displayName,
      status: 'awaiting',
    });
    const form = { contactName: '李经理', findings: '订单增长，缺少熟练缝纫工约30人；希望协调技改资金申报。' };
    const fill = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, form);
    expect(fill.statusCode, fill.body).toBe(200);
    const again = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, form);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ONLINE_VISIT_DONE');
    const done = (await call(t.app, specialist, 'GET', `/api/visits/${inv.visit.id}`)).json<VisitView>();
    expect(done).toMatchObject({ status: 'recorded', contactName: '李经理', findings: form.findings });
    expect(done.visitedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const edit = await call(t.app, specialist, 'PATCH', `/api/visits/${done.id}`, {
      kind: 'daily',
      visitedOn: '2026-11-01',
      people: null,
      findings: '改写',
      version: done.version,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('VISIT_NOT_EDITABLE');
  });

  it('refuses an expired link and one never issued', async () => {
    const inv = (
      await call(t.app, specialist, 'POST', '/api/visits/online', { hostOrgId: w.a.hostOrg.id })
    ).json<OnlineVisitInvitation>();
    await t.services.db
      .updateTable('visits')
      .set({ onlineExpiresAt: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', inv.visit.id)
      .execute();
    expect((await call(t.app, null, 'GET', `/api/online-visits/${inv.token}`)).json().status).toBe('expired');
    const late = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, {
      contactName: '李经理',
      findings: '晚了',
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('ONLINE_VISIT_EXPIRED');
    const unknown = await call(t.app, null, 'GET', `/api/online-visits/${'A'.repeat(32)}`);
    expect(unknown.statusCode).toBe(404);
    const malformed = await call(t.app, null, 'GET', '/api/online-visits/short');
    expect(malformed.statusCode).toBe(400);
  });

  it('audits logging, editing and the firm’s own fill-in', async () => {
    const rows = await t.services.db
      .selectFrom('auditLogs')
      .select(['action', 'userName'])
      .where('entityType', '=', 'visit')
      .execute();
    expect(rows.some((r) => r.action === 'create')).toBe(true);
    expect(rows.some((r) => r.action === 'update' && r.userName === '李经理（企业填写）')).toBe(true);
  });
});
