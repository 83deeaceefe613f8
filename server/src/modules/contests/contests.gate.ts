/**
 * Lets at most `limit` tasks run at once; the others wait their turn, first come first served.
 * Judges' submissions pass through one on PostgreSQL (`JudgeSheets`), so that a burst of 200 does
 * not queue 200 transactions for the pool's 10 connections ahead of everything else — the live
 * board's reads, the host console, other users' requests.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line (or is freed).
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}
