import { EventEmitter } from 'node:events';

/**
 * In-process change notifications per contest: every write that changes what the board shows
 * calls `changed(contestId)` after its transaction commits, and each open stream (SSE) recomputes
 * and pushes its state.
 *
 * This bus lives in one server process. With several server processes behind a load balancer a
 * judge's submission on process A would not reach a big screen connected to process B; that needs
 * a shared bus — e.g. PostgreSQL `LISTEN contest_changed` / `NOTIFY contest_changed, '<contestId>'`
 * issued after commit, each process relaying notifications into its own emitter (not implemented:
 * the deployment runs one process). A client that loses its stream reconnects and reads GET …/board.
 */
export class ContestEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Calls `fn` on every change of the contest; returns the function that unsubscribes. */
  subscribe(contestId: string, fn: () => void): () => void {
    this.emitter.on(contestId, fn);
    return () => {
      this.emitter.off(contestId, fn);
    };
  }

  changed(contestId: string): void {
    this.emitter.emit(contestId);
  }

  listenerCount(contestId: string): number {
    return this.emitter.listenerCount(contestId);
  }
}
