import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import type { SqlProbe } from './sql-time';

/** One measurement: autocannon against one URL. */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
  /**
   * POST instead of GET: each request sends the next of `bodies` (round robin) as JSON with
   * `uniqueKey` set to a value never sent before (`<prefix>-<n>`), e.g. a scan's client id.
   */
  post?: { bodies: Record<string, unknown>[]; uniqueKey: string; prefix: string };
}

export interface LoadResult {
  /** 2xx responses per second over the measured run (warm-up excluded). */
  reqPerSec: number;
  responses: number;
  durationS: number;
  /** milliseconds */
  p50: number;
  p95: number;
  p99: number;
  /** CPU time (user + system) of the server process per response, in µs: steadier than req/s on a busy machine. */
  cpuPerReqUs: number;
  /** Server-process CPU over the measured run, in cores (1 = one core busy the whole time). */
  cpuCores: number;
  /** POST runs: requests built (sent or about to be) and 2xx answers, warm-up included. */
  posted?: { sent: number; acknowledged: number };
  /** Per response, from the SQL probe: statements, their time (µs) and, on PostgreSQL, the server's CPU (µs). */
  sql: {
    statements: number;
    sqlUs: number;
    serverCpuUs: number | null;
    clientCpuUs: number | null;
    /** SQLite: what timing the statements cost this process (sql-time.ts `probeCost`). */
    probeUs: number;
  } | null;
}

type RunResult = Omit<LoadResult, 'cpuPerReqUs' | 'cpuCores' | 'sql'>;
type ChildMessage = { type: 'start' } | { type: 'done'; result: RunResult } | { type: 'error'; error: string };

const SPEC_ENV = 'TOUYAN_BENCH_LOAD_SPEC';

/** True in the process `measure` forks: it should run `runLoadProcess` and nothing else. */
export function isLoadProcess(): boolean {
  return Boolean(process.env[SPEC_ENV]) && typeof process.send === 'function';
}

/**
 * Runs autocannon in a child process forked from `entry` (the bench bundle itself), so the load
 * generator neither shares the servers' event loop nor counts in their CPU time.
 */
export function measure(entry: string, spec: LoadSpec, probe: SqlProbe | null = null): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], {
      env: { ...process.env, [SPEC_ENV]: JSON.stringify(spec) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let cpu0: NodeJS.CpuUsage | null = null;
    let t0 = 0;
    let settled = false;
    /** The child reported its result (the replay may still be running when it exits). */
    let reported = false;
    const settle = (fn: () => void) => {
      settled = true;
      fn();
    };
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'start') {
        probe?.start();
        cpu0 = process.cpuUsage();
        t0 = performance.now();
      } else if (m.type === 'error') {
        settle(() => reject(new Error(m.error)));
      } else {
        reported = true;
        const cpu = process.cpuUsage(cpu0 ?? undefined);
        const cpuUs = cpu.user + cpu.system;
        const wallUs = (performance.now() - t0) * 1000;
        const n = m.result.responses;
        const per = (v: number | null) => (v === null ? null : v / n);
        const done = (used: Awaited<ReturnType<SqlProbe['stop']>> | null) => {
          const sql = used
            ? {
                statements: used.statements / n,
                sqlUs: used.sqlUs / n,
                serverCpuUs: per(used.serverCpuUs),
                clientCpuUs: per(used.clientCpuUs),
                probeUs: used.probeUs / n,
              }
            : null;
          settle(() => resolve({ ...m.result, cpuPerReqUs: cpuUs / n, cpuCores: cpuUs / wallUs, sql }));
        };
        if (!probe) done(null);
        else
          probe.stop().then(done, (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))));
      }
    });
    child.once('error', (e) => settle(() => reject(e)));
    child.once('exit', (code) => {
      if (!settled && !reported)
        reject(new Error(`load process for ${spec.url} exited with code ${code} before reporting`));
    });
  });
}

export async function runLoadProcess(): Promise<void> {
  const spec = JSON.parse(process.env[SPEC_ENV]!) as LoadSpec;
  const send = (m: ChildMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
  try {
    await send({ type: 'done', result: await run(spec, () => void send({ type: 'start' })) });
  } catch (e) {
    await send({ type: 'error', error: e instanceof Error ? e.message : String(e) });
  }
  process.disconnect();
}

/** autocannon's request options for a POST run: a fresh JSON body per request, counted. */
function postRequests(
  post: NonNullable<LoadSpec['post']>,
  counter: { sent: number },
): Pick<autocannon.Options, 'method' | 'requests'> {
  const { bodies, uniqueKey, prefix } = post;
  return {
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = counter.sent++;
          return { ...req, body: JSON.stringify({ ...bodies[n % bodies.length], [uniqueKey]: `${prefix}-${n}` }) };
        },
      },
    ],
  };
}

async function run(spec: LoadSpec, onStart: () => void): Promise<RunResult> {
  const latencies: number[] = [];
  const counter = { sent: 0 };
  const instance = autocannon({
    url: spec.url,
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.durationS,
    warmup: { connections: spec.connections, duration: spec.warmupS },
    ...(spec.post ? postRequests(spec.post, counter) : {}),
  });
  // The returned tracker is the measured run's: the warm-up reports to a tracker of its own.
  instance.on('start', onStart);
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
  });
  const r = await instance;
  if (r.warmup) assertClean(spec.url, 'warm-up', r.warmup);
  assertClean(spec.url, 'run', r);
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: r['2xx'] / r.duration,
    responses: r['2xx'],
    durationS: r.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    ...(spec.post ? { posted: { sent: counter.sent, acknowledged: r['2xx'] + (r.warmup?.['2xx'] ?? 0) } } : {}),
  };
}

/** Every response must be 2xx: a benchmark of error pages measures nothing. */
function assertClean(url: string, phase: string, r: autocannon.Result) {
  if (r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && r.requests.total > 0) return;
  const codes = Object.entries(r.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(', ');
  throw new Error(
    `${url} (${phase}): ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.requests.total} responses [${codes}]`,
  );
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
