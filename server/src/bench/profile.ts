import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Session, type Profiler } from 'node:inspector/promises';

/**
 * BENCH_PROFILE=<dir>: each measured scenario runs under V8's CPU profiler (the bench process: the
 * app and, on SQLite, the database engine's time shows as the native frames that call it). The
 * profile is written as `<dir>/<db>-<scenario>.cpuprofile` (open it in Chrome DevTools or speedscope
 * for a flame graph) and its top self-time frames are printed.
 */
export const PROFILE_DIR = process.env.BENCH_PROFILE || null;

export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = path.join(PROFILE_DIR, `${name.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.error(`[bench] profile ${file}\n${topFrames(profile).join('\n')}`);
  }
}

/** Self time by frame (function, file:line), the largest first, as percentages of the samples. */
export function topFrames(profile: Profiler.Profile, n = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map<number, number>();
  for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.samples?.length ?? 0;
  const self = new Map<string, number>();
  for (const [id, c] of counts) {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/server\//, '') : '';
    const key = `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + c);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, c]) => `${((100 * c) / total).toFixed(1).padStart(5)}%  ${k}`);
}
