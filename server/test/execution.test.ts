/**
 * Execution and quarterly analysis (季度分析) through the API, replayed in 2025 under a simulated
 * clock: progress with uploads, milestones with evidence, indicator actuals, filing and rating
 * reports, supervision notices, overdue reports and their reminders, the overview, and data scope.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  quarterOf,
  type IndicatorView,
  type MilestoneView,
  type NotificationView,
  type ProgressView,
  type QuarterlyReportView,
  type QuarterOverview,
  type SupervisionView,
} from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { ReportReminders } from '../src/modules/execution/reminders';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  submitProject,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
const clock = new SimulatedClock('2025-02-10T10:00:00+08:00');
// light-my-request dispatches when awaited: await inside the clock's context.
const at = <T>(fn: () => PromiseLike<T>) => runWithClock(clock.now, async () => await fn());
const rng = new Rng(77);

let secretary: Session;
let member: Session;
let staff: Session;
let admin: Session;
let staffB: Session;
let secretaryB: Session;
let campaignId: string;
/** p1: the main project; p2: left pending to go overdue; pB: county B. */
let p1: string;
let p2: string;
let pB: string;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64, 7),
]);

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----touyan${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(s: Session, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const mp = multipart(fields, file);
  return at(() =>
    t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': mp.contentType },
      payload: mp.payload,
    }),
  );
}

type Method = 'GET' | 'POST';
const api = (s: Session, method: Method, url: string, payload?: unknown) =>
  at(() => call(t.app, s, method, url, payload));

async function ok<T>(s: Session, method: Method, url: string, payload?: unknown): Promise<T> {
  const res = await api(s, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

async function approvedProject(county: 'a' | 'b'): Promise<string> {
  return at(async () => {
    const userId = county === 'a' ? w.users.secretary.id : secretaryB.userId;
    const orgId = county === 'a' ? w.a.committee.id : w.b.committee.id;
    const ctx = contextFor(await actorOf(t.services, userId));
    const p = await submitProject(t.services, ctx, { campaignId, orgId, content: declarationInput(rng) });
    await t.services.store.tx(async (repos) => {
      const row = await t.services.projects.row(repos, t.admin, p.id);
      await t.services.projects.transition(repos, t.admin, row, 'schedule', ['staff']);
      await t.services.projectDecisions.apply(repos, t.admin, p.id, 'approve', null);
    });
    return p.id;
  });
}

const notificationsOf = async (s: Session) =>
  (await ok<{ items: NotificationView[] }>(s, 'GET', '/api/notifications?limit=100')).items;

const reports = async (s: Session, id: string) =>
  (await ok<{ items: QuarterlyReportView[] }>(s, 'GET', `/api/projects/${id}/quarterly-reports`)).items;

const reportBody = (year: number, quarter: number, extra: object = {}) => ({
  year,
  quarter,
  progress: '完成辖区规上企业摸排，新建联合党支部2个。',
  crux: '部分企业负责人对党建工作认识不足。',
  nextPlan: '开展"亮身份"活动，选派指导员。',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await at(async () => {
    campaignId = (await createCampaign(t.services, t.admin, { orgId: w.city.id, codePrefix: 'DD' })).id;
    await createUser(t.services, t.admin, {
      username: 'b_secretary',
      roles: [{ role: 'secretary', orgId: w.b.committee.id }],
    });
    await createUser(t.services, t.admin, { username: 'b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  });
  secretary = await login(t.app, w.usernames.secretary);
  member = await login(t.app, w.usernames.member);
  staff = await login(t.app, w.usernames.staff);
  admin = await login(t.app, 'admin');
  staffB = await login(t.app, 'b_staff');
  secretaryB = await login(t.app, 'b_secretary');
  p1 = await approvedProject('a');
  p2 = await approvedProject('a');
  pB = await approvedProject('b');
});
afterAll(() => t.close());

describe(`progress with attachments (${TEST_DB})`, () => {
  let photoId: string;

  it('stores an uploaded PNG under the data directory and serves it back to those who see the project', async () => {
    clock.set('2025-02-20T09:00:00+08:00');
    const res = await upload(secretary, { projectId: p1 }, { name: '现场照片.png', data: PNG, type: 'image/png' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ filename: '现场照片.png', mime: 'image/png', size: PNG.length });
    photoId = view.id;
    const row = (await t.services.store.repos.attachments.get(photoId))!;
    expect(row.storagePath).toBe(`uploads/2025/02/${photoId}.png`);
    expect(row.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(readFileSync(path.join(t.config.dataDir, row.storagePath)).equals(PNG)).toBe(true);

    const got = await api(member, 'GET', view.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(String(got.headers['content-disposition'])).toMatch(/^inline; .*filename\*=UTF-8''/);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect((await api(staffB, 'GET', view.url)).statusCode).toBe(404);
  });

  it('refuses an executable, a disguised one, an oversize file and an invisible project', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    const r1 = await upload(secretary, { projectId: p1 }, { name: 'setup.exe', data: exe });
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toMatchObject({ code: 'ATTACHMENT_TYPE' });
    const r2 = await upload(secretary, { projectId: p1 }, { name: 'photo.png', data: exe, type: 'image/png' });
    expect(r2.json()).toMatchObject({ code: 'ATTACHMENT_TYPE' });
    const big = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    const r3 = await upload(secretary, { projectId: p1 }, { name: 'big.png', data: big });
    expect(r3.statusCode).toBe(413);
    expect(r3.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    const r4 = await upload(secretary, { projectId: pB }, { name: 'a.png', data: PNG });
    expect(r4.statusCode).toBe(404);
    const r5 = await upload(secretary, { projectId: p1 });
    expect(r5.statusCode).toBe(400);
    const r6 = await upload(staff, { projectId: p1 }, { name: 'a.png', data: PNG });
    expect(r6.statusCode).toBe(403);
  });

  it('posts progress with the photo; a member posts too; staff and county B cannot', async () => {
    const post = await ok<{ id: string; attachments: { id: string }[] }>(
      secretary,
      'POST',
      `/api/projects/${p1}/progress`,
      {
        text: '召开园区企业党建工作推进会，18家企业参加。',
        attachmentIds: [photoId],
      },
    );
    expect(post.attachments.map((a) => a.id)).toEqual([photoId]);
    // An upload made before choosing the project is linked when used.
    const loose = (await upload(member, {}, { name: 'scan.png', data: PNG })).json();
    await ok(member, 'POST', `/api/projects/${p1}/progress`, { text: '走访企业12家。', attachmentIds: [loose.id] });
    expect((await t.services.store.repos.attachments.get(loose.id))!.projectId).toBe(p1);

    const feed = await ok<{ items: { text: string; attachments: unknown[]; authorName: string }[] }>(
      staff,
      'GET',
      `/api/projects/${p1}/progress`,
    );
    expect(feed.items.map((i) => i.text)).toEqual(['走访企业12家。', '召开园区企业党建工作推进会，18家企业参加。']);
    expect(feed.items[1]!.attachments).toHaveLength(1);

    expect((await api(staff, 'POST', `/api/projects/${p1}/progress`, { text: 'x' })).statusCode).toBe(403);
    expect((await api(secretaryB, 'POST', `/api/projects/${p1}/progress`, { text: 'x' })).statusCode).toBe(404);
    // Someone else's attachment, or one of another project, is refused.
    const other = (await upload(secretaryB, { projectId: pB }, { name: 'b.png', data: PNG })).json();
    const bad = await api(secretary, 'POST', `/api/projects/${p1}/progress`, { text: 'x', attachmentIds: [other.id] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().fields).toHaveProperty(['attachmentIds.0']);
  });
});

describe(`milestones and indicators (${TEST_DB})`, () => {
  it('completes a milestone with evidence once, at its version, not in the future', async () => {
    const [m] = (await ok<{ items: MilestoneView[] }>(member, 'GET', `/api/projects/${p1}/milestones`)).items;
    expect(m).toMatchObject({ completedOn: null, overdue: false, version: 1 });
    const url = `/api/projects/${p1}/milestones/${m!.id}/complete`;
    const future = await api(secretary, 'POST', url, {
      evidence: '台账',
      completedOn: '2025-03-01',
      version: m!.version,
    });
    expect(future.statusCode).toBe(400);
    const evidence = (await upload(secretary, { projectId: p1 }, { name: '台账.png', data: PNG })).json();
    const done = await ok<MilestoneView>(secretary, 'POST', url, {
      evidence: '形成辖区企业党建台账，共126家。',
      completedOn: '2025-02-19',
      attachmentIds: [evidence.id],
      version: m!.version,
    });
    expect(done).toMatchObject({ completedOn: '2025-02-19', version: 2 });
    expect(done.attachments.map((a) => a.id)).toEqual([evidence.id]);
    const again = await api(secretary, 'POST', url, { evidence: 'x', completedOn: '2025-02-19', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    const [, m2] = (await ok<{ items: MilestoneView[] }>(member, 'GET', `/api/projects/${p1}/milestones`)).items;
    const stale = await api(secretary, 'POST', `/api/projects/${p1}/milestones/${m2!.id}/complete`, {
      evidence: 'x',
      completedOn: '2025-02-19',
      version: 7,
    });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });

  it('records actuals and shows progress against target with history', async () => {
    const [ind] = (await ok<{ items: IndicatorView[] }>(staff, 'GET', `/api/projects/${p1}/indicators`)).items;
    expect(ind).toMatchObject({ actual: ind!.baseline, history: [] });
    const half = ind!.baseline + (ind!.target - ind!.baseline) / 2;
    const v = await ok<IndicatorView>(member, 'POST', `/api/projects/${p1}/indicators/${ind!.id}/actuals`, {
      value: half,
      recordedOn: '2025-02-18',
      note: '二月统计',
    });
    expect(v.actual).toBe(half);
    expect(v.progress).toBeCloseTo(0.5, 3);
    expect(v.history).toEqual([
      { value: half, recordedOn: '2025-02-18', note: '二月统计', byName: w.users.member.displayName },
    ]);
    const future = await api(member, 'POST', `/api/projects/${p1}/indicators/${ind!.id}/actuals`, {
      value: 1,
      recordedOn: '2025-02-21',
    });
    expect(future.statusCode).toBe(400);
    expect(
      (
        await api(member, 'POST', `/api/projects/${p1}/indicators/${ind!.id}/actuals`, {
          value: -1,
          recordedOn: '2025-02-18',
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe(`quarterly reports (${TEST_DB})`, () => {
  it('schedules Q1–Q4 from approval and opens a quarter for filing from its last month', async () => {
    clock.set('2025-02-20T09:00:00+08:00');
    const list = await reports(secretary, p1);
    expect(list.map((r) => [r.year, r.quarter, r.dueDate, r.status])).toEqual([
      [2025, 1, '2025-04-10', 'pending'],
      [2025, 2, '2025-07-10', 'pending'],
      [2025, 3, '2025-10-10', 'pending'],
      [2025, 4, '2026-01-10', 'pending'],
    ]);
    expect(list[0]).toMatchObject({ opensOn: '2025-03-01', overdue: false, abilities: [] });
    const early = await api(secretary, 'POST', `/api/projects/${p1}/quarterly-reports`, reportBody(2025, 1));
    expect(early.statusCode).toBe(409);
  });

  it('files Q1 at 2025-03-31 23:30 +08:00 (still Q1), records its values as actuals, and refuses a duplicate', async () => {
    clock.set('2025-03-31T23:30:00+08:00');
    const list = await reports(secretary, p1);
    expect(list[0]!.abilities).toEqual(['file']);
    expect(list[1]!.abilities).toEqual([]);
    const [i1, i2] = (await ok<{ items: IndicatorView[] }>(secretary, 'GET', `/api/projects/${p1}/indicators`)).items;
    const filed = await ok<QuarterlyReportView>(
      secretary,
      'POST',
      `/api/projects/${p1}/quarterly-reports`,
      reportBody(2025, 1, {
        indicatorValues: [
          { indicatorId: i1!.id, value: i1!.target },
          { indicatorId: i2!.id, value: i2!.baseline + 1 },
        ],
      }),
    );
    expect(filed).toMatchObject({ status: 'filed', filedLate: false, overdue: false, quarter: 1 });
    expect(filed.filedAt).toBe('2025-03-31T15:30:00.000Z');
    expect(quarterOf(filed.filedAt!)).toEqual({ year: 2025, quarter: 1 });
    expect(filed.indicatorValues.map((v) => v.name)).toEqual([i1!.name, i2!.name]);
    const after = (await ok<{ items: IndicatorView[] }>(secretary, 'GET', `/api/projects/${p1}/indicators`)).items;
    expect(after[0]!.actual).toBe(i1!.target);
    expect(after[0]!.progress).toBe(1);
    expect(after[0]!.history.at(-1)).toMatchObject({ recordedOn: '2025-03-31', note: '2025年第一季度报告' });

    const dup = await api(secretary, 'POST', `/api/projects/${p1}/quarterly-reports`, reportBody(2025, 1));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('REPORT_EXISTS');
    const q2 = await api(secretary, 'POST', `/api/projects/${p1}/quarterly-reports`, reportBody(2025, 2));
    expect(q2.json().message).toContain('尚未到报送时间');
    expect(q2.json().code).toBe('REPORT_NOT_OPEN');
    const none = await api(secretary, 'POST', `/api/projects/${p1}/quarterly-reports`, reportBody(2024, 4));
    expect(none.statusCode).toBe(400);
    const foreign = await api(secretary, 'POST', `/api/projects/${p2}/quarterly-reports`, {
      ...reportBody(2025, 1),
      indicatorValues: [{ indicatorId: i1!.id, value: 1 }],
    });
    expect(foreign.statusCode).toBe(400);
    expect((await api(member, 'POST', `/api/projects/${p2}/quarterly-reports`, reportBody(2025, 1))).statusCode).toBe(
      403,
    );
  });

  it('reminds the secretary three days ahead, once', async () => {
    clock.set('2025-04-06T09:00:00+08:00');
    const reminders = new ReportReminders(t.services.store);
    expect(await at(() => reminders.run())).toEqual({ due: 0, overdue: 0 });
    clock.set('2025-04-07T09:00:00+08:00');
    // p2 (and pB for its own secretary) are due on 04-10; p1 is filed.
    expect(await at(() => reminders.run())).toEqual({ due: 2, overdue: 0 });
    expect(await at(() => reminders.run())).toEqual({ due: 0, overdue: 0 });
    const mine = (await notificationsOf(secretary)).filter((n) => n.kind === 'report_due');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.link).toBe(`/projects/${p2}?tab=reports`);
  });

  it('flags a report overdue from the first Beijing day after its due date, and announces it', async () => {
    // 2025-04-10 23:30 in Beijing is still the due date.
    clock.set('2025-04-10T23:30:00+08:00');
    expect((await reports(secretary, p2))[0]!.overdue).toBe(false);
    // 00:30 on 04-11 in Beijing is still 04-10 in UTC: overdue all the same.
    clock.set('2025-04-11T00:30:00+08:00');
    const [q1] = await reports(secretary, p2);
    expect(q1).toMatchObject({ status: 'pending', overdue: true, abilities: ['file'] });
    const listed = await ok<{ items: { id: string; overdueReports: number }[] }>(
      staff,
      'GET',
      '/api/projects?overdue=1&limit=100',
    );
    expect(listed.items.map((i) => i.id)).toEqual([p2]);

    const sent = await at(() => new ReportReminders(t.services.store).run());
    expect(sent.overdue).toBe(4); // p2: secretary + county A staff; pB: its secretary + county B staff
    const toSecretary = (await notificationsOf(secretary)).filter((n) => n.kind === 'report_overdue');
    expect(toSecretary.map((n) => n.link)).toEqual([`/projects/${p2}?tab=reports`]);
    const toStaff = (await notificationsOf(staff)).filter((n) => n.kind === 'report_overdue');
    expect(toStaff.map((n) => n.link)).toEqual([`/projects/${p2}?tab=reports`]);
    const toStaffB = (await notificationsOf(staffB)).filter((n) => n.kind === 'report_overdue');
    expect(toStaffB.map((n) => n.link)).toEqual([`/projects/${pB}?tab=reports`]);
    expect((await at(() => new ReportReminders(t.services.store).run())).overdue).toBe(0);
  });

  it('gives staff the quarter at a glance, within their scope', async () => {
    const o = await ok<QuarterOverview>(
      staff,
      'GET',
      `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=1`,
    );
    expect(o.dueDate).toBe('2025-04-10');
    expect(o.totals).toMatchObject({ projects: 2, pending: 1, filed: 1, rated: 0, overdue: 1 });
    expect(o.rows.map((r) => [r.projectId, r.status, r.overdue])).toEqual([
      [p1, 'filed', false],
      [p2, 'pending', true],
    ]);
    const all = await ok<QuarterOverview>(
      admin,
      'GET',
      `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=1`,
    );
    expect(all.totals.projects).toBe(3);
    const b = await ok<QuarterOverview>(
      staffB,
      'GET',
      `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=1`,
    );
    expect(b.rows.map((r) => r.projectId)).toEqual([pB]);
    expect(
      (await api(secretary, 'GET', `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=1`))
        .statusCode,
    ).toBe(403);
  });

  it('accepts a late filing and keeps it visibly late', async () => {
    clock.set('2025-04-15T10:00:00+08:00');
    const filed = await ok<QuarterlyReportView>(
      secretary,
      'POST',
      `/api/projects/${p2}/quarterly-reports`,
      reportBody(2025, 1),
    );
    expect(filed).toMatchObject({ status: 'filed', overdue: false, filedLate: true });
    const o = await ok<QuarterOverview>(
      staff,
      'GET',
      `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=1`,
    );
    expect(o.totals).toMatchObject({ filed: 2, overdue: 0 });
    expect(o.rows.find((r) => r.projectId === p2)).toMatchObject({ filedLate: true });
  });

  it('shows a filed report in the progress feed, labelled by the quarter it reports on, not its filing date', async () => {
    // p2's Q1 report was filed on 2025-04-15, in Q2.
    const feed = await ok<{ items: ProgressView[] }>(staff, 'GET', `/api/projects/${p2}/progress`);
    const post = feed.items.find((i) => i.report !== null)!;
    expect(post).toMatchObject({ text: reportBody(2025, 1).progress, report: { year: 2025, quarter: 1 } });
    expect(quarterOf(post.at)).toEqual({ year: 2025, quarter: 2 });
    expect(feed.items.filter((i) => i.report === null).every((i) => i.text !== post.text)).toBe(true);
  });
});

describe(`rating (${TEST_DB})`, () => {
  it('rates a report, sets the project’s latest rating and tells the secretary', async () => {
    clock.set('2025-04-20T10:00:00+08:00');
    const [q1, q2] = await reports(staff, p1);
    expect(q1!.abilities).toEqual(expect.arrayContaining(['rate', 'supervise']));
    const rated = await ok<QuarterlyReportView>(staff, 'POST', `/api/quarterly-reports/${q1!.id}/rate`, {
      rating: 'lagging',
      comment: '指导员选派进度偏慢。',
      version: q1!.version,
    });
    expect(rated).toMatchObject({ status: 'rated', rating: 'lagging', ratedByName: w.users.staff.displayName });
    const project = await ok<{ latestRating: string }>(staff, 'GET', `/api/projects/${p1}`);
    expect(project.latestRating).toBe('lagging');
    const filtered = await ok<{ items: { id: string }[] }>(staff, 'GET', '/api/projects?rating=lagging&limit=100');
    expect(filtered.items.map((i) => i.id)).toEqual([p1]);
    const note = (await notificationsOf(secretary)).find((n) => n.kind === 'report_rated');
    expect(note).toMatchObject({ link: `/projects/${p1}?tab=reports` });
    expect(note!.body).toContain('进度滞后');

    const stale = await api(staff, 'POST', `/api/quarterly-reports/${q1!.id}/rate`, {
      rating: 'on_track',
      comment: 'x',
      version: q1!.version,
    });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const pending = await api(staff, 'POST', `/api/quarterly-reports/${q2!.id}/rate`, {
      rating: 'on_track',
      comment: 'x',
      version: q2!.version,
    });
    expect(pending.json().code).toBe('INVALID_TRANSITION');
    expect(
      (
        await api(secretary, 'POST', `/api/quarterly-reports/${q1!.id}/rate`, {
          rating: 'on_track',
          comment: 'x',
          version: 2,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api(staffB, 'POST', `/api/quarterly-reports/${q1!.id}/rate`, {
          rating: 'on_track',
          comment: 'x',
          version: 2,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('keeps the most recent quarter’s rating as the project’s latest', async () => {
    clock.set('2025-06-05T10:00:00+08:00');
    const q2 = await ok<QuarterlyReportView>(
      secretary,
      'POST',
      `/api/projects/${p1}/quarterly-reports`,
      reportBody(2025, 2),
    );
    await ok(staff, 'POST', `/api/quarterly-reports/${q2.id}/rate`, {
      rating: 'on_track',
      comment: '好',
      version: q2.version,
    });
    const q1 = (await reports(staff, p1))[0]!;
    await ok(staff, 'POST', `/api/quarterly-reports/${q1.id}/rate`, {
      rating: 'at_risk',
      comment: '复评',
      version: q1.version,
    });
    expect((await ok<{ latestRating: string }>(staff, 'GET', `/api/projects/${p1}`)).latestRating).toBe('on_track');
  });
});

describe(`supervision notices (${TEST_DB})`, () => {
  it('issue → answer → close, notifying each side', async () => {
    clock.set('2025-06-10T10:00:00+08:00');
    const q1 = (await reports(staff, p1))[0]!;
    const issued = await ok<SupervisionView>(staff, 'POST', `/api/projects/${p1}/supervision-notices`, {
      reportId: q1.id,
      content: '请说明指导员选派滞后原因及整改措施。',
      answerBy: '2025-06-20',
    });
    expect(issued).toMatchObject({ status: 'open', overdue: false, abilities: ['close'], reportId: q1.id });
    const issuedNote = (await notificationsOf(secretary)).find((n) => n.kind === 'supervision_issued');
    expect(issuedNote).toMatchObject({ link: `/projects/${p1}?tab=reports` });

    const seen = (await ok<{ items: SupervisionView[] }>(secretary, 'GET', `/api/projects/${p1}/supervision-notices`))
      .items[0]!;
    expect(seen.abilities).toEqual(['answer']);
    expect(
      (await api(member, 'POST', `/api/supervision-notices/${seen.id}/answer`, { answer: 'x', version: 1 })).statusCode,
    ).toBe(403);
    expect(
      (await api(secretaryB, 'POST', `/api/supervision-notices/${seen.id}/answer`, { answer: 'x', version: 1 }))
        .statusCode,
    ).toBe(404);
    const answered = await ok<SupervisionView>(secretary, 'POST', `/api/supervision-notices/${seen.id}/answer`, {
      answer: '已与组织部沟通，6月底前完成全部选派。',
      version: seen.version,
    });
    expect(answered).toMatchObject({ status: 'answered', answeredByName: w.users.secretary.displayName });
    expect((await notificationsOf(staff)).some((n) => n.kind === 'supervision_answered')).toBe(true);
    const twice = await api(secretary, 'POST', `/api/supervision-notices/${seen.id}/answer`, {
      answer: 'x',
      version: answered.version,
    });
    expect(twice.json().code).toBe('INVALID_TRANSITION');

    const closed = await ok<SupervisionView>(staff, 'POST', `/api/supervision-notices/${seen.id}/close`, {
      comment: '整改到位',
      version: answered.version,
    });
    expect(closed).toMatchObject({ status: 'closed', closeComment: '整改到位', abilities: [] });
    const again = await api(staff, 'POST', `/api/supervision-notices/${seen.id}/close`, { version: closed.version });
    expect(again.json().code).toBe('INVALID_TRANSITION');
  });

  it('refuses a past answer-by date, a report of another project, and county B staff', async () => {
    const past = await api(staff, 'POST', `/api/projects/${p1}/supervision-notices`, {
      content: 'x',
      answerBy: '2025-06-01',
    });
    expect(past.statusCode).toBe(400);
    const otherReport = (await reports(staff, p2))[0]!;
    const wrong = await api(staff, 'POST', `/api/projects/${p1}/supervision-notices`, {
      reportId: otherReport.id,
      content: 'x',
      answerBy: '2025-07-01',
    });
    expect(wrong.statusCode).toBe(400);
    const b = await api(staffB, 'POST', `/api/projects/${p1}/supervision-notices`, {
      content: 'x',
      answerBy: '2025-07-01',
    });
    expect(b.statusCode).toBe(404);
  });

  it('flags an unanswered notice overdue after its answer-by date', async () => {
    const n = await ok<SupervisionView>(staff, 'POST', `/api/projects/${p2}/supervision-notices`, {
      content: '请补报一季度指标数据。',
      answerBy: '2025-06-12',
    });
    clock.set('2025-06-13T08:00:00+08:00');
    const [listed] = (await ok<{ items: SupervisionView[] }>(staff, 'GET', `/api/projects/${p2}/supervision-notices`))
      .items;
    expect(listed).toMatchObject({ id: n.id, overdue: true });
    const o = await ok<QuarterOverview>(
      staff,
      'GET',
      `/api/quarterly-reports/overview?campaignId=${campaignId}&year=2025&quarter=2`,
    );
    expect(o.rows.find((r) => r.projectId === p2)!.openSupervision).toBe(1);
  });
});

describe(`data scope (${TEST_DB})`, () => {
  it('answers 404 to county B staff on every route of a county A project', async () => {
    const q1 = (await reports(staff, p1))[0]!;
    const [m] = (await ok<{ items: MilestoneView[] }>(staff, 'GET', `/api/projects/${p1}/milestones`)).items;
    const [ind] = (await ok<{ items: IndicatorView[] }>(staff, 'GET', `/api/projects/${p1}/indicators`)).items;
    for (const url of ['progress', 'milestones', 'indicators', 'quarterly-reports', 'supervision-notices']) {
      expect((await api(staffB, 'GET', `/api/projects/${p1}/${url}`)).statusCode, url).toBe(404);
    }
    expect(
      (
        await api(secretaryB, 'POST', `/api/projects/${p1}/milestones/${m!.id}/complete`, {
          evidence: 'x',
          completedOn: '2025-06-01',
          version: 2,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await api(secretaryB, 'POST', `/api/projects/${p1}/indicators/${ind!.id}/actuals`, {
          value: 1,
          recordedOn: '2025-06-01',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await api(secretaryB, 'POST', `/api/projects/${p1}/quarterly-reports`, reportBody(2025, 3))).statusCode,
    ).toBe(404);
    expect(
      (
        await api(staffB, 'POST', `/api/quarterly-reports/${q1.id}/rate`, {
          rating: 'on_track',
          comment: 'x',
          version: q1.version,
        })
      ).statusCode,
    ).toBe(404);
    // A milestone of another project is not found under this one.
    const [mB] = (await ok<{ items: MilestoneView[] }>(admin, 'GET', `/api/projects/${pB}/milestones`)).items;
    expect(
      (
        await api(secretary, 'POST', `/api/projects/${p1}/milestones/${mB!.id}/complete`, {
          evidence: 'x',
          completedOn: '2025-06-01',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe(`a Q4 report in the feed (${TEST_DB})`, () => {
  it('labels a Q4 report filed in January as Q4 of the year before, and ordinary posts by their own date', async () => {
    clock.set('2026-01-06T10:00:00+08:00');
    await ok(secretaryB, 'POST', `/api/projects/${pB}/quarterly-reports`, reportBody(2025, 4));
    await ok(secretaryB, 'POST', `/api/projects/${pB}/progress`, { text: '一月走访企业5家。' });
    const feed = await ok<{ items: ProgressView[] }>(secretaryB, 'GET', `/api/projects/${pB}/progress`);
    expect(feed.items.map((i) => [i.text, i.report])).toEqual([
      ['一月走访企业5家。', null],
      [reportBody(2025, 4).progress, { year: 2025, quarter: 4 }],
    ]);
    expect(quarterOf(feed.items[1]!.at)).toEqual({ year: 2026, quarter: 1 });
  });
});
