import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time the platform acts at. Requests use the real clock; the demo seed replays 2025 under a
 * simulated clock (runWithClock), so records carry the dates they would have had and the rules
 * that depend on "today" (declaration windows, due dates) are applied as on those days.
 */
const storage = new AsyncLocalStorage<() => Date>();

/** A whole-process clock, for end-to-end tests that must stand on a given day; null is real time. */
let processClock: (() => Date) | null = null;

export const now = (): Date => storage.getStore()?.() ?? processClock?.() ?? new Date();

/**
 * Sets the clock of every request in this process (end-to-end tests only: a browser test that must
 * file a quarterly report needs to stand in the quarter's last month). Pass null to restore.
 */
export function setProcessClock(clock: (() => Date) | null) {
  processClock = clock;
}

export function runWithClock<T>(clock: () => Date, fn: () => Promise<T>): Promise<T> {
  return storage.run(clock, fn);
}

/** A clock that stands still until moved. */
export class SimulatedClock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  readonly now = (): Date => new Date(this.t);
  set(at: string | Date) {
    this.t = new Date(at).getTime();
  }
  advanceMinutes(minutes: number) {
    this.t += minutes * 60_000;
  }
}
