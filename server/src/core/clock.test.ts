import { describe, expect, it } from 'vitest';
import { now, runWithClock, setProcessClock, SimulatedClock } from './clock';
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

  it('lets a test set the clock of the whole process, and a simulated run still takes precedence', async () => {
    const day = new SimulatedClock('2026-12-15T02:00:00Z');
    setProcessClock(day.now);
    try {
      expect(shanghaiDate()).toBe('2026-12-15');
      await runWithClock(new SimulatedClock('2025-01-01T02:00:00Z').now, async () => {
        expect(shanghaiDate()).toBe('2025-01-01');
      });
    } finally {
      setProcessClock(null);
    }
    expect(now().getUTCFullYear()).toBeGreaterThanOrEqual(2026);
  });
});
