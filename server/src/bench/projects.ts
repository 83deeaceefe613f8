import { projectListQuery, type Page, type ProjectListItem, type QuarterOverview } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { analyzeDatabase } from '../db/database';
import type { Services } from '../services';
import { actorOf, validated } from '../seed/factories';
import type { BenchDatabase } from './databases';
import { getJson, login } from './http';
import { LIST_FILTER, PROJECTS, SEARCH_WORD, seedProjects, type ProjectWorld } from './projects-world';
import { profileList, type ListProfile, type StatementCounter } from './query-plans';
import type { ScenarioResult } from './report';
import { progress, runScenarios, type LoadShape, type Scenario } from './scenarios';
import { STAFF_COUNTY, type BenchTree } from './seed';

/** The project-list target: p95 at or under this many ms, on each database. */
export const LIST_P95_TARGET_MS = 50;

export interface ProjectsReport {
  label: string;
  world: ProjectWorld;
  scenarios: ScenarioResult[];
  /** For the list scenarios (e)–(g), by label. */
  profiles: ListProfile[];
  /** SQL statements the app runs for one request of each scenario, in scenario order. */
  statements: number[];
}

const LIST = '/api/projects?limit=20';
const FILTERED = `${LIST}&status=${LIST_FILTER.status}&theme=${LIST_FILTER.theme}`;
const SEARCH = `${LIST}&q=${encodeURIComponent(SEARCH_WORD)}`;
const overviewPath = (w: ProjectWorld) =>
  `/api/quarterly-reports/overview?campaignId=${w.campaignId}&year=${w.timeline.quarter.year}&quarter=${w.timeline.quarter.quarter}`;

/** Scenarios (e)–(g) are list rows, held to the p95 target; (h) is reported only. */
export const isListRow = (s: ScenarioResult) => !s.label.startsWith('(h)');
export const meetsTarget = (s: ScenarioResult) => s.result.p95 <= LIST_P95_TARGET_MS;
export const projectsPass = (r: ProjectsReport) => r.scenarios.filter(isListRow).every(meetsTarget);

function expect(ok: boolean, what: string) {
  if (!ok) throw new Error(`projects bench: ${what}`);
}

/** Every answer matches what the seeding put in, before anything is timed. */
async function checkAnswers(base: string, staff: string, secretary: string, w: ProjectWorld, committeeId: string) {
  const page = (path: string, cookie: string) => getJson<Page<ProjectListItem>>(`${base}${path}&withTotal=1`, cookie);
  const filtered = await page(FILTERED, staff);
  expect(
    filtered.total === w.expected.filtered &&
      filtered.items.length === Math.min(20, w.expected.filtered) &&
      filtered.items.every((p) => p.status === LIST_FILTER.status && p.theme === LIST_FILTER.theme),
    `filtered list: total ${filtered.total} (expected ${w.expected.filtered}), or a row off the filter`,
  );
  const search = await page(SEARCH, staff);
  expect(
    search.total === w.expected.search &&
      search.items.length === 20 &&
      search.items.every((p) => p.title.includes(SEARCH_WORD)),
    `search: total ${search.total} (expected ${w.expected.search}), or a title without ${SEARCH_WORD}`,
  );
  const own = await page(LIST, secretary);
  expect(
    own.total === w.expected.secretary && own.items.length === 20 && own.items.every((p) => p.orgId === committeeId),
    `secretary list: total ${own.total} (expected ${w.expected.secretary}), or another committee's row`,
  );
  const overview = await getJson<QuarterOverview>(`${base}${overviewPath(w)}`, staff);
  const r = w.reports;
  const t = overview.totals;
  expect(
    overview.rows.length === w.expected.approved &&
      t.filed === r.filedOnTime + r.filedLate &&
      t.rated === r.rated &&
      t.pending === r.pending &&
      overview.rows.filter((x) => x.filedLate).length === r.filedLate,
    `overview: ${overview.rows.length} rows, totals ${JSON.stringify(t)}; expected ${w.expected.approved} rows, ` +
      `${r.filedOnTime + r.filedLate} filed (${r.filedLate} late), ${r.rated} rated, ${r.pending} pending`,
  );
}

/**
 * Seeds the project world into the bench database, refreshes planner statistics as the app does,
 * checks the answers, profiles the list statements, then load-tests (e)–(h).
 */
export async function benchProjects(opts: {
  entry: string;
  bench: BenchDatabase;
  services: Services;
  counter: StatementCounter;
  admin: RequestContext;
  tree: BenchTree;
  base: string;
  shape: LoadShape;
  lanes: number;
}): Promise<ProjectsReport> {
  const { bench, services, base } = opts;
  const log = (msg: string) => progress(`${bench.label}: ${msg}`);
  log(`seeding the project world (${PROJECTS.toLocaleString('en-US')} projects)`);
  const world = await seedProjects(services, opts.admin, opts.tree, opts.lanes, log);
  log(`project world seeded in ${(world.totalMs / 1000).toFixed(1)} s`);
  await analyzeDatabase(bench.database);
  const staff = await login(base, world.staff);
  const secretary = await login(base, world.secretary);
  await checkAnswers(base, staff, secretary, world, opts.tree.counties[STAFF_COUNTY]!.committeeId);

  const staffActor = (await services.store.repos.users.byLogin(world.staff.login, '-'))!;
  const secActor = (await services.store.repos.users.byLogin(world.secretary.login, '-'))!;
  const staffA = await actorOf(services, staffActor.id);
  const secA = await actorOf(services, secActor.id);
  // The list queries exactly as the routes parse them from the URLs below.
  const query = (path: string) => validated(projectListQuery, Object.fromEntries(new URL(path, base).searchParams));
  const profiles = [
    await profileList(bench.database, staffA, '(e)', query(FILTERED)),
    await profileList(bench.database, staffA, '(f)', query(SEARCH)),
    await profileList(bench.database, secA, '(g)', query(LIST)),
  ];
  for (const p of profiles) log(`${p.label} list SQL alone: median ${p.sqlMedianMs.toFixed(2)} ms`);

  const scenarios: Scenario[] = [
    { label: '(e) filtered list, staff', path: `GET ${FILTERED}`, url: `${base}${FILTERED}`, cookie: staff },
    {
      label: '(f) text search, staff',
      path: `GET ${LIST}&q=${SEARCH_WORD}`,
      url: `${base}${SEARCH}`,
      cookie: staff,
    },
    { label: '(g) list, county secretary', path: `GET ${LIST}`, url: `${base}${LIST}`, cookie: secretary },
    {
      label: '(h) quarterly overview, staff',
      path: 'GET /api/quarterly-reports/overview?campaignId=…&year=…&quarter=…',
      url: `${base}${overviewPath(world)}`,
      cookie: staff,
    },
  ].map(({ cookie, ...s }) => ({ ...s, headers: { cookie }, baseline: false }));
  const statements: number[] = [];
  for (const s of scenarios) statements.push(await opts.counter.during(() => getJson(s.url, s.headers.cookie!)));
  log(`SQL statements per request: ${statements.join(', ')}`);
  const results = await runScenarios(opts.entry, bench.label, scenarios, opts.shape, bench.sql);
  return { label: bench.label, world, scenarios: results, profiles, statements };
}
