import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load';
import { overheadCells, overheadHeader } from './overhead';
import type { BenchWorld } from './seed';

/** The foundation target: each list endpoint serves at least this share of hello-world's req/s. */
export const TARGET_RATIO = 0.2;

export const SECTION_START = '<!-- bench:foundation:start -->';
export const SECTION_END = '<!-- bench:foundation:end -->';

export interface ScenarioResult {
  label: string;
  path: string;
  baseline: boolean;
  /** A reference row, held to no target (see Scenario.floor). */
  floor: boolean;
  result: LoadResult;
  /** The machine's 1-minute load average right after the scenario. */
  loadAvg: number;
}

export interface DatabaseReport {
  label: string;
  world: BenchWorld;
  scenarios: ScenarioResult[];
}

export type Skipped = { label: string; reason: string };

export interface RunInfo {
  date: Date;
  connections: number;
  durationS: number;
  warmupS: number;
  totalS: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const secs = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

export function ratioOf(r: DatabaseReport, s: ScenarioResult): number {
  const base = r.scenarios.find((x) => x.baseline)!;
  return s.result.reqPerSec / base.result.reqPerSec;
}

export function passes(r: DatabaseReport): boolean {
  return r.scenarios.filter((s) => !s.baseline && !s.floor).every((s) => ratioOf(r, s) >= TARGET_RATIO);
}

function table(r: DatabaseReport): string[] {
  const w = r.world;
  const pgRun = r.label.startsWith('PostgreSQL');
  const extra = overheadHeader(pgRun);
  const lines = [
    `### ${r.label}`,
    '',
    `Data: ${int(w.hostOrgs)} host organisations over 6 county committees, created one by one through ` +
      `\`services.hostOrgs.create\` (validation, scope checks and an audit row each, as a request would) in ` +
      `${secs(w.hostOrgMs)} with ${w.concurrency} in flight (whole seeding ${secs(w.totalMs)}); that is within the ` +
      '60 s seeding budget, so no bulk-insert shortcut is taken. ' +
      `The county staff user (${w.staff.county}) sees ${int(w.visible)} of them, ${int(w.visibleFiltered)} above size and uncovered.`,
    '',
    `| scenario | req/s | p50 ms | p95 ms | p99 ms | CPU µs/req | × hello-world | target ≥ ${TARGET_RATIO.toFixed(2)}× | ${extra.head} |`,
    `|---|---:|---:|---:|---:|---:|---:|:---:|${extra.align}`,
  ];
  for (const s of r.scenarios) {
    const ratio = ratioOf(r, s);
    const verdict = s.baseline ? 'baseline' : s.floor ? 'reference' : ratio >= TARGET_RATIO ? 'PASS' : '**FAIL**';
    const x = s.result;
    lines.push(
      `| ${s.label} \`${s.path}\` | ${int(x.reqPerSec)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${int(x.cpuPerReqUs)} | ${ratio.toFixed(2)} | ${verdict} | ${overheadCells(x, pgRun, !s.baseline && !s.floor)}`,
    );
  }
  return lines;
}

/** The markdown for stdout and for the PERFORMANCE.md section. */
export function renderSection(info: RunInfo, reports: DatabaseReport[], skipped: Skipped[]): string {
  const cpus = os.cpus();
  const loads = reports.flatMap((r) => r.scenarios.map((s) => s.loadAvg));
  const loadRange = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : 'n/a';
  const lines = [
    SECTION_START,
    '## Foundation: host-organisation list',
    '',
    `Measured ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (whole run ${info.totalS.toFixed(0)} s) ` +
      `on ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.arch()}, Node ${process.version}; ` +
      `1-minute load average ${loadRange} while measuring (other work on the machine shows up as noise in req/s).`,
    '',
    `Method: the real app (\`buildApp\`, log level silent) and a bare Fastify 5 hello-world (\`GET /hello\`) listen on ` +
      '127.0.0.1 in the bench process. For each scenario a forked child process runs autocannon ' +
      `(${info.connections} connections, ${info.warmupS} s warm-up, then ${info.durationS} s measured), so the load generator ` +
      'shares neither the servers’ event loop nor their CPU account. List requests carry the session cookie of a county ' +
      'staff user (`POST /api/auth/login`): each one resolves the session, applies the data scope and joins the display ' +
      'names. Every response is checked to be 2xx. req/s = 2xx responses / measured seconds; latencies are nearest-rank ' +
      'percentiles of all responses; CPU µs/req = user + system CPU of the bench process (servers and, for SQLite, the ' +
      "database engine; not the PostgreSQL server) / responses. Planner statistics are refreshed after seeding with the app's own `analyzeDatabase` (what `npm start` " +
      'runs after migrating and seeding: `ANALYZE` on PostgreSQL, `PRAGMA optimize` on SQLite).',
    '',
  ];
  for (const r of reports) lines.push(...table(r), '');
  for (const s of skipped) lines.push(`### ${s.label}`, '', `Skipped: ${s.reason}.`, '');
  lines.push(SECTION_END);
  return lines.join('\n');
}

const INTRO = `# Performance

\`npm run bench\` builds the server, bundles the bench into \`server/dist-bench/\` (kept out of the
production build) and runs \`server/dist-bench/bench.js\` (about 6 minutes on a busy 2-core machine). For
each database — SQLite in a temp dir, and PostgreSQL in a freshly created,
randomly named database (dropped afterwards) when \`BENCH_DATABASE_URL\` is set or a server
answers at 127.0.0.1:5432 as user postgres — it seeds 10,000 host organisations, starts the app
and a bare Fastify hello-world in the bench process, and load-tests both with autocannon from a
forked child process; then it seeds 10,000 projects into the same database and load-tests the
project list and the quarterly overview. It prints the results as markdown;
\`npm run bench -- --write\` (or \`BENCH_WRITE=1\`) also rewrites the generated sections below.
\`BENCH_DATABASE_URL=off\` skips PostgreSQL; \`-- --only=foundation\` or \`-- --only=projects\`
runs (and writes) one part. Any non-2xx response or wrong answer fails the run (exit code 1); a
missed target is reported, not an error.

For the host-organisation list the target is a ratio against the hello-world baseline measured
in the same run, seconds apart, on the same cores, since absolute req/s depend on the machine;
for the project list it is an absolute p95 (≤ 50 ms at 10 connections). On a shared machine
both drift with other load (see the load average in each section). The CPU µs/req column
(server-process CPU per response) leaves out time spent waiting for a core, so it drifts less
(though contention inflates it too): compare builds on it, on the same machine.
`;

/**
 * Rewrites the section between its markers (the foundation's unless given), creating the file, or
 * appending the section, when missing.
 */
export function writeSection(
  file: string,
  section: string,
  markers = { start: SECTION_START, end: SECTION_END },
): void {
  if (!existsSync(file)) {
    writeFileSync(file, `${INTRO}\n${section}\n`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start >= 0 && end > start) {
    writeFileSync(file, text.slice(0, start) + section + text.slice(end + markers.end.length));
  } else {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}\n`);
  }
}
