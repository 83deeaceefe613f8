/**
 * 监管驾驶舱 (issue 15): every figure of every panel — the area's and each county's — equals the
 * total of the list its link opens, read through the list's own route as the same user; a county's
 * staff see their county only (another county, or the city above, answers 404); the city's staff
 * drill into each county. The data is every module's route-matrix fixtures, in both counties.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentSchemeBody,
  assessmentSheetValuesBody,
  dashboardView,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  reportRateBody,
  ROLE_CODES,
  type DashboardView,
  type Role,
} from '@touyan/schemas';
import { DemandsRepository } from '../src/modules/demands/demands.repository';
import { WorkersRepository } from '../src/modules/workers/workers.repository';
import { createUser, validated } from '../src/seed/factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { PROBE_MODULES } from './probes';
import type { Fixtures } from './probes/types';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
const sessions = new Map<Role, Session>();
let city: Session;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  let n = 0;
  const fx: Fixtures = {
    t,
    w,
    extra: {},
    sessions,
    seq: () => ++n,
    version: async (kind, id) =>
      (await call(t.app, sessions.get('admin')!, 'GET', `/api/${kind}/${id}`)).json().version,
  };
  for (const role of ROLE_CODES) sessions.set(role, await login(t.app, w.usernames[role]));
  for (const m of PROBE_MODULES) await m.setup?.(fx);
  // County A's 2025 assessment, filled from its published contest and entered in full: graded sheets
  // for the 年度考核等次 panel (the probes' published schemes have no graded sheet).
  const as = t.services.assessments;
  let scheme = await as.createScheme(
    t.admin,
    validated(assessmentSchemeBody, {
      orgId: w.a.dept.id,
      year: 2025,
      name: '2025年度考核（驾驶舱）',
      items: DEFAULT_ASSESSMENT_ITEMS,
      mapping: DEFAULT_ASSESSMENT_MAPPING,
      thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
    }),
  );
  await as.fillFromContest(t.admin, scheme.id, fx.extra.asAContest!);
  for (const sheet of (await as.listSheets(t.admin, scheme.id, { limit: 100 })).items) {
    const values = Object.fromEntries(
      DEFAULT_ASSESSMENT_ITEMS.filter((i) => i.source === 'manual').map((i) => [i.code, i.maxPoints]),
    );
    await as.updateSheet(t.admin, sheet.id, validated(assessmentSheetValuesBody, { values, version: sheet.version }));
  }
  scheme = await as.getScheme(t.admin, scheme.id);
  await as.setStatus(t.admin, scheme.id, { status: 'published', version: scheme.version });
  // County A's filed report rated 滞后: the execution panel's split by the latest rating, held to its list.
  const report = (await t.services.store.repos.reports.get(fx.extra.exReportA!))!;
  await t.services.quarterlyReports.rate(
    t.admin,
    report.id,
    validated(reportRateBody, { rating: 'lagging', comment: '进度滞后于计划。', version: report.version }),
  );
  await createUser(t.services, t.admin, { username: 'city_staff', roles: [{ role: 'staff', orgId: w.city.id }] });
  city = await login(t.app, 'city_staff');
}, 600_000);
afterAll(() => t.close());

/** The list route behind a web list path. */
const LIST_API: Record<string, string> = {
  '/projects': '/api/projects',
  '/host-orgs': '/api/host-orgs',
  '/demands': '/api/demands',
  '/visits': '/api/visits',
  '/gigs/fairs': '/api/gig-fairs',
  '/gigs/pushes': '/api/gig-pushes',
  '/gigs/intentions': '/api/gig-intentions',
  '/disputes': '/api/dispute-cases',
  '/disputes/consultations': '/api/dispute-consultations',
  '/stations/ledger': '/api/stations',
  '/workers': '/api/workers',
  '/passes': '/api/passes',
  '/passes/scans': '/api/pass-scans',
  '/assessments/results': '/api/assessment-sheets',
};
/** Lists that answer no total: counted page by page. */
const NO_TOTAL = new Set(['/api/demands']);

async function listTotal(s: Session, link: string): Promise<number> {
  const [path, query] = link.split('?');
  const api = LIST_API[path!];
  expect(api, `no list route known for ${link}`).toBeDefined();
  if (!NO_TOTAL.has(api!)) {
    const res = await call(t.app, s, 'GET', `${api}?${query}&withTotal=1&limit=1`);
    expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
    return res.json<{ total: number }>().total;
  }
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await call(t.app, s, 'GET', `${api}?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
    const page = res.json<{ items: unknown[]; nextCursor: string | null }>();
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

async function overview(s: Session, query: string): Promise<DashboardView> {
  const res = await call(t.app, s, 'GET', `/api/dashboards/overview?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return dashboardView.parse(res.json());
}

/** Holds every figure (and each county's value) to the total of its list; returns how many were checked. */
async function expectFiguresMatchLists(s: Session, d: DashboardView): Promise<{ checked: number; nonZero: number }> {
  let checked = 0;
  let nonZero = 0;
  for (const panel of d.panels) {
    for (const f of panel.figures) {
      expect(await listTotal(s, f.link), `${panel.key} ${f.key} ${f.link}`).toBe(f.value);
      checked++;
      if (f.value > 0) nonZero++;
      for (const a of f.byArea) {
        expect(await listTotal(s, a.link), `${f.key} ${a.name} ${a.link}`).toBe(a.value);
        checked++;
      }
    }
  }
  return { checked, nonZero };
}

describe(`dashboards (${TEST_DB})`, () => {
  it('gives the city staff the city and each county, every figure equal to its list’s total', async () => {
    const d = await overview(city, 'period=custom&from=2024-01-01&to=2026-12-31');
    expect(d.area).toMatchObject({ regionCode: '210600', parent: null });
    expect(d.areas.map((a) => a.regionCode).sort()).toEqual(['210602', '210603']);
    expect(d.period).toMatchObject({ from: '2024-01-01', to: '2026-12-31', previousTo: '2023-12-31' });
    const keys = d.panels.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'projects',
        'execution',
        'reports',
        'supervision',
        'coverage',
        'demands',
        'visits',
        'gigs',
        'workers',
        'passes',
        'stations',
        'disputes',
        'assessments',
      ]),
    );
    // 年度考核等次: the latest year with results up to the period's end (2025), county A's graded sheet.
    const grades = d.panels.find((p) => p.key === 'assessments')!;
    expect(grades.title).toContain('2025');
    expect(grades.figures.reduce((n, f) => n + f.value, 0)).toBeGreaterThan(0);
    expect(grades.figures.every((f) => f.link.startsWith('/assessments/results?year=2025&'))).toBe(true);
    // The panels added with issue 15's second part, each figure held to its list below.
    const added = d.panels
      .filter((p) => ['reports', 'supervision', 'passes', 'stations'].includes(p.key))
      .flatMap((p) => p.figures)
      .concat(d.panels.find((p) => p.key === 'demands')!.figures.filter((f) => /sign|rated|satisfied/.test(f.key)));
    console.log(`dashboards ${TEST_DB}: ${added.map((f) => `${f.key}=${f.value}`).join(' ')}`);
    // Projects and execution are counted for the area and its counties by one statement per split
    // (status, theme, rating): held to the lists below like every other figure; here, not all zero.
    const standing = d.panels.filter((p) => p.key === 'projects' || p.key === 'execution').flatMap((p) => p.figures);
    console.log(
      `dashboards ${TEST_DB}: ${standing.map((f) => `${f.key}=${f.value}(${f.byArea.map((a) => a.value).join('+')})`).join(' ')}`,
    );
    const totals = standing.find((f) => f.key === 'projects.total')!;
    expect(totals.value).toBe(totals.byArea.reduce((n, a) => n + a.value, 0));
    expect(totals.byArea.filter((a) => a.value > 0).length).toBe(2);
    expect(standing.filter((f) => f.key.startsWith('projects.status.') && f.value > 0).length).toBeGreaterThan(1);
    const lagging = standing.find((f) => f.key === 'execution.rating.lagging')!;
    expect([lagging.value, lagging.byArea.map((a) => a.value).sort()]).toEqual([1, [0, 1]]);
    for (const p of d.panels)
      for (const f of p.figures)
        if (p.key !== 'coverage' || f.key === 'coverage.total')
          expect(f.byArea.map((a) => a.regionCode).sort(), f.key).toEqual(['210602', '210603']);
    const { checked, nonZero } = await expectFiguresMatchLists(city, d);
    console.log(`dashboards ${TEST_DB}: city custom period, ${checked} figures checked, ${nonZero} non-zero`);
    expect(nonZero).toBeGreaterThan(15);
  }, 300_000);

  it('compares with the previous period: its value equals the list over the previous dates', async () => {
    const d = await overview(city, 'period=year&to=2026-06-30');
    expect(d.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31', previousFrom: '2025-01-01' });
    const prev = await overview(city, 'period=year&to=2025-06-30');
    for (const p of d.panels.filter((x) => x.periodic))
      for (const f of p.figures) {
        const before = prev.panels.find((x) => x.key === p.key)!.figures.find((x) => x.key === f.key)!;
        expect(f.previous, f.key).toBe(before.value);
      }
    await expectFiguresMatchLists(city, d);
  }, 300_000);

  it('drills from the city into a county: the county’s figures are the city’s county values', async () => {
    const c = await overview(city, 'period=year');
    const a = await overview(city, 'period=year&region=210603');
    expect(a.area).toMatchObject({ regionCode: '210603', parent: { regionCode: '210600' } });
    expect(a.areas).toEqual([]);
    for (const p of a.panels)
      for (const f of p.figures) {
        const inCity = c.panels.find((x) => x.key === p.key)?.figures.find((x) => x.key === f.key);
        const row = inCity?.byArea.find((x) => x.regionCode === '210603');
        if (row) expect(f.value, f.key).toBe(row.value);
      }
  }, 300_000);

  it('keeps county staff in their county: figures match their lists; the sibling county and the city answer 404', async () => {
    const staff = sessions.get('staff')!;
    const d = await overview(staff, 'period=custom&from=2024-01-01&to=2026-12-31');
    expect(d.area.regionCode).toBe('210603');
    expect(d.area.parent).toBeNull();
    expect(d.areas).toEqual([]);
    await expectFiguresMatchLists(staff, d);
    for (const region of ['210602', '210600', '110000']) {
      const res = await call(t.app, staff, 'GET', `/api/dashboards/overview?region=${region}`);
      expect(res.statusCode, region).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  }, 300_000);

  it('exports a panel to Excel: one row per figure and county, with this and the previous period', async () => {
    const d = await overview(city, 'period=year&to=2026-06-30');
    const res = await call(
      t.app,
      city,
      'GET',
      '/api/dashboards/overview/export.xlsx?period=year&to=2026-06-30&panel=demands',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const panel = d.panels.find((p) => p.key === 'demands')!;
    expect(ws.rowCount - 1).toBe(panel.figures.reduce((n, f) => n + 1 + f.byArea.length, 0));
    const first = panel.figures[0]!;
    expect(ws.getRow(2).values).toEqual(
      expect.arrayContaining([panel.title, first.label, d.area.name, first.value, first.unit, first.link]),
    );
  });

  it('reads the demand and worker figures from the daily summaries: each equals its list, the summaries a recomputation', async () => {
    // The overview's demands and workers figures (city and each county) are summed from
    // demand_daily_stats / worker_daily_stats (issue 15); the list count stays the truth.
    const d = await overview(city, 'period=custom&from=2024-01-01&to=2026-12-31');
    const summed = d.panels
      .filter((p) => p.key === 'demands' || p.key === 'workers')
      .flatMap((p) => p.figures)
      .filter((f) => f.key.startsWith('demands.') || f.key === 'workers.verified');
    expect(summed.map((f) => f.key)).toEqual(expect.arrayContaining(['demands.received', 'workers.verified']));
    for (const f of summed) {
      expect(await listTotal(city, f.link), f.key).toBe(f.value);
      for (const a of f.byArea) expect(await listTotal(city, a.link), `${f.key} ${a.name}`).toBe(a.value);
    }
    expect(summed.find((f) => f.key === 'demands.received')!.value).toBeGreaterThan(0);
    expect(summed.find((f) => f.key === 'workers.verified')!.value).toBeGreaterThan(0);
    const demands = new DemandsRepository(t.services.db);
    expect(await demands.summaryRows()).toEqual(await demands.recomputedSummary());
    const workers = new WorkersRepository(t.services.db);
    expect(await workers.summaryRows()).toEqual(await workers.recomputedSummary());
  }, 300_000);

  it('refuses a custom period without dates or running backwards (400), and roles without the dashboard (403)', async () => {
    for (const q of ['period=custom', 'period=custom&from=2025-02-01&to=2025-01-01', 'period=week', 'region=21'])
      expect((await call(t.app, city, 'GET', `/api/dashboards/overview?${q}`)).statusCode, q).toBe(400);
    expect((await call(t.app, sessions.get('secretary')!, 'GET', '/api/dashboards/overview')).statusCode).toBe(403);
  });
});
