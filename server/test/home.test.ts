/**
 * The home (工作台, GET /api/home) replayed in 2025 under a simulated clock: records made with the
 * factories in county A and county B, then each role's home read on 2025-07-05 (Q2 reports, due
 * 07-10, are due this month; Q1 reports, due 04-10, are overdue unless filed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contestCreateBody,
  meetingCreateBody,
  type HomeProject,
  type HomeView,
  type Page,
  type ProjectListItem,
} from '@touyan/schemas';
import type { RequestContext } from '../src/core/actor';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { monthEnd, nextStep } from '../src/modules/home/home.service';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  submitProject,
  validated,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
const clock = new SimulatedClock('2025-02-10T10:00:00+08:00');
// light-my-request dispatches when awaited: await inside the clock's context.
const at = <T>(fn: () => PromiseLike<T>) => runWithClock(clock.now, async () => await fn());
const rng = new Rng(2025);

let secA: RequestContext;
let secB: RequestContext;
let campaignA: string;
let campaignB: string;
let julyCampaignA: string;
let julyCampaignB: string;
/** County A: p1, p2, p6 approved; p3 submitted; p4 draft; p5 returned. County B: b1 approved, b2 submitted. */
const p: Record<string, string> = {};
let meetingA: string;
let meetingB: string;
let contestA: string;

async function declare(ctx: RequestContext, campaignId: string, orgId: string): Promise<string> {
  return (await submitProject(t.services, ctx, { campaignId, orgId, content: declarationInput(rng) })).id;
}

async function decide(id: string, decision: 'approve' | 'return', note: string | null = null) {
  const s = t.services;
  await s.store.tx(async (repos) => {
    const row = await s.projects.row(repos, t.admin, id);
    await s.projects.transition(repos, t.admin, row, 'schedule', ['staff']);
    await s.projectDecisions.apply(repos, t.admin, id, decision, note);
  });
}

function fileQ1(ctx: RequestContext, projectId: string) {
  return t.services.quarterlyReports.file(ctx, projectId, {
    year: 2025,
    quarter: 1,
    progress: '一季度完成摸排。',
    crux: '企业配合度不高。',
    nextPlan: '二季度选派指导员。',
    indicatorValues: [],
    attachmentIds: [],
  });
}

async function home(s: Session): Promise<HomeView> {
  const res = await at(() => call(t.app, s, 'GET', '/api/home?items=20'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HomeView;
}

async function listTotal(s: Session, query: string): Promise<number> {
  const res = await at(() => call(t.app, s, 'GET', `/api/projects?withTotal=1&limit=1${query}`));
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Page<ProjectListItem>).total!;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const s = t.services;
  await at(async () => {
    await createUser(s, t.admin, { username: 'home_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
    const secretaryB = await createUser(s, t.admin, {
      username: 'home_b_secretary',
      roles: [{ role: 'secretary', orgId: w.b.committee.id }],
    });
    secA = contextFor(await actorOf(s, w.users.secretary.id));
    secB = contextFor(await actorOf(s, secretaryB.id));
    campaignA = (
      await createCampaign(s, t.admin, { orgId: w.a.dept.id, name: '振兴区2025年度书记项目', codePrefix: 'ZX' })
    ).id;
    campaignB = (
      await createCampaign(s, t.admin, { orgId: w.b.dept.id, name: '元宝区2025年度书记项目', codePrefix: 'YB' })
    ).id;
    for (const k of ['p1', 'p2', 'p6', 'p3', 'p5']) p[k] = await declare(secA, campaignA, w.a.committee.id);
    p.p4 = (
      await t.services.projects.create(secA, {
        campaignId: campaignA,
        orgId: w.a.committee.id,
        content: declarationInput(rng),
      })
    ).id;
    p.b1 = await declare(secB, campaignB, w.b.committee.id);
    p.b2 = await declare(secB, campaignB, w.b.committee.id);
    for (const k of ['p1', 'p2', 'p6', 'b1']) await decide(p[k]!, 'approve');
    await decide(p.p5!, 'return', '请补充量化指标和责任分工。');
  });

  clock.set('2025-04-08T10:00:00+08:00');
  await at(() => fileQ1(secA, p.p1!)); // on time
  clock.set('2025-04-15T10:00:00+08:00');
  await at(() => fileQ1(secA, p.p2!)); // late; p6's Q1 and b1's Q1 stay pending (overdue)

  clock.set('2025-06-20T10:00:00+08:00');
  await at(async () => {
    await s.supervision.issue(t.admin, p.p1!, { reportId: null, content: '请说明指标进度。', answerBy: '2025-07-01' });
    await s.supervision.issue(t.admin, p.b1!, { reportId: null, content: '请说明指标进度。', answerBy: '2025-07-01' });
    const judgeB = await createUser(s, t.admin, {
      username: 'home_b_judge',
      roles: [{ role: 'judge', orgId: w.b.dept.id }],
    });
    const meeting = (campaignId: string, judgeId: string, title: string) =>
      s.reviews.create(
        t.admin,
        validated(meetingCreateBody, {
          campaignId,
          title,
          meetingDate: '2025-07-18',
          place: '区委党校',
          note: null,
          chairUserId: judgeId,
          reviewerIds: [judgeId],
        }),
      );
    meetingA = (await meeting(campaignA, w.users.judge.id, '振兴区第二次研判会')).id;
    meetingB = (await meeting(campaignB, judgeB.id, '元宝区第二次研判会')).id;
    contestA = (
      await s.contests.create(
        t.admin,
        validated(contestCreateBody, {
          campaignId: campaignA,
          name: '振兴区书记项目比武打擂',
          contestDate: '2025-12-20',
          venue: '区委党校礼堂',
          projectIds: [p.p1],
          judgeIds: [w.users.judge.id],
        }),
      )
    ).id;
    await s.contests.create(
      t.admin,
      validated(contestCreateBody, {
        campaignId: campaignB,
        name: '元宝区书记项目比武打擂',
        contestDate: '2025-12-21',
        venue: '区委党校礼堂',
        projectIds: [p.b1],
        judgeIds: [judgeB.id],
      }),
    );
  });

  clock.set('2025-07-05T10:00:00+08:00');
  await at(async () => {
    // A campaign of each county open for declarations on the day the homes are read.
    julyCampaignA = (
      await createCampaign(s, t.admin, { orgId: w.a.dept.id, name: '振兴区下半年专项', codePrefix: 'ZXH' })
    ).id;
    julyCampaignB = (
      await createCampaign(s, t.admin, { orgId: w.b.dept.id, name: '元宝区下半年专项', codePrefix: 'YBH' })
    ).id;
  });
});
afterAll(() => t.close());

describe(`home (${TEST_DB})`, () => {
  it("counts the staff member's to-dos and figures from county A's records only", async () => {
    const staff = await login(t.app, w.usernames.staff);
    const h = await home(staff);
    expect(h.today).toBe('2025-07-05');
    const st = h.staff!;
    expect(h.secretary).toBeNull();
    expect(h.judge).toBeNull();

    expect(st.awaitingReview.count).toBe(1);
    expect(st.awaitingReview.items.map((i) => i.id)).toEqual([p.p3]);

    // Q2 reports of p1, p2 and p6 are due on 07-10; p6's Q1 is overdue. County B's b1 counts for none.
    expect(st.reports.dueThisMonth).toBe(3);
    expect(st.reports.groups).toEqual([
      {
        campaignId: campaignA,
        campaignName: '振兴区2025年度书记项目',
        year: 2025,
        quarter: 2,
        dueDate: '2025-07-10',
        pending: 3,
      },
    ]);
    expect(st.reports.overdue).toBe(1);
    expect(st.reports.overdueProjects).toBe(1);

    expect(st.supervision).toMatchObject({ open: 1, overdue: 1, answered: 0 });
    expect(st.supervision.items.map((n) => n.projectId)).toEqual([p.p1]);
    expect(st.supervision.items[0]).toMatchObject({ status: 'open', answerBy: '2025-07-01', overdue: true });

    expect(st.meetings.open).toBe(1);
    expect(st.meetings.items.map((m) => m.id)).toEqual([meetingA]);
    expect(st.contests.upcoming).toBe(1);
    expect(st.contests.byStatus).toEqual({ draft: 1, ready: 0, running: 0 });
    expect(st.contests.items.map((c) => c.id)).toEqual([contestA]);

    // p4 is a draft never submitted: it stays with the declaring side, out of the staff's counts.
    expect(st.figures.projectsByStatus).toMatchObject({
      approved: 3,
      submitted: 1,
      draft: 0,
      returned: 1,
      in_review: 0,
    });
    expect(st.figures.projects).toBe(5);
    expect(st.figures.reportsOnTime).toBe(1);
    expect(st.figures.reportsLate).toBe(1);
  });

  it('gives the same counts as the lists they link to', async () => {
    const staff = await login(t.app, w.usernames.staff);
    const st = (await home(staff)).staff!;
    expect(await listTotal(staff, '&status=submitted')).toBe(st.awaitingReview.count);
    expect(await listTotal(staff, '&overdue=1')).toBe(st.reports.overdueProjects);
    for (const [status, n] of Object.entries(st.figures.projectsByStatus)) {
      expect(await listTotal(staff, `&status=${status}`), status).toBe(n);
    }
    const meetings = await at(() => call(t.app, staff, 'GET', '/api/review-meetings?status=open&limit=200'));
    expect(meetings.json().items.length).toBe(st.meetings.open);
  });

  it("counts county B's records for county B's staff, and everything for the administrator", async () => {
    const b = (await home(await login(t.app, 'home_b_staff'))).staff!;
    expect(b.awaitingReview.items.map((i) => i.id)).toEqual([p.b2]);
    expect(b.reports).toMatchObject({ dueThisMonth: 1, overdue: 1, overdueProjects: 1 });
    expect(b.supervision.items.map((n) => n.projectId)).toEqual([p.b1]);
    expect(b.meetings.items.map((m) => m.id)).toEqual([meetingB]);

    const admin = (await home(await login(t.app, 'admin'))).staff!;
    expect(admin.awaitingReview.count).toBe(2);
    expect(admin.reports).toMatchObject({ dueThisMonth: 4, overdue: 2 });
    expect(admin.figures.projects).toBe(8);
  });

  it("shows the secretary each project's next step, the most urgent first, and the campaign open today", async () => {
    const h = await home(await login(t.app, w.usernames.secretary));
    expect(h.staff).toBeNull();
    const sec = h.secretary!;
    expect(sec.projects.total).toBe(6);
    expect(sec.projects.total).toBe(await listTotal(await login(t.app, w.usernames.secretary), ''));
    const byId = new Map<string, HomeProject>(sec.projects.items.map((i) => [i.id, i]));
    expect(byId.get(p.p6!)!.next).toEqual({ kind: 'report', date: '2025-04-10', overdue: true });
    expect(byId.get(p.p6!)!.overdueReports).toBe(1);
    // The notice (answer by 07-01) comes before the Q2 report (07-10).
    expect(byId.get(p.p1!)!.next).toEqual({ kind: 'answer', date: '2025-07-01', overdue: true });
    expect(byId.get(p.p1!)!.openNotices).toBe(1);
    expect(byId.get(p.p2!)!.next).toEqual({ kind: 'report', date: '2025-07-10', overdue: false });
    expect(byId.get(p.p3!)!.next).toEqual({ kind: 'review', date: null, overdue: false });
    expect(byId.get(p.p5!)!.next).toMatchObject({ kind: 'resubmit' });
    expect(byId.get(p.p5!)!.decisionNote).toBe('请补充量化指标和责任分工。');
    // The draft's window (declared in February) has closed.
    expect(byId.get(p.p4!)!.next).toMatchObject({ kind: 'submit', overdue: true });
    expect(sec.projects.items.slice(0, 3).map((i) => i.id)).toEqual([p.p4, p.p6, p.p1]);
    expect(sec.projects.items.some((i) => i.id === p.b1 || i.id === p.b2)).toBe(false);

    expect(sec.campaigns.map((c) => c.id)).toEqual([julyCampaignA]);
    expect(sec.campaigns.map((c) => c.id)).not.toContain(julyCampaignB);
    expect(sec.campaigns[0]!.declared).toBe(0);
  });

  it('sends the secretary a notification that shows unread on the home', async () => {
    const h = await home(await login(t.app, w.usernames.secretary));
    // Approvals and the return notified the secretary.
    expect(h.notifications.unread).toBeGreaterThanOrEqual(4);
    expect(h.notifications.items.length).toBe(Math.min(h.notifications.unread, 20));
  });

  it("shows the member their organisation's projects", async () => {
    const h = await home(await login(t.app, w.usernames.member));
    expect(h.member!.projects.total).toBe(6);
    expect(h.staff).toBeNull();
    expect(h.secretary).toBeNull();
  });

  it("shows the judge only their own contests and meetings, never county B's", async () => {
    const h = await home(await login(t.app, w.usernames.judge));
    expect(h.staff).toBeNull();
    // A contest in draft is not the judge's yet.
    expect(h.judge!.contests).toEqual([]);
    expect(h.judge!.meetings.map((m) => m.id)).toEqual([meetingA]);
    expect(h.judge!.meetings[0]).toMatchObject({ reviewer: true, itemCount: 0, judgedByMe: 0 });
    await at(async () => {
      const drawn = await t.services.contests.draw(t.admin, contestA, { version: 1, reason: null });
      await t.services.contests.ready(t.admin, contestA, drawn.version);
    });
    const again = await home(await login(t.app, w.usernames.judge));
    expect(again.judge!.contests.map((c) => c.id)).toEqual([contestA]);
    expect(again.judge!.contests[0]).toMatchObject({ status: 'ready', projectCount: 1 });
  });

  it('gives the roles whose services come later an empty home', async () => {
    for (const role of [
      'worker',
      'guard',
      'station_manager',
      'mediator',
      'employer',
      'specialist',
      'handler',
      'contact',
    ] as const) {
      const h = await home(await login(t.app, w.usernames[role]));
      expect([h.staff, h.secretary, h.member, h.judge], role).toEqual([null, null, null, null]);
    }
  });

  it('decides next steps and month ends on Asia/Shanghai calendar dates', () => {
    expect(monthEnd('2025-02-10')).toBe('2025-02-28');
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(monthEnd('2025-12-31')).toBe('2025-12-31');
    const row = {
      id: 'x',
      title: 't',
      code: null,
      status: 'approved',
      campaignId: 'c',
      campaignName: 'c',
      declareTo: '2025-03-10',
      orgName: 'o',
      lastDecisionNote: null,
      nextReportDue: '2025-07-10',
      overdueReports: 0,
      openNotices: 0,
      nextAnswerBy: null,
      meetingDate: null,
    };
    expect(nextStep(row, '2025-07-10')).toEqual({ kind: 'report', date: '2025-07-10', overdue: false });
    expect(nextStep(row, '2025-07-11')).toEqual({ kind: 'report', date: '2025-07-10', overdue: true });
    expect(nextStep({ ...row, nextReportDue: null }, '2025-07-11')).toBeNull();
    expect(nextStep({ ...row, status: 'completed' }, '2025-07-11')).toBeNull();
    expect(nextStep({ ...row, status: 'in_review', meetingDate: '2025-07-18' }, '2025-07-11')).toEqual({
      kind: 'review',
      date: '2025-07-18',
      overdue: false,
    });
  });
});
