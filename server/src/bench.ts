/**
 * `npm run bench`: seeds 10,000 host organisations into a fresh SQLite (and PostgreSQL, when one
 * is reachable) database, then load-tests the authenticated host-organisation list against a bare
 * Fastify hello-world in the same process. Prints markdown; `--write` or BENCH_WRITE=1 also
 * rewrites the generated section of docs/PERFORMANCE.md. See docs/PERFORMANCE.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

import { buildApp } from './app';
import { analyzeDatabase } from './db/database';
import { openBenchDatabase, pgTarget, type BenchDatabase } from './bench/databases';
import { listenLocal, listPage, login, startHelloWorld } from './bench/http';
import { isLoadProcess, measure, runLoadProcess, type LoadSpec } from './bench/load';
import {
  passes,
  renderSection,
  writeSection,
  type DatabaseReport,
  type ScenarioResult,
  type Skipped,
} from './bench/report';
import { FILTER, seedWorld, type BenchWorld } from './bench/seed';
import { bootstrapAdmin, contextFor, DEMO_PASSWORD } from './seed/factories';
import { loadRegions } from './seed/reference';

const ENTRY = fileURLToPath(import.meta.url);
const DOC = path.resolve(path.dirname(ENTRY), '../../docs/PERFORMANCE.md');
const HOST_ORGS = 10_000;
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARMUP_S = 2;
/** host-organisation creates in flight while seeding (SQLite serialises them anyway). */
const SEED_CONCURRENCY = { sqlite: 1, postgres: 8 } as const;

const LIST = '/api/host-orgs?limit=20';
const LIST_FILTERED = `${LIST}&sizeClass=${FILTER.sizeClass}&coverage=${FILTER.coverage}`;
const LIST_TOTAL = `${LIST}&withTotal=1`;

const progress = (msg: string) => console.error(`[bench] ${msg}`);

/** What a Ctrl-C must still do: drop the PostgreSQL database and remove the temp dir. */
const onInterrupt = new Set<() => Promise<void>>();

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

async function benchDatabase(bench: BenchDatabase, helloUrl: string): Promise<DatabaseReport> {
  const { app, services } = await buildApp(bench.config, bench.database);
  try {
    await loadRegions(services.store);
    const admin = await bootstrapAdmin(services, {
      username: 'admin',
      displayName: '系统管理员',
      password: DEMO_PASSWORD,
    });
    progress(
      `${bench.label}: seeding ${HOST_ORGS.toLocaleString('en-US')} host organisations through services.hostOrgs.create`,
    );
    const world = await seedWorld(services, contextFor(admin, 'bench'), HOST_ORGS, SEED_CONCURRENCY[bench.kind]);
    progress(
      `${bench.label}: seeded in ${(world.totalMs / 1000).toFixed(1)} s (host orgs ${(world.hostOrgMs / 1000).toFixed(1)} s)`,
    );
    // The app refreshes planner statistics after seeding and at every start (analyzeDatabase, as main.ts
    // does); without them SQLite joins every row in scope before taking a page.
    await analyzeDatabase(bench.database);
    const base = await listenLocal(app);
    const cookie = await login(base, world.staff);
    await checkAnswers(base, cookie, world);

    const scenarios: {
      label: string;
      path: string;
      url: string;
      headers: Record<string, string>;
      baseline: boolean;
    }[] = [
      { label: '(a) hello-world', path: 'GET /hello', url: helloUrl, headers: {}, baseline: true },
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
    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const spec: LoadSpec = {
        url: s.url,
        headers: s.headers,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        warmupS: WARMUP_S,
      };
      const result = await measure(ENTRY, spec);
      const loadAvg = os.loadavg()[0]!;
      progress(
        `${bench.label}: ${s.label}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99.toFixed(2)} ms, ` +
          `${Math.round(result.cpuPerReqUs)} µs CPU/req, ${result.cpuCores.toFixed(2)} cores; load average ${loadAvg.toFixed(2)}`,
      );
      results.push({ label: s.label, path: s.path, baseline: s.baseline, result, loadAvg });
    }
    return { label: bench.label, world, scenarios: results };
  } finally {
    await app.close();
  }
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const write = process.argv.includes('--write') || process.env.BENCH_WRITE === '1';
  const reports: DatabaseReport[] = [];
  const skipped: Skipped[] = [];
  const hello = await startHelloWorld();
  try {
    const pg = await pgTarget();
    const targets = [{ kind: 'sqlite' as const }, ...('url' in pg ? [{ kind: 'postgres' as const, url: pg.url }] : [])];
    if ('skipped' in pg) {
      progress(`PostgreSQL skipped: ${pg.skipped}`);
      skipped.push({ label: 'PostgreSQL', reason: pg.skipped });
    }
    for (const target of targets) {
      const bench = await openBenchDatabase(target);
      onInterrupt.add(bench.dispose);
      try {
        reports.push(await benchDatabase(bench, hello.url));
      } finally {
        onInterrupt.delete(bench.dispose);
        await bench.dispose();
      }
    }
  } finally {
    await hello.app.close();
  }
  const info = {
    date: new Date(),
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    totalS: (performance.now() - started) / 1000,
  };
  const section = renderSection(info, reports, skipped);
  console.log(section);
  if (write) {
    writeSection(DOC, section);
    progress(`wrote ${DOC}`);
  }
  return reports.every(passes);
}

function interrupted(signal: NodeJS.Signals) {
  progress(`${signal}: cleaning up`);
  void Promise.allSettled([...onInterrupt].map((f) => f())).then(() => process.exit(130));
}

if (isLoadProcess()) {
  await runLoadProcess();
} else {
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const ok = await main();
    progress(ok ? 'target met: every list ≥ 0.20× hello-world' : 'target NOT met (see FAIL rows)');
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
