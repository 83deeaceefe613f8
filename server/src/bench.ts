/**
 * `npm run bench`: seeds 10,000 host organisations into a fresh SQLite (and PostgreSQL, when one
 * is reachable) database, then load-tests the authenticated host-organisation list against a bare
 * Fastify hello-world in the same process; then seeds 10,000 projects into the same database and
 * load-tests the project list and the quarterly overview; then sets up a contest with 200 judges
 * who submit at once while big screens follow the board stream. Prints markdown; `--write` or
 * BENCH_WRITE=1 also rewrites the generated sections of docs/PERFORMANCE.md; `--only=foundation`,
 * `--only=projects`, `--only=contests`, `--only=ledger`, `--only=passes` (the 小哥码 verification of issue 12, also
 * `npm run bench:passes`) or `--only=gigs` (零工快招 matching and pushes at scale, issue 13) or `--only=dashboards` (the dashboards over
 * the synthetic city of issue 15; `--scale=0.1` or BENCH_CITY_SCALE for a part of it) runs one part. See docs/PERFORMANCE.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildApp } from './app';
import { analyzeDatabase, openDatabase } from './db/database';
import { openBenchDatabase, pgTarget, type BenchDatabase } from './bench/databases';
import { listenLocal, listPage, login, recordAnswer, startHelloWorld } from './bench/http';
import { isLoadProcess, runLoadProcess } from './bench/load';
import { benchContests, contestsPass, type ContestsReport, type PeerInstance } from './bench/contests';
import { isContestClientProcess, runContestClient } from './bench/contests-client';
import { CONTESTS_END, CONTESTS_START, renderContestsSection } from './bench/contests-report';
import { benchProjects, projectsPass, type ProjectsReport } from './bench/projects';
import { benchLedger, ledgerPass, renderLedgerSection, type LedgerReport } from './bench/ledger';
import {
  benchPasses,
  PASSES_END,
  PASSES_START,
  passesPass,
  renderPassesSection,
  type PassesReport,
} from './bench/passes';
import { PROJECTS_END, PROJECTS_START, renderProjectsSection } from './bench/projects-report';
import { benchGigs, GIGS_END, GIGS_START, gigsPass, renderGigsSection, type GigsReport } from './bench/gigs';
import {
  benchDashboards,
  cityScale,
  DASHBOARDS_END,
  DASHBOARDS_START,
  dashboardsPass,
  renderDashboardsSection,
  type DashboardsReport,
} from './bench/dashboards';
import { passes, renderSection, writeSection, type DatabaseReport, type RunInfo, type Skipped } from './bench/report';
import { StatementCounter } from './bench/query-plans';
import { progress, runScenarios, type Scenario } from './bench/scenarios';
import { FILTER, seedWorld, type BenchWorld } from './bench/seed';
import { bootstrapAdmin, contextFor, DEMO_PASSWORD } from './seed/factories';
import { loadRegions } from './seed/reference';

const ENTRY = fileURLToPath(import.meta.url);
const DOC = path.resolve(path.dirname(ENTRY), '../../docs/PERFORMANCE.md');
/** BENCH_HOST_ORGS=2000 makes a quicker trial run (per-request figures barely move; not for the record). */
const HOST_ORGS = Number(process.env.BENCH_HOST_ORGS ?? 10_000);
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARMUP_S = 2;
/** host-organisation creates in flight while seeding (SQLite serialises them anyway). */
const SEED_CONCURRENCY = { sqlite: 1, postgres: 8 } as const;
/** Project-seeding transactions in flight (SQLite has one writer). */
const PROJECT_LANES = { sqlite: 1, postgres: 8 } as const;
const SHAPE = { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S };
/** Users created while seeding the contest (argon2 hashes) in flight. */
const JUDGE_LANES = 2;
/** 200 judges log in from one address: the bench raises the per-address log-in limit (20/min by default). */
const BENCH_LOGIN_RATE_LIMIT = 10_000;
const PARTS = ['foundation', 'projects', 'contests', 'ledger', 'passes', 'gigs', 'dashboards'] as const;
type Part = (typeof PARTS)[number];
type Reports = {
  foundation?: DatabaseReport;
  projects?: ProjectsReport;
  contests?: ContestsReport;
  ledger?: LedgerReport;
  passes?: PassesReport;
  gigs?: GigsReport;
  dashboards?: DashboardsReport;
};

const LIST = '/api/host-orgs?limit=20';
const LIST_FILTERED = `${LIST}&sizeClass=${FILTER.sizeClass}&coverage=${FILTER.coverage}`;
const LIST_TOTAL = `${LIST}&withTotal=1`;

/** What a Ctrl-C must still do: drop the PostgreSQL database and remove the temp dir. */
const onInterrupt = new Set<() => Promise<void>>();

/**
 * A second app instance over the same PostgreSQL database (its own pool, services and contest
 * events), listening on another port: what a second server process behind a load balancer would be.
 */
async function peerInstance(bench: BenchDatabase): Promise<PeerInstance> {
  const database = openDatabase(bench.config.db);
  const built = await buildApp({ ...bench.config, loginRateLimit: BENCH_LOGIN_RATE_LIMIT }, database);
  const base = await listenLocal(built.app);
  return {
    base,
    // The relay buildApp attaches on PostgreSQL (LISTEN/NOTIFY).
    relay: built.contestRelay !== null,
    close: async () => {
      await built.app.close();
      await database.close();
    },
  };
}

/** The list answers what the seeding put in, before anything is timed. */
async function checkAnswers(base: string, cookie: string, world: BenchWorld) {
  const first = await listPage(`${base}${LIST_TOTAL}`, cookie);
  if (first.items.length !== 20 || first.total !== world.visible) {
    throw new Error(`list: ${first.items.length} items, total ${first.total}; expected 20 of ${world.visible}`);
  }
  const filtered = await listPage(`${base}${LIST_FILTERED}&withTotal=1`, cookie);
  const stray = filtered.items.filter((h) => h.sizeClass !== FILTER.sizeClass || h.coverageStatus !== FILTER.coverage);
  if (
    filtered.total !== world.visibleFiltered ||
    stray.length > 0 ||
    filtered.items.length !== Math.min(20, world.visibleFiltered)
  ) {
    throw new Error(
      `filtered list: total ${filtered.total} (expected ${world.visibleFiltered}), ${stray.length} rows off-filter`,
    );
  }
}

type Hello = Awaited<ReturnType<typeof startHelloWorld>>;

async function benchDatabase(bench: BenchDatabase, hello: Hello, parts: ReadonlySet<Part>): Promise<Reports> {
  // The app runs over the bench database with a statement counter appended (see benchProjects).
  const counter = new StatementCounter();
  const database = { ...bench.database, db: bench.database.db.withPlugin(counter) };
  const { app, services } = await buildApp({ ...bench.config, loginRateLimit: BENCH_LOGIN_RATE_LIMIT }, database);
  try {
    await loadRegions(services.store);
    const admin = contextFor(
      await bootstrapAdmin(services, { username: 'admin', displayName: '系统管理员', password: DEMO_PASSWORD }),
      'bench',
    );
    const hostOrgs = parts.has('foundation') ? HOST_ORGS : 0;
    progress(
      `${bench.label}: seeding ${hostOrgs.toLocaleString('en-US')} host organisations through services.hostOrgs.create`,
    );
    const world = await seedWorld(services, admin, hostOrgs, SEED_CONCURRENCY[bench.kind]);
    progress(
      `${bench.label}: seeded in ${(world.totalMs / 1000).toFixed(1)} s (host orgs ${(world.hostOrgMs / 1000).toFixed(1)} s)`,
    );
    // The app refreshes planner statistics after seeding and at every start (analyzeDatabase, as main.ts
    // does); without them SQLite joins every row in scope before taking a page.
    await analyzeDatabase(bench.database);
    const base = await listenLocal(app);
    const out: Reports = {};
    if (parts.has('foundation')) {
      const cookie = await login(base, world.staff);
      await checkAnswers(base, cookie, world);
      const answer = await recordAnswer(`${base}${LIST}`, cookie);
      progress(`${bench.label}: (b)'s answer is ${Buffer.byteLength(answer.body).toLocaleString('en-US')} bytes`);
      hello.serveAnswer(answer);
      const scenarios: Scenario[] = [
        { label: '(a) hello-world', path: 'GET /hello', url: hello.url, headers: {}, baseline: true },
        {
          label: "(a') hello-world sending (b)'s answer",
          path: 'GET /hello-sized',
          url: hello.sizedUrl,
          headers: {},
          baseline: false,
          floor: true,
        },

        { label: '(b) list', path: `GET ${LIST}`, url: `${base}${LIST}`, headers: { cookie }, baseline: false },
        {
          label: '(c) filtered list',
          path: `GET ${LIST_FILTERED}`,
          url: `${base}${LIST_FILTERED}`,
          headers: { cookie },
          baseline: false,
        },
        {
          label: '(d) list with total',
          path: `GET ${LIST_TOTAL}`,
          url: `${base}${LIST_TOTAL}`,
          headers: { cookie },
          baseline: false,
        },
      ];
      const results = await runScenarios(ENTRY, bench.label, scenarios, SHAPE, bench.sql);
      out.foundation = { label: bench.label, world, scenarios: results };
    }
    if (parts.has('projects')) {
      out.projects = await benchProjects({
        entry: ENTRY,
        bench,
        services,
        counter,
        admin,
        tree: world.tree,
        base,
        shape: SHAPE,
        lanes: PROJECT_LANES[bench.kind],
      });
    }
    if (parts.has('contests')) {
      out.contests = await benchContests({
        entry: ENTRY,
        bench,
        services,
        admin,
        tree: world.tree,
        base,
        lanes: JUDGE_LANES,
        peer:
          bench.kind === 'postgres'
            ? () => peerInstance(bench)
            : 'SQLite is one server process by design (the database file is not shared), so there is no second instance',
      });
    }
    if (parts.has('ledger')) out.ledger = await benchLedger({ bench, services, admin, tree: world.tree });
    if (parts.has('passes')) {
      out.passes = await benchPasses({
        entry: ENTRY,
        bench,
        services,
        admin,
        tree: world.tree,
        base,
        helloUrl: hello.url,
        shape: SHAPE,
      });
    }
    if (parts.has('gigs')) out.gigs = await benchGigs({ bench, services, admin, tree: world.tree });
    if (parts.has('dashboards')) {
      out.dashboards = await benchDashboards({
        bench,
        services,
        admin,
        tree: world.tree,
        base,
        lanes: PROJECT_LANES[bench.kind],
        scale: cityScale(),
      });
    }
    return out;
  } finally {
    await app.close();
  }
}

/** `--only=foundation` or a comma-separated list (`--only=foundation,projects`); all parts by default. */
function partsOf(argv: readonly string[]): Set<Part> {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only) return new Set(PARTS);
  const wanted = only.split(',');
  const parts = PARTS.filter((p) => wanted.includes(p));
  if (parts.length !== wanted.length) throw new Error(`--only=${only}: expected some of ${PARTS.join(', ')}`);
  return new Set(parts);
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const write = process.argv.includes('--write') || process.env.BENCH_WRITE === '1';
  const parts = partsOf(process.argv);
  const foundation: DatabaseReport[] = [];
  const projects: ProjectsReport[] = [];
  const contests: ContestsReport[] = [];
  const ledger: LedgerReport[] = [];
  const passReports: PassesReport[] = [];
  const gigReports: GigsReport[] = [];
  const dashboardReports: DashboardsReport[] = [];
  const skipped: Skipped[] = [];
  const hello = await startHelloWorld();
  try {
    const pg = await pgTarget();
    // BENCH_SQLITE=off measures PostgreSQL alone (a long part, such as gigs, run in two processes).
    const sqlite = process.env.BENCH_SQLITE === 'off' ? [] : [{ kind: 'sqlite' as const }];
    const targets = [...sqlite, ...('url' in pg ? [{ kind: 'postgres' as const, url: pg.url }] : [])];
    if ('skipped' in pg) {
      progress(`PostgreSQL skipped: ${pg.skipped}`);
      skipped.push({ label: 'PostgreSQL', reason: pg.skipped });
    }
    for (const target of targets) {
      const bench = await openBenchDatabase(target);
      onInterrupt.add(bench.dispose);
      try {
        const r = await benchDatabase(bench, hello, parts);
        if (r.foundation) foundation.push(r.foundation);
        if (r.projects) projects.push(r.projects);
        if (r.contests) contests.push(r.contests);
        if (r.ledger) ledger.push(r.ledger);
        if (r.passes) passReports.push(r.passes);
        if (r.gigs) gigReports.push(r.gigs);
        if (r.dashboards) dashboardReports.push(r.dashboards);
      } finally {
        onInterrupt.delete(bench.dispose);
        await bench.dispose();
      }
    }
  } finally {
    await hello.app.close();
  }
  const info: RunInfo = {
    date: new Date(),
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    totalS: (performance.now() - started) / 1000,
  };
  if (parts.has('foundation')) {
    const section = renderSection(info, foundation, skipped);
    console.log(section);
    if (write) writeSection(DOC, section);
  }
  if (parts.has('projects')) {
    const section = renderProjectsSection(info, projects, skipped);
    console.log(section);
    if (write) writeSection(DOC, section, { start: PROJECTS_START, end: PROJECTS_END });
  }
  if (parts.has('contests')) {
    const section = renderContestsSection(info, contests, skipped);
    console.log(section);
    if (write) writeSection(DOC, section, { start: CONTESTS_START, end: CONTESTS_END });
  }
  // The ledger figures are printed only (docs/PERFORMANCE.md is written by the lead).
  if (parts.has('ledger')) console.log(renderLedgerSection(ledger));
  if (parts.has('passes')) {
    const section = renderPassesSection(info, passReports, skipped);
    console.log(section);
    if (write) writeSection(DOC, section, { start: PASSES_START, end: PASSES_END });
  }
  if (parts.has('gigs')) {
    const section = renderGigsSection(info, gigReports, skipped);
    console.log(section);
    if (write) writeSection(DOC, section, { start: GIGS_START, end: GIGS_END });
  }
  if (parts.has('dashboards')) {
    const section = renderDashboardsSection(info, dashboardReports, skipped);
    console.log(section);
    if (write) writeSection(DOC, section, { start: DASHBOARDS_START, end: DASHBOARDS_END });
  }
  if (write) progress(`wrote ${DOC}`);
  const foundationOk = foundation.every(passes);
  const projectsOk = projects.every(projectsPass);
  const contestsOk = contests.every(contestsPass);
  if (parts.has('foundation')) {
    progress(foundationOk ? 'foundation target met: every list ≥ 0.20× hello-world' : 'foundation target NOT met');
  }
  if (parts.has('projects')) {
    progress(projectsOk ? 'projects target met: every list p95 ≤ 50 ms' : 'projects target NOT met (see FAIL rows)');
  }
  if (parts.has('contests')) {
    progress(
      contestsOk
        ? 'contests target met: every sheet accepted and stored, board delay p95 ≤ 1,000 ms'
        : 'contests target NOT met (see FAIL rows)',
    );
  }
  const ledgerOk = ledger.every(ledgerPass);
  if (parts.has('ledger')) {
    progress(ledgerOk ? 'ledger target met: dry run and commit ≤ 30 s each' : 'ledger target NOT met');
  }
  const passesOk = passReports.every(passesPass);
  if (parts.has('passes')) {
    progress(
      passesOk
        ? 'passes target met: verify ≥ 0.40× hello-world, offline ≤ 1 ms per pass'
        : 'passes target NOT met (see FAIL cells)',
    );
  }
  const gigsOk = gigReports.every(gigsPass);
  if (parts.has('gigs')) {
    progress(
      gigsOk
        ? 'gigs target met: match p95 ≤ 200 ms, a 29,000-match job delivered ≤ 30 s, none lost or doubled'
        : 'gigs target NOT met (see FAIL cells)',
    );
  }
  const dashboardsOk = dashboardReports.every(dashboardsPass);
  if (parts.has('dashboards')) {
    progress(
      dashboardsOk
        ? 'dashboards target met: every dashboard request p95 ≤ 150 ms and ≤ 1.5× its raw SQL aggregate'
        : 'dashboards target NOT met (see FAIL rows)',
    );
  }
  return foundationOk && projectsOk && contestsOk && ledgerOk && passesOk && gigsOk && dashboardsOk;
}

function interrupted(signal: NodeJS.Signals) {
  progress(`${signal}: cleaning up`);
  void Promise.allSettled([...onInterrupt].map((f) => f())).then(() => process.exit(130));
}

if (isLoadProcess()) {
  await runLoadProcess();
} else if (isContestClientProcess()) {
  await runContestClient();
} else {
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await main();
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
