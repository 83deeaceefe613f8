import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contestCreateBody,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  type AssessmentFillResult,
  type AssessmentSchemeView,
  type AssessmentSheetView,
  type ContestGrade,
  type ContestView,
} from '@touyan/schemas';
import { actorOf, contextFor, createCampaign, createUser, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { approvedProject } from './probes/contests';
import { buildWorld, type World } from './world';

/**
 * The annual assessment on the two-county world. County A's campaign has three approved projects
 * (two of 振兴区"两新"工委, one of 甲公司党支部 below it), taken through a contest whose final results
 * are set by the host's overrides (so the expectations are computed by hand):
 *   p1 工委   92.5 好      p2 工委   70 一般      p3 甲公司  81 较好
 * The 工委 counts its best project (p1).
 */
let t: TestApp;
let w: World;
let campaignId: string;
let p1: string;
let p2: string;
let p3: string;
let judgeId: string;
let published: string;
let staff: Session;
let staffB: Session;
let secretary: Session;
let branchSecretary: Session;
const rng = new Rng(404);

const FINAL: Record<string, { score: number; grade: ContestGrade }> = {};

async function ok<T>(res: { statusCode: number; body: string; json: () => unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/** A contest of the three projects run to the end by the administrator; published unless told otherwise. */
async function contest(publish: boolean): Promise<string> {
  const s = t.services.contests;
  const admin = t.admin;
  let v: ContestView = await s.create(
    admin,
    validated(contestCreateBody, {
      campaignId,
      name: `年度比武${rng.int(1, 99999)}`,
      contestDate: '2025-12-20',
      venue: '丹东市委党校礼堂',
      projectIds: [p1, p2, p3],
      judgeIds: [judgeId],
    }),
  );
  const id = v.id;
  v = await s.draw(admin, id, { version: v.version, reason: null });
  v = await s.ready(admin, id, v.version);
  v = await s.start(admin, id, v.version);
  v = await s.next(admin, id, v.version);
  while (v.status === 'running') {
    v = await s.close(admin, id, v.currentProjectId!, v.version);
    v = await s.next(admin, id, v.version);
  }
  expect(v.status).toBe('finished');
  for (const [projectId, r] of Object.entries(FINAL)) {
    await s.override(admin, id, projectId, { score: r.score, grade: r.grade, reason: '评审组复议定分' });
  }
  if (publish) {
    v = await s.get(admin, id);
    await s.publish(admin, id, v.version);
  }
  return id;
}

const schemeBody = (overrides: Record<string, unknown> = {}) => ({
  orgId: w.a.dept.id,
  year: 2025,
  name: '2025年度党建工作考核',
  items: DEFAULT_ASSESSMENT_ITEMS,
  mapping: { mode: 'grade', points: { good: 20, fair: 16, average: 12, poor: 8 } },
  thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
  ...overrides,
});
const createScheme = async (overrides: Record<string, unknown> = {}) =>
  ok<AssessmentSchemeView>(await call(t.app, staff, 'POST', '/api/assessment-schemes', schemeBody(overrides)));
const fill = (schemeId: string, contestId: string, s: Session = staff) =>
  call(t.app, s, 'POST', `/api/assessment-schemes/${schemeId}/fill-from-contest`, { contestId });
const sheets = async (schemeId: string, s: Session = staff, qs = '') =>
  ok<{ items: AssessmentSheetView[] }>(await call(t.app, s, 'GET', `/api/assessment-schemes/${schemeId}/sheets${qs}`));
const sheetOf = async (schemeId: string, orgId: string) =>
  (await sheets(schemeId)).items.find((x) => x.partyOrgId === orgId)!;
const enter = (sheet: AssessmentSheetView, values: Record<string, number | null>, s: Session = staff) =>
  call(t.app, s, 'PATCH', `/api/assessment-sheets/${sheet.id}`, { values, version: sheet.version });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const s = t.services;
  campaignId = (
    await createCampaign(s, t.admin, {
      orgId: w.a.dept.id,
      name: '振兴区书记项目（考核）',
      codePrefix: 'KH',
      eligibleOrgTypes: ['two_new_committee', 'branch'],
    })
  ).id;
  const sec = contextFor(await actorOf(s, w.users.secretary.id));
  p1 = await approvedProject(s, t.admin, sec, { campaignId, orgId: w.a.committee.id, title: '骑手驿站攻坚' }, rng);
  p2 = await approvedProject(s, t.admin, sec, { campaignId, orgId: w.a.committee.id, title: '园区党建提质' }, rng);
  p3 = await approvedProject(s, t.admin, sec, { campaignId, orgId: w.a.branch.id, title: '甲公司党建融合' }, rng);
  FINAL[p1] = { score: 92.5, grade: 'good' };
  FINAL[p2] = { score: 70, grade: 'average' };
  FINAL[p3] = { score: 81, grade: 'fair' };
  judgeId = (await createUser(s, t.admin, { username: 'as_judge', roles: [{ role: 'judge', orgId: w.city.id }] })).id;
  await createUser(s, t.admin, { username: 'as_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  await createUser(s, t.admin, { username: 'as_branch_sec', roles: [{ role: 'secretary', orgId: w.a.branch.id }] });
  published = await contest(true);
  staff = await login(t.app, w.usernames.staff);
  staffB = await login(t.app, 'as_b_staff');
  secretary = await login(t.app, w.usernames.secretary);
  branchSecretary = await login(t.app, 'as_branch_sec');
});
afterAll(() => t.close());

describe(`assessment schemes (${TEST_DB})`, () => {
  it('validates the items (sum 100, exactly one contest item), the mapping and the thresholds', async () => {
    const bad = async (overrides: Record<string, unknown>) => {
      const res = await call(t.app, staff, 'POST', '/api/assessment-schemes', schemeBody(overrides));
      expect(res.statusCode, res.body).toBe(400);
      return res.json().fields as Record<string, string>;
    };
    expect(await bad({ items: DEFAULT_ASSESSMENT_ITEMS.slice(0, 4) })).toEqual({ items: '数值过小' });
    expect(await bad({ items: DEFAULT_ASSESSMENT_ITEMS.map((it) => ({ ...it, source: 'manual' })) })).toMatchObject({
      items: '格式不正确',
    });
    expect(
      await bad({ mapping: { mode: 'grade', points: { good: 25, fair: 16, average: 12, poor: 8 } } }),
    ).toMatchObject({ 'mapping.points.good': '数值过大' });
    expect(await bad({ thresholds: { excellent: 80, good: 80, pass: 60 } })).toMatchObject({
      'thresholds.good': '数值过大',
    });
    // Only a 社工部 in the caller's scope owns a scheme.
    expect(await bad({ orgId: w.a.committee.id })).toEqual({ orgId: '格式不正确' });
    // Another county's 社工部 is out of reach altogether (references resolve through the read scope).
    const outside = await call(t.app, staff, 'POST', '/api/assessment-schemes', schemeBody({ orgId: w.b.dept.id }));
    expect(outside.statusCode).toBe(404);
    expect(outside.json().fields).toEqual({ orgId: '所选记录不存在或无权查看' });

    const s = await createScheme();
    expect(s).toMatchObject({ status: 'draft', version: 1, sheetCount: 0, orgName: w.a.dept.name });
    expect(s.abilities).toContain('fill');
    const audit = await ok<{ items: { action: string }[] }>(
      await call(t.app, staff, 'GET', `/api/audit-logs?entityType=assessment_scheme&entityId=${s.id}`),
    );
    expect(audit.items.map((x) => x.action)).toEqual(['create']);
    // Staff of county B never reach it.
    expect((await call(t.app, staffB, 'GET', `/api/assessment-schemes/${s.id}`)).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', `/api/assessment-schemes/${s.id}/sheets`)).statusCode).toBe(404);
    const list = await ok<{ items: { id: string }[] }>(await call(t.app, staffB, 'GET', '/api/assessment-schemes'));
    expect(list.items.map((x) => x.id)).not.toContain(s.id);
  });
});

describe(`filling from the contest (${TEST_DB})`, () => {
  it('maps each organisation’s best final grade to the contest item, records the source, and is idempotent', async () => {
    const s = await createScheme();
    const r = await ok<AssessmentFillResult>(await fill(s.id, published));
    expect(r).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: [] });
    const committee = await sheetOf(s.id, w.a.committee.id);
    const branch = await sheetOf(s.id, w.a.branch.id);
    // 工委: best of 好 (p1) and 一般 (p2) → 20; 甲公司: 较好 → 16.
    expect(committee.values).toEqual({ project: 20, organisation: null, team: null, role: null, support: null });
    expect(committee.contestSource).toMatchObject({ contestId: published, projectId: p1, grade: 'good', score: 92.5 });
    expect(branch.values.project).toBe(16);
    expect(branch.contestSource).toMatchObject({ projectId: p3, grade: 'fair', score: 81, points: 16 });
    expect(committee).toMatchObject({ total: 20, complete: false, grade: null });

    const again = await ok<AssessmentFillResult>(await fill(s.id, published));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await sheetOf(s.id, w.a.committee.id)).version).toBe(committee.version);
    const audit = await ok<{ items: { action: string }[] }>(
      await call(t.app, staff, 'GET', `/api/audit-logs?entityType=assessment_sheet&entityId=${committee.id}`),
    );
    expect(audit.items.map((x) => x.action)).toEqual(['create']);
  });

  it('maps the final score × factor, capped at the item maximum', async () => {
    const s = await createScheme({ mapping: { mode: 'score', factor: 0.2 } });
    await ok(await fill(s.id, published));
    // 92.5 × 0.2 = 18.5; 81 × 0.2 = 16.2.
    expect((await sheetOf(s.id, w.a.committee.id)).values.project).toBe(18.5);
    expect((await sheetOf(s.id, w.a.branch.id)).values.project).toBe(16.2);
    const capped = await createScheme({ mapping: { mode: 'score', factor: 0.25 } });
    await ok(await fill(capped.id, published));
    // 92.5 × 0.25 = 23.125 → capped at 20; 81 × 0.25 = 20.25 → 20.
    expect((await sheetOf(capped.id, w.a.committee.id)).values.project).toBe(20);
    expect((await sheetOf(capped.id, w.a.branch.id)).values.project).toBe(20);
  });

  it('refuses a contest whose results are not published (409), and a contest out of reach (400)', async () => {
    const s = await createScheme();
    const draft = await contest(false);
    const res = await fill(s.id, draft);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('ASSESSMENT_CONTEST_UNPUBLISHED');
    expect((await sheets(s.id)).items).toEqual([]);
    const bScheme = await ok<AssessmentSchemeView>(
      await call(t.app, staffB, 'POST', '/api/assessment-schemes', schemeBody({ orgId: w.b.dept.id })),
    );
    const out = await fill(bScheme.id, published, staffB);
    expect(out.statusCode, out.body).toBe(404);
    expect(out.json().fields).toEqual({ contestId: '所选记录不存在或无权查看' });
    expect((await fill(s.id, published, staffB)).statusCode).toBe(404);
  });
});

describe(`manual items, totals and grades (${TEST_DB})`, () => {
  it('validates each value within 0 … max, only manual items, with the version; totals and grades', async () => {
    const s = await createScheme();
    await ok(await fill(s.id, published));
    let sheet = await sheetOf(s.id, w.a.committee.id);
    const over = await enter(sheet, { organisation: 26 });
    expect(over.statusCode).toBe(400);
    expect(over.json().fields).toEqual({ 'values.organisation': '数值过大' });
    const negative = await enter(sheet, { team: -1 });
    expect(negative.statusCode).toBe(400);
    const contestItem = await enter(sheet, { project: 10 });
    expect(contestItem.statusCode).toBe(400);
    expect(contestItem.json().fields).toEqual({ 'values.project': '格式不正确' });
    expect((await enter(sheet, { unknown: 1 })).statusCode).toBe(400);

    sheet = await ok<AssessmentSheetView>(await enter(sheet, { organisation: 24, team: 18.5 }));
    expect(sheet).toMatchObject({ total: 62.5, complete: false, grade: null });
    const stale = await call(t.app, staff, 'PATCH', `/api/assessment-sheets/${sheet.id}`, {
      values: { role: 1 },
      version: sheet.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    // 20 + 24 + 18.5 + 17 + 12 = 91.5 → 优秀
    sheet = await ok<AssessmentSheetView>(await enter(sheet, { role: 17, support: 12 }));
    expect(sheet).toMatchObject({ total: 91.5, complete: true, grade: 'excellent' });
    // 91.5 − 12 + 0 = 79.5 → 合格 (良好 needs 80)
    sheet = await ok<AssessmentSheetView>(await enter(sheet, { support: 0 }));
    expect(sheet).toMatchObject({ total: 79.5, grade: 'pass' });
    sheet = await ok<AssessmentSheetView>(await enter(sheet, { support: 0.5 }));
    expect(sheet).toMatchObject({ total: 80, grade: 'good' });

    // A sheet for an organisation that did not compete; not twice; not outside the area.
    const empty = await call(t.app, staff, 'POST', `/api/assessment-schemes/${s.id}/sheets`, {
      partyOrgId: w.a.dept.id,
    });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ total: 0, complete: false, contestSource: null });
    const twice = await call(t.app, staff, 'POST', `/api/assessment-schemes/${s.id}/sheets`, {
      partyOrgId: w.a.dept.id,
    });
    expect(twice.statusCode).toBe(409);
    const outside = await call(t.app, staff, 'POST', `/api/assessment-schemes/${s.id}/sheets`, {
      partyOrgId: w.b.committee.id,
    });
    expect(outside.statusCode).toBe(404);

    // Filters.
    expect((await sheets(s.id, staff, '?grade=good')).items.map((x) => x.id)).toEqual([sheet.id]);
    expect((await sheets(s.id, staff, '?complete=0')).items).toHaveLength(2);
    expect((await sheets(s.id, staff, '?q=甲公司')).items.map((x) => x.partyOrgId)).toEqual([w.a.branch.id]);
    const page = await sheets(s.id, staff, '?limit=2');
    expect(page.items).toHaveLength(2);

    // Changing the mapping recomputes the contest item of every sheet.
    const v = await ok<AssessmentSchemeView>(await call(t.app, staff, 'GET', `/api/assessment-schemes/${s.id}`));
    const changed = await ok<AssessmentSchemeView>(
      await call(t.app, staff, 'PATCH', `/api/assessment-schemes/${s.id}`, {
        name: v.name,
        items: v.items,
        mapping: { mode: 'grade', points: { good: 18, fair: 15, average: 10, poor: 5 } },
        thresholds: v.thresholds,
        version: v.version,
      }),
    );
    expect(changed.version).toBe(v.version + 1);
    expect(await sheetOf(s.id, w.a.committee.id)).toMatchObject({ total: 78, grade: 'pass' });
    expect((await sheetOf(s.id, w.a.branch.id)).values.project).toBe(15);
  });
});

describe(`who reads which sheet (${TEST_DB})`, () => {
  it('a secretary reads only their own organisation’s sheet, once published; county B staff get 404', async () => {
    const s = await createScheme();
    await ok(await fill(s.id, published));
    const committee = await sheetOf(s.id, w.a.committee.id);
    const branch = await sheetOf(s.id, w.a.branch.id);
    // Draft: invisible to the secretaries.
    expect((await call(t.app, secretary, 'GET', `/api/assessment-sheets/${committee.id}`)).statusCode).toBe(404);
    expect((await call(t.app, secretary, 'GET', `/api/assessment-schemes/${s.id}`)).statusCode).toBe(404);

    const v = await ok<AssessmentSchemeView>(await call(t.app, staff, 'GET', `/api/assessment-schemes/${s.id}`));
    const pub = await ok<AssessmentSchemeView>(
      await call(t.app, staff, 'POST', `/api/assessment-schemes/${s.id}/status`, {
        status: 'published',
        version: v.version,
      }),
    );
    expect(pub).toMatchObject({ status: 'published', abilities: ['unpublish', 'export'] });
    // Published: frozen.
    expect((await enter(committee, { team: 10 })).statusCode).toBe(409);
    expect((await fill(s.id, published)).statusCode).toBe(409);

    const mine = await ok<AssessmentSheetView>(
      await call(t.app, secretary, 'GET', `/api/assessment-sheets/${committee.id}`),
    );
    expect(mine).toMatchObject({ partyOrgId: w.a.committee.id, abilities: ['export'] });
    expect((await call(t.app, secretary, 'GET', `/api/assessment-sheets/${branch.id}`)).statusCode).toBe(404);
    expect((await sheets(s.id, secretary)).items.map((x) => x.id)).toEqual([committee.id]);
    expect((await sheets(s.id, branchSecretary)).items.map((x) => x.id)).toEqual([branch.id]);
    // The scheme tells a secretary how many sheets they can see, not how many the area has.
    const seen = await ok<AssessmentSchemeView>(await call(t.app, secretary, 'GET', `/api/assessment-schemes/${s.id}`));
    expect(seen.sheetCount).toBe(1);
    expect(pub.sheetCount).toBeGreaterThan(1);
    expect((await call(t.app, secretary, 'PATCH', `/api/assessment-sheets/${committee.id}`, {})).statusCode).toBe(403);
    expect((await call(t.app, secretary, 'GET', `/api/assessment-sheets/${committee.id}/export.xlsx`)).statusCode).toBe(
      200,
    );
    expect((await call(t.app, secretary, 'GET', `/api/assessment-schemes/${s.id}/sheets.xlsx`)).statusCode).toBe(403);

    for (const url of [
      `/api/assessment-schemes/${s.id}`,
      `/api/assessment-sheets/${committee.id}`,
      `/api/assessment-sheets/${committee.id}/export.xlsx`,
      `/api/assessment-schemes/${s.id}/sheets.xlsx`,
    ]) {
      expect((await call(t.app, staffB, 'GET', url)).statusCode, url).toBe(404);
    }
  });
});

describe(`the area's list (${TEST_DB})`, () => {
  it('ranks sheets by total, highest first, page by page; a forged cursor is a 400', async () => {
    const s = await createScheme({ name: '考核排名' });
    await ok(await fill(s.id, published));
    const all = (await sheets(s.id)).items;
    expect(all.length).toBeGreaterThan(1);
    await ok(await enter(all[all.length - 1]!, { organisation: 25, team: 20, role: 20, support: 15 }));
    const ranked = (await sheets(s.id)).items;
    const totals = ranked.map((x) => x.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await ok<{ items: AssessmentSheetView[]; nextCursor: string | null }>(
        await call(t.app, staff, 'GET', `/api/assessment-schemes/${s.id}/sheets${qs}`),
      );
      paged.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(ranked.map((x) => x.id));
    const bad = await call(t.app, staff, 'GET', `/api/assessment-schemes/${s.id}/sheets?cursor=abc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe(`Excel exports (${TEST_DB})`, () => {
  it('exports one organisation’s sheet and the area’s list', async () => {
    const s = await createScheme({ name: '考核导出' });
    await ok(await fill(s.id, published));
    const committee = await sheetOf(s.id, w.a.committee.id);
    await ok(await enter(committee, { organisation: 24, team: 18, role: 17, support: 12 }));

    const one = await call(t.app, staff, 'GET', `/api/assessment-sheets/${committee.id}/export.xlsx`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核表')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const cells = rows.map((r) => r.slice(1));
    expect(cells[1]![0]).toBe(`党组织：${w.a.committee.name}`);
    expect(cells[2]).toEqual(['考核项目', '满分', '得分', '来源']);
    expect(cells[3]!.slice(0, 3)).toEqual(['书记项目', 20, 20]);
    expect(String(cells[3]![3])).toContain('骑手驿站攻坚');
    expect(cells.find((r) => r[0] === '总分')!.slice(0, 3)).toEqual(['总分', 100, 91]);
    expect(cells.find((r) => r[0] === '等次')![2]).toBe('优秀');

    const list = await call(t.app, staff, 'GET', `/api/assessment-schemes/${s.id}/sheets.xlsx`);
    expect(list.statusCode).toBe(200);
    const name = decodeURIComponent(String(list.headers['content-disposition']).split("UTF-8''")[1]!);
    expect(name).toBe(`${s.year}年度考核导出_汇总.xlsx`);
    const dated = await createScheme({ name: `${s.year}年度党建工作考核` });
    const again = await call(t.app, staff, 'GET', `/api/assessment-schemes/${dated.id}/sheets.xlsx`);
    expect(decodeURIComponent(String(again.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(
      `${s.year}年度党建工作考核_汇总.xlsx`,
    );
    const lb = new ExcelJS.Workbook();
    await lb.xlsx.load(list.rawPayload as unknown as ArrayBuffer);
    const ls = lb.worksheets[0]!;
    const lrows = (ls.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(lrows[0]!.slice(0, 8)).toEqual([
      '党组织',
      '书记项目（20）',
      '组织建设（25）',
      '队伍建设（20）',
      '作用发挥（20）',
      '基础保障（15）',
      '总分',
      '等次',
    ]);
    expect(lrows[1]!.slice(0, 8)).toEqual([w.a.committee.name, 20, 24, 18, 17, 12, 91, '优秀']);
    expect(lrows[2]!.slice(0, 1)).toEqual([w.a.branch.name]);
    expect(lrows[2]![1]).toBe(16);
    expect(lrows[2]![7]).toBe('未完成');
  });
});
