import os from 'node:os';
import { measure, type LoadResult, type LoadSpec } from './load';
import { profiled } from './profile';
import type { SqlProbe } from './sql-time';
import type { ScenarioResult } from './report';

/** One URL to load-test, as shown in a report row. */
export interface Scenario {
  label: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  baseline: boolean;
  /** A reference row (no target): e.g. the hello-world serving the list's own bytes. */
  floor?: boolean;
  /** A POST run (see LoadSpec.post). */
  post?: LoadSpec['post'];
}

export interface LoadShape {
  connections: number;
  durationS: number;
  warmupS: number;
}

export const progress = (msg: string) => console.error(`[bench] ${msg}`);

function sqlNote(sql: LoadResult['sql']): string {
  if (!sql || sql.statements === 0) return '';
  const server = sql.serverCpuUs === null ? '' : `, server CPU ${Math.round(sql.serverCpuUs)} µs/req`;
  const client = sql.clientCpuUs === null ? '' : `, driver CPU ${Math.round(sql.clientCpuUs)} µs/req`;
  const timing = sql.probeUs > 0 ? `, timing ${Math.round(sql.probeUs)} µs/req` : '';
  return ` (SQL ${sql.statements.toFixed(1)} statements, ${Math.round(sql.sqlUs)} µs/req${timing}${server}${client})`;
}

/**
 * BENCH_SCENARIOS=b,c runs only the scenarios whose label starts with those letters in brackets, and
 * the baselines (a quicker trial while working on one list; not for the record: rows are missing).
 */
const ONLY = process.env.BENCH_SCENARIOS?.split(',').map((l) => `(${l.trim()})`) ?? null;
const wanted = (s: Scenario) => !ONLY || s.baseline || ONLY.some((l) => s.label.startsWith(l));

/** Measures each scenario in turn (autocannon in a child forked from `entry`), noting the load average after each. */
export async function runScenarios(
  entry: string,
  dbLabel: string,
  scenarios: readonly Scenario[],
  shape: LoadShape,
  /** Times the SQL of each measured run (statements, and the PostgreSQL server's CPU). */
  probe: SqlProbe | null = null,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const s of scenarios.filter(wanted)) {
    const spec: LoadSpec = { url: s.url, headers: s.headers, ...shape, ...(s.post ? { post: s.post } : {}) };
    const result = await profiled(`${dbLabel}-${s.label}`, () => measure(entry, spec, probe));
    const loadAvg = os.loadavg()[0]!;
    progress(
      `${dbLabel}: ${s.label}: ${Math.round(result.reqPerSec)} req/s, p95 ${result.p95.toFixed(2)} ms, ` +
        `p99 ${result.p99.toFixed(2)} ms, ${Math.round(result.cpuPerReqUs)} µs CPU/req, ` +
        `${result.cpuCores.toFixed(2)} cores${sqlNote(result.sql)}; load average ${loadAvg.toFixed(2)}`,
    );
    results.push({ label: s.label, path: s.path, baseline: s.baseline, floor: s.floor === true, result, loadAvg });
  }
  return results;
}
