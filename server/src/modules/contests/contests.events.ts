import { EventEmitter } from 'node:events';

/** Carries this process's contest changes to the other server processes (see `contests.relay.ts`). */
export interface ContestRelay {
  /** Announces that the contest changed; called after the change committed, never throws. */
  publish(contestId: string): void;
}

/**
 * Change notifications per contest: every write that changes what the board shows calls
 * `changed(contestId)` after its transaction commits, and each open stream (SSE) recomputes and
 * pushes its state.
 *
 * Subscribers live in this process (an EventEmitter). With PostgreSQL several server processes may
 * share the database, so `buildApp` attaches a relay (`PgContestRelay`: LISTEN/NOTIFY): a change
 * made here is also announced to the other processes, and theirs arrive here through `deliver`.
 * SQLite stays in-process: it is one server process by design (the file is not shared), so there
 * is nobody to tell. A client that loses its stream reconnects and reads the board again.
 */
export class ContestEvents {
  private readonly emitter = new EventEmitter();
  private relay: ContestRelay | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Announces every later change to the other server processes too (null: this process only). */
  relayTo(relay: ContestRelay | null): void {
    this.relay = relay;
  }

  /** Calls `fn` on every change of the contest; returns the function that unsubscribes. */
  subscribe(contestId: string, fn: () => void): () => void {
    this.emitter.on(contestId, fn);
    return () => {
      this.emitter.off(contestId, fn);
    };
  }

  /** A change made in this process (after its commit): local subscribers at once, then the others. */
  changed(contestId: string): void {
    try {
      this.emitter.emit(contestId);
    } finally {
      this.relay?.publish(contestId);
    }
  }

  /** A change made in another server process: this process's subscribers only. */
  deliver(contestId: string): void {
    this.emitter.emit(contestId);
  }

  /** Contests with at least one subscriber in this process. */
  watched(): string[] {
    return this.emitter
      .eventNames()
      .filter((n): n is string => typeof n === 'string' && this.emitter.listenerCount(n) > 0);
  }

  listenerCount(contestId: string): number {
    return this.emitter.listenerCount(contestId);
  }
}
