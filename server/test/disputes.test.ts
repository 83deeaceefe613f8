import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConsultationPage,
  ConsultationView,
  DisputeCasePage,
  DisputeCentreView,
  DisputeDetailView,
  DisputeGroupView,
  DisputeSelfList,
  DisputeStatsView,
  HomeView,
} from '@touyan/schemas';
import ExcelJS from 'exceljs';
import { JOB_NAMES } from '../src/background';
import { shanghaiDate } from '../src/core/time';
import { freshMobile } from '../src/seed/dispute-factories';
import { createUser } from '../src/seed/factories';
import { creditCode } from '../src/seed/identifiers';
import { Rng } from '../src/seed/random';
import { createWorker, nextIdNumber } from '../src/seed/worker-factories';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let admin: Session;
let staff: Session;
let mediator: Session;
let worker: Session;
let mediatorB: Session;
let staffB: Session;
let centre: DisputeCentreView;
let centreB: DisputeCentreView;
const today = shanghaiDate();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await login(t.app, 'admin');
  staff = await login(t.app, w.usernames.staff);
  mediator = await login(t.app, w.usernames.mediator);
  worker = await login(t.app, w.usernames.worker);
  const mb = await createUser(t.services, t.admin, {
    username: 'b_mediator_d',
    roles: [{ role: 'mediator', orgId: w.b.dept.id }],
  });
  await createUser(t.services, t.admin, { username: 'b_staff_d', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  mediatorB = await login(t.app, 'b_mediator_d');
  staffB = await login(t.app, 'b_staff_d');
  const c = await call(t.app, staff, 'POST', '/api/dispute-centres', {
    name: '振兴区新就业群体劳动争议一站式调解中心',
    code: 'ZXTJ',
    regionCode: '210603',
    address: '振兴区六纬路2号',
    phone: '0415-1234567',
    headUserId: w.users.mediator.id,
    mediatorUserIds: [w.users.mediator.id],
  });
  expect(c.statusCode, c.body).toBe(200);
  centre = c.json();
  const cb = await call(t.app, staffB, 'POST', '/api/dispute-centres', {
    name: '元宝区劳动争议调解中心',
    code: 'YBTJ',
    regionCode: '210602',
    address: '元宝区金山大街2号',
    headUserId: mb.id,
    mediatorUserIds: [mb.id],
  });
  expect(cb.statusCode, cb.body).toBe(200);
  centreB = cb.json();
});
afterAll(() => t.close());

let seq = 0;
const intake = (overrides: Record<string, unknown> = {}) => ({
  centreId: centre.id,
  source: 'walk_in',
  worker: { name: '张骑手', mobile: freshMobile() },
  respondent: { kind: 'firm', name: `振兴区某配送站${++seq}`, creditCode: null },
  type: 'wage_arrears',
  claimFen: 560000,
  facts: '2025年9月至10月的配送费未结算。',
  knownOn: null,
  ...overrides,
});
async function take(s: Session, overrides: Record<string, unknown> = {}): Promise<DisputeDetailView> {
  const r = await call(t.app, s, 'POST', '/api/dispute-cases', intake(overrides));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function step(s: Session, c: { id: string }, body: Record<string, unknown>, status = 200) {
  const cur = await call(t.app, admin, 'GET', `/api/dispute-cases/${c.id}`);
  const r = await call(t.app, s, 'POST', `/api/dispute-cases/${c.id}/events`, {
    ...body,
    version: cur.json<DisputeDetailView>().version,
  });
  expect(r.statusCode, r.body).toBe(status);
  return r.json<DisputeDetailView & { code?: string; fields?: Record<string, string> }>();
}
const clock = (c: DisputeDetailView, kind: string) => c.clocks.filter((k) => k.kind === kind);

describe(`dispute centres (${TEST_DB})`, () => {
  it('refuses a mediator who does not hold the mediator role, and a region outside the staff member’s', async () => {
    const bad = await call(t.app, staff, 'POST', '/api/dispute-centres', {
      name: '错误中心',
      code: 'BAD',
      regionCode: '210603',
      address: '某地',
      headUserId: w.users.mediator.id,
      mediatorUserIds: [w.users.secretary.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ 'mediatorUserIds.0': '所选人员须持有调解员角色' });
    expect(bad.json().message).toBeTruthy();
    const outside = await call(t.app, staff, 'POST', '/api/dispute-centres', {
      name: '越界中心',
      code: 'OUT',
      regionCode: '210602',
      address: '某地',
      headUserId: w.users.mediator.id,
      mediatorUserIds: [],
    });
    expect(outside.statusCode).toBe(404);
  });

  it('shows a mediator the centres they serve only', async () => {
    const list = (await call(t.app, mediator, 'GET', '/api/dispute-centres')).json<{ items: DisputeCentreView[] }>();
    expect(list.items.map((c) => c.id)).toEqual([centre.id]);
    expect(list.items[0]!.mediators.map((m) => m.userId)).toEqual([w.users.mediator.id]);
    expect(list.items[0]!.abilities).toEqual([]);
    expect((await call(t.app, staff, 'GET', `/api/dispute-centres/${centre.id}`)).json().abilities).toEqual(['update']);
  });
});

describe(`intake and the duplicate check (${TEST_DB})`, () => {
  it('takes a case with a case number, links a registry worker by mobile, and starts the limitation clock', async () => {
    const reg = await createWorker(t.services, t.admin, { regionCode: '210603', mobile: '13800001111' });
    const c = await take(mediator, {
      worker: { name: '刘骑手', mobile: '13800001111' },
      knownOn: '2025-10-15',
      respondent: { kind: 'platform', name: '某即时配送平台公司', creditCode: creditCode(new Rng(14), '210603') },
    });
    expect(c.caseNo).toMatch(/^ZXTJ-\d{4}-\d{4}$/);
    expect(c).toMatchObject({ status: 'registered', workerId: reg.id, workerMobileMasked: '138****1111' });
    expect(clock(c, 'limitation')[0]).toMatchObject({ startedOn: '2025-10-15', dueOn: '2026-10-15' });
    expect(c.abilities).toEqual(expect.arrayContaining(['start_mediation', 'apply_arbitration', 'close', 'evidence']));
    expect(c.timeline.map((e) => e.event)).toEqual(['intake']);
  }, 30_000);

  it('refuses a second open case of the same worker against the same respondent (409, in Chinese), and allows one after closing', async () => {
    const mobile = freshMobile();
    const first = await take(mediator, {
      worker: { name: '赵骑手', mobile },
      respondent: { kind: 'firm', name: '振兴区某餐饮公司', creditCode: null },
    });
    const again = await call(
      t.app,
      staff,
      'POST',
      '/api/dispute-cases',
      intake({
        worker: { name: '赵骑手', mobile },
        respondent: { kind: 'firm', name: '振兴区 某餐饮公司', creditCode: null },
      }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DISPUTE_DUPLICATE', message: expect.stringContaining('已有未结案件') });
    // Another respondent is another case.
    await take(staff, { worker: { name: '赵骑手', mobile } });
    await step(mediator, first, {
      event: 'close',
      closedOn: today,
      outcome: 'withdrawn',
      recoveredFen: 0,
      note: '撤回',
    });
    await take(staff, {
      worker: { name: '赵骑手', mobile },
      respondent: { kind: 'firm', name: '振兴区某餐饮公司', creditCode: null },
    });
  });

  it('answers 400 for a received date in the future and a known date after receipt, and changes nothing', async () => {
    const before = (await call(t.app, admin, 'GET', '/api/dispute-cases?withTotal=1')).json<DisputeCasePage>().total;
    const future = await call(t.app, staff, 'POST', '/api/dispute-cases', intake({ receivedOn: '2999-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json().fields)).toEqual(['receivedOn']);
    const order = await call(
      t.app,
      staff,
      'POST',
      '/api/dispute-cases',
      intake({ receivedOn: '2025-10-01', knownOn: '2025-10-05' }),
    );
    expect(Object.keys(order.json().fields)).toEqual(['knownOn']);
    expect((await call(t.app, admin, 'GET', '/api/dispute-cases?withTotal=1')).json<DisputeCasePage>().total).toBe(
      before,
    );
  });

  it('links evidence uploaded by the mediator, readable with the case and not through /api/attachments', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 32)]);
    const { body, headers } = multipart(
      {},
      { field: 'file', filename: '工资条.pdf', type: 'application/pdf', data: pdf },
    );
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/dispute-evidence',
      payload: body,
      headers: { ...headers, cookie: mediator.cookie, 'x-csrf-token': mediator.csrf },
    });
    expect(up.statusCode, up.body).toBe(200);
    const fileId = up.json<{ id: string }>().id;
    // Someone else's upload is not theirs to link.
    const stolen = await call(t.app, staff, 'POST', '/api/dispute-cases', intake({ evidenceIds: [fileId] }));
    expect(stolen.statusCode).toBe(404);
    const c = await take(mediator, { evidenceIds: [fileId] });
    expect(c.evidence.map((e) => e.id)).toEqual([fileId]);
    expect((await call(t.app, staff, 'GET', c.evidence[0]!.url)).statusCode).toBe(200);
    expect((await call(t.app, staff, 'GET', `/api/attachments/${fileId}`)).statusCode).toBe(404);
    expect((await call(t.app, mediatorB, 'GET', c.evidence[0]!.url)).statusCode).toBe(404);
  });
});

describe(`the stages (${TEST_DB})`, () => {
  it('intake → mediation → agreement → performed → closed, with the mediation clock met and the figures moving', async () => {
    const stats = async () =>
      (await call(t.app, staff, 'GET', `/api/dispute-stats?from=2020-01-01&to=${today}`)).json<DisputeStatsView>();
    const before = await stats();
    const c = await take(mediator, { knownOn: '2025-11-01' });
    let v = await step(mediator, c, { event: 'start_mediation', receivedOn: today, note: null });
    expect(v.status).toBe('mediating');
    expect(v.mediatorUserId).toBe(w.users.mediator.id);
    expect(clock(v, 'mediation')[0]).toMatchObject({ startedOn: today, extendedDays: 0 });
    expect(clock(v, 'limitation')[0]!.state).toBe('interrupted');
    v = await step(mediator, c, {
      event: 'record_session',
      heldOn: today,
      result: 'near_agreement',
      note: '企业同意分两期支付',
    });
    v = await step(mediator, c, {
      event: 'extend_mediation',
      days: 5,
      reason: '企业需筹措资金',
      agreedBy: '双方当事人',
    });
    expect(clock(v, 'mediation')[0]!.extendedDays).toBe(5);
    expect(v.extensions).toEqual([expect.objectContaining({ clock: 'mediation', days: 5, reason: '企业需筹措资金' })]);
    v = await step(mediator, c, {
      event: 'mediation_agreement',
      agreedOn: today,
      terms: '被申请人于十日内一次性支付配送费5600元。',
      amountFen: 560000,
      performBy: null,
    });
    expect(v.status).toBe('mediated');
    expect(clock(v, 'mediation')[0]!.state).toBe('met');
    v = await step(mediator, c, { event: 'record_performance', performed: true, on: today, note: null });
    expect(v.mediation).toMatchObject({ status: 'agreed', performed: true, agreedFen: 560000 });
    expect(v.abilities).not.toContain('record_performance');
    expect(v.abilities).not.toContain('apply_arbitration');
    v = await step(mediator, c, {
      event: 'close',
      closedOn: today,
      outcome: 'mediated',
      recoveredFen: 560000,
      note: null,
    });
    expect(v).toMatchObject({
      status: 'closed',
      outcome: 'mediated',
      recoveredFen: 560000,
      closedOn: today,
      abilities: [],
    });
    expect(v.clocks.every((k) => k.daysLeft === null)).toBe(true);
    expect(v.timeline.map((e) => e.event)).toEqual([
      'intake',
      'start_mediation',
      'record_session',
      'extend_mediation',
      'mediation_agreement',
      'record_performance',
      'close',
    ]);
    const after = await stats();
    expect(after.closed.n).toBe(before.closed.n + 1);
    expect(after.mediationsAgreed.n).toBe(before.mediationsAgreed.n + 1);
    expect(after.recoveredFen).toBe(before.recoveredFen + 560000);
    // A closed case takes no event.
    const closed = await call(t.app, mediator, 'POST', `/api/dispute-cases/${c.id}/events`, {
      event: 'apply_legal_aid',
      appliedOn: today,
      provider: '法律援助中心',
      version: v.version,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('INVALID_TRANSITION');
  });

  it('runs arbitration with its clocks, caps the award extension at 15 days and goes to court after the award', async () => {
    const c = await take(staff, { receivedOn: '2025-09-01', knownOn: '2025-08-20' });
    // Not before mediation's 15 days: none here (no mediation), so arbitration at once.
    let v = await step(staff, c, {
      event: 'apply_arbitration',
      appliedOn: '2025-09-26',
      commission: '振兴区劳动人事争议仲裁委员会',
      note: null,
    });
    expect(clock(v, 'acceptance')[0]).toMatchObject({ startedOn: '2025-09-26', dueOn: '2025-10-10' });
    expect(clock(v, 'limitation')[0]!.state).toBe('met');
    // A court is not open before the commission decided (nor its 5 days ran out: they did, long ago).
    const early = await step(
      staff,
      c,
      { event: 'award', awardedOn: '2025-10-01', result: 'upheld', amountFen: 1, final: false },
      409,
    );
    expect(early).toMatchObject({ code: 'INVALID_TRANSITION' });
    const before = await step(
      staff,
      c,
      { event: 'accept_arbitration', acceptedOn: '2025-09-20', arbCaseNo: '振劳人仲案字〔2025〕第101号' },
      400,
    );
    expect(Object.keys(before.fields!)).toEqual(['acceptedOn']);
    v = await step(staff, c, {
      event: 'accept_arbitration',
      acceptedOn: '2025-10-09',
      arbCaseNo: '振劳人仲案字〔2025〕第101号',
    });
    expect(clock(v, 'acceptance')[0]!.state).toBe('met');
    // 45 days from 9 October end on Sunday 23 November: the next Monday.
    expect(clock(v, 'award')[0]).toMatchObject({ startedOn: '2025-10-09', dueOn: '2025-11-24' });
    v = await step(staff, c, {
      event: 'extend_award',
      days: 10,
      reason: '案情复杂，需调取平台数据',
      approvedBy: '仲裁委主任 孙某',
    });
    expect(clock(v, 'award')[0]).toMatchObject({ extendedDays: 10, dueOn: '2025-12-03' });
    const over = await step(
      staff,
      c,
      { event: 'extend_award', days: 6, reason: '再次延期', approvedBy: '仲裁委主任 孙某' },
      400,
    );
    expect(over.fields).toEqual({ days: '仲裁审理期限延长合计不得超过15日' });
    v = await step(staff, c, { event: 'extend_award', days: 5, reason: '等待鉴定结论', approvedBy: '仲裁委主任 孙某' });
    expect(v.abilities).not.toContain('extend_award');
    v = await step(staff, c, { event: 'schedule_hearing', hearingOn: '2025-11-20' });
    v = await step(staff, c, {
      event: 'award',
      awardedOn: '2025-12-05',
      result: 'partly',
      amountFen: 300000,
      final: false,
      note: null,
    });
    expect(clock(v, 'award')[0]!.state).toBe('met');
    expect(v.arbitration).toMatchObject({ status: 'awarded', awardFen: 300000, hearingOn: '2025-11-20' });
    const future = await step(
      staff,
      c,
      { event: 'file_litigation', filedOn: '2999-01-01', kind: 'lawsuit', court: '振兴区人民法院', courtCaseNo: null },
      400,
    );
    expect(future.fields).toEqual({ filedOn: '日期不能晚于今天' });
    v = await step(staff, c, {
      event: 'file_litigation',
      filedOn: '2025-12-15',
      kind: 'lawsuit',
      court: '振兴区人民法院',
      courtCaseNo: null,
    });
    expect(v.status).toBe('litigating');
    v = await step(staff, c, {
      event: 'apply_legal_aid',
      appliedOn: '2025-12-16',
      provider: '振兴区法律援助中心',
      note: null,
    });
    const noLawyer = await call(t.app, staff, 'POST', `/api/dispute-cases/${c.id}/events`, {
      event: 'decide_legal_aid',
      decidedOn: '2025-12-18',
      approved: true,
      version: v.version,
    });
    expect(noLawyer.statusCode).toBe(400);
    v = await step(staff, c, {
      event: 'decide_legal_aid',
      decidedOn: '2025-12-18',
      approved: true,
      lawyerName: '周律师',
      lawFirm: '振兴律师事务所',
    });
    expect(v.legalAid).toBe('approved');
    v = await step(staff, c, {
      event: 'judgement',
      judgedOn: '2026-02-10',
      result: 'upheld',
      amountFen: 420000,
      courtCaseNo: '(2025)辽0603民初1号',
      note: null,
    });
    expect(v.litigation).toMatchObject({ judgementResult: 'upheld', courtCaseNo: '(2025)辽0603民初1号' });
    v = await step(staff, c, {
      event: 'close',
      closedOn: '2026-03-01',
      outcome: 'adjudicated',
      recoveredFen: 420000,
      note: null,
    });
    expect(v.status).toBe('closed');
    const aided = (await call(t.app, staff, 'GET', '/api/dispute-cases?legalAid=1&limit=200')).json<DisputeCasePage>();
    expect(aided.items.map((i) => i.id)).toContain(c.id);
  });

  it('lets the worker go to arbitration only after the 15 days of mediation, and restarts the limitation after a failure', async () => {
    const c = await take(mediator, { receivedOn: '2025-10-10', knownOn: '2025-09-30' });
    let v = await step(mediator, c, { event: 'start_mediation', receivedOn: '2025-10-10', note: null });
    // 15 days from 10 October end on Saturday 25 October: the next Monday. Long past: overdue.
    expect(clock(v, 'mediation')[0]).toMatchObject({ dueOn: '2025-10-27', state: 'overdue' });
    expect(v.abilities).toContain('apply_arbitration');
    v = await step(mediator, c, { event: 'mediation_failed', endedOn: '2025-10-20', reason: '企业不认可劳动关系' });
    expect(v.status).toBe('mediation_failed');
    expect(clock(v, 'mediation')[0]!.state).toBe('met');
    const lim = clock(v, 'limitation');
    expect(lim.map((k) => k.state)).toEqual(expect.arrayContaining(['interrupted']));
    expect(lim.find((k) => k.daysLeft !== null)).toMatchObject({ startedOn: '2025-10-20', dueOn: '2026-10-20' });
    const early = await take(mediator, { receivedOn: today });
    const m = await step(mediator, early, { event: 'start_mediation', receivedOn: today, note: null });
    expect(m.abilities).not.toContain('apply_arbitration');
    await step(
      mediator,
      early,
      { event: 'apply_arbitration', appliedOn: today, commission: '仲裁委', note: null },
      409,
    );
    // A judgement is not a step of a registered case.
    const r = await take(mediator);
    const bad = await step(mediator, r, { event: 'judgement', judgedOn: today, result: 'upheld', amountFen: 0 }, 409);
    expect(bad.code).toBe('INVALID_TRANSITION');
  });
});

describe(`overdue clocks through the job queue (${TEST_DB})`, () => {
  it('notifies the centre’s head once per clock and last day, again after an extension that lapses too', async () => {
    const c = await take(mediator, { receivedOn: '2025-06-02' });
    await step(mediator, c, { event: 'start_mediation', receivedOn: '2025-06-02', note: null });
    const headNotices = async () =>
      (
        await t.services.db
          .selectFrom('notifications')
          .select('title')
          .where('userId', '=', w.users.mediator.id)
          .where('kind', '=', 'dispute_overdue')
          .execute()
      ).filter((n) => n.title.includes(c.caseNo)).length;
    const run = async () => {
      await t.services.jobs.send(JOB_NAMES.disputeClocks, {});
      await t.services.jobs.drain([JOB_NAMES.disputeClocks]);
    };
    await run();
    expect(await headNotices()).toBe(1);
    await run();
    expect(await headNotices()).toBe(1);
    await step(mediator, c, { event: 'extend_mediation', days: 3, reason: '当事人外出', agreedBy: '双方当事人' });
    await run();
    expect(await headNotices()).toBe(2);
    const v = (await call(t.app, mediator, 'GET', `/api/dispute-cases/${c.id}`)).json<DisputeDetailView>();
    expect(v.timeline.filter((e) => e.event === 'clock_overdue')).toHaveLength(2);
    const overdue = (
      await call(t.app, mediator, 'GET', '/api/dispute-cases?clock=overdue&limit=200')
    ).json<DisputeCasePage>();
    expect(overdue.items.map((i) => i.id)).toContain(c.id);
    expect(overdue.items.every((i) => i.clocks.some((k) => k.state === 'overdue'))).toBe(true);
  });
});

describe(`data scope (${TEST_DB})`, () => {
  it('shows a mediator their centre’s cases only, and staff their region’s', async () => {
    const a = await take(mediator);
    const rb = await call(t.app, mediatorB, 'POST', '/api/dispute-cases', { ...intake(), centreId: centreB.id });
    expect(rb.statusCode, rb.body).toBe(200);
    const b = rb.json<DisputeDetailView>();
    for (const [s, mine, theirs] of [
      [mediator, a.id, b.id],
      [staff, a.id, b.id],
      [mediatorB, b.id, a.id],
      [staffB, b.id, a.id],
    ] as const) {
      const list = (await call(t.app, s, 'GET', '/api/dispute-cases?limit=200')).json<DisputeCasePage>();
      expect(list.items.map((i) => i.id)).toContain(mine);
      expect(list.items.map((i) => i.id)).not.toContain(theirs);
      expect((await call(t.app, s, 'GET', `/api/dispute-cases/${theirs}`)).statusCode).toBe(404);
    }
    // Into another centre: not found (the centre is out of reach).
    const into = await call(t.app, mediator, 'POST', '/api/dispute-cases', { ...intake(), centreId: centreB.id });
    expect(into.statusCode).toBe(404);
    expect(Object.keys(into.json().fields)).toEqual(['centreId']);
  });

  it('lets a worker apply online and follow only their own cases', async () => {
    // The matrix's worker account registers in county A (a registry entry with its account).
    const reg = await call(t.app, worker, 'PUT', '/api/workers/me', {
      name: '钱骑手',
      mobile: '13700002222',
      idNumber: nextIdNumber('210603'),
      platform: 'meituan',
      occupation: 'food_delivery',
      regionCode: '210603',
      partyMember: false,
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const r = await call(t.app, worker, 'POST', '/api/dispute-cases/mine', {
      respondent: { kind: 'platform', name: '某外卖平台合作商', creditCode: null },
      type: 'work_injury',
      claimFen: 1200000,
      facts: '送餐途中被撞伤，合作商拒绝承担医疗费。',
      knownOn: '2025-11-20',
    });
    expect(r.statusCode, r.body).toBe(200);
    const mine = r.json<DisputeSelfList>();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ status: 'registered', centreName: centre.name, type: 'work_injury' });
    expect(mine.items[0]!.steps.map((s) => s.event)).toEqual(['intake']);
    // The centre sees it, entered online with the registration's mobile.
    const seen = (
      await call(t.app, mediator, 'GET', `/api/dispute-cases/${mine.items[0]!.id}`)
    ).json<DisputeDetailView>();
    expect(seen).toMatchObject({ source: 'online', workerMobileMasked: '137****2222' });
    await step(mediator, seen, { event: 'start_mediation', receivedOn: today, note: null });
    const after = (await call(t.app, worker, 'GET', '/api/dispute-cases/mine')).json<DisputeSelfList>();
    expect(after.items[0]).toMatchObject({ status: 'mediating', nextLabel: '调解期限届满' });
    expect(after.items[0]!.nextDate).toBeTruthy();
    // Nobody else's cases; not the lists or another case.
    expect((await call(t.app, worker, 'GET', '/api/dispute-cases')).statusCode).toBe(403);
    expect((await call(t.app, mediator, 'GET', '/api/dispute-cases/mine')).json<DisputeSelfList>().items).toEqual([]);
  });
});

describe(`a worker's application from the phone (${TEST_DB})`, () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 32)]);
  const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 1)]);
  let n = 0;
  /** A worker account in county A, not in the registry (the form sends the name and mobile). */
  const newWorker = async () => {
    const username = `phone_worker_${++n}`;
    await createUser(t.services, t.admin, { username, roles: [{ role: 'worker', orgId: w.a.dept.id }] });
    return { s: await login(t.app, username), mobile: freshMobile() };
  };
  const upload = (s: Session, filename: string, type: string, data: Buffer) => {
    const { body, headers } = multipart({}, { field: 'file', filename, type, data });
    return t.app.inject({
      method: 'POST',
      url: '/api/dispute-evidence',
      payload: body,
      headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };
  const uploaded = async (s: Session, filename = '欠条.png', type = 'image/png', data = PNG) => {
    const r = await upload(s, filename, type, data);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ id: string }>().id;
  };
  const application = (mobile: string, evidenceIds: string[], respondentName = '振兴区某同城配送站') => ({
    respondent: { kind: 'firm', name: respondentName, creditCode: null },
    type: 'wage_arrears',
    claimFen: 380000,
    facts: '2025年11月的配送费一直没有结算。',
    knownOn: null,
    evidenceIds,
    worker: { name: '冯骑手', mobile },
  });
  const apply = (s: Session, body: unknown) => call(t.app, s, 'POST', '/api/dispute-cases/mine', body);
  const mine = async (s: Session) =>
    (await call(t.app, s, 'GET', '/api/dispute-cases/mine')).json<DisputeSelfList>().items;
  const casesOfCentre = async () =>
    (await call(t.app, admin, 'GET', `/api/dispute-cases?centreId=${centre.id}&withTotal=1&limit=1`)).json<{
      total: number;
    }>().total;

  it('attaches the photos and PDF the worker uploaded, seen by the centre with the case', async () => {
    const { s, mobile } = await newWorker();
    const photo = await uploaded(s);
    const pdf = await uploaded(s, '劳动合同.pdf', 'application/pdf', PDF);
    const r = await apply(s, application(mobile, [photo, pdf]));
    expect(r.statusCode, r.body).toBe(200);
    const [c] = r.json<DisputeSelfList>().items;
    const seen = (await call(t.app, mediator, 'GET', `/api/dispute-cases/${c!.id}`)).json<DisputeDetailView>();
    expect(seen.source).toBe('online');
    expect(seen.evidence.map((e) => e.id).sort()).toEqual([photo, pdf].sort());
    expect((await call(t.app, mediator, 'GET', seen.evidence[0]!.url)).statusCode).toBe(200);
    // The worker links nothing to a case after intake (that is the centre's), theirs or another's.
    const more = await uploaded(s);
    const after = await call(t.app, s, 'POST', `/api/dispute-cases/${c!.id}/evidence`, { evidenceIds: [more] });
    expect(after.statusCode).toBe(403);
  });

  it('refuses another worker’s file, a staff member’s file, a file already on a case and too many files, creating nothing', async () => {
    const { s, mobile } = await newWorker();
    const other = await newWorker();
    const theirs = await uploaded(other.s);
    const staffFile = await uploaded(mediator, '调查笔录.pdf', 'application/pdf', PDF);
    const before = await casesOfCentre();
    for (const ids of [[theirs], [staffFile], [await uploaded(s), theirs]]) {
      const r = await apply(s, application(mobile, ids));
      expect(r.statusCode, JSON.stringify(ids)).toBe(404);
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
      expect(Object.keys(r.json().fields)[0]).toMatch(/^evidenceIds\./);
    }
    // A file already on the worker's own first case: not theirs to move to a second one.
    const first = await uploaded(s);
    expect((await apply(s, application(mobile, [first], '甲配送站'))).statusCode).toBe(200);
    const again = await apply(s, application(mobile, [first], '乙配送站'));
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { evidenceIds: '格式不正确' } });
    // Twenty-one files: refused by the schema before anything is read.
    const many = Array.from({ length: 21 }, () => first);
    const tooMany = await apply(s, application(mobile, many, '丙配送站'));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(tooMany.json().fields)).toContain('evidenceIds');
    // Only the one good application was made; the other worker's file and the staff file are where they were.
    expect(await casesOfCentre()).toBe(before + 1);
    expect((await mine(s)).map((c) => c.respondentName)).toEqual(['甲配送站']);
    const ok = await apply(other.s, application(other.mobile, [theirs]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await take(mediator, { evidenceIds: [staffFile] })).evidence.map((e) => e.id)).toEqual([staffFile]);
  });

  it('takes photos and PDF only from a worker, checked on the bytes, and nothing from an account without the disputes', async () => {
    const { s } = await newWorker();
    const docx = await upload(
      s,
      '合同.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      DOCX,
    );
    expect(docx.statusCode).toBe(400);
    expect(docx.json()).toMatchObject({
      code: 'DISPUTE_EVIDENCE_TYPE',
      message: '手机申请只能上传照片（JPEG、PNG）或 PDF 文件',
    });
    // A text file named as a photo: its bytes are no image.
    const fake = await upload(s, '欠条.jpg', 'image/jpeg', Buffer.from('<script>alert(1)</script>'.repeat(20)));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().code).toBe('DISPUTE_EVIDENCE_TYPE');
    const exe = await upload(s, '证据.pdf', 'application/pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]));
    expect(exe.statusCode).toBe(400);
    // Staff still attach Word files.
    expect((await upload(mediator, '合同.docx', 'application/msword', DOCX)).statusCode).toBe(200);
    const secretary = await login(t.app, w.usernames.secretary);
    expect((await upload(secretary, '欠条.png', 'image/png', PNG)).statusCode).toBe(403);
  });

  it('refuses the same application twice while the case is open (409 DISPUTE_DUPLICATE, in Chinese), creating nothing', async () => {
    const { s, mobile } = await newWorker();
    const first = await apply(s, application(mobile, [await uploaded(s)], '振兴区某快递网点'));
    expect(first.statusCode, first.body).toBe(200);
    const before = await casesOfCentre();
    // The same respondent, written with blanks, and a new photo: still the same worker and respondent.
    const photo = await uploaded(s);
    const twice = await apply(s, application(mobile, [photo], '振兴区 某快递网点'));
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'DISPUTE_DUPLICATE',
      message: '该劳动者对同一被申请人已有未结案件，请在原案件中继续办理',
    });
    expect(await casesOfCentre()).toBe(before);
    expect(await mine(s)).toHaveLength(1);
    // The photo of the refused application was not linked: it goes with the next one.
    const other = await apply(s, application(mobile, [photo], '振兴区另一快递网点'));
    expect(other.statusCode, other.body).toBe(200);
    expect(await mine(s)).toHaveLength(2);
  });
});

describe(`group cases (集体争议) (${TEST_DB})`, () => {
  it('groups open cases against one respondent and moves them together, or none', async () => {
    const respondent = { kind: 'agency', name: '振兴区某劳务外包公司', creditCode: null };
    const cases = [
      await take(mediator, { respondent }),
      await take(mediator, { respondent }),
      await take(mediator, { respondent }),
    ];
    const mixed = await call(t.app, mediator, 'POST', '/api/dispute-groups', {
      title: '混合',
      caseIds: [cases[0]!.id, (await take(mediator)).id],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe('DISPUTE_GROUP_MIXED');
    const g = await call(t.app, mediator, 'POST', '/api/dispute-groups', {
      title: '外包骑手集体欠薪',
      caseIds: cases.map((c) => c.id),
    });
    expect(g.statusCode, g.body).toBe(200);
    const group = g.json<DisputeGroupView>();
    expect(group.cases.map((c) => c.groupTitle)).toEqual(['外包骑手集体欠薪', '外包骑手集体欠薪', '外包骑手集体欠薪']);
    // One case already closed: the group event fails for it, and no case moves.
    await step(mediator, cases[2]!, {
      event: 'close',
      closedOn: today,
      outcome: 'settled',
      recoveredFen: 100000,
      note: null,
    });
    const refused = await call(t.app, mediator, 'POST', `/api/dispute-groups/${group.id}/events`, {
      event: 'start_mediation',
      receivedOn: today,
      note: null,
    });
    expect(refused.statusCode).toBe(409);
    const still = (await call(t.app, mediator, 'GET', `/api/dispute-groups/${group.id}`)).json<DisputeGroupView>();
    expect(still.cases.map((c) => c.status).sort()).toEqual(['closed', 'registered', 'registered']);
    expect((await call(t.app, mediatorB, 'GET', `/api/dispute-groups/${group.id}`)).statusCode).toBe(404);
    const other = [await take(mediator, { respondent: { ...respondent, name: '另一外包公司' } })];
    other.push(await take(mediator, { respondent: { ...respondent, name: '另一外包公司' } }));
    const g2 = (
      await call(t.app, mediator, 'POST', '/api/dispute-groups', { title: '第二批', caseIds: other.map((c) => c.id) })
    ).json<DisputeGroupView>();
    const moved = await call(t.app, mediator, 'POST', `/api/dispute-groups/${g2.id}/events`, {
      event: 'start_mediation',
      receivedOn: today,
      note: '集体调解',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ updated: 2 });
    expect(moved.json<{ group: DisputeGroupView }>().group.cases.every((c) => c.status === 'mediating')).toBe(true);
  });

  it('adds later cases to a group under the same checks; other centres see no group', async () => {
    const respondent = { kind: 'agency', name: '后补劳务派遣公司', creditCode: null };
    const first = [await take(mediator, { respondent }), await take(mediator, { respondent })];
    const g = (
      await call(t.app, mediator, 'POST', '/api/dispute-groups', { title: '后补集体', caseIds: first.map((c) => c.id) })
    ).json<DisputeGroupView>();
    const late = await take(mediator, { respondent });
    const closed = await take(mediator, { respondent });
    await step(mediator, closed, {
      event: 'close',
      closedOn: today,
      outcome: 'withdrawn',
      recoveredFen: 0,
      note: null,
    });
    const add = (caseIds: string[], who = mediator, id = g.id) =>
      call(t.app, who, 'POST', `/api/dispute-groups/${id}/cases`, { caseIds });
    // Refusals change nothing: another respondent, a closed case, a case already grouped.
    for (const bad of [(await take(mediator)).id, closed.id, first[0]!.id]) {
      const r = await add([late.id, bad]);
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('DISPUTE_GROUP_MIXED');
    }
    expect((await add([])).statusCode).toBe(400);
    // Another centre: neither the group nor its own case answers.
    expect((await add([late.id], mediatorB)).statusCode).toBe(404);
    expect((await add([(await take(mediatorB, { respondent, centreId: centreB.id })).id])).statusCode).toBe(404);
    const ok = await add([late.id]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      ok
        .json<DisputeGroupView>()
        .cases.map((c) => c.id)
        .sort(),
    ).toEqual([...first, late].map((c) => c.id).sort());
    expect((await add([late.id])).json().code).toBe('DISPUTE_GROUP_MIXED');
  });
});

describe(`consultations and figures (${TEST_DB})`, () => {
  it('logs consultations in the centre’s region, links the case they became, and counts them by area and month', async () => {
    const body = {
      centreId: centre.id,
      channel: 'station',
      askedOn: today,
      personName: '孙师傅',
      mobile: '13600003333',
      regionCode: '210603',
      topic: 'social_insurance',
      question: '平台不给交社保怎么办？',
      answer: '可了解新就业形态人员职业伤害保障，并向社保部门咨询灵活就业参保。',
    };
    const r = await call(t.app, mediator, 'POST', '/api/dispute-consultations', body);
    expect(r.statusCode, r.body).toBe(200);
    const k = r.json<ConsultationView>();
    expect(k).toMatchObject({ mobileMasked: '136****3333', caseId: null });
    expect(
      (await call(t.app, mediator, 'POST', '/api/dispute-consultations', { ...body, regionCode: '210602' })).statusCode,
    ).toBe(400);
    expect((await call(t.app, mediatorB, 'GET', `/api/dispute-consultations/${k.id}`)).statusCode).toBe(404);
    const c = await take(mediator);
    const u = await call(t.app, mediator, 'PATCH', `/api/dispute-consultations/${k.id}`, {
      answer: k.answer,
      followUp: '已转为案件',
      followUpOn: today,
      caseId: c.id,
      version: k.version,
    });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json()).toMatchObject({ caseNo: c.caseNo });
    const became = (
      await call(t.app, mediator, 'GET', '/api/dispute-consultations?becameCase=1&withTotal=1')
    ).json<ConsultationPage>();
    expect(became.items.map((i) => i.id)).toContain(k.id);
  });

  it('gives figures equal to the totals of the lists they link to', async () => {
    const s = (
      await call(t.app, staff, 'GET', `/api/dispute-stats?from=2025-01-01&to=${today}`)
    ).json<DisputeStatsView>();
    const rows = [
      s.received,
      s.closed,
      s.mediationsAgreed,
      s.withLegalAid,
      s.consultations,
      ...s.byTypeStatus,
      ...s.casesByAreaMonth,
      ...s.consultationsByAreaMonth,
    ];
    expect(s.received.n).toBeGreaterThan(5);
    expect(s.consultations.n).toBeGreaterThan(0);
    for (const row of rows) {
      const [path, query] = row.link.split('?');
      const api = path === '/disputes' ? '/api/dispute-cases' : '/api/dispute-consultations';
      const list = await call(t.app, staff, 'GET', `${api}?${query}&withTotal=1&limit=1`);
      expect(list.statusCode, `${row.link}: ${list.body}`).toBe(200);
      expect(list.json<{ total: number }>().total, row.link).toBe(row.n);
    }
    expect(s.byTypeStatus.reduce((x, r) => x + r.n, 0)).toBe(s.received.n);
    expect(s.mediationSuccessRate).not.toBeNull();
    expect(s.avgDaysToClose).not.toBeNull();
    // The same figures for an indicator bound to the county's 社工部.
    for (const key of [
      'disputes.received',
      'disputes.closed',
      'disputes.mediated',
      'disputes.legal_aid',
      'disputes.consultations',
    ]) {
      const v = (await t.services.figures.evaluate(key, { orgId: w.a.dept.id }, { from: '2025-01-01', to: today }))!;
      const [path, query] = v.link.split('?');
      const api = path === '/disputes' ? '/api/dispute-cases' : '/api/dispute-consultations';
      const list = await call(t.app, staff, 'GET', `${api}?${query}&withTotal=1&limit=1`);
      expect(list.json<{ total: number }>().total, key).toBe(v.value);
      expect(v.value, key).toBeGreaterThan(0);
      // County B's 社工部 counts none of county A's.
      const b = (await t.services.figures.evaluate(key, { orgId: w.b.dept.id }, { from: '2025-01-01', to: today }))!;
      expect(b.value).toBeLessThan(v.value);
    }
  });
});

describe(`the staff home's disputes card and the Excel export (${TEST_DB})`, () => {
  type Figures = NonNullable<NonNullable<HomeView['staff']>['disputes']>;
  const figuresOf = async (s: Session) =>
    (await call(t.app, s, 'GET', '/api/home')).json<HomeView>().staff?.disputes ?? null;
  const totalOf = async (s: Session, query: string) =>
    (await call(t.app, s, 'GET', `/api/dispute-cases?${query}&withTotal=1&limit=1`)).json<{ total: number }>().total;

  it('counts each figure as the list it links to, at the centres the staff member reaches', async () => {
    const f = (await figuresOf(staff))!;
    expect(f).not.toBeNull();
    const links: [keyof Figures, string][] = [
      ['received', ''],
      ['open', 'open=1'],
      ['closed', 'status=closed'],
      ['overdue', 'clock=overdue'],
      ['mediationsAgreed', 'mediated=1'],
      ['withLegalAid', 'legalAid=1'],
    ];
    for (const [key, query] of links) expect(await totalOf(staff, query), key).toBe(f[key]);
    for (const [stage, n] of Object.entries(f.byStage)) expect(await totalOf(staff, `status=${stage}`), stage).toBe(n);
    const consultations = (await call(t.app, staff, 'GET', '/api/dispute-consultations?withTotal=1&limit=1')).json<{
      total: number;
    }>().total;
    expect(f.consultations).toBe(consultations);
    expect(f.received).toBe(f.open + f.closed);
    // By type: each the list's total with ?type=, together all received.
    for (const x of f.byType) expect(await totalOf(staff, `type=${x.type}`), x.type).toBe(x.n);
    expect(f.byType.reduce((n, x) => n + x.n, 0)).toBe(f.received);
    // The mean days to close: over the rows of the closed list, calendar days from receipt to closing.
    const closedRows = (
      await call(t.app, staff, 'GET', '/api/dispute-cases?status=closed&limit=100')
    ).json<DisputeCasePage>().items;
    expect(closedRows).toHaveLength(f.closed);
    const days = closedRows.map((c) => (Date.parse(c.closedOn!) - Date.parse(c.receivedOn)) / 86_400_000);
    expect(f.avgDaysToClose).toBe(
      days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    );
    // Per month: each figure the total of the list with the month's dates.
    expect(f.months.length > 0).toBe(f.received > 0 || f.consultations > 0);
    for (const m of f.months) {
      const received = `receivedFrom=${m.from}&receivedTo=${m.to}`;
      expect(await totalOf(staff, received), m.month).toBe(m.received);
      expect(await totalOf(staff, `${received}&mediated=1`), m.month).toBe(m.mediationsAgreed);
      expect(await totalOf(staff, `${received}&legalAid=1`), m.month).toBe(m.withLegalAid);
      expect(await totalOf(staff, `closedFrom=${m.from}&closedTo=${m.to}`), m.month).toBe(m.closed);
      const asked = (
        await call(
          t.app,
          staff,
          'GET',
          `/api/dispute-consultations?askedFrom=${m.from}&askedTo=${m.to}&withTotal=1&limit=1`,
        )
      ).json<{ total: number }>().total;
      expect(asked, m.month).toBe(m.consultations);
    }
    expect(f.months.reduce((n, m) => n + m.received, 0)).toBe(f.received);
    expect(f.months.reduce((n, m) => n + m.recoveredFen, 0)).toBe(f.recoveredFen);
    // County B's staff count their own centre's cases only.
    const b = (await figuresOf(staffB))!;
    expect(b.received).toBe(await totalOf(staffB, ''));
    expect(b.received).toBeLessThan(f.received);
  });

  it('breaks the figures down per county for city staff, each the total of the list with the county’s orgId', async () => {
    await createUser(t.services, t.admin, { username: 'city_staff_d', roles: [{ role: 'staff', orgId: w.city.id }] });
    const city = await login(t.app, 'city_staff_d');
    // Something in county B besides what the suites before left there: a consultation and a closed case.
    const b = await take(staffB, { centreId: centreB.id });
    await step(staffB, b, { event: 'close', closedOn: today, outcome: 'settled', recoveredFen: 4500 });
    const k = await call(t.app, staffB, 'POST', '/api/dispute-consultations', {
      centreId: centreB.id,
      channel: 'hotline',
      askedOn: today,
      personName: null,
      mobile: null,
      regionCode: '210602',
      topic: 'wage_arrears',
      question: '外卖骑手被拖欠配送费怎么办？',
      answer: '可向调解中心申请调解。',
      followUpOn: null,
      caseId: null,
    });
    expect(k.statusCode, k.body).toBe(200);
    const f = (await figuresOf(city))!;
    // The two counties, each with its centre; the city's totals are theirs together.
    expect(f.areas.map((a) => a.orgId).sort()).toEqual([w.a.dept.id, w.b.dept.id].sort());
    const sum = (key: 'received' | 'open' | 'closed' | 'overdue' | 'recoveredFen' | 'withLegalAid' | 'consultations') =>
      f.areas.reduce((n, a) => n + a[key], 0);
    expect(sum('received')).toBe(f.received);
    expect(sum('open')).toBe(f.open);
    expect(sum('closed')).toBe(f.closed);
    expect(sum('overdue')).toBe(f.overdue);
    expect(sum('recoveredFen')).toBe(f.recoveredFen);
    expect(sum('withLegalAid')).toBe(f.withLegalAid);
    expect(sum('consultations')).toBe(f.consultations);
    const consultations = async (s: Session, query: string) =>
      (await call(t.app, s, 'GET', `/api/dispute-consultations?${query}&withTotal=1&limit=1`)).json<{ total: number }>()
        .total;
    for (const a of f.areas) {
      const area = `orgId=${a.orgId}`;
      const cases: [keyof typeof a, string][] = [
        ['received', area],
        ['open', `${area}&open=1`],
        ['closed', `${area}&status=closed`],
        ['overdue', `${area}&clock=overdue`],
        ['mediationsAgreed', `${area}&mediated=1`],
        ['withLegalAid', `${area}&legalAid=1`],
      ];
      for (const [key, query] of cases) expect(await totalOf(city, query), `${a.name} ${key}`).toBe(a[key]);
      expect(await consultations(city, area), a.name).toBe(a.consultations);
      // The amount recovered: the closed cases the link lists.
      const rows = (
        await call(t.app, city, 'GET', `/api/dispute-cases?${area}&status=closed&limit=100`)
      ).json<DisputeCasePage>().items;
      expect(rows.length).toBe(a.closed);
      // Each county's staff see the same numbers as their own card's totals.
      const own = (await figuresOf(a.orgId === w.a.dept.id ? staff : staffB))!;
      expect([a.received, a.open, a.closed, a.recoveredFen, a.consultations]).toEqual([
        own.received,
        own.open,
        own.closed,
        own.recoveredFen,
        own.consultations,
      ]);
    }
    expect(f.areas.find((a) => a.orgId === w.b.dept.id)!.recoveredFen).toBeGreaterThanOrEqual(4500);
    // A county's staff member gets no breakdown of their own (one area: the card itself).
    expect((await figuresOf(staffB))!.areas.map((a) => a.orgId)).toEqual([w.b.dept.id]);
    // A mediator's card is their centres: no areas.
    expect((await figuresOf(mediator))?.areas ?? []).toEqual([]);
  });

  it('moves by one when a case is taken and when it is closed', async () => {
    const before = (await figuresOf(staff))!;
    const c = await take(staff);
    const taken = (await figuresOf(staff))!;
    expect(taken.received).toBe(before.received + 1);
    expect(taken.byStage.registered).toBe(before.byStage.registered + 1);
    await step(staff, c, { event: 'close', closedOn: today, outcome: 'settled', recoveredFen: 12300 });
    const closed = (await figuresOf(staff))!;
    expect(closed.closed).toBe(before.closed + 1);
    expect(closed.recoveredFen).toBe(before.recoveredFen + 12300);
    expect(closed.open).toBe(before.open);
    const month = (x: Figures) => x.months.find((m) => m.month === today.slice(0, 7));
    expect(month(closed)!.received).toBe((month(before)?.received ?? 0) + 1);
    expect(month(closed)!.closed).toBe((month(before)?.closed ?? 0) + 1);
  });

  it('gives no card to staff who reach no centre, nor to roles without the disputes', async () => {
    const secretary = await login(t.app, w.usernames.secretary);
    expect(await figuresOf(secretary)).toBeNull();
  });

  it('exports the filtered cases in reach as a workbook, never another centre’s', async () => {
    const mine = await take(staff, { respondent: { kind: 'platform', name: '导出测试平台公司', creditCode: null } });
    const theirs = await take(staffB, {
      centreId: centreB.id,
      respondent: { kind: 'platform', name: '导出测试平台公司', creditCode: null },
    });
    const read = async (s: Session) => {
      const r = await call(t.app, s, 'GET', `/api/dispute-cases/export.xlsx?q=${encodeURIComponent('导出测试')}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      return ws.getColumn(1).values.slice(2).map(String);
    };
    expect(await read(staff)).toEqual([mine.caseNo]);
    expect(await read(staffB)).toEqual([theirs.caseNo]);
    expect((await read(admin)).sort()).toEqual([mine.caseNo, theirs.caseNo].sort());
  });
});
