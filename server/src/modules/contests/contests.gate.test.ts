import { describe, expect, it } from 'vitest';
import { Gate } from './contests.gate';

describe('Gate', () => {
  it('runs at most `limit` tasks at once, in the order they came, and passes on failures', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (i === 3) throw new Error('boom');
        return i;
      }),
    );
    const settled = Promise.allSettled(tasks);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(4);
    for (let k = 0; k < 6; k++) {
      releases[k]!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await settled;
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 1, 2, 'failed', 4, 5]);
    expect(gate.queued).toBe(0);
    // Free again: the next task starts at once.
    let ran = false;
    await gate.run(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
