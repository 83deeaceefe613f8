import { describe, expect, it } from 'vitest';
import { now, runWithClock, SimulatedClock } from './clock';
import { nowIso, shanghaiDate } from './time';

describe('clock', () => {
  it('uses the real time outside a simulated run', () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });
  it('uses the simulated time inside a run, across awaits, and only there', async () => {
    const clock = new SimulatedClock('2025-03-31T15:30:00.000Z');
    await runWithClock(clock.now, async () => {
      await new Promise((r) => setTimeout(r, 5));
      expect(nowIso()).toBe('2025-03-31T15:30:00.000Z');
      expect(shanghaiDate()).toBe('2025-03-31');
      clock.advanceMinutes(60);
      expect(shanghaiDate()).toBe('2025-04-01');
    });
    expect(now().getUTCFullYear()).toBeGreaterThanOrEqual(2026);
  });
});
