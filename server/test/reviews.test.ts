import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingListItem, MeetingView, ProjectReviewView, ProjectView } from '@touyan/schemas';
import type { RequestContext } from '../src/core/actor';
import {
  actorOf,
  contextFor,
  createCampaign,
  createProject,
  createUser,
  declarationInput,
  submitProject,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/**
 * Review meetings on the two-county world. County A runs its own campaign (prefix ZX); county B
 * has one too. County-A staff set up a meeting chaired by a reviewer (rv_chair) with the county's
 * judge as a plain reviewer; rv_outsider is a judge assigned to nothing.
 */
let t: TestApp;
let w: World;
let campaignA: string;
let campaignB: string;
let secretaryCtx: RequestContext;
let secretaryBCtx: RequestContext;
let staff: Session;
let judge: Session;
let chair: Session;
let outsider: Session;
let staffB: Session;
let secretary: Session;
let chairId: string;
let year: number;
const rng = new Rng(77);

const ALL_FIVE = { overall: 4, operable: 5, focus: 3, innovative: 4, measurable: 5 };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const a = await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, name: '振兴区书记项目', codePrefix: 'ZX' });
  campaignA = a.id;
  year = a.year;
  campaignB = (
    await createCampaign(t.services, t.admin, { orgId: w.b.dept.id, name: '元宝区书记项目', codePrefix: 'YB' })
  ).id;
  chairId = (
    await createUser(t.services, t.admin, {
      username: 'rv_chair',
      displayName: '周主持',
      roles: [{ role: 'judge', orgId: w.a.dept.id }],
    })
  ).id;
  await createUser(t.services, t.admin, { username: 'rv_outsider', roles: [{ role: 'judge', orgId: w.a.dept.id }] });
  await createUser(t.services, t.admin, { username: 'rv_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  const secB = await createUser(t.services, t.admin, {
    username: 'rv_b_sec',
    roles: [{ role: 'secretary', orgId: w.b.committee.id }],
  });
  secretaryCtx = contextFor(await actorOf(t.services, w.users.secretary.id));
  secretaryBCtx = contextFor(await actorOf(t.services, secB.id));
  staff = await login(t.app, w.usernames.staff);
  judge = await login(t.app, w.usernames.judge);
  chair = await login(t.app, 'rv_chair');
  outsider = await login(t.app, 'rv_outsider');
  staffB = await login(t.app, 'rv_b_staff');
  secretary = await login(t.app, w.usernames.secretary);
});
afterAll(() => t.close());

const submitA = (title: string) =>
  submitProject(t.services, secretaryCtx, {
    campaignId: campaignA,
    orgId: w.a.committee.id,
    content: declarationInput(rng, { title }),
  });

const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  campaignId: campaignA,
  title: `振兴区书记项目研判会${rng.int(1, 9999)}`,
  meetingDate: `${year}-06-18`,
  place: '区委党校302会议室',
  chairUserId: chairId,
  reviewerIds: [w.users.judge.id],
  note: null,
  ...overrides,
});

async function createMeeting(overrides: Record<string, unknown> = {}): Promise<MeetingView> {
  const res = await call(t.app, staff, 'POST', '/api/review-meetings', meetingBody(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function addItems(m: MeetingView, projectIds: string[]): Promise<MeetingView> {
  const res = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const getMeeting = async (s: Session, id: string): Promise<MeetingView> => {
  const res = await call(t.app, s, 'GET', `/api/review-meetings/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const project = async (id: string): Promise<ProjectView> =>
  (await call(t.app, await login(t.app, 'admin'), 'GET', `/api/projects/${id}`)).json();

const judgeItem = (s: Session, m: MeetingView, itemId: string, scores: Record<string, unknown>, comment?: string) =>
  call(t.app, s, 'PUT', `/api/review-meetings/${m.id}/items/${itemId}/judgement`, { scores, comment });
const decide = (s: Session, m: MeetingView, itemId: string, decision: string, note?: string) =>
  call(t.app, s, 'PUT', `/api/review-meetings/${m.id}/items/${itemId}/decision`, { decision, note });

describe(`setting up a review meeting (${TEST_DB})`, () => {
  it('lets county staff create a meeting on their campaign, with the chair among the reviewers, audited and notified', async () => {
    const m = await createMeeting({ title: '振兴区第一次研判会' });
    expect(m).toMatchObject({
      campaignId: campaignA,
      campaignName: '振兴区书记项目',
      title: '振兴区第一次研判会',
      chairUserId: chairId,
      chairName: '周主持',
      status: 'open',
      version: 1,
      items: [],
    });
    expect(m.reviewers.map((r) => r.id).sort()).toEqual([chairId, w.users.judge.id].sort());
    expect(m.criteria.map((c) => c.name)).toEqual(['全局性', '操作性', '聚焦度', '创新性', '可量化']);
    expect(m.abilities).toEqual(expect.arrayContaining(['update', 'addItems', 'removeItems', 'decide', 'close']));
    expect(m.abilities).not.toContain('judge');

    const audit = (
      await call(t.app, staff, 'GET', `/api/audit-logs?entityType=review_meeting&entityId=${m.id}`)
    ).json();
    expect(audit.items[0]).toMatchObject({ action: 'create', entityLabel: '振兴区第一次研判会' });
    expect(audit.items[0].changes).toContainEqual({ field: 'chairName', before: null, after: '周主持' });

    const notes = (await call(t.app, judge, 'GET', '/api/notifications')).json();
    expect(notes.items).toContainEqual(
      expect.objectContaining({
        kind: 'review_assigned',
        link: `/reviews/${m.id}`,
        title: expect.stringContaining(m.title),
      }),
    );
  });

  it('refuses reviewers who cannot judge, and a campaign the staff do not run', async () => {
    const bad = await call(
      t.app,
      staff,
      'POST',
      '/api/review-meetings',
      meetingBody({ reviewerIds: [w.users.judge.id, w.users.worker.id] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ 'reviewerIds.1': '格式不正确' });
    const noOne = await call(t.app, staff, 'POST', '/api/review-meetings', meetingBody({ reviewerIds: [] }));
    expect(noOne.statusCode).toBe(400);
    const other = await call(t.app, staff, 'POST', '/api/review-meetings', meetingBody({ campaignId: campaignB }));
    expect(other.statusCode).toBe(404);
    expect(other.json().fields).toEqual({ campaignId: '所选记录不存在或无权查看' });
  });

  it('puts submitted declarations of the campaign on the agenda and takes them off again', async () => {
    const m = await createMeeting();
    const [p1, p2, p3] = [await submitA('骑手驿站攻坚'), await submitA('园区党建提质'), await submitA('两个覆盖攻坚')];
    const withItems = await addItems(m, [p1!.id, p2!.id, p3!.id]);
    expect(withItems.items.map((i) => i.projectTitle)).toEqual(['骑手驿站攻坚', '园区党建提质', '两个覆盖攻坚']);
    expect(withItems.items.map((i) => i.position)).toEqual([1, 2, 3]);
    expect(withItems.items[0]).toMatchObject({ versionNo: 1, orgName: w.a.committee.name, projectStatus: 'in_review' });
    expect(withItems.items[0]!.declaration.themeName).toBe('推进两个覆盖');
    expect((await project(p1!.id)).status).toBe('in_review');

    // Already on an agenda: no longer "submitted".
    const again = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [p1!.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    // A draft never submitted is the declaring side's alone: out of the staff's reach.
    const draft = await createProject(t.services, secretaryCtx, {
      campaignId: campaignA,
      orgId: w.a.committee.id,
      content: declarationInput(rng),
    });
    const d = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [draft.id] });
    expect(d.statusCode).toBe(404);
    // A draft withdrawn after submission is visible to staff, but not awaiting review.
    const sent = await submitProject(t.services, secretaryCtx, {
      campaignId: campaignA,
      orgId: w.a.committee.id,
      content: declarationInput(rng),
    });
    const back = await call(t.app, secretary, 'POST', `/api/projects/${sent.id}/withdraw`, { version: sent.version });
    expect(back.json().status).toBe('draft');
    const wd = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [sent.id] });
    expect(wd.statusCode).toBe(409);
    // Another county's declaration is out of reach.
    const pB = await submitProject(t.services, secretaryBCtx, {
      campaignId: campaignB,
      orgId: w.b.committee.id,
      content: declarationInput(rng),
    });
    const b = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [pB.id] });
    expect(b.statusCode).toBe(404);
    expect(b.json().fields).toEqual({ 'projectIds.0': '所选记录不存在或无权查看' });
    // The secretary cannot withdraw a declaration on an open agenda.
    const p3View = await project(p3!.id);
    const withdraw = await call(t.app, secretary, 'POST', `/api/projects/${p3!.id}/withdraw`, {
      version: p3View.version,
    });
    expect(withdraw.statusCode).toBe(409);

    const third = withItems.items[2]!;
    const removed = await call(t.app, staff, 'DELETE', `/api/review-meetings/${m.id}/items/${third.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as MeetingView).items).toHaveLength(2);
    expect((await project(p3!.id)).status).toBe('submitted');
  });

  it('answers 409 to a stale copy of the meeting', async () => {
    const m = await createMeeting();
    const ok = await call(t.app, staff, 'PATCH', `/api/review-meetings/${m.id}`, {
      ...meetingBody(),
      title: '改期后的研判会',
      version: m.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: '改期后的研判会', version: 2 });
    const stale = await call(t.app, staff, 'PATCH', `/api/review-meetings/${m.id}`, {
      ...meetingBody(),
      version: m.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });
});

describe(`judging, deciding and closing (${TEST_DB})`, () => {
  let m: MeetingView;
  let approveId: string;
  let returnId: string;
  let rejectId: string;

  beforeAll(async () => {
    m = await createMeeting({ title: '振兴区年度研判会' });
    const ps = [await submitA('快递小哥服务站建设'), await submitA('支部规范化提升'), await submitA('一企一策走访')];
    m = await addItems(
      m,
      ps.map((p) => p.id),
    );
    [approveId, returnId, rejectId] = m.items.map((i) => i.id) as [string, string, string];
  });

  it('hides the meeting from a judge who is not assigned (404) and from the other county', async () => {
    expect((await call(t.app, outsider, 'GET', `/api/review-meetings/${m.id}`)).statusCode).toBe(404);
    const list = (await call(t.app, outsider, 'GET', '/api/review-meetings')).json();
    expect(list.items.map((i: MeetingListItem) => i.id)).not.toContain(m.id);
    expect((await judgeItem(outsider, m, approveId, ALL_FIVE)).statusCode).toBe(404);

    expect((await call(t.app, staffB, 'GET', `/api/review-meetings/${m.id}`)).statusCode).toBe(404);
    const listB = (await call(t.app, staffB, 'GET', '/api/review-meetings')).json();
    expect(listB.items.map((i: MeetingListItem) => i.id)).not.toContain(m.id);
    const patchB = await call(t.app, staffB, 'PATCH', `/api/review-meetings/${m.id}`, {
      ...meetingBody(),
      version: m.version,
    });
    expect(patchB.statusCode).toBe(404);
    expect(
      (await call(t.app, staffB, 'POST', `/api/review-meetings/${m.id}/close`, { version: m.version })).statusCode,
    ).toBe(404);
  });

  it('lets an assigned judge record and update their own judgement; they see only their own', async () => {
    const first = await judgeItem(judge, m, approveId, { ...ALL_FIVE, overall: 2 }, '全局性一般');
    expect(first.statusCode, first.body).toBe(200);
    const second = await judgeItem(judge, m, approveId, ALL_FIVE, '覆盖全区骑手，全局性强');
    expect(second.statusCode).toBe(200);
    expect((await judgeItem(chair, m, approveId, { ...ALL_FIVE, focus: 5 }, '聚焦度高')).statusCode).toBe(200);

    const mine = await getMeeting(judge, m.id);
    expect(mine.abilities).toContain('judge');
    expect(mine.abilities).not.toContain('decide');
    expect(mine.abilities).not.toContain('seeAll');
    const item = mine.items.find((i) => i.id === approveId)!;
    expect(item.judgements).toHaveLength(1);
    expect(item.judgements[0]).toMatchObject({
      reviewerId: w.users.judge.id,
      scores: ALL_FIVE,
      comment: '覆盖全区骑手，全局性强',
    });
    expect(item.averages).toEqual(ALL_FIVE);
    expect(item.judgementCount).toBeNull();

    for (const s of [chair, staff]) {
      const all = (await getMeeting(s, m.id)).items.find((i) => i.id === approveId)!;
      expect(all.judgements).toHaveLength(2);
      expect(all.judgementCount).toBe(2);
      expect(all.averages.focus).toBe(4);
      expect(all.averages.overall).toBe(4);
    }
    const list = (await call(t.app, judge, 'GET', '/api/review-meetings')).json();
    expect(list.items.find((i: MeetingListItem) => i.id === m.id)).toMatchObject({ judgedByMe: 1, itemCount: 3 });
  });

  it('checks scores: 1–5, every criterion of the campaign, nothing else', async () => {
    const tooHigh = await judgeItem(judge, m, returnId, { ...ALL_FIVE, overall: 6 });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().fields['scores.overall']).toBe('数值过大');
    const tooLow = await judgeItem(judge, m, returnId, { ...ALL_FIVE, focus: 0 });
    expect(tooLow.json().fields['scores.focus']).toBe('数值过小');
    const { measurable: _, ...four } = ALL_FIVE;
    const missing = await judgeItem(judge, m, returnId, four);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual({ 'scores.measurable': '必填' });
    const extra = await judgeItem(judge, m, returnId, { ...ALL_FIVE, beauty: 3 });
    expect(extra.json().fields).toEqual({ 'scores.beauty': '格式不正确' });
    // Staff of the campaign who are not reviewers may not judge.
    const notAssigned = await judgeItem(staff, m, returnId, ALL_FIVE);
    expect(notAssigned.statusCode).toBe(403);
    expect(notAssigned.json().code).toBe('NOT_ASSIGNED');
    const none = (await getMeeting(chair, m.id)).items.find((i) => i.id === returnId)!;
    expect(none.judgements).toHaveLength(0);
  });

  it('requires the required changes for a return and a reason for a rejection; only the chair or staff decide', async () => {
    const noNote = await decide(chair, m, returnId, 'return');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().fields).toEqual({ note: '必填' });
    expect((await decide(chair, m, rejectId, 'reject', '   ')).statusCode).toBe(400);
    const byJudge = await decide(judge, m, approveId, 'approve');
    expect(byJudge.statusCode).toBe(403);
    expect((await decide(outsider, m, approveId, 'approve')).statusCode).toBe(404);
  });

  it('refuses to close while an item is undecided, and nothing changes', async () => {
    expect((await decide(chair, m, approveId, 'approve')).statusCode).toBe(200);
    const cur = await getMeeting(chair, m.id);
    const res = await call(t.app, chair, 'POST', `/api/review-meetings/${m.id}/close`, { version: cur.version });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MEETING_UNDECIDED', message: '还有议题未作出决定，不能结束研判会' });
    const after = await getMeeting(chair, m.id);
    expect(after).toMatchObject({ status: 'open', closedAt: null, version: cur.version });
    const approved = after.items.find((i) => i.id === approveId)!;
    expect(approved).toMatchObject({ decision: 'approve', projectCode: null, projectStatus: 'in_review' });
    // A plain reviewer does not see pending decisions.
    const judgeView = await getMeeting(judge, m.id);
    expect(judgeView.items.find((i) => i.id === approveId)!.decision).toBeNull();
  });

  it('closes in one transaction: codes, returns, rejections, notifications, lock', async () => {
    expect((await decide(chair, m, returnId, 'return', '请细化量化指标，补充节点安排')).statusCode).toBe(200);
    expect((await decide(staff, m, rejectId, 'reject', '属于单个企业的问题，不具全局性')).statusCode).toBe(200);
    const cur = await getMeeting(chair, m.id);
    const stale = await call(t.app, chair, 'POST', `/api/review-meetings/${m.id}/close`, { version: cur.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    const res = await call(t.app, chair, 'POST', `/api/review-meetings/${m.id}/close`, { version: cur.version });
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json() as MeetingView;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBeTruthy();
    expect(closed.abilities).toEqual(['seeAll', 'minutes']);
    const byId = Object.fromEntries(closed.items.map((i) => [i.id, i]));
    expect(byId[approveId]).toMatchObject({ projectStatus: 'approved', projectCode: `ZX-${year}-001` });
    expect(byId[returnId]).toMatchObject({ projectStatus: 'returned', projectCode: null });
    expect(byId[rejectId]).toMatchObject({ projectStatus: 'rejected' });
    const returned = await project(byId[returnId]!.projectId);
    expect(returned.lastDecisionNote).toBe('请细化量化指标，补充节点安排');

    const notes = (await call(t.app, secretary, 'GET', '/api/notifications?limit=50')).json();
    const kinds = notes.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['project_approved', 'project_returned', 'project_rejected']));

    // Published: the plain reviewer and the secretary now see the decisions.
    const judgeView = await getMeeting(judge, m.id);
    expect(judgeView.items.find((i) => i.id === returnId)).toMatchObject({
      decision: 'return',
      decisionNote: '请细化量化指标，补充节点安排',
    });
    expect(judgeView.abilities).toEqual([]);
    const tab = await call(t.app, secretary, 'GET', `/api/review-meetings/by-project/${byId[returnId]!.projectId}`);
    expect(tab.statusCode, tab.body).toBe(200);
    const reviews = tab.json().items as ProjectReviewView[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ meetingId: m.id, decision: 'return', canOpen: false, judgements: [] });

    const audit = (
      await call(t.app, staff, 'GET', `/api/audit-logs?entityType=review_meeting&entityId=${m.id}`)
    ).json();
    expect(audit.items[0].changes).toContainEqual({ field: 'status', before: 'open', after: 'closed' });
  });

  it('refuses every change to a closed meeting with 409 MEETING_CLOSED', async () => {
    const cur = await getMeeting(staff, m.id);
    const another = await submitA('闭会后提交的项目');
    const attempts = [
      call(t.app, staff, 'PATCH', `/api/review-meetings/${m.id}`, { ...meetingBody(), version: cur.version }),
      call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [another.id] }),
      call(t.app, staff, 'DELETE', `/api/review-meetings/${m.id}/items/${approveId}`),
      judgeItem(judge, m, approveId, ALL_FIVE),
      decide(chair, m, approveId, 'reject', '改变主意'),
      call(t.app, chair, 'POST', `/api/review-meetings/${m.id}/close`, { version: cur.version }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('MEETING_CLOSED');
    }
    expect((await project(another.id)).status).toBe('submitted');
  });

  it('exports the minutes as Excel for staff and the chair, not for a plain reviewer', async () => {
    const res = await call(t.app, staff, 'GET', `/api/review-meetings/${m.id}/minutes.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('会议纪要'));
    expect(res.rawPayload.length).toBeGreaterThan(2000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['会议纪要', '评审意见']);
    const text = JSON.stringify(wb.getWorksheet('会议纪要')!.getSheetValues());
    expect(text).toContain('快递小哥服务站建设');
    expect(text).toContain(`ZX-${year}-001`);
    expect(text).toContain('周主持');
    const opinions = JSON.stringify(wb.getWorksheet('评审意见')!.getSheetValues());
    expect(opinions).toContain('覆盖全区骑手，全局性强');

    expect((await call(t.app, chair, 'GET', `/api/review-meetings/${m.id}/minutes.xlsx`)).statusCode).toBe(200);
    expect((await call(t.app, judge, 'GET', `/api/review-meetings/${m.id}/minutes.xlsx`)).statusCode).toBe(403);
    expect((await call(t.app, staffB, 'GET', `/api/review-meetings/${m.id}/minutes.xlsx`)).statusCode).toBe(404);
  });
});

describe(`reviewers and the project page (${TEST_DB})`, () => {
  it('keeps a reviewer who already judged on the meeting, and notifies newly added reviewers', async () => {
    let m = await createMeeting();
    m = await addItems(m, [(await submitA('调裁诉援一站式')).id]);
    expect((await judgeItem(judge, m, m.items[0]!.id, ALL_FIVE)).statusCode).toBe(200);
    const drop = await call(t.app, staff, 'PATCH', `/api/review-meetings/${m.id}`, {
      ...meetingBody({ title: m.title }),
      reviewerIds: [chairId],
      version: m.version,
    });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().fields.reviewerIds).toContain('已提交评审意见');

    const outsiderId = (await call(t.app, outsider, 'GET', '/api/auth/me')).json().id as string;
    const add = await call(t.app, staff, 'PATCH', `/api/review-meetings/${m.id}`, {
      ...meetingBody({ title: m.title }),
      reviewerIds: [w.users.judge.id, outsiderId],
      version: m.version,
    });
    expect(add.statusCode, add.body).toBe(200);
    const notes = (await call(t.app, outsider, 'GET', '/api/notifications')).json();
    expect(notes.items.map((n: { link: string }) => n.link)).toContain(`/reviews/${m.id}`);
    expect((await call(t.app, outsider, 'GET', `/api/review-meetings/${m.id}`)).statusCode).toBe(200);
  });

  it('shows a project its reviews: pending decisions only to staff and the chair', async () => {
    let m = await createMeeting();
    const p = await submitA('零工快招平台');
    m = await addItems(m, [p.id]);
    expect((await judgeItem(judge, m, m.items[0]!.id, ALL_FIVE, '可行')).statusCode).toBe(200);
    expect((await decide(chair, m, m.items[0]!.id, 'approve')).statusCode).toBe(200);

    const bySecretary = (await call(t.app, secretary, 'GET', `/api/review-meetings/by-project/${p.id}`)).json();
    expect(bySecretary.items[0]).toMatchObject({ status: 'open', decision: null, judgements: [], canOpen: false });
    const byStaff = (await call(t.app, staff, 'GET', `/api/review-meetings/by-project/${p.id}`)).json();
    expect(byStaff.items[0]).toMatchObject({ decision: 'approve', canOpen: true });
    expect(byStaff.items[0].judgements).toHaveLength(1);
    const byJudge = (await call(t.app, judge, 'GET', `/api/review-meetings/by-project/${p.id}`)).json();
    expect(byJudge.items[0]).toMatchObject({ decision: null, canOpen: true });
    expect(byJudge.items[0].judgements).toHaveLength(1);
    expect((await call(t.app, staffB, 'GET', `/api/review-meetings/by-project/${p.id}`)).statusCode).toBe(404);
  });
});
