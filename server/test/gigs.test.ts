import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  GigHomeFigures,
  GigFairSignInView,
  GigFairView,
  GigForMeList,
  GigIntentionPage,
  GigIntentionView,
  GigJobView,
  GigMatchList,
  NotificationPage,
} from '@touyan/schemas';
import { boundingBox } from '@touyan/schemas';
import { setProcessClock } from '../src/core/clock';
import { GigsRepository } from '../src/modules/gigs/gigs.repository';
import { MAX_CANDIDATES } from '../src/modules/gigs/gigs.service';
import { shanghaiDate } from '../src/core/time';
import { createUser } from '../src/seed/factories';
import { daysFromToday, gigJobBody, gigWorker } from './gig-fixtures';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/** The fake SMS gateway: fails the first `failures` requests, then accepts; keeps what it accepted by key. */
const gateway = {
  failures: 0,
  calls: 0,
  accepted: new Map<string, number>(),
  texts: [] as { to: string; text: string }[],
};
let server: Server;

let t: TestApp;
let w: World;
let admin: Session;
let staff: Session;
let staffB: Session;
let employer: Session;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      gateway.calls++;
      if (gateway.failures > 0) {
        gateway.failures--;
        res.writeHead(503).end('busy');
        return;
      }
      const m = JSON.parse(body) as { to: string; text: string; idempotencyKey: string };
      // A gateway that honours the key: a second send of the same key is answered, not delivered.
      if (!gateway.accepted.has(m.idempotencyKey)) gateway.texts.push({ to: m.to, text: m.text });
      gateway.accepted.set(m.idempotencyKey, (gateway.accepted.get(m.idempotencyKey) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${m.idempotencyKey}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  t = await createTestApp({ SMS_PROVIDER: 'http', SMS_HTTP_URL: `http://127.0.0.1:${port}/sms`, GIG_PUSH_TOP: '3' });
  w = await buildWorld(t);
  admin = await login(t.app, 'admin');
  staff = await login(t.app, w.usernames.staff);
  employer = await login(t.app, w.usernames.employer);
  await createUser(t.services, t.admin, { username: 'b_gig_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  staffB = await login(t.app, 'b_gig_staff');
});
afterEach(() => setProcessClock(null));
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

const post = (s: Session, url: string, body?: unknown) => call(t.app, s, 'POST', url, body);
const get = (s: Session, url: string) => call(t.app, s, 'GET', url);

// Jobs stand at 振兴区 (40.1, 124.37); workers at known distances north of it.
const at = { lat: 40.1, lng: 124.37 };
const north = (m: number) => ({ lat: at.lat + m / 111_195, lng: at.lng });
const fullPrefs = (m: number, extra: Record<string, unknown> = {}) => ({
  kinds: ['loading'],
  ...north(m),
  maxDistanceKm: 10,
  weekdays: [1, 2, 3, 4, 5, 6],
  hourFrom: '07:00',
  hourTo: '19:00',
  minPayFen: 20_000,
  minPayUnit: 'day',
  skills: ['forklift'],
  ...extra,
});

async function staffJob(extra: Record<string, unknown> = {}): Promise<GigJobView> {
  const r = await post(staff, '/api/gig-jobs', gigJobBody({ hostOrgId: w.a.hostOrg.id, ...extra }));
  expect(r.statusCode, r.body).toBe(200);
  return r.json<GigJobView>();
}

describe(`零工快招 jobs and approval (${TEST_DB})`, () => {
  it("waits for staff on a new employer's first job, then publishes the employer's next jobs at once", async () => {
    const first = await post(employer, '/api/gig-jobs', gigJobBody({ title: '分拣员' }));
    expect(first.statusCode, first.body).toBe(200);
    const job = first.json<GigJobView>();
    expect(job).toMatchObject({ status: 'pending', hostOrgId: w.a.hostOrg.id, contactPhone: '13800001111' });
    expect(job.abilities).toEqual(['update', 'close', 'matches']);
    // The staff over the region are told; the employer cannot approve itself; workers do not see it yet.
    const notes = (await get(staff, '/api/notifications')).json<NotificationPage>();
    expect(notes.items.some((n) => n.kind === 'gig_job_pending' && n.link === `/gigs/jobs/${job.id}`)).toBe(true);
    expect((await post(employer, `/api/gig-jobs/${job.id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await post(staffB, `/api/gig-jobs/${job.id}/approve`, { version: 1 })).statusCode).toBe(404);
    const rider = await gigWorker(t, 'a_gig_w0', w.a.dept.id, null);
    const riderSession = await login(t.app, 'a_gig_w0');
    expect((await get(riderSession, `/api/gig-jobs/${job.id}`)).statusCode).toBe(404);
    void rider;

    // Rejected with a reason; the employer's edit resubmits it; staff approve: open, published.
    const rejected = await post(staff, `/api/gig-jobs/${job.id}/reject`, { version: 1, reason: '请补充工作地点' });
    expect(rejected.json<GigJobView>()).toMatchObject({ status: 'rejected', rejectReason: '请补充工作地点' });
    const edited = await call(t.app, employer, 'PATCH', `/api/gig-jobs/${job.id}`, {
      ...gigJobBody({ title: '分拣员', address: '振兴区六纬路1号物流园3号库' }),
      version: 2,
    });
    expect(edited.json<GigJobView>()).toMatchObject({ status: 'pending', rejectReason: null });
    const approved = await post(staff, `/api/gig-jobs/${job.id}/approve`, { version: 3 });
    expect(approved.json<GigJobView>()).toMatchObject({ status: 'open' });
    expect(approved.json<GigJobView>().approvedAt).not.toBeNull();
    const again = await post(staff, `/api/gig-jobs/${job.id}/approve`, { version: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GIG_JOB_STATUS');
    expect((await get(riderSession, `/api/gig-jobs/${job.id}`)).statusCode).toBe(200);

    const second = await post(employer, '/api/gig-jobs', gigJobBody({ title: '叉车司机' }));
    expect(second.json<GigJobView>().status).toBe('open');
    // Closing; a job past its closing date cannot be reopened; a closing date in the past is refused.
    const closed = await post(employer, `/api/gig-jobs/${second.json<GigJobView>().id}/close`, { version: 1 });
    expect(closed.json<GigJobView>()).toMatchObject({ status: 'closed', closeReason: 'withdrawn' });
    const past = await post(employer, '/api/gig-jobs', gigJobBody({ closingOn: daysFromToday(-1) }));
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('GIG_CLOSING_PAST');
    // An employer posts only for itself; staff of county B not in county A's regions.
    expect((await post(employer, '/api/gig-jobs', gigJobBody({ hostOrgId: w.b.hostOrg.id }))).statusCode).toBe(404);
    expect((await post(staffB, '/api/gig-jobs', gigJobBody({ hostOrgId: w.a.hostOrg.id }))).statusCode).toBe(404);
  });
});

describe(`matching with reasons (${TEST_DB})`, () => {
  it('ranks the workers of a job by the explained score, names masked for the employer', async () => {
    await gigWorker(t, 'a_gig_m1', w.a.dept.id, fullPrefs(2100), '王建国');
    await gigWorker(t, 'a_gig_m2', w.a.dept.id, fullPrefs(600, { skills: [] }), '李红');
    await gigWorker(t, 'a_gig_m3', w.a.dept.id, fullPrefs(12_000), '张远'); // beyond 10 km
    await gigWorker(t, 'a_gig_m4', w.a.dept.id, { kinds: ['cleaning'] }, '刘洁'); // another kind
    const job = await staffJob({ title: '叉车工', skills: ['forklift'] });
    const byStaff = (await get(staff, `/api/gig-jobs/${job.id}/matches`)).json<GigMatchList>();
    const names = byStaff.items.map((m) => m.workerName);
    expect(names.indexOf('王建国')).toBeLessThan(names.indexOf('李红'));
    expect(names).not.toContain('张远');
    expect(names).not.toContain('刘洁');
    const wang = byStaff.items.find((m) => m.workerName === '王建国')!;
    expect(wang.summary).toBe(
      '距离 2.1 km · 时间吻合 · 技能：叉车证 · 工种：装卸 · 薪资 220 元/天（期望 ≥ 200 元/天）',
    );
    expect(wang).toMatchObject({ score: 95, distanceM: 2100 });
    const li = byStaff.items.find((m) => m.workerName === '李红')!;
    expect(li.reasons).toContain('缺少：叉车证');
    const byEmployer = (await get(employer, `/api/gig-jobs/${job.id}/matches`)).json<GigMatchList>();
    expect(byEmployer.items.map((m) => m.workerName)).toContain('王**');
    expect(byEmployer.items.map((m) => m.workerName)).not.toContain('王建国');
  });

  it('gives a worker the jobs for them, with reasons, leaving out closed ones and those past their closing date', async () => {
    const me = await gigWorker(t, 'a_gig_f1', w.a.dept.id, fullPrefs(2100));
    const s = await login(t.app, 'a_gig_f1');
    const near = await staffJob({ title: '搬运工', skills: ['forklift'] });
    const stale = await staffJob({ title: '过期岗位' });
    await t.services.db
      .updateTable('gigJobs')
      .set({ closingOn: daysFromToday(-1) })
      .where('id', '=', stale.id)
      .execute();
    const list = (await get(s, '/api/gig-jobs/for-me')).json<GigForMeList>();
    expect(list.hasPreferences).toBe(true);
    const mine = list.items.find((i) => i.job.id === near.id)!;
    expect(mine.summary).toBe(
      '距离 2.1 km · 时间吻合 · 技能：叉车证 · 工种：装卸 · 薪资 220 元/天（期望 ≥ 200 元/天）',
    );
    expect(mine.job.abilities).toEqual(['apply']);
    expect(list.items.map((i) => i.job.id)).not.toContain(stale.id);
    const late = await post(s, `/api/gig-jobs/${stale.id}/intentions`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('GIG_JOB_NOT_OPEN');
    // The phone's position wins over the preferred place: 9 km further north, the job is 11.1 km off.
    const away = (await get(s, `/api/gig-jobs/for-me?lat=${north(11_100).lat}&lng=${at.lng}`)).json<GigForMeList>();
    expect(away.items.map((i) => i.job.id)).not.toContain(near.id);
    void me;
  });

  it('matches a worker without a position by region, and one without preferences by their registration', async () => {
    await gigWorker(t, 'a_gig_r1', w.a.dept.id, { kinds: [], regionCode: '210603' });
    await gigWorker(t, 'a_gig_r2', w.a.dept.id, null);
    const job = await staffJob({ title: '保洁员', kind: 'cleaning', lat: null, lng: null });
    for (const username of ['a_gig_r1', 'a_gig_r2']) {
      const list = (await get(await login(t.app, username), '/api/gig-jobs/for-me')).json<GigForMeList>();
      const item = list.items.find((i) => i.job.id === job.id)!;
      expect(item.summary).toBe('位于振兴区');
      expect(item.distanceM).toBeNull();
    }
    // An account with no registration has no "jobs for me".
    const none = await get(admin, '/api/gig-jobs/for-me');
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('GIG_NO_REGISTRATION');
  });
});

describe(`a job's candidates, by the box and by region (${TEST_DB})`, () => {
  it('finds the same workers as the one-WHERE definition — in the box within their own distance, or placeless in the region — and ranks them', async () => {
    await gigWorker(t, 'a_gig_c1', w.a.dept.id, fullPrefs(1500), '赵一');
    await gigWorker(t, 'a_gig_c2', w.a.dept.id, fullPrefs(4000, { maxDistanceKm: 3 }), '钱二'); // beyond their own 3 km
    await gigWorker(t, 'a_gig_c3', w.a.dept.id, { kinds: ['loading'], regionCode: '210603' }, '孙三'); // no position, the job's region
    await gigWorker(t, 'a_gig_c4', w.a.dept.id, { kinds: ['loading'], regionCode: '210602' }, '李四'); // no position, elsewhere
    await gigWorker(t, 'a_gig_c5', w.a.dept.id, { kinds: [], ...north(800), maxDistanceKm: 5 }, '周五'); // any kind
    const job = await staffJob({ title: '两路候选', skills: ['forklift'] });
    const repo = new GigsRepository(t.services.db);
    const widest = (await repo.widestDistanceKm())!;
    const box = boundingBox(at, widest * 1000);
    const got = await repo.candidatesForJob(job, box, MAX_CANDIDATES);

    // The definition, row by row in JS over every preference: the one WHERE the two branches replace.
    const ancestors = (
      await t.services.db
        .selectFrom('regionClosure')
        .select('ancestorCode')
        .where('descendantCode', '=', job.regionCode)
        .execute()
    ).map((r) => r.ancestorCode);
    const rows = await t.services.db
      .selectFrom('gigPreferences as p')
      .innerJoin('workers as w', 'w.id', 'p.workerId')
      .select([
        'p.workerId',
        'p.lat',
        'p.lng',
        'p.regionCode',
        'p.maxDistanceKm',
        'w.regionCode as home',
        'w.status',
        'w.deletedAt',
      ])
      .execute();
    const kinds = await t.services.db.selectFrom('gigPreferenceKinds').selectAll().execute();
    const kmPerLng = 111 * Math.cos((Math.max(Math.abs(box.minLat), Math.abs(box.maxLat)) * Math.PI) / 180);
    const expected = rows
      .filter((r) => r.status === 'verified' && r.deletedAt === null)
      .filter((r) => kinds.some((k) => k.workerId === r.workerId && (k.kind === job.kind || k.kind === '*')))
      .filter((r) => {
        if (r.lat === null || r.lng === null) return ancestors.includes(r.regionCode ?? r.home);
        const [lat, lng, km] = [Number(r.lat), Number(r.lng), Number(r.maxDistanceKm)];
        return (
          lat >= box.minLat &&
          lat <= box.maxLat &&
          lng >= box.minLng &&
          lng <= box.maxLng &&
          Math.abs(lat - at.lat) <= km / 111 &&
          Math.abs(lng - at.lng) <= km / kmPerLng
        );
      })
      .map((r) => r.workerId)
      .sort();
    expect(got.map((c) => c.workerId)).toEqual(expected);

    // Ranked by the explained score (best first): both branches' workers, none of the others.
    const items = (await get(staff, `/api/gig-jobs/${job.id}/matches`)).json<GigMatchList>().items;
    const mine = items.filter((m) => ['赵一', '钱二', '孙三', '李四', '周五'].includes(m.workerName));
    expect(mine.map((m) => m.workerName).sort()).toEqual(['周五', '孙三', '赵一'].sort());
    expect(mine[0]!.workerName).toBe('赵一');
    expect(mine.map((m) => m.score)).toEqual([...mine.map((m) => m.score)].sort((a, b) => b - a));
    expect(mine.find((m) => m.workerName === '孙三')!.summary).toContain('位于振兴区');
  });
});

describe(`pushes through the durable queue (${TEST_DB})`, () => {
  it('pushes a published job to its top matches once each — in-app, SMS, a record — whatever the retries', async () => {
    const users: string[] = [];
    for (const [i, m] of [300, 900, 1500, 2500, 3500].entries()) {
      const made = await gigWorker(t, `a_gig_p${i}`, w.a.dept.id, fullPrefs(m, { kinds: ['driver'], skills: [] }));
      users.push(made.userId);
    }
    // The nearest worker mutes 司机 jobs: skipped, so the top three are the next three.
    const muted = await login(t.app, 'a_gig_p0');
    const pref = (await get(muted, '/api/gig-preferences/me')).json<{ version: number }>();
    const saved = await call(t.app, muted, 'PUT', '/api/gig-preferences/me', {
      ...fullPrefs(300, { kinds: ['driver'], skills: [] }),
      mutedKinds: ['driver'],
      version: pref.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const job = await staffJob({ title: '货车司机', kind: 'driver', skills: [] });
    await t.services.jobs.drain(['gig-push']);
    // A retry, the daily push and a second process at once: nothing more.
    await t.services.gigPushes.pushJob(job.id, 'publish');
    await Promise.all([t.services.gigPushes.pushJob(job.id, 'daily'), t.services.gigPushes.pushJob(job.id, 'daily')]);
    const pushes = await t.services.db.selectFrom('gigPushes').selectAll().where('jobId', '=', job.id).execute();
    expect(pushes).toHaveLength(3);
    const pushedUsers = await t.services.db
      .selectFrom('notifications')
      .select(['userId'])
      .where('kind', '=', 'gig_match')
      .where('link', '=', `/gigs?job=${job.id}`)
      .execute();
    expect(pushedUsers.map((n) => n.userId).sort()).toEqual(users.slice(1, 4).sort());
    const sms = await t.services.db
      .selectFrom('smsOutbox')
      .selectAll()
      .where('idempotencyKey', 'like', `gig-push:${job.id}:%`)
      .execute();
    expect(sms).toHaveLength(3);
    expect(sms[0]!.body).toContain('货车司机');
    const list = (await get(staff, `/api/gig-pushes?jobId=${job.id}&withTotal=1`)).json<{ total: number }>();
    expect(list.total).toBe(3);
    expect((await get(staff, `/api/gig-jobs/${job.id}`)).json<GigJobView>().pushCount).toBe(3);
  });

  it('sends the SMS outbox through the provider, retrying with backoff when it fails, each message once', async () => {
    gateway.failures = 2;
    const due = await t.services.db.selectFrom('smsOutbox').select('id').where('status', '=', 'pending').execute();
    expect(due.length).toBeGreaterThan(0);
    const first = await t.services.gigPushes.deliverSms(1);
    expect(first).toEqual({ sent: 0, retried: 1, failed: 0 });
    // Two processes at once after the backoff: every message claimed by one of them only.
    let clock = Date.now() + 61_000;
    setProcessClock(() => new Date(clock));
    const both = await Promise.all([t.services.gigPushes.deliverSms(), t.services.gigPushes.deliverSms()]);
    expect(both[0].sent + both[1].sent + both[0].retried + both[1].retried).toBe(due.length);
    clock += 10 * 60_000;
    await t.services.gigPushes.deliverSms();
    const rows = await t.services.db.selectFrom('smsOutbox').selectAll().execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect([...gateway.accepted.values()].every((n) => n === 1)).toBe(true);
    expect(gateway.accepted.size).toBe(rows.length);
    expect(gateway.texts[0]!.to).toMatch(/^1\d{10}$/);
    // Nothing is due any more: nothing is sent again.
    expect(await t.services.gigPushes.deliverSms()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('closes open jobs past their closing date in the daily run', async () => {
    const job = await staffJob({ title: '日结小工' });
    await t.services.db
      .updateTable('gigJobs')
      .set({ closingOn: daysFromToday(-2) })
      .where('id', '=', job.id)
      .execute();
    const r = await t.services.gigPushes.daily(new Date());
    expect(r.expired).toBeGreaterThanOrEqual(1);
    expect(r.open).not.toContain(job.id);
    expect((await get(staff, `/api/gig-jobs/${job.id}`)).json<GigJobView>()).toMatchObject({
      status: 'closed',
      closeReason: 'expired',
    });
  });
});

describe(`intentions and hiring (${TEST_DB})`, () => {
  it('registers an intention in one tap, keeps the contact masked until shared, and closes the job when filled', async () => {
    await gigWorker(t, 'a_gig_i1', w.a.dept.id, fullPrefs(800), '孙志强');
    await gigWorker(t, 'a_gig_i2', w.a.dept.id, fullPrefs(900), '周敏');
    const job = (
      await post(employer, '/api/gig-jobs', gigJobBody({ title: '仓管员', headcount: 1, skills: ['forklift'] }))
    ).json<GigJobView>();
    expect(job.status).toBe('open');
    const s1 = await login(t.app, 'a_gig_i1');
    const s2 = await login(t.app, 'a_gig_i2');
    const tap = await post(s1, `/api/gig-jobs/${job.id}/intentions`, {});
    expect(tap.statusCode, tap.body).toBe(200);
    const mine = tap.json<GigIntentionView>();
    expect(mine).toMatchObject({ status: 'applied', workerName: '孙志强', contactShared: false });
    expect(mine.summary).toContain('时间吻合');
    expect((await post(s1, `/api/gig-jobs/${job.id}/intentions`, {})).json<GigIntentionView>().id).toBe(mine.id);
    const other = (
      await post(s2, `/api/gig-jobs/${job.id}/intentions`, { shareContact: true })
    ).json<GigIntentionView>();

    const seen = (await get(employer, `/api/gig-intentions?jobId=${job.id}`)).json<GigIntentionPage>();
    const sun = seen.items.find((i) => i.id === mine.id)!;
    expect(sun.workerName).toBe('孙**');
    expect(sun.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(sun.abilities).toEqual(['decide']);
    expect(seen.items.find((i) => i.id === other.id)!.mobile).toMatch(/^1\d{10}$/);
    const notes = (await get(employer, '/api/notifications')).json<NotificationPage>();
    expect(notes.items.filter((n) => n.kind === 'gig_intention').length).toBeGreaterThanOrEqual(2);
    // Shared: the employer sees the name and the mobile.
    await post(s1, `/api/gig-intentions/${mine.id}/share`);
    const after = (await get(employer, `/api/gig-intentions?jobId=${job.id}`)).json<GigIntentionPage>();
    expect(after.items.find((i) => i.id === mine.id)).toMatchObject({ workerName: '孙志强', contactShared: true });
    expect(after.items.find((i) => i.id === mine.id)!.mobile).toMatch(/^1\d{10}$/);

    // Hired fills the headcount of 1: the job closes; a second hire is refused and changes nothing.
    const hired = await post(employer, `/api/gig-intentions/${mine.id}/decide`, { outcome: 'hired', version: 2 });
    expect(hired.json<GigIntentionView>().status).toBe('hired');
    const closed = (await get(employer, `/api/gig-jobs/${job.id}`)).json<GigJobView>();
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'filled', hiredCount: 1 });
    const second = await post(employer, `/api/gig-intentions/${other.id}/decide`, { outcome: 'hired', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('GIG_JOB_FILLED');
    const still = (await get(employer, `/api/gig-intentions?jobId=${job.id}`)).json<GigIntentionPage>();
    expect(still.items.find((i) => i.id === other.id)!.status).toBe('applied');
    const no = await post(employer, `/api/gig-intentions/${other.id}/decide`, { outcome: 'not_hired', version: 1 });
    expect(no.json<GigIntentionView>().status).toBe('not_hired');
    const told = (await get(s1, '/api/notifications')).json<NotificationPage>();
    expect(told.items.some((n) => n.kind === 'gig_decided' && n.title.includes('已被录用'))).toBe(true);
    // A worker sees only their own intentions; a pending registration cannot apply.
    const own = (await get(s2, '/api/gig-intentions')).json<GigIntentionPage>();
    expect(own.items.map((i) => i.id)).toEqual([other.id]);
  });
});

describe(`a fair's desk (${TEST_DB})`, () => {
  it("registers several workers' intentions at once, skipping those already registered, for workers in the staff's regions only", async () => {
    const a = await gigWorker(t, 'a_gig_d1', w.a.dept.id, fullPrefs(1200));
    const b = await gigWorker(t, 'a_gig_d2', w.a.dept.id, null);
    const job = await staffJob({ title: '现场登记岗位' });
    await post(await login(t.app, 'a_gig_d1'), `/api/gig-jobs/${job.id}/intentions`, {});
    const r = await post(staff, `/api/gig-jobs/${job.id}/intentions/batch`, {
      workers: [{ workerId: a.workerId }, { workerId: b.workerId, shareContact: true }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 1, skipped: 1 });
    const listed = (await get(staff, `/api/gig-intentions?jobId=${job.id}`)).json<GigIntentionPage>();
    expect(listed.items).toHaveLength(2);
    // County B's staff reach neither the job nor the workers; the employer may not register for workers.
    const outside = await post(staffB, `/api/gig-jobs/${job.id}/intentions/batch`, {
      workers: [{ workerId: b.workerId }],
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (await post(employer, `/api/gig-jobs/${job.id}/intentions/batch`, { workers: [{ workerId: b.workerId }] }))
        .statusCode,
    ).toBe(403);
  });
});

describe(`job fairs (${TEST_DB})`, () => {
  it('signs a worker in once by the fair’s code and counts positions, attendance and intentions made there', async () => {
    const created = await post(staff, '/api/gig-fairs', {
      title: '振兴区春风行动零工招聘会',
      mode: 'onsite',
      heldOn: shanghaiDate(),
      startTime: '09:00',
      endTime: '12:00',
      regionCode: '210603',
      address: '振兴区人力资源市场',
      organiserOrgId: w.a.dept.id,
      employerIds: [w.a.hostOrg.id],
    });
    expect(created.statusCode, created.body).toBe(200);
    const fair = created.json<GigFairView>();
    const job = (
      await post(employer, '/api/gig-jobs', gigJobBody({ title: '招聘会岗位', fairId: fair.id }))
    ).json<GigJobView>();
    expect(job.fairTitle).toBe('振兴区春风行动零工招聘会');
    const code = (await get(staff, `/api/gig-fairs/${fair.id}/code`)).json<{ code: string }>().code;
    await gigWorker(t, 'a_gig_fair1', w.a.dept.id, fullPrefs(1000));
    const s = await login(t.app, 'a_gig_fair1');
    const first = await post(s, '/api/gig-fair-sign-ins', { code });
    expect(first.json<GigFairSignInView>()).toMatchObject({ created: true, fairTitle: '振兴区春风行动零工招聘会' });
    const twice = await post(s, '/api/gig-fair-sign-ins', { code });
    expect(twice.json<GigFairSignInView>()).toMatchObject({ created: false, id: first.json<GigFairSignInView>().id });
    const forged = await post(s, '/api/gig-fair-sign-ins', {
      code: code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA'),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('GIG_FAIR_CODE_INVALID');
    const at = await post(s, `/api/gig-jobs/${job.id}/intentions`, { fairId: fair.id });
    expect(at.json<GigIntentionView>().fairId).toBe(fair.id);
    const other = await staffJob({ title: '非招聘会岗位' });
    const wrong = await post(s, `/api/gig-jobs/${other.id}/intentions`, { fairId: fair.id });
    expect(wrong.statusCode).toBe(400);
    expect((await get(s, `/api/gig-fairs/${fair.id}`)).json<GigFairView>().mySignInAt).toBe(
      first.json<GigFairSignInView>().at,
    );
    expect((await get(staff, `/api/gig-fairs/${fair.id}`)).json<GigFairView>().mySignInAt).toBeNull();
    const seen = (await get(staff, `/api/gig-fairs/${fair.id}`)).json<GigFairView>();
    expect(seen).toMatchObject({ positions: 1, attendance: 1, intentions: 1, hires: 0 });
    expect(seen.employers.map((e) => e.hostOrgId)).toEqual([w.a.hostOrg.id]);
    const attendance = (await get(staff, `/api/gig-fairs/${fair.id}/attendance`)).json<{ items: unknown[] }>();
    expect(attendance.items).toHaveLength(1);
    // Not on the day it is held: no sign-in.
    const later = await call(t.app, staff, 'PATCH', `/api/gig-fairs/${fair.id}`, {
      ...created.json<GigFairView>(),
      organiserOrgId: w.a.dept.id,
      employerIds: [w.a.hostOrg.id],
      heldOn: daysFromToday(3),
      status: 'planned',
      version: fair.version,
    });
    expect(later.statusCode, later.body).toBe(200);
    await gigWorker(t, 'a_gig_fair2', w.a.dept.id, null);
    const closed = await post(await login(t.app, 'a_gig_fair2'), '/api/gig-fair-sign-ins', { code });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('GIG_FAIR_NOT_OPEN');
  });
});

describe(`figures (${TEST_DB})`, () => {
  it('binds fairs held, pushes, intentions and hires: each count equals its list’s total', async () => {
    // A fair of county A held today.
    const body = {
      title: '振兴区夏季零工招聘会',
      mode: 'online',
      heldOn: shanghaiDate(),
      startTime: '14:00',
      endTime: '16:00',
      regionCode: '210603',
      organiserOrgId: w.a.committee.id,
      employerIds: [],
    };
    const fair = (await post(staff, '/api/gig-fairs', body)).json<GigFairView>();
    const held = await call(t.app, staff, 'PATCH', `/api/gig-fairs/${fair.id}`, {
      ...body,
      status: 'held',
      outcome: '线上参会 120 人，达成意向 35 个',
      version: fair.version,
    });
    expect(held.statusCode, held.body).toBe(200);
    const period = { from: daysFromToday(-30), to: daysFromToday(30) };
    const links: Record<string, string> = {
      'gigs.fairs_held': '/api/gig-fairs',
      'gigs.pushes': '/api/gig-pushes',
      'gigs.intentions': '/api/gig-intentions',
      'gigs.hires': '/api/gig-intentions',
    };
    for (const [key, api] of Object.entries(links)) {
      const fig = t.services.figures.get(key)!;
      const n = await fig.count({ orgId: w.a.dept.id }, period);
      const link = fig.link({ orgId: w.a.dept.id }, period);
      const listed = await get(admin, `${api}?withTotal=1&${link.split('?')[1]}`);
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json<{ total: number }>().total, key).toBe(n);
      expect(await fig.count({ orgId: w.b.dept.id }, period), key).toBe(0);
    }
    expect(await t.services.figures.get('gigs.pushes')!.count({ orgId: w.a.dept.id }, period)).toBeGreaterThanOrEqual(
      3,
    );
    expect(await t.services.figures.get('gigs.hires')!.count({ orgId: w.a.dept.id }, period)).toBeGreaterThanOrEqual(1);
    expect(await t.services.figures.get('gigs.fairs_held')!.count({ orgId: w.a.dept.id }, period)).toBe(1);

    // The staff home's 零工快招 card: per area and month, each figure its list's total with the link's filters.
    const home = (await get(staff, '/api/home')).json<{ staff: { gigs: GigHomeFigures } }>().staff.gigs;
    const month = shanghaiDate().slice(0, 7);
    const row = home.months.find((m) => m.month === month)!;
    expect(row.pushes).toBeGreaterThanOrEqual(3);
    const area = home.areas.find((a) => a.orgId === w.a.dept.id)!;
    const lists = [
      ['fairsHeld', '/api/gig-fairs', 'status=held', 'heldFrom', 'heldTo'],
      ['pushes', '/api/gig-pushes', '', 'from', 'to'],
      ['intentions', '/api/gig-intentions', '', 'from', 'to'],
      ['hires', '/api/gig-intentions', 'status=hired', 'from', 'to'],
    ] as const;
    for (const [key, api, extra, fromKey, toKey] of lists) {
      const byMonth = await get(staff, `${api}?withTotal=1&${extra}&${fromKey}=${row.from}&${toKey}=${row.to}`);
      expect(byMonth.json<{ total: number }>().total, key).toBe(row[key]);
      const byArea = await get(staff, `${api}?withTotal=1&${extra}&orgId=${area.orgId}`);
      expect(byArea.json<{ total: number }>().total, key).toBe(area[key]);
      const all = await get(staff, `${api}?withTotal=1&${extra}`);
      expect(all.json<{ total: number }>().total, key).toBe(home.total[key]);
    }
    // County B's staff see none of it.
    const other = (await get(staffB, '/api/home')).json<{ staff: { gigs: GigHomeFigures } }>().staff.gigs;
    expect(other.total).toEqual({ fairsHeld: 0, pushes: 0, intentions: 0, hires: 0 });

    // The exports hold the listed rows.
    for (const api of ['/api/gig-pushes', '/api/gig-intentions']) {
      const listed = (await get(staff, `${api}?withTotal=1&orgId=${w.a.dept.id}`)).json<{ total: number }>().total;
      const x = await get(staff, `${api}/export.xlsx?orgId=${w.a.dept.id}`);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount - 1, api).toBe(listed);
    }
  });
});
