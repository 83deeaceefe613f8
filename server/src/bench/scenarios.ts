import os from 'node:os';
import { measure, type LoadSpec } from './load';
import type { ScenarioResult } from './report';

/** One URL to load-test, as shown in a report row. */
export interface Scenario {
  label: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  baseline: boolean;
}

export interface LoadShape {
  connections: number;
  durationS: number;
  warmupS: number;
}

export const progress = (msg: string) => console.error(`[bench] ${msg}`);

/** Measures each scenario in turn (autocannon in a child forked from `entry`), noting the load average after each. */
export async function runScenarios(
  entry: string,
  dbLabel: string,
  scenarios: readonly Scenario[],
  shape: LoadShape,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    const spec: LoadSpec = { url: s.url, headers: s.headers, ...shape };
    const result = await measure(entry, spec);
    const loadAvg = os.loadavg()[0]!;
    progress(
      `${dbLabel}: ${s.label}: ${Math.round(result.reqPerSec)} req/s, p95 ${result.p95.toFixed(2)} ms, ` +
        `p99 ${result.p99.toFixed(2)} ms, ${Math.round(result.cpuPerReqUs)} µs CPU/req, ` +
        `${result.cpuCores.toFixed(2)} cores; load average ${loadAvg.toFixed(2)}`,
    );
    results.push({ label: s.label, path: s.path, baseline: s.baseline, result, loadAvg });
  }
  return results;
}
