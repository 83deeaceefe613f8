import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/** One measurement: autocannon against one URL. */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
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
}

type WorkerReply = { ok: true; result: LoadResult } | { ok: false; error: string };

const WORKER_TAG = 'touyan-bench-load';

/** True in the thread `measure` starts: it should run `runLoadWorker` and nothing else. */
export function isLoadWorker(): boolean {
  return !isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;
}

/**
 * Runs autocannon in a worker thread started from `entry` (the bench bundle itself), so the load
 * generator does not compete with the servers for the main event loop.
 */
export function measure(entry: URL, spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { tag: WORKER_TAG, spec } });
    let replied = false;
    worker.once('message', (m: WorkerReply) => {
      replied = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`load worker for ${spec.url} exited with code ${code} before replying`));
    });
  });
}

export async function runLoadWorker(): Promise<void> {
  const { spec } = workerData as { spec: LoadSpec };
  let reply: WorkerReply;
  try {
    reply = { ok: true, result: await run(spec) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: spec.url,
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.durationS,
    warmup: { connections: spec.connections, duration: spec.warmupS },
  });
  // Only the measured run's responses reach this listener; the warm-up has its own tracker.
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
  };
}

/** Every response must be 2xx: a benchmark of error pages measures nothing. */
function assertClean(url: string, phase: string, r: autocannon.RawResult) {
  if (r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && r.totalCompletedRequests > 0) return;
  const codes = Object.entries(r.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(', ');
  throw new Error(
    `${url} (${phase}): ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.totalCompletedRequests} responses [${codes}]`,
  );
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
