import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandPage, MyFirm, OnlineVisitInvitation, VisitView } from '@touyan/schemas';
import { UnlinkedUploadsCleanup } from '../src/modules/attachments/attachments.cleanup';
import { createDemandRoute, createDepartment } from '../src/seed/demand-factories';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
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
  // Demands raised by visits are routed like any other: policy and financing have a lead department.
  const dep = await createDepartment(t.services, t.admin, {
    name: '振兴区发改局',
    orgId: w.a.dept.id,
    memberIds: [w.users.handler.id],
  });
  for (const category of ['policy', 'factor_finance'] as const)
    await createDemandRoute(t.services, t.admin, { orgId: w.a.dept.id, category, departmentId: dep.id });
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

/** A JPEG of `size` bytes (its magic number is what the server checks). */
const jpeg = (size = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 9)]);
const pdf = () => Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function uploadPhoto(s: Session, data = jpeg(), filename = '厂区.jpg', type = 'image/jpeg') {
  const mp = multipart({}, { field: 'file', filename, type, data });
  return t.app.inject({
    method: 'POST',
    url: '/api/visit-photos',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...mp.headers },
    payload: mp.body,
  });
}
async function photoId(s: Session): Promise<string> {
  const res = await uploadPhoto(s);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string }>().id;
}
const demandItem = (overrides: Record<string, unknown> = {}) => ({
  category: 'policy',
  title: '申请技改专项政策辅导',
  description: '企业计划更新两条生产线，希望了解设备更新贷款贴息政策并获得申报辅导。',
  ...overrides,
});
const visitTotal = async () =>
  (await call(t.app, staff, 'GET', '/api/visits?withTotal=1')).json<{ total: number }>().total;
const demandsOfVisit = async (visitId: string) =>
  await t.services.db.selectFrom('demands').selectAll().where('visitId', '=', visitId).orderBy('id').execute();

describe(`visit photos (${TEST_DB})`, () => {
  it('takes a photo from the phone, links it when the visit is saved and shows it with the visit', async () => {
    const id = await photoId(specialist);
    const res = await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [id] }));
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<VisitView>();
    expect(v.photos).toEqual([
      expect.objectContaining({ id, mime: 'image/jpeg', url: `/api/visits/${v.id}/photos/${id}` }),
    ]);
    const img = await call(t.app, specialist, 'GET', v.photos[0]!.url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // Whoever reads the visit sees its photos (the firm's contact, staff over it); nobody else.
    expect((await call(t.app, contact, 'GET', v.photos[0]!.url)).statusCode).toBe(200);
    expect((await call(t.app, staff, 'GET', `/api/visits/${v.id}`)).json<VisitView>().photos).toHaveLength(1);
    expect((await call(t.app, staffB, 'GET', v.photos[0]!.url)).statusCode).toBe(404);
    // A photo is read only through its own visit, never as a project attachment.
    const other = (await call(t.app, specialist, 'POST', '/api/visits', visit())).json<VisitView>();
    expect((await call(t.app, specialist, 'GET', `/api/visits/${other.id}/photos/${id}`)).statusCode).toBe(404);
    const admin = await login(t.app, 'admin');
    expect((await call(t.app, admin, 'GET', `/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('keeps a photo linked to a visit when the cleanup removes day-old unlinked uploads', async () => {
    const linked = await photoId(specialist);
    const stray = await photoId(specialist);
    const v = (await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [linked] }))).json<VisitView>();
    await t.services.db
      .updateTable('attachments')
      .set({ uploadedAt: '2020-01-01T00:00:00.000Z' })
      .where('id', 'in', [linked, stray])
      .execute();
    await new UnlinkedUploadsCleanup(t.services.store, t.services.attachments.storage, 86_400_000).run();
    const left = await t.services.db
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', [linked, stray])
      .execute();
    expect(left.map((r) => r.id)).toEqual([linked]);
    expect((await call(t.app, specialist, 'GET', `/api/visits/${v.id}/photos/${linked}`)).statusCode).toBe(200);
  });

  it('edits a visit’s photos: adds the editor’s uploads, removes its own (row and file), versioned, at most nine', async () => {
    const first = await photoId(specialist);
    const second = await photoId(specialist);
    const v = (
      await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [first, second] }))
    ).json<VisitView>();
    const [row] = await t.services.db.selectFrom('attachments').selectAll().where('id', '=', first).execute();
    expect(await t.services.attachments.storage.open(row!.storagePath)).toBeTruthy();
    const fields = { kind: v.kind, visitedOn: v.visitedOn, people: v.people, findings: v.findings };
    const added = await photoId(specialist);
    const edit = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      addPhotoIds: [added],
      removePhotoIds: [first],
      version: v.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = edit.json<VisitView>();
    expect(edited.photos.map((p) => p.id)).toEqual([second, added].sort());
    expect(edited.version).toBe(v.version + 1);
    // The removed photo is gone: row, file and route.
    expect(await t.services.db.selectFrom('attachments').select('id').where('id', '=', first).execute()).toEqual([]);
    const file = await t.services.attachments.storage.open(row!.storagePath);
    expect(file).toBeFalsy();
    expect((await call(t.app, specialist, 'GET', `/api/visits/${v.id}/photos/${first}`)).statusCode).toBe(404);
    // A stale copy, a photo of another visit, another user's upload and a tenth photo are refused; nothing changes.
    const stale = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      removePhotoIds: [second],
      version: v.version,
    });
    expect(stale.statusCode).toBe(409);
    const other = (
      await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [await photoId(specialist)] }))
    ).json<VisitView>();
    const foreign = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      removePhotoIds: [other.photos[0]!.id],
      version: edited.version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields.removePhotoIds).toBeTruthy();
    const staffs = await photoId(staff);
    const notMine = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      addPhotoIds: [staffs],
      version: edited.version,
    });
    expect(notMine.statusCode).toBe(404);
    const many = [];
    for (let i = 0; i < 8; i++) many.push(await photoId(specialist));
    const tooMany = await call(t.app, specialist, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      addPhotoIds: many,
      version: edited.version,
    });
    expect(tooMany.statusCode).toBe(400);
    const now = (await call(t.app, specialist, 'GET', `/api/visits/${v.id}`)).json<VisitView>();
    expect(now).toMatchObject({ version: edited.version });
    expect(now.photos.map((p) => p.id)).toEqual([second, added].sort());
    expect(
      (await call(t.app, specialist, 'GET', `/api/visits/${other.id}/photos/${other.photos[0]!.id}`)).statusCode,
    ).toBe(200);
    // The firm's contact reads the visit but may not edit it.
    const byContact = await call(t.app, contact, 'PATCH', `/api/visits/${v.id}`, {
      ...fields,
      removePhotoIds: [second],
      version: edited.version,
    });
    expect(byContact.statusCode).toBe(403);
  });

  it('accepts only images, checked on the bytes, not on the name', async () => {
    const res = await uploadPhoto(specialist, pdf(), '照片.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VISIT_PHOTO_TYPE');
    expect((await uploadPhoto(contact)).statusCode).toBe(403);
  });

  it('refuses another user’s photo, a photo already on a visit and too many photos, and stores nothing', async () => {
    const before = await visitTotal();
    const mine = await photoId(specialist);
    // Staff cannot attach the specialist's upload: it is not theirs to reference.
    expect((await call(t.app, staff, 'POST', '/api/visits', visit({ photoIds: [mine] }))).statusCode).toBe(404);
    const ok = await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [mine] }));
    expect(ok.statusCode, ok.body).toBe(200);
    const reuse = await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: [mine] }));
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().fields.photoIds).toBeTruthy();
    const many = await call(t.app, specialist, 'POST', '/api/visits', visit({ photoIds: Array(10).fill(mine) }));
    expect(many.statusCode).toBe(400);
    expect(await visitTotal()).toBe(before + 1);
  });
});

describe(`demands raised from a visit (${TEST_DB})`, () => {
  it('creates the demands with the visit, routed, audited and shown on the visit with their status', async () => {
    const res = await call(
      t.app,
      specialist,
      'POST',
      '/api/visits',
      visit({
        demands: [
          demandItem(),
          demandItem({ category: 'factor_finance', title: '技改贷款贴息', amountAskedFen: 300_000_000 }),
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<VisitView>();
    expect(v.demands).toEqual([
      expect.objectContaining({
        title: '申请技改专项政策辅导',
        category: 'policy',
        source: 'visit',
        status: 'received',
      }),
      expect.objectContaining({
        title: '技改贷款贴息',
        category: 'factor_finance',
        source: 'visit',
        status: 'received',
      }),
    ]);
    const rows = await demandsOfVisit(v.id);
    expect(rows.map((r) => [r.hostOrgId, r.source, r.createdBy, r.amountAskedFen])).toEqual([
      [w.a.hostOrg.id, 'visit', w.users.specialist.id, null],
      [w.a.hostOrg.id, 'visit', w.users.specialist.id, 300_000_000],
    ]);
    expect(rows.every((r) => r.leadDepartmentId !== null && r.resolveDueOn !== null)).toBe(true);
    const audit = await t.services.db
      .selectFrom('auditLogs')
      .select('entityId')
      .where('entityType', '=', 'demand')
      .where(
        'entityId',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(audit).toHaveLength(2);
    // The department's handler gets them like any demand, and the contact sees them on the visit.
    const handler = await login(t.app, w.usernames.handler);
    const theirs = (await call(t.app, handler, 'GET', '/api/demands?limit=100')).json<DemandPage>();
    expect(theirs.items.filter((d) => d.visitId === v.id)).toHaveLength(2);
    expect((await call(t.app, contact, 'GET', `/api/visits/${v.id}`)).json<VisitView>().demands).toHaveLength(2);
    // Staff of another county do not even see the visit.
    expect((await call(t.app, staffB, 'GET', `/api/visits/${v.id}`)).statusCode).toBe(404);
    // Each demand names its visit (the demand drawer links to /visits?visit=<id>), which lists it.
    for (const d of v.demands) {
      const one = await call(t.app, staff, 'GET', `/api/demands/${d.id}`);
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json()).toMatchObject({ id: d.id, visitId: v.id });
    }
  });

  it('is all or nothing: an amount outside 融资, too many demands or an unroutable one stores no visit', async () => {
    const before = await visitTotal();
    const amount = await call(
      t.app,
      specialist,
      'POST',
      '/api/visits',
      visit({ demands: [demandItem({ amountAskedFen: 100 })] }),
    );
    expect(amount.statusCode).toBe(400);
    expect(amount.json().fields['demands.0.amountAskedFen']).toBe('仅融资类诉求可填写金额');
    const many = await call(t.app, specialist, 'POST', '/api/visits', visit({ demands: Array(6).fill(demandItem()) }));
    expect(many.statusCode).toBe(400);
    const long = await call(
      t.app,
      specialist,
      'POST',
      '/api/visits',
      visit({ demands: [demandItem({ description: '长'.repeat(1001) })] }),
    );
    expect(long.statusCode).toBe(400);
    const noRoute = await call(
      t.app,
      specialist,
      'POST',
      '/api/visits',
      visit({ demands: [demandItem(), demandItem({ category: 'legacy' })] }),
    );
    expect(noRoute.statusCode).toBe(400);
    expect(noRoute.json().code).toBe('DEMAND_NO_ROUTE');
    expect(await visitTotal()).toBe(before);
  });

  it('links a demand only to a visit of the same firm, and keeps the online source for the firm’s form', async () => {
    const vb = (
      await call(t.app, staffB, 'POST', '/api/visits', visit({ hostOrgId: w.b.hostOrg.id }))
    ).json<VisitView>();
    const admin = await login(t.app, 'admin');
    const body = { hostOrgId: w.a.hostOrg.id, category: 'policy', title: '政策辅导', description: '说明' };
    const cross = await call(t.app, admin, 'POST', '/api/demands', { ...body, source: 'visit', visitId: vb.id });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().fields.visitId).toBeTruthy();
    const fake = await call(t.app, specialist, 'POST', '/api/demands', { ...body, source: 'online_visit' });
    expect(fake.statusCode).toBe(400);
    const va = (await call(t.app, specialist, 'POST', '/api/visits', visit())).json<VisitView>();
    const later = await call(t.app, specialist, 'POST', '/api/demands', { ...body, source: 'visit', visitId: va.id });
    expect(later.statusCode, later.body).toBe(200);
    expect((await call(t.app, specialist, 'GET', `/api/visits/${va.id}`)).json<VisitView>().demands).toHaveLength(1);
  });

  it('creates the demands the firm lists on the online form with the fill, for the link’s firm only, once', async () => {
    const inv = (
      await call(t.app, specialist, 'POST', '/api/visits/online', { hostOrgId: w.a.hostOrg.id })
    ).json<OnlineVisitInvitation>();
    const form = {
      contactName: '王经理',
      findings: '订单稳定，融资压力较大。',
      demands: [
        { ...demandItem({ category: 'factor_finance', amountAskedFen: 5_000_000 }), hostOrgId: w.b.hostOrg.id },
      ],
    };
    // A demand that cannot be routed fails the whole fill: the link stays open, nothing is created.
    const bad = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, {
      ...form,
      demands: [...form.demands, demandItem({ category: 'legacy' })],
    });
    expect(bad.statusCode).toBe(400);
    expect((await call(t.app, null, 'GET', `/api/online-visits/${inv.token}`)).json().status).toBe('awaiting');
    expect(await demandsOfVisit(inv.visit.id)).toEqual([]);
    const tooMany = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, {
      ...form,
      demands: Array(6).fill(demandItem()),
    });
    expect(tooMany.statusCode).toBe(400);

    const ok = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, form);
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await call(t.app, null, 'POST', `/api/online-visits/${inv.token}`, form);
    expect(again.statusCode).toBe(409);
    const rows = await demandsOfVisit(inv.visit.id);
    expect(rows.map((r) => [r.hostOrgId, r.source, r.createdBy, r.amountAskedFen, r.status])).toEqual([
      [w.a.hostOrg.id, 'online_visit', null, 5_000_000, 'received'],
    ]);
    const events = await t.services.db
      .selectFrom('demandEvents')
      .select(['kind', 'actorName'])
      .where('demandId', '=', rows[0]!.id)
      .orderBy('id')
      .execute();
    expect(events[0]).toEqual({ kind: 'create', actorName: '王经理（企业填写）' });
    const v = (await call(t.app, specialist, 'GET', `/api/visits/${inv.visit.id}`)).json<VisitView>();
    expect(v.demands).toEqual([expect.objectContaining({ source: 'online_visit', status: 'received' })]);
  });
});

describe(`open demands on the specialist's firm list (${TEST_DB})`, () => {
  it('counts the firm’s open demands by the demand list’s own rule', async () => {
    const firms = (await call(t.app, specialist, 'GET', '/api/visits/my-firms')).json<{ items: MyFirm[] }>().items;
    const firm = firms.find((f) => f.hostOrgId === w.a.hostOrg.id)!;
    const open = (
      await call(t.app, specialist, 'GET', `/api/demands?hostOrgId=${w.a.hostOrg.id}&open=1&limit=200`)
    ).json<DemandPage>();
    expect(firm.openDemandCount).toBeGreaterThan(0);
    expect(firm.openDemandCount).toBe(open.items.length);
    // Closing one (here: resolved by the department) takes it off the count.
    const d = open.items[0]!;
    await t.services.db.updateTable('demands').set({ status: 'resolved' }).where('id', '=', d.id).execute();
    const after = (await call(t.app, specialist, 'GET', '/api/visits/my-firms')).json<{ items: MyFirm[] }>().items;
    expect(after.find((f) => f.hostOrgId === w.a.hostOrg.id)!.openDemandCount).toBe(firm.openDemandCount - 1);
  });
});
