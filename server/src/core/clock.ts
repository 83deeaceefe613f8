import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time the platform acts at. Requests use the real clock; the demo seed replays 2025 under a
 * simulated clock (runWithClock), so records carry the dates they would have had and the rules
 * that depend on "today" (declaration windows, due dates) are applied as on those days.
 */
const storage = new AsyncLocalStorage<() => Date>();

export const now = (): Date => storage.getStore()?.() ?? new Date();

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
