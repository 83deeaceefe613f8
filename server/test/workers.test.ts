import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerPage, WorkerSelfView, WorkerView } from '@touyan/schemas';
import { createVerifiedWorker, createWorker, nextIdNumber, workerInput } from '../src/seed/worker-factories';
import { shanghaiDate } from '../src/core/time';
import { WorkersRepository } from '../src/modules/workers/workers.repository';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let admin: Session;
let staff: Session;
let manager: Session;
let worker: Session;
let staffB: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await login(t.app, 'admin');
  staff = await login(t.app, w.usernames.staff);
  manager = await login(t.app, w.usernames.station_manager);
  worker = await login(t.app, w.usernames.worker);
  const b = await call(t.app, admin, 'POST', '/api/users', {
    username: 'b_staff_workers',
    displayName: '元宝区工作人员',
    password: 'Touyan@2025',
    roles: [{ role: 'staff', orgId: w.b.dept.id }],
  });
  expect(b.statusCode, b.body).toBe(200);
  staffB = await login(t.app, 'b_staff_workers', 'Touyan@2025');
});
afterAll(() => t.close());

const body = async (overrides: Record<string, unknown> = {}) => ({
  ...(await workerInput(t.services, t.admin, { regionCode: '210603' })),
  name: '李骑手',
  ...overrides,
});

describe(`worker registry (${TEST_DB})`, () => {
  it('lets staff enter a worker of their county: pending, ID number and mobile masked', async () => {
    const input = await body({ mobile: '13912345678' });
    const res = await call(t.app, staff, 'POST', '/api/workers', input);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<WorkerView>();
    expect(v).toMatchObject({
      name: '李骑手',
      status: 'pending',
      registeredVia: 'staff',
      mobileMasked: '139****5678',
      idNumberMasked: `${input.idNumber.slice(0, 4)}**********${input.idNumber.slice(14)}`,
      regionCode: '210603',
    });
    expect(v.abilities).toEqual(expect.arrayContaining(['update', 'verify', 'reject', 'reveal']));
    expect(JSON.stringify(v)).not.toContain(input.idNumber);
    // Stored encrypted: the row holds neither number in clear.
    const row = await t.services.db.selectFrom('workers').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(input.idNumber);
    expect(JSON.stringify(row)).not.toContain('13912345678');
    const list = await call(t.app, staff, 'GET', '/api/workers?withTotal=1&limit=200');
    const page = list.json<WorkerPage>();
    expect(page.items.map((i) => i.id)).toContain(v.id);
    expect(list.body).not.toContain(input.idNumber);
  });

  it('refuses a wrong check digit with a field message', async () => {
    const good = nextIdNumber('210603');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await call(t.app, staff, 'POST', '/api/workers', await body({ idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.idNumber).toContain('身份证');
  });

  it('refuses a second registration of the same ID number with WORKER_DUPLICATE, also when two race', async () => {
    const input = await body();
    expect((await call(t.app, staff, 'POST', '/api/workers', input)).statusCode).toBe(200);
    const again = await call(t.app, staff, 'POST', '/api/workers', { ...input, name: '另一人' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'WORKER_DUPLICATE' });
    expect(again.json().message).toContain('已登记');
    // A race: both pass the check; the unique index answers the loser the same way.
    const racing = await body();
    const results = await Promise.all([
      call(t.app, staff, 'POST', '/api/workers', racing),
      call(t.app, admin, 'POST', '/api/workers', racing),
      call(t.app, staff, 'POST', '/api/workers', racing),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    for (const r of results.filter((r) => r.statusCode === 409)) expect(r.json().code).toBe('WORKER_DUPLICATE');
  });

  it('walks the state machine: verify, reject with a reason, disable and verify again; stale versions 409', async () => {
    const a = await createWorker(t.services, t.admin, { regionCode: '210603' });
    const v = await call(t.app, manager, 'POST', `/api/workers/${a.id}/verify`, { version: a.version });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json<WorkerView>()).toMatchObject({ status: 'verified', verifiedByName: expect.any(String) });
    const stale = await call(t.app, manager, 'POST', `/api/workers/${a.id}/disable`, { version: a.version });
    expect(stale.statusCode).toBe(409);
    const again = await call(t.app, manager, 'POST', `/api/workers/${a.id}/verify`, { version: v.json().version });
    expect(again.json().code).toBe('WORKER_STATUS');
    const d = await call(t.app, manager, 'POST', `/api/workers/${a.id}/disable`, { version: v.json().version });
    expect(d.json<WorkerView>().status).toBe('disabled');
    const e = await call(t.app, staff, 'POST', `/api/workers/${a.id}/verify`, { version: d.json().version });
    expect(e.json<WorkerView>().status).toBe('verified');

    const b = await createWorker(t.services, t.admin, { regionCode: '210603' });
    const noReason = await call(t.app, manager, 'POST', `/api/workers/${b.id}/reject`, { version: b.version });
    expect(noReason.statusCode).toBe(400);
    const r = await call(t.app, manager, 'POST', `/api/workers/${b.id}/reject`, {
      version: b.version,
      reason: '照片不清晰',
    });
    expect(r.json<WorkerView>()).toMatchObject({ status: 'rejected', rejectReason: '照片不清晰' });
    // A station manager verifies but does not edit or reveal.
    expect(r.json<WorkerView>().abilities).toEqual([]);
  });

  it('keeps the stored mobile and ID number when an edit leaves them out, and refuses another worker’s ID number', async () => {
    const input = await body({ mobile: '13711112222' });
    const created = (await call(t.app, staff, 'POST', '/api/workers', input)).json<WorkerView>();
    const { mobile: _m, idNumber: _i, ...rest } = input;
    const res = await call(t.app, staff, 'PATCH', `/api/workers/${created.id}`, {
      ...rest,
      name: '李骑手改',
      platform: 'jd',
      version: created.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<WorkerView>()).toMatchObject({ name: '李骑手改', platform: 'jd', mobileMasked: '137****2222' });
    const full = await call(t.app, staff, 'POST', `/api/workers/${created.id}/reveal`);
    expect(full.json()).toEqual({ idNumber: input.idNumber, mobile: '13711112222' });
    const other = await createWorker(t.services, t.admin, { regionCode: '210603' });
    const clash = await call(t.app, staff, 'PATCH', `/api/workers/${created.id}`, {
      ...rest,
      idNumber: (await t.services.workers.reveal(t.admin, other.id)).idNumber,
      version: res.json<WorkerView>().version,
    });
    expect(clash.json().code).toBe('WORKER_DUPLICATE');
    // A first self-registration needs both numbers.
    const w2 = await call(t.app, admin, 'POST', '/api/users', {
      username: 'a_worker_two',
      displayName: '赵骑手',
      password: 'Touyan@2025',
      roles: [{ role: 'worker', orgId: w.a.dept.id }],
    });
    expect(w2.statusCode, w2.body).toBe(200);
    const second = await login(t.app, 'a_worker_two', 'Touyan@2025');
    const missing = await call(t.app, second, 'PUT', '/api/workers/me', rest);
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().fields).sort()).toEqual(['idNumber', 'mobile']);
  });

  it('verifies a batch, skipping those not pending', async () => {
    const p1 = await createWorker(t.services, t.admin, { regionCode: '210603' });
    const p2 = await createWorker(t.services, t.admin, { regionCode: '210603' });
    const done = await createVerifiedWorker(t.services, t.admin, { regionCode: '210603' });
    const res = await call(t.app, manager, 'POST', '/api/workers/verify-batch', { ids: [p1.id, p2.id, done.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ verified: 2, skipped: 1 });
  });

  it('keeps a sibling county out: 404 on read, write, verify and in references; not in lists', async () => {
    const b = await createWorker(t.services, t.admin, { regionCode: '210602' });
    for (const s of [staff, manager]) {
      expect((await call(t.app, s, 'GET', `/api/workers/${b.id}`)).statusCode).toBe(404);
      expect((await call(t.app, s, 'POST', `/api/workers/${b.id}/verify`, { version: 1 })).statusCode).toBe(404);
      const list = await call(t.app, s, 'GET', '/api/workers?limit=200');
      expect(list.json<WorkerPage>().items.map((i) => i.id)).not.toContain(b.id);
    }
    expect((await call(t.app, staff, 'POST', `/api/workers/${b.id}/reveal`)).statusCode).toBe(404);
    const batch = await call(t.app, manager, 'POST', '/api/workers/verify-batch', { ids: [b.id] });
    expect(batch.statusCode).toBe(404);
    // Staff of county A cannot place a worker in county B.
    const res = await call(t.app, staff, 'POST', '/api/workers', await body({ regionCode: '210602' }));
    expect(res.statusCode).toBe(404);
    expect(res.json().fields).toHaveProperty('regionCode');
    // County B's staff see it.
    expect((await call(t.app, staffB, 'GET', `/api/workers/${b.id}`)).statusCode).toBe(200);
  });

  it('reveals the full ID number and mobile only with worker.reveal, and records it in the audit log', async () => {
    const input = await body({ mobile: '13687654321' });
    const created = (await call(t.app, staff, 'POST', '/api/workers', input)).json<WorkerView>();
    expect((await call(t.app, manager, 'POST', `/api/workers/${created.id}/reveal`)).statusCode).toBe(403);
    const res = await call(t.app, staff, 'POST', `/api/workers/${created.id}/reveal`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber: input.idNumber, mobile: '13687654321' });
    const entries = await t.services.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('entityId', '=', created.id)
      .where('action', '=', 'reveal')
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(input.idNumber);
  });

  it('lets a worker account register itself, edit while pending, and shows 已认证 after a manager verifies', async () => {
    expect((await call(t.app, worker, 'GET', '/api/workers/me')).json<WorkerSelfView>()).toEqual({ worker: null });
    const input = await body({ name: '王小哥', platform: 'eleme', partyMember: true, partyOrgId: w.a.committee.id });
    const res = await call(t.app, worker, 'PUT', '/api/workers/me', input);
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json<WorkerSelfView>().worker!;
    expect(me).toMatchObject({
      status: 'pending',
      registeredVia: 'self',
      partyMember: true,
      partyOrgId: w.a.committee.id,
    });
    // Not another region, not someone else's account.
    expect((await call(t.app, worker, 'PUT', '/api/workers/me', { ...input, regionCode: '210602' })).statusCode).toBe(
      404,
    );
    expect((await call(t.app, staff, 'PUT', '/api/workers/me', await body())).json().code).toBe('WORKER_ACCOUNT_ONLY');
    const edited = await call(t.app, worker, 'PUT', '/api/workers/me', {
      ...input,
      name: '王小哥二',
      version: me.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const pending = (await call(t.app, manager, 'GET', '/api/workers?status=pending&limit=200')).json<WorkerPage>();
    const row = pending.items.find((i) => i.name === '王小哥二')!;
    expect(row).toBeDefined();
    await call(t.app, manager, 'POST', `/api/workers/${row.id}/reject`, { version: row.version, reason: '信息不全' });
    const rejected = (await call(t.app, worker, 'GET', '/api/workers/me')).json<WorkerSelfView>().worker!;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '信息不全' });
    const resent = await call(t.app, worker, 'PUT', '/api/workers/me', { ...input, version: rejected.version });
    expect(resent.json<WorkerSelfView>().worker!.status).toBe('pending');
    const v = await call(t.app, manager, 'POST', `/api/workers/${row.id}/verify`, {
      version: resent.json<WorkerSelfView>().worker!.version,
    });
    expect(v.statusCode, v.body).toBe(200);
    const done = (await call(t.app, worker, 'GET', '/api/workers/me')).json<WorkerSelfView>().worker!;
    expect(done.status).toBe('verified');
    const locked = await call(t.app, worker, 'PUT', '/api/workers/me', { ...input, version: done.version });
    expect(locked.json().code).toBe('WORKER_NOT_EDITABLE');
  });

  it('takes a registration photo from the worker and serves it to them and to staff of the region', async () => {
    const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 5)]);
    const { body: form, headers } = multipart(
      {},
      { field: 'file', filename: 'me.jpg', type: 'image/jpeg', data: JPEG },
    );
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/worker-photos',
      payload: form,
      headers: { ...headers, cookie: staff.cookie, 'x-csrf-token': staff.csrf },
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const photoId = upload.json<{ id: string }>().id;
    const created = await call(t.app, staff, 'POST', '/api/workers', await body({ photoId }));
    expect(created.statusCode, created.body).toBe(200);
    const v = created.json<WorkerView>();
    expect(v.photoUrl).toBe(`/api/workers/${v.id}/photo`);
    const photo = await call(t.app, manager, 'GET', v.photoUrl!);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.subarray(0, 3).equals(JPEG.subarray(0, 3))).toBe(true);
    // Not readable as a plain attachment, and not reusable for another worker.
    expect((await call(t.app, staff, 'GET', `/api/attachments/${photoId}`)).statusCode).toBe(404);
    const reuse = await call(t.app, staff, 'POST', '/api/workers', await body({ photoId }));
    expect(reuse.statusCode).toBe(400);
    // A specialist may not upload worker photos.
    const spec = await login(t.app, w.usernames.specialist);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/worker-photos',
      payload: form,
      headers: { ...headers, cookie: spec.cookie, 'x-csrf-token': spec.csrf },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('counts the figure workers.verified over an area and period, matching the list it links to', async () => {
    const fig = t.services.figures.get('workers.verified')!;
    const period = { from: '2020-01-01', to: '2099-12-31' };
    const n = await fig.count({ orgId: w.a.dept.id }, period);
    expect(n).toBeGreaterThan(0);
    const link = fig.link({ orgId: w.a.dept.id }, period);
    expect(link).toContain('/workers?');
    const q = link.split('?')[1];
    const list = await call(t.app, admin, 'GET', `/api/workers?${q}&withTotal=1`);
    expect(list.json<WorkerPage>().total).toBe(n);
    expect(await fig.count({ orgId: w.b.dept.id }, period)).toBe(0);
    expect(await fig.count({ orgId: w.a.dept.id }, { from: '2020-01-01', to: '2020-12-31' })).toBe(0);
  });

  it('exports the filtered list as xlsx, masked', async () => {
    const res = await call(t.app, staff, 'GET', '/api/workers/export?status=verified');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe(`the dashboard's daily summary of verified workers (issue 15, ${TEST_DB})`, () => {
  /** Each area's figure from the summary (countAreas) equals the list's count; the summary equals a rebuild. */
  async function expectSummaryTrue(): Promise<number[]> {
    const fig = t.services.figures.get('workers.verified')!;
    const areas = [w.city, w.a.dept, w.b.dept].map((o) => ({ orgId: o.id }));
    const periods = [
      { from: '2020-01-01', to: '2099-12-31' },
      { from: shanghaiDate(), to: shanghaiDate() },
      { from: '2020-01-01', to: '2020-12-31' },
    ];
    const out: number[] = [];
    for (const period of periods) {
      const summed = await fig.countAreas!(areas, period);
      for (const [i, a] of areas.entries())
        expect(summed[i], `${a.orgId} ${period.from}`).toBe(await fig.count(a, period));
      out.push(...summed);
    }
    const repo = new WorkersRepository(t.services.db);
    expect(await repo.summaryRows()).toEqual(await repo.recomputedSummary());
    return out;
  }

  it('follows create, verify, disable, verify again and a region change; equals a recomputation from scratch', async () => {
    const [, a0, b0] = await expectSummaryTrue();
    const input = await body();
    const { mobile: _m, idNumber: _i, ...rest } = input;
    const created = await call(t.app, staff, 'POST', '/api/workers', input);
    expect(created.statusCode, created.body).toBe(200);
    let v = created.json<WorkerView>();
    const act = async (action: string) => {
      const res = await call(t.app, admin, 'POST', `/api/workers/${v.id}/${action}`, { version: v.version });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json<WorkerView>();
    };
    await act('verify');
    let n = await expectSummaryTrue();
    expect([n[1], n[2]]).toEqual([a0! + 1, b0]);
    await act('disable');
    n = await expectSummaryTrue();
    expect([n[1], n[2]]).toEqual([a0, b0]);
    await act('verify');
    const moved = await call(t.app, admin, 'PATCH', `/api/workers/${v.id}`, {
      ...rest,
      regionCode: '210602',
      version: v.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    n = await expectSummaryTrue();
    expect([n[1], n[2]]).toEqual([a0, b0! + 1]);
    // A rebuild (the migration's fill, `npm run rebuild-summaries`) changes nothing.
    const repo = new WorkersRepository(t.services.db);
    const kept = await repo.summaryRows();
    await repo.rebuildSummary();
    expect(await repo.summaryRows()).toEqual(kept);
  });
});
