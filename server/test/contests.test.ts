import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aggregate,
  contestUpdateBody,
  DEFAULT_AGGREGATION_CONFIG,
  drawOrder,
  MAX_CONTEST_JUDGES,
  quarterlyReportBody,
  reportRateBody,
  round2,
  type ContestBoard,
  type ContestResultsView,
  type ContestView,
  type ScoreSheet,
} from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { panelOf, seatOf } from '../src/modules/contests/contests.context';
import { actorOf, contextFor, createCampaign, createUser, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { openBoardStream } from './board-stream';
import { approvedProject } from './probes/contests';
import { buildWorld, type World } from './world';

/**
 * The year-end contest on the two-county world. County A's campaign (whose 社工部 is the staff's
 * node) has three approved projects: two of 振兴区"两新"工委 and one of 甲公司党支部 below it.
 * Five judges are bound on county A's 社工部 (staff of county A may only seat users they can see);
 * k_jc is bound on the 工委 itself, so is excluded from all three (same organisation / ancestor of
 * the declaring branch).
 */
let t: TestApp;
let w: World;
let campaignId: string;
let campaignB: string;
let p1: string;
let p2: string;
let p3: string;
let staff: Session;
let staffB: Session;
const judges: { id: string; s: Session }[] = [];
let jc: { id: string; s: Session };
let outsider: Session;
const rng = new Rng(91);

const SHEET = (total: number) => {
  // Spread a total over the default rubric (20 / 40 / 20 / 20).
  const tackling = Math.min(40, Math.round(total * 0.4));
  const rest = total - tackling;
  const a = Math.min(20, Math.floor(rest / 3));
  const b = Math.min(20, Math.floor((rest - a) / 2));
  return { topic_precision: a, tackling_results: tackling, demonstration: b, presentation: rest - a - b };
};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const s = t.services;
  campaignId = (
    await createCampaign(s, t.admin, {
      orgId: w.a.dept.id,
      name: '振兴区书记项目（比武）',
      codePrefix: 'BW',
      eligibleOrgTypes: ['two_new_committee', 'branch'],
    })
  ).id;
  campaignB = (await createCampaign(s, t.admin, { orgId: w.b.dept.id, name: '元宝区书记项目', codePrefix: 'YBW' })).id;
  const secretary = contextFor(await actorOf(s, w.users.secretary.id));
  p1 = await approvedProject(
    s,
    t.admin,
    secretary,
    { campaignId, orgId: w.a.committee.id, title: '骑手驿站攻坚' },
    rng,
  );
  p2 = await approvedProject(
    s,
    t.admin,
    secretary,
    { campaignId, orgId: w.a.committee.id, title: '园区党建提质' },
    rng,
  );
  p3 = await approvedProject(s, t.admin, secretary, { campaignId, orgId: w.a.branch.id, title: '甲公司党建融合' }, rng);
  for (let i = 1; i <= 5; i++) {
    const u = await createUser(s, t.admin, { username: `k_j${i}`, roles: [{ role: 'judge', orgId: w.a.dept.id }] });
    judges.push({ id: u.id, s: await login(t.app, `k_j${i}`) });
  }
  const c = await createUser(s, t.admin, { username: 'k_jc', roles: [{ role: 'judge', orgId: w.a.committee.id }] });
  jc = { id: c.id, s: await login(t.app, 'k_jc') };
  await createUser(s, t.admin, { username: 'k_outsider', roles: [{ role: 'judge', orgId: w.city.id }] });
  outsider = await login(t.app, 'k_outsider');
  await createUser(s, t.admin, { username: 'k_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  staffB = await login(t.app, 'k_b_staff');
  staff = await login(t.app, w.usernames.staff);
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  campaignId,
  name: `年度书记项目比武打擂${rng.int(1, 9999)}`,
  contestDate: '2025-12-20',
  venue: '丹东市委党校礼堂',
  projectIds: [p1, p2, p3],
  judgeIds: [...judges.map((j) => j.id), jc.id],
  ...overrides,
});

async function ok<T>(res: { statusCode: number; body: string; json: () => unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}
const create = async (overrides: Record<string, unknown> = {}) =>
  ok<ContestView>(await call(t.app, staff, 'POST', '/api/contests', body(overrides)));
const view = async (id: string, s: Session = staff) =>
  ok<ContestView>(await call(t.app, s, 'GET', `/api/contests/${id}`));
async function host(id: string, action: string, extra: Record<string, unknown> = {}) {
  const v = await view(id);
  return call(t.app, staff, 'POST', `/api/contests/${id}/${action}`, { version: v.version, ...extra });
}
const submit = (s: Session, id: string, projectId: string, scores: Record<string, unknown>) =>
  call(t.app, s, 'PUT', `/api/contests/${id}/projects/${projectId}/sheet`, { scores });
const audit = async (id: string) =>
  (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=contest&entityId=${id}&limit=100`)).json().items as {
    action: string;
    changes: { field: string; before: unknown; after: unknown }[];
  }[];

/** A contest taken to running with the first presenter on stage. */
async function running(overrides: Record<string, unknown> = {}): Promise<ContestView> {
  const c = await create(overrides);
  await ok(await host(c.id, 'draw'));
  await ok(await host(c.id, 'ready'));
  await ok(await host(c.id, 'start'));
  return ok<ContestView>(await host(c.id, 'next'));
}

describe(`setting up a contest (${TEST_DB})`, () => {
  it('validates the projects (approved, of the campaign) and the judges (judge role), and records the set-up', async () => {
    const worker = await call(
      t.app,
      staff,
      'POST',
      '/api/contests',
      body({ judgeIds: [judges[0]!.id, w.users.worker.id] }),
    );
    expect(worker.statusCode).toBe(400);
    expect(worker.json().fields).toEqual({ 'judgeIds.1': '格式不正确' });
    const other = await call(t.app, staff, 'POST', '/api/contests', body({ campaignId: campaignB }));
    expect(other.statusCode).toBe(404);
    expect(other.json().fields).toEqual({ campaignId: '所选记录不存在或无权查看' });
    const badRubric = await call(
      t.app,
      staff,
      'POST',
      '/api/contests',
      body({ rubric: { criteria: [{ code: 'only', name: '唯一', maxPoints: 90 }] } }),
    );
    expect(badRubric.statusCode).toBe(400);

    const c = await create({ name: '2025年度书记项目比武' });
    expect(c).toMatchObject({ status: 'draft', minutesPerTalk: 5, drawSeed: null, version: 1 });
    expect(c.rubric.criteria.map((x) => [x.name, x.maxPoints])).toEqual([
      ['选题精准', 20],
      ['攻坚成效', 40],
      ['示范带动', 20],
      ['汇报表现', 20],
    ]);
    expect(c.config).toMatchObject({ method: 'trimmed', trimMinJudges: 5 });
    expect(c.projects.map((p) => p.projectId).sort()).toEqual([p1, p2, p3].sort());
    const entries = await audit(c.id);
    expect(entries[0]).toMatchObject({ action: 'create' });
  });

  it('reuses an editable rubric template owned by the 社工部', async () => {
    const rubric = {
      criteria: [
        { code: 'topic', name: '选题', maxPoints: 30 },
        { code: 'results', name: '成效', maxPoints: 70 },
      ],
    };
    const tpl = await ok<{ id: string; version: number }>(
      await call(t.app, staff, 'POST', '/api/rubric-templates', { orgId: w.a.dept.id, name: '简版细则', rubric }),
    );
    const c = await create({ rubricTemplateId: tpl.id, projectIds: [p1] });
    expect(c.rubric).toEqual({ criteria: rubric.criteria.map((x) => ({ ...x, description: null })) });
    const renamed = await call(t.app, staff, 'PATCH', `/api/rubric-templates/${tpl.id}`, {
      name: '简版细则（修订）',
      rubric,
      version: tpl.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const stale = await call(t.app, staff, 'PATCH', `/api/rubric-templates/${tpl.id}`, {
      name: 'x',
      rubric,
      version: tpl.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('lets county staff reuse but not change a template of the city above (403), and not reach a sibling county’s (404)', async () => {
    const rubric = { criteria: [{ code: 'all', name: '综合', description: null, maxPoints: 100 }] };
    const city = await t.services.contests.createTemplate(t.admin, { orgId: w.city.id, name: '市级细则', rubric });
    const sibling = await t.services.contests.createTemplate(t.admin, { orgId: w.b.dept.id, name: '元宝细则', rubric });
    const listed = await ok<{ items: { id: string; abilities: string[] }[] }>(
      await call(t.app, staff, 'GET', '/api/rubric-templates'),
    );
    expect(listed.items.find((x) => x.id === city.id)?.abilities).toEqual([]);
    expect(listed.items.some((x) => x.id === sibling.id)).toBe(false);
    const body = { name: '改', rubric, version: city.version };
    const patch = await call(t.app, staff, 'PATCH', `/api/rubric-templates/${city.id}`, body);
    expect(patch.statusCode, patch.body).toBe(403);
    expect(patch.json().code).toBe('FORBIDDEN');
    expect((await call(t.app, staff, 'DELETE', `/api/rubric-templates/${city.id}`)).statusCode).toBe(403);
    expect(
      (await call(t.app, staff, 'PATCH', `/api/rubric-templates/${sibling.id}`, { ...body, version: sibling.version }))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, staff, 'DELETE', `/api/rubric-templates/${sibling.id}`)).statusCode).toBe(404);
  });

  it('refuses the host console to staff of another county who sit on the panel: they read the contest (403, not 404)', async () => {
    const s = t.services;
    const u = await createUser(s, t.admin, {
      username: 'k_b_staff_judge',
      roles: [
        { role: 'staff', orgId: w.b.dept.id },
        { role: 'judge', orgId: w.b.dept.id },
      ],
    });
    const panelist = await login(t.app, 'k_b_staff_judge');
    const admin = await login(t.app, 'admin');
    const c = await ok<ContestView>(
      await call(t.app, admin, 'POST', '/api/contests', body({ projectIds: [p1], judgeIds: [u.id] })),
    );
    expect((await view(c.id, panelist)).abilities).toEqual([]);
    const refused = [
      await call(t.app, panelist, 'POST', `/api/contests/${c.id}/draw`, { version: c.version, reason: null }),
      await call(t.app, panelist, 'GET', `/api/contests/${c.id}/sheets`),
      await call(t.app, panelist, 'GET', `/api/contests/${c.id}/results.xlsx`),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().code).toBe('FORBIDDEN');
    }
    // Before publication the results are the lifecycle's refusal, not a missing right.
    expect((await call(t.app, panelist, 'GET', `/api/contests/${c.id}/results`)).json().code).toBe(
      'CONTEST_RESULTS_UNPUBLISHED',
    );
  });
});

describe(`conflicts of interest (${TEST_DB})`, () => {
  it('excludes a judge bound to the declaring organisation or to an ancestor of it, automatically', async () => {
    const c = await create();
    const mine = c.exclusions.filter((e) => e.judgeId === jc.id);
    expect(mine.map((e) => e.projectId).sort()).toEqual([p1, p2, p3].sort());
    expect(mine.every((e) => e.reason === 'same_org')).toBe(true);
    // Judges bound on the 社工部 (the organisers) are not excluded.
    expect(c.exclusions.filter((e) => e.judgeId !== jc.id)).toEqual([]);
    expect(c.projects.every((p) => p.eligibleJudges === 5)).toBe(true);
  });

  it('in a city contest, excludes a county 社工部 judge from their own county’s projects only, and no city 社工部 judge', async () => {
    const s = t.services;
    const cityCampaign = (
      await createCampaign(s, t.admin, { orgId: w.city.id, name: '丹东市书记项目（市级比武）', codePrefix: 'DDS' })
    ).id;
    const secA = contextFor(await actorOf(s, w.users.secretary.id));
    const secB = contextFor(
      await actorOf(
        s,
        (
          await createUser(s, t.admin, {
            username: 'k_city_b_sec',
            roles: [{ role: 'secretary', orgId: w.b.committee.id }],
          })
        ).id,
      ),
    );
    const pa = await approvedProject(s, t.admin, secA, { campaignId: cityCampaign, orgId: w.a.committee.id }, rng);
    const pb = await approvedProject(s, t.admin, secB, { campaignId: cityCampaign, orgId: w.b.committee.id }, rng);
    const cityJudge = await createUser(s, t.admin, {
      username: 'k_city_j',
      roles: [{ role: 'judge', orgId: w.city.id }],
    });
    const countyAJudge = judges[0]!.id; // bound on 振兴区委社工部, below the organiser
    const admin = await login(t.app, 'admin');
    const c = await ok<ContestView>(
      await call(t.app, admin, 'POST', '/api/contests', {
        ...body(),
        campaignId: cityCampaign,
        projectIds: [pa, pb],
        judgeIds: [countyAJudge, cityJudge.id],
      }),
    );
    expect(c.exclusions.map((e) => [e.judgeId, e.projectId, e.reason])).toEqual([[countyAJudge, pa, 'same_org']]);
    expect(c.projects.find((p) => p.projectId === pa)!.eligibleJudges).toBe(1);
    expect(c.projects.find((p) => p.projectId === pb)!.eligibleJudges).toBe(2);
    const repos = s.store.repos;
    expect(await seatOf(repos, c.id, countyAJudge, pa)).toBeNull();
    expect(await seatOf(repos, c.id, countyAJudge, pb)).not.toBeNull();
    expect(await seatOf(repos, c.id, cityJudge.id, pa)).not.toBeNull();
    expect(await seatOf(repos, c.id, cityJudge.id, pb)).not.toBeNull();
  });

  it('adds and removes a declared conflict with a reason, logged', async () => {
    const c = await create();
    const added = await ok<ContestView>(
      await call(t.app, staff, 'POST', `/api/contests/${c.id}/conflicts`, {
        judgeId: judges[0]!.id,
        projectId: p1,
        reason: '曾担任该项目指导员',
      }),
    );
    const declared = added.exclusions.find((e) => e.reason === 'declared_conflict')!;
    expect(declared).toMatchObject({ judgeId: judges[0]!.id, projectId: p1, note: '曾担任该项目指导员' });
    expect(added.projects.find((p) => p.projectId === p1)!.eligibleJudges).toBe(4);
    const noReason = await call(t.app, staff, 'DELETE', `/api/contests/${c.id}/conflicts/${declared.conflictId}`, {});
    expect(noReason.statusCode).toBe(400);
    const removed = await ok<ContestView>(
      await call(t.app, staff, 'DELETE', `/api/contests/${c.id}/conflicts/${declared.conflictId}`, {
        reason: '经核实无利害关系',
      }),
    );
    expect(removed.exclusions.some((e) => e.reason === 'declared_conflict')).toBe(false);
    const entries = await audit(c.id);
    expect(entries[0]!.changes).toContainEqual({ field: 'removeReason', before: null, after: '经核实无利害关系' });
    expect(entries[1]!.changes).toContainEqual({
      field: 'conflict',
      before: null,
      after: expect.stringContaining('曾担任该项目指导员'),
    });
  });
});

describe(`the draw (${TEST_DB})`, () => {
  it('draws the order from a recorded random seed that anyone can re-run; a redraw needs a reason and is logged', async () => {
    const c = await create();
    const drawn = await ok<ContestView>(await host(c.id, 'draw'));
    expect(drawn.drawSeed).toMatch(/^[0-9a-f]{32}$/);
    expect(drawn.drawAlgorithm).toBe('cyrb128-sfc32-fisher-yates/v1');
    const order = [...drawn.projects].sort((a, b) => a.position! - b.position!).map((p) => p.projectId);
    expect(drawOrder([p1, p2, p3], drawn.drawSeed!)).toEqual(order);

    const noReason = await host(c.id, 'draw');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields).toEqual({ reason: '必填' });
    const redrawn = await ok<ContestView>(await host(c.id, 'draw', { reason: '第一次抽签时有单位未到场' }));
    expect(redrawn.drawSeed).not.toBe(drawn.drawSeed);

    const history = (
      await ok<{ items: { seed: string; order: string[]; reproduced: boolean; reason: string | null }[] }>(
        await call(t.app, judges[0]!.s, 'GET', `/api/contests/${c.id}/draws`),
      )
    ).items;
    expect(history.map((h) => h.seed)).toEqual([redrawn.drawSeed, drawn.drawSeed]);
    expect(history.every((h) => h.reproduced)).toBe(true);
    expect(history[0]!.reason).toBe('第一次抽签时有单位未到场');
    const entries = await audit(c.id);
    expect(entries[0]!.changes).toContainEqual({
      field: 'redrawReason',
      before: null,
      after: '第一次抽签时有单位未到场',
    });
    expect(entries[0]!.changes).toContainEqual({ field: 'drawSeed', before: drawn.drawSeed, after: redrawn.drawSeed });

    await ok(await host(c.id, 'ready'));
    await ok(await host(c.id, 'start'));
    const late = await host(c.id, 'draw', { reason: '再抽一次' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INVALID_TRANSITION');
  });
});

describe(`back to draft (${TEST_DB})`, () => {
  it('refuses to go back to draft unless the contest is ready', async () => {
    const c = await create({ projectIds: [p1] });
    const fromDraft = await host(c.id, 'draft', { reason: '评委名单需要调整' });
    expect(fromDraft.statusCode).toBe(409);
    expect(fromDraft.json().code).toBe('INVALID_TRANSITION');
    const r = await running({ projectIds: [p1] });
    const fromRunning = await host(r.id, 'draft', { reason: '评委名单需要调整' });
    expect(fromRunning.statusCode).toBe(409);
    expect(fromRunning.json().code).toBe('INVALID_TRANSITION');
    expect((await view(r.id)).status).toBe('running');
  });

  it('needs a reason of 2 to 200 characters and the current version', async () => {
    const c = await create({ projectIds: [p1, p2] });
    await ok(await host(c.id, 'draw'));
    const ready = await ok<ContestView>(await host(c.id, 'ready'));
    expect(ready.abilities).toContain('toDraft');
    const url = `/api/contests/${c.id}/draft`;
    for (const payload of [{ version: ready.version }, { version: ready.version, reason: '  改 ' }]) {
      const bad = await call(t.app, staff, 'POST', url, payload);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { reason: '请填写退回草稿的原因（2至200字）' },
      });
    }
    const long = await call(t.app, staff, 'POST', url, { version: ready.version, reason: '长'.repeat(201) });
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: '内容过长' } });
    const stale = await call(t.app, staff, 'POST', url, { version: ready.version - 1, reason: '评委名单需要调整' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    // A judge reads the contest but has no host console.
    const asJudge = await call(t.app, judges[0]!.s, 'POST', url, {
      version: ready.version,
      reason: '评委名单需要调整',
    });
    expect(asJudge.statusCode).toBe(403);
    expect((await view(c.id)).status).toBe('ready');
  });

  it('goes back to draft with a logged reason, after which the set-up is edited and made ready again', async () => {
    const c = await create({ projectIds: [p1, p2], judgeIds: judges.map((j) => j.id) });
    const drawn = await ok<ContestView>(await host(c.id, 'draw'));
    await ok(await host(c.id, 'ready'));
    let changes = 0;
    const unsubscribe = t.services.contests.events.subscribe(c.id, () => changes++);
    const back = await ok<ContestView>(await host(c.id, 'draft', { reason: '  一位评委临时出差，需要更换 ' }));
    unsubscribe();
    expect(changes).toBe(1);
    expect(back).toMatchObject({ status: 'draft', drawSeed: drawn.drawSeed });
    expect(back.abilities).toEqual(expect.arrayContaining(['update', 'ready', 'draw']));
    expect(back.abilities).not.toContain('toDraft');
    expect((await audit(c.id))[0]!.changes).toEqual([
      { field: 'status', before: 'ready', after: 'draft' },
      { field: 'revertReason', before: null, after: '一位评委临时出差，需要更换' },
    ]);
    // The same projects keep the draw; another judge and a new name are accepted.
    const edited = await ok<ContestView>(
      await call(t.app, staff, 'PATCH', `/api/contests/${c.id}`, {
        ...body({ projectIds: [p1, p2], judgeIds: [...judges.slice(1).map((j) => j.id), jc.id] }),
        name: '年度比武（更换评委后）',
        version: back.version,
      }),
    );
    expect(edited).toMatchObject({ status: 'draft', name: '年度比武（更换评委后）', drawSeed: drawn.drawSeed });
    expect(edited.judges.map((j) => j.id)).not.toContain(judges[0]!.id);
    const again = await ok<ContestView>(await host(c.id, 'ready'));
    expect(again.status).toBe('ready');
    await ok(await host(c.id, 'start'));
  });
});

describe(`the day: state machine, sheets, locking, visibility, results (${TEST_DB})`, () => {
  let c: ContestView;
  let order: string[];
  // Totals per project for the five eligible judges (jc is excluded everywhere).
  const TOTALS: Record<number, number[]> = {
    0: [90, 85, 80, 75, 70],
    1: [60, 95, 88, 72, 81],
    2: [50, 55, 65, 45, 52],
  };

  beforeAll(async () => {
    c = await create({ name: '年度比武（主流程）' });
  });

  it('refuses to start before the order is fixed, and scoring before the presentation starts', async () => {
    const early = await host(c.id, 'start');
    expect(early.statusCode).toBe(409);
    const notDrawn = await host(c.id, 'ready');
    expect(notDrawn.statusCode).toBe(409);
    c = await ok<ContestView>(await host(c.id, 'draw'));
    order = [...c.projects].sort((a, b) => a.position! - b.position!).map((p) => p.projectId);
    await ok(await host(c.id, 'ready'));
    const edit = await call(t.app, staff, 'PATCH', `/api/contests/${c.id}`, {
      ...body(),
      version: (await view(c.id)).version,
    });
    expect(edit.statusCode).toBe(409);
    await ok(await host(c.id, 'start'));
    const waiting = await submit(judges[0]!.s, c.id, order[0]!, SHEET(90));
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().code).toBe('CONTEST_SCORING_CLOSED');
  });

  it('starts the first presenter with a countdown, and shows judges the order and the current presenter', async () => {
    c = await ok<ContestView>(await host(c.id, 'next'));
    const cur = c.projects.find((p) => p.projectId === order[0])!;
    expect(c.currentProjectId).toBe(order[0]);
    expect(cur.phase).toBe('presenting');
    expect(Date.parse(cur.endsAt!) - Date.parse(cur.startedAt!)).toBe(5 * 60_000);
    const asJudge = await view(c.id, judges[0]!.s);
    expect(asJudge.currentProjectId).toBe(order[0]);
    expect(asJudge.projects.map((p) => p.position)).toEqual([1, 2, 3]);
    expect(asJudge.projects[0]!.mine).toEqual({ eligible: true, submitted: false });
    expect(asJudge.abilities).toContain('score');
    expect(asJudge.abilities).not.toContain('next');
    const board = await ok<ContestBoard>(await call(t.app, judges[0]!.s, 'GET', `/api/contests/${c.id}/board`));
    expect(board.current).toMatchObject({ projectId: order[0], eligibleJudges: 5, submitted: 0 });
  });

  it('locks a submitted sheet (a second submit is 409) and checks each score against its maximum', async () => {
    const over = await submit(judges[0]!.s, c.id, order[0]!, { ...SHEET(90), tackling_results: 41 });
    expect(over.statusCode).toBe(400);
    expect(Object.keys(over.json().fields)).toEqual(['scores.tackling_results']);
    const missing = await submit(judges[0]!.s, c.id, order[0]!, { topic_precision: 10 });
    expect(missing.statusCode).toBe(400);
    // A score sent as text is a format error of that item, not a missing one.
    const text = await submit(judges[0]!.s, c.id, order[0]!, { ...SHEET(90), topic_precision: '15' });
    expect(text.statusCode).toBe(400);
    expect(text.json().fields).toEqual({ 'scores.topic_precision': '格式不正确' });
    // An item the rubric does not have is named, in either language.
    const typo = await submit(judges[0]!.s, c.id, order[0]!, { ...SHEET(90), bonus: 5 });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().fields).toEqual({ 'scores.bonus': '没有此项，请检查名称' });
    const typoEn = await call(
      t.app,
      judges[0]!.s,
      'PUT',
      `/api/contests/${c.id}/projects/${order[0]}/sheet`,
      { scores: { ...SHEET(90), bonus: 5 } },
      { 'accept-language': 'en' },
    );
    expect(typoEn.json().fields).toEqual({ 'scores.bonus': 'No such item; check its name' });
    const first = await submit(judges[0]!.s, c.id, order[0]!, SHEET(TOTALS[0]![0]!));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: TOTALS[0]![0], phase: 'presenting' });
    const again = await submit(judges[0]!.s, c.id, order[0]!, SHEET(50));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONTEST_SHEET_LOCKED');
    const mine = await ok<{ scores: Record<string, number> }>(
      await call(t.app, judges[0]!.s, 'GET', `/api/contests/${c.id}/projects/${order[0]}/sheet`),
    );
    expect(mine.scores).toEqual(SHEET(TOTALS[0]![0]!));
  });

  it('hides other judges’ scores and the results from a judge, and excluded projects’ sheets (404)', async () => {
    const other = await ok<{ scores: unknown }>(
      await call(t.app, judges[1]!.s, 'GET', `/api/contests/${c.id}/projects/${order[0]}/sheet`),
    );
    expect(other.scores).toBeNull();
    expect((await call(t.app, judges[1]!.s, 'GET', `/api/contests/${c.id}/sheets`)).statusCode).toBe(403);
    const results = await call(t.app, judges[1]!.s, 'GET', `/api/contests/${c.id}/results`);
    expect(results.statusCode).toBe(403);
    expect(results.json().code).toBe('CONTEST_RESULTS_UNPUBLISHED');
    const board = await ok<ContestBoard>(await call(t.app, judges[1]!.s, 'GET', `/api/contests/${c.id}/board`));
    expect(board.projects.every((p) => p.score === null)).toBe(true);
    // k_jc is excluded from every project: no sheet to read or submit.
    expect((await call(t.app, jc.s, 'GET', `/api/contests/${c.id}/projects/${order[0]}/sheet`)).statusCode).toBe(404);
    expect((await submit(jc.s, c.id, order[0]!, SHEET(80))).statusCode).toBe(404);
    expect((await view(c.id, jc.s)).exclusions.map((e) => e.judgeId)).toEqual([jc.id, jc.id, jc.id]);
    // Not on the panel, or another county: the contest does not exist for them.
    expect((await call(t.app, outsider, 'GET', `/api/contests/${c.id}`)).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', `/api/contests/${c.id}`)).statusCode).toBe(404);
    expect((await submit(outsider, c.id, order[0]!, SHEET(80))).statusCode).toBe(404);
  });

  it('refuses to advance while scoring is open, closes scoring (then 409), and reopens only with a reason', async () => {
    expect((await host(c.id, 'next')).statusCode).toBe(409);
    await ok(await closeProject(c.id, order[0]!));
    const after = await submit(judges[1]!.s, c.id, order[0]!, SHEET(TOTALS[0]![1]!));
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('CONTEST_SCORING_CLOSED');
    const v = await view(c.id);
    const noReason = await call(t.app, staff, 'POST', `/api/contests/${c.id}/projects/${order[0]}/reopen`, {
      version: v.version,
    });
    expect(noReason.statusCode).toBe(400);
    await ok(
      await call(t.app, staff, 'POST', `/api/contests/${c.id}/projects/${order[0]}/reopen`, {
        version: v.version,
        reason: '两位评委手机断网未能提交',
      }),
    );
    expect((await audit(c.id))[0]!.changes).toContainEqual({
      field: 'reopenReason',
      before: null,
      after: '两位评委手机断网未能提交',
    });
    for (let j = 1; j < 5; j++) {
      const r = await submit(judges[j]!.s, c.id, order[0]!, SHEET(TOTALS[0]![j]!));
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it('runs the remaining presentations to the end, and shows closed projects’ scores to staff on the board', async () => {
    await ok(await closeProject(c.id, order[0]!));
    const board = await ok<ContestBoard>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/board`));
    // 90, 85, 80, 75, 70 with five judges: drop 90 and 70, mean of 85, 80, 75.
    expect(board.projects.find((p) => p.projectId === order[0])!.score).toBe(80);
    for (const k of [1, 2]) {
      await ok(await host(c.id, 'next'));
      for (let j = 0; j < 5; j++) await ok(await submit(judges[j]!.s, c.id, order[k]!, SHEET(TOTALS[k]![j]!)));
      await ok(await closeProject(c.id, order[k]!));
    }
    const finished = await ok<ContestView>(await host(c.id, 'next'));
    expect(finished.status).toBe('finished');
    expect(finished.currentProjectId).toBeNull();
  });

  it('computes the results with the engine (hand-checked), and lets judges read them once published', async () => {
    const results = await ok<ContestResultsView>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/results`));
    const sheets: ScoreSheet[] = [];
    for (const k of [0, 1, 2]) {
      for (let j = 0; j < 5; j++)
        sheets.push({ judgeId: judges[j]!.id, projectId: order[k]!, scores: SHEET(TOTALS[k]![j]!) });
    }
    const expected = aggregate(
      {
        rubric: results.rubric,
        judgeIds: results.judges.map((j) => j.id),
        projects: order.map((id, i) => ({ id, order: i + 1 })),
        sheets,
        exclusions: order.map((projectId) => ({ judgeId: jc.id, projectId, reason: 'same_org' as const })),
      },
      results.config,
    );
    const byId = new Map(results.rows.map((r) => [r.projectId, r]));
    for (const p of expected.projects) {
      expect(byId.get(p.projectId)).toMatchObject({
        computedScore: round2(p.finalScore!),
        rank: p.rank,
        grade: p.grade,
      });
    }
    // By hand: 80 (较好); mean of 81, 72, 88 = 80.33 (较好); mean of 52, 50, 55 = 52.33 (差).
    expect(results.rows.map((r) => [r.projectId, r.finalScore, r.rank, r.grade])).toEqual([
      [order[1], 80.33, 1, 'fair'],
      [order[0], 80, 2, 'fair'],
      [order[2], 52.33, 3, 'poor'],
    ]);
    expect(results.legend.length).toBeGreaterThan(2);
    expect(results.derivation.projects[0]!.excluded).toEqual([
      { judgeId: jc.id, projectId: order[1], reason: 'same_org' },
    ]);

    const noReason = await call(t.app, staff, 'PUT', `/api/contests/${c.id}/projects/${order[2]}/override`, {
      score: 61,
      grade: 'average',
    });
    expect(noReason.statusCode).toBe(400);
    const overridden = await ok<ContestResultsView>(
      await call(t.app, staff, 'PUT', `/api/contests/${c.id}/projects/${order[2]}/override`, {
        score: 61,
        grade: 'average',
        reason: '现场计分器故障，经评审组复核',
      }),
    );
    expect(overridden.rows.find((r) => r.projectId === order[2])).toMatchObject({
      computedScore: 52.33,
      computedGrade: 'poor',
      finalScore: 61,
      grade: 'average',
      override: { score: 61, grade: 'average', reason: '现场计分器故障，经评审组复核' },
    });

    const xlsx = await call(t.app, staff, 'GET', `/api/contests/${c.id}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['比武结果', '评委评分表']);
    expect(wb.getWorksheet('评委评分表')!.rowCount).toBe(1 + 15);

    await ok(await host(c.id, 'publish'));
    const asJudge = await ok<ContestResultsView>(
      await call(t.app, judges[2]!.s, 'GET', `/api/contests/${c.id}/results`),
    );
    expect(asJudge.rows.map((r) => r.finalScore)).toEqual([80.33, 80, 61]);
    // Judges see how the score was reached, not who gave what.
    expect(JSON.stringify(asJudge)).not.toContain(judges[0]!.id);
    expect(asJudge.derivation.projects[0]!.rows.every((r) => Object.keys(r.scores).length === 0)).toBe(true);
    expect((await call(t.app, judges[2]!.s, 'GET', `/api/contests/${c.id}/sheets`)).statusCode).toBe(403);
    const board = await ok<ContestBoard>(await call(t.app, judges[2]!.s, 'GET', `/api/contests/${c.id}/board`));
    expect(board.projects.find((p) => p.projectId === order[1])).toMatchObject({
      score: 80.33,
      rank: 1,
      grade: 'fair',
    });
  });
});

describe(`daily work (${TEST_DB})`, () => {
  it('takes the quarterly ratings of the campaign’s year, also for a contest held in January of the next year', async () => {
    const s = t.services;
    const RATINGS = ['on_track', 'lagging', 'on_track', 'at_risk'] as const;
    // A 2025 campaign whose project is approved in February 2025 and rated for each quarter of 2025.
    const clock = new SimulatedClock('2025-02-10T02:00:00Z');
    const { campaign, project } = await runWithClock(clock.now, async () => {
      const c = await createCampaign(s, t.admin, {
        orgId: w.a.dept.id,
        name: '2025年度书记项目（日常工作）',
        codePrefix: 'RW',
        year: 2025,
      });
      const secretary = contextFor(await actorOf(s, w.users.secretary.id));
      const p = await approvedProject(
        s,
        t.admin,
        secretary,
        { campaignId: c.id, orgId: w.a.committee.id, title: '快递小哥暖心驿站' },
        rng,
      );
      clock.set('2026-01-05T02:00:00Z');
      for (const quarter of [1, 2, 3, 4]) {
        await s.quarterlyReports.file(
          secretary,
          p,
          validated(quarterlyReportBody, {
            year: 2025,
            quarter,
            progress: '按计划推进。',
            crux: '企业配合度有待提高。',
            nextPlan: '继续推进。',
          }),
        );
      }
      for (const r of (await s.quarterlyReports.list(t.admin, p)).items) {
        await s.quarterlyReports.rate(
          t.admin,
          r.id,
          validated(reportRateBody, { rating: RATINGS[r.quarter - 1], comment: '已评定。', version: r.version }),
        );
      }
      return { campaign: c, project: p };
    });
    expect(campaign.year).toBe(2025);

    const c = await running({
      campaignId: campaign.id,
      contestDate: '2026-01-16',
      projectIds: [project],
      judgeIds: judges.map((j) => j.id),
      config: {
        ...DEFAULT_AGGREGATION_CONFIG,
        dailyWork: { ...DEFAULT_AGGREGATION_CONFIG.dailyWork, enabled: true, weight: 0.3 },
      },
    });
    for (const [i, j] of judges.entries()) await ok(await submit(j.s, c.id, project, SHEET(80 + i)));
    await ok(await closeProject(c.id, project));
    const results = await ok<ContestResultsView>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/results`));
    expect(results.derivation.projects[0]!.dailyWork).toMatchObject({
      ratings: [...RATINGS],
      points: [100, 70, 100, 40],
      meanPoints: 77.5,
      appliedWeight: 0.3,
    });
    expect(results.derivation.projects[0]!.flags).not.toContain('no_ratings');
    // Stage: 80…84 less the highest and the lowest = 82; final 0.7 × 82 + 0.3 × 77.5 = 80.65.
    expect(results.rows[0]).toMatchObject({ stageScore: 82, finalScore: 80.65 });

    // Published results keep the ratings they were published with: re-rating Q4 afterwards
    // (at_risk → on_track) would give 0.7 × 82 + 0.3 × 92.5 = 85.15 if read live.
    await ok(await host(c.id, 'next'));
    await ok(await host(c.id, 'publish'));
    const q4 = (await s.quarterlyReports.list(t.admin, project)).items.find((r) => r.quarter === 4)!;
    await s.quarterlyReports.rate(
      t.admin,
      q4.id,
      validated(reportRateBody, { rating: 'on_track', comment: '复核后调整。', version: q4.version }),
    );
    const published = await ok<ContestResultsView>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/results`));
    expect(published.derivation.projects[0]!.dailyWork).toMatchObject({ ratings: [...RATINGS], meanPoints: 77.5 });
    expect(published.rows[0]).toMatchObject({ stageScore: 82, finalScore: 80.65 });
  });
});

/** Five sheets for the live-board tests: 80, 78, 76, 74, 72. */
const TOTALS_LIVE = [80, 78, 76, 74, 72];

async function closeProject(id: string, projectId: string) {
  const v = await view(id);
  return call(t.app, staff, 'POST', `/api/contests/${id}/projects/${projectId}/close`, { version: v.version });
}

let listening: Promise<string> | null = null;
/** The app listening on a local port (once for the file): streams are read over real HTTP. */
const address = () => (listening ??= t.app.listen({ host: '127.0.0.1', port: 0 }));

/** An open board stream (Server-Sent Events) as this user. */
const boardStream = async (s: Session, contestId: string) => openBoardStream(await address(), s, contestId);

/** Waits until nobody in this process listens to the contest's changes any more. */
async function noListener(contestId: string) {
  for (let i = 0; i < 50 && t.services.contests.events.listenerCount(contestId) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(t.services.contests.events.listenerCount(contestId)).toBe(0);
}

describe(`live board over Server-Sent Events (${TEST_DB})`, () => {
  it('pushes the board within 1 s of a judge submitting, and drops the listener when the client goes', async () => {
    const c = await running({ projectIds: [p1, p2], judgeIds: judges.map((j) => j.id) });
    const stream = await boardStream(staff, c.id);
    const first = await stream.next();
    expect(first.current).toMatchObject({ projectId: c.currentProjectId, submitted: 0, eligibleJudges: 5 });
    expect(t.services.contests.events.listenerCount(c.id)).toBe(1);

    const started = performance.now();
    const r = await submit(judges[3]!.s, c.id, c.currentProjectId!, SHEET(77));
    expect(r.statusCode, r.body).toBe(200);
    const pushed = await stream.within(1000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(pushed.current).toMatchObject({ projectId: c.currentProjectId, submitted: 1 });

    await stream.close();
    await noListener(c.id);
    expect(t.services.contests.live.viewers(c.id)).toBe(0);
  });

  it('ends a stream whose session was logged out, at the next access check (here: the contest changes)', async () => {
    const c = await running({ projectIds: [p1, p2], judgeIds: judges.map((j) => j.id) });
    const phone = await login(t.app, 'k_j5');
    const stream = await boardStream(phone, c.id);
    expect((await stream.next()).contestId).toBe(c.id);
    expect((await call(t.app, phone, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    await ok(await closeProject(c.id, c.currentProjectId!));
    await expect(
      (async () => {
        for (;;) await stream.within(3000);
      })(),
    ).rejects.toThrow('stream ended');
    await stream.close();
  });

  it('answers 404 on the stream of a contest out of reach', async () => {
    const c = await create({ projectIds: [p1] });
    expect((await call(t.app, outsider, 'GET', `/api/contests/${c.id}/stream?once=1`)).statusCode).toBe(404);
    const once = await call(t.app, judges[0]!.s, 'GET', `/api/contests/${c.id}/stream?once=1`);
    expect(once.statusCode).toBe(200);
    expect(once.body.startsWith('event: board\ndata: ')).toBe(true);
    expect(t.services.contests.events.listenerCount(c.id)).toBe(0);
  });

  it('computes the board once per change for a staff and a judge stream, each getting what they may see', async () => {
    const c = await running({ projectIds: [p1, p2], judgeIds: judges.map((j) => j.id) });
    const firstOn = c.currentProjectId!;
    for (let j = 0; j < 5; j++) await ok(await submit(judges[j]!.s, c.id, firstOn, SHEET(TOTALS_LIVE[j]!)));
    await ok(await closeProject(c.id, firstOn));
    const second = (await ok<ContestView>(await host(c.id, 'next'))).currentProjectId!;

    const asStaff = await boardStream(staff, c.id);
    const asJudge = await boardStream(judges[0]!.s, c.id);
    const [staff0, judge0] = [await asStaff.next(), await asJudge.next()];
    // 80, 78, 76, 74, 72: drop the highest and lowest, mean of 78, 76, 74.
    expect(staff0.projects.find((p) => p.projectId === firstOn)!.score).toBe(76);
    expect(judge0.projects.every((p) => p.score === null && p.rank === null && p.grade === null)).toBe(true);
    expect(t.services.contests.events.listenerCount(c.id)).toBe(1);
    expect(t.services.contests.live.viewers(c.id)).toBe(2);
    const before = t.services.contests.live.computations(c.id);

    await ok(await submit(judges[1]!.s, c.id, second, SHEET(66)));
    const [s1, j1] = [await asStaff.within(1000), await asJudge.within(1000)];
    expect(t.services.contests.live.computations(c.id)).toBe(before + 1);
    // One computation: the same instant on both, and the judge's board is the staff's without scores.
    expect(j1.serverTime).toBe(s1.serverTime);
    expect(s1.current).toMatchObject({ projectId: second, submitted: 1 });
    expect(s1.projects.find((p) => p.projectId === firstOn)!.score).toBe(76);
    expect(j1).toEqual({
      ...s1,
      projects: s1.projects.map((p) => ({ ...p, score: null, rank: null, grade: null })),
    });
    // GET …/board (per request) agrees.
    const got = await ok<ContestBoard>(await call(t.app, judges[0]!.s, 'GET', `/api/contests/${c.id}/board`));
    expect({ ...got, serverTime: j1.serverTime }).toEqual(j1);

    await asStaff.close();
    await asJudge.close();
    await noListener(c.id);
  });
});

describe(`concurrent submissions (${TEST_DB})`, () => {
  const N = 20;
  const panel: { id: string; s: Session }[] = [];

  beforeAll(async () => {
    for (let i = 1; i <= N; i++) {
      const u = await createUser(t.services, t.admin, {
        username: `k_many${i}`,
        roles: [{ role: 'judge', orgId: w.a.dept.id }],
      });
      panel.push({ id: u.id, s: await login(t.app, `k_many${i}`) });
    }
  });

  const stored = async (contestId: string, projectId: string) =>
    (
      await ok<{ items: { judgeId: string; projectId: string; total: number }[] }>(
        await call(t.app, staff, 'GET', `/api/contests/${contestId}/sheets`),
      )
    ).items.filter((s) => s.projectId === projectId);

  it('accepts 20 judges submitting at once, losing none', async () => {
    const c = await running({ projectIds: [p2], judgeIds: panel.map((j) => j.id) });
    const replies = await Promise.all(panel.map((j, i) => submit(j.s, c.id, p2, SHEET(60 + i))));
    expect(replies.map((r) => r.statusCode)).toEqual(panel.map(() => 200));
    // Each reply is the sheet as stored.
    for (const [i, r] of replies.entries()) {
      const mine = await ok(await call(t.app, panel[i]!.s, 'GET', `/api/contests/${c.id}/projects/${p2}/sheet`));
      expect(r.json()).toEqual(mine);
      expect(r.json()).toMatchObject({ judgeId: panel[i]!.id, total: 60 + i, phase: 'presenting' });
    }
    const sheets = await stored(c.id, p2);
    expect(sheets.map((s) => s.judgeId).sort()).toEqual(panel.map((j) => j.id).sort());
    const board = await ok<ContestBoard>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/board`));
    expect(board.current).toMatchObject({ submitted: 20, eligibleJudges: 20 });
    // The same judge twice at once: exactly one sheet.
    const c2 = await running({ projectIds: [p2], judgeIds: [panel[0]!.id] });
    const twice = await Promise.all([
      submit(panel[0]!.s, c2.id, p2, SHEET(70)),
      submit(panel[0]!.s, c2.id, p2, SHEET(71)),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('computes the live board far fewer times than there are submissions in a burst, the last push showing them all', async () => {
    const c = await running({ projectIds: [p2], judgeIds: panel.map((j) => j.id) });
    const screens = [await boardStream(staff, c.id), await boardStream(staff, c.id), await boardStream(staff, c.id)];
    for (const s of screens) expect((await s.next()).current).toMatchObject({ submitted: 0, eligibleJudges: N });
    const replies = await Promise.all(panel.map((j, i) => submit(j.s, c.id, p2, SHEET(60 + i))));
    expect(replies.map((r) => r.statusCode)).toEqual(panel.map(() => 200));
    const seen = await Promise.all(screens.map((s) => s.until(N, 2000)));
    const computations = t.services.contests.live.computations(c.id);
    expect(computations).toBeGreaterThanOrEqual(1);
    expect(computations).toBeLessThan(N / 2);
    for (const { board, events } of seen) {
      expect(board.current).toMatchObject({ submitted: N, eligibleJudges: N });
      expect(events).toBeLessThanOrEqual(computations);
    }
    for (const s of screens) await s.close();
    await noListener(c.id);
  });

  it('counts every sheet accepted while scoring closes in the middle of a burst, and refuses the rest as closed', async () => {
    const c = await running({ projectIds: [p2], judgeIds: panel.map((j) => j.id) });
    const v = await view(c.id);
    const close = () =>
      call(t.app, staff, 'POST', `/api/contests/${c.id}/projects/${p2}/close`, { version: v.version });
    const sends = panel.map((j, i) => () => submit(j.s, c.id, p2, SHEET(60 + i)));
    // The close goes out after half the judges, while their submissions are still in flight.
    const all = [...sends.slice(0, N / 2), close, ...sends.slice(N / 2)].map((f) => f());
    const replies = await Promise.all(all);
    const closed = replies[N / 2]!;
    expect(closed.statusCode, closed.body).toBe(200);
    const answers = replies.filter((_, i) => i !== N / 2);
    const accepted = new Set<string>();
    answers.forEach((r, i) => {
      if (r.statusCode === 200) accepted.add(panel[i]!.id);
      else {
        expect(r.statusCode, r.body).toBe(409);
        expect(r.json().code).toBe('CONTEST_SCORING_CLOSED');
      }
    });
    // None lost, none extra: the stored sheets are exactly the accepted ones, and the board counts them.
    expect((await stored(c.id, p2)).map((s) => s.judgeId).sort()).toEqual([...accepted].sort());
    const board = await ok<ContestBoard>(await call(t.app, staff, 'GET', `/api/contests/${c.id}/board`));
    expect(board.projects[0]).toMatchObject({ phase: 'closed', submitted: accepted.size });
    // After the close every submission is refused.
    const late = panel.filter((j) => !accepted.has(j.id));
    for (const j of late) {
      const r = await submit(j.s, c.id, p2, SHEET(70));
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('CONTEST_SCORING_CLOSED');
    }
  });

  it('finds each judge eligible exactly as the whole panel does (same organisation and declared conflicts)', async () => {
    const c = await create({ judgeIds: [...judges.map((j) => j.id), jc.id] });
    await ok(
      await call(t.app, staff, 'POST', `/api/contests/${c.id}/conflicts`, {
        judgeId: judges[2]!.id,
        projectId: p3,
        reason: '曾参与该项目指导',
      }),
    );
    const repos = t.services.store.repos;
    const panelNow = await panelOf(repos, c.id);
    let excluded = 0;
    for (const j of panelNow.judges) {
      for (const p of panelNow.projects) {
        const seat = await seatOf(repos, c.id, j.id, p.projectId);
        expect(seat !== null, `${j.name} on ${p.title}`).toBe(panelNow.eligible(j.id, p.projectId));
        if (!seat) excluded++;
      }
    }
    // k_jc from all three (bound on the 工委), judge 3 from p3 (declared).
    expect(excluded).toBe(4);
    expect(await seatOf(repos, c.id, judges[0]!.id, 'no-such-project')).toBeNull();
  });
});

describe(`a panel of 200 judges (${TEST_DB})`, () => {
  it('creates and updates a contest with 200 judges through the API, and caps the panel at 300', async () => {
    const ids: string[] = [];
    for (let from = 1; from <= 200; from += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          createUser(t.services, t.admin, {
            username: `k_big${from + k}`,
            roles: [{ role: 'judge', orgId: w.a.dept.id }],
          }),
        ),
      );
      ids.push(...batch.map((u) => u.id));
    }
    const c = await create({ projectIds: [p1, p2], judgeIds: ids });
    expect(c.judges).toHaveLength(200);
    const updated = await ok<ContestView>(
      await call(t.app, staff, 'PATCH', `/api/contests/${c.id}`, {
        ...body({ projectIds: [p1, p2], judgeIds: ids.slice(0, 150) }),
        version: c.version,
      }),
    );
    expect(updated.judges).toHaveLength(150);
    const tooMany = Array.from({ length: MAX_CONTEST_JUDGES + 1 }, (_, i) => ids[i % ids.length]!);
    const refused = await call(t.app, staff, 'POST', '/api/contests', body({ judgeIds: tooMany }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toHaveProperty('judgeIds');
    expect(contestUpdateBody.safeParse({ ...body(), judgeIds: tooMany, version: 1 }).success).toBe(false);
    expect(MAX_CONTEST_JUDGES).toBe(300);
  });
});
