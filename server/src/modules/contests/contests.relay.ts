import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { notify, PgListener } from '../../db/pg-listener';
import type { DB } from '../../db/types';
import type { ContestEvents, ContestRelay } from './contests.events';

/** The PostgreSQL notification channel; the payload is `{"origin": <process id>, "contestId": <id>}`. */
export const CONTEST_CHANNEL = 'touyan_contest_changed';

export interface PgContestRelayOptions {
  /** The connection string the app's pool uses (`config.db.url`); used when no `listener` is given. */
  url: string;
  /** The process's shared listening connection (db/pg-listener.ts); else the relay opens its own. */
  listener?: PgListener;
  /** The app's pool, which sends the notifications. */
  db: Kysely<DB>;
  events: ContestEvents;
  log: FastifyBaseLogger;
  /** Reconnection delays of its own listener: the first, doubled on each failure up to the maximum. */
  retry?: { firstMs: number; maxMs: number };
}

/**
 * Contest changes between the server processes that share one PostgreSQL database, so a judge's
 * submission on process A reaches a big screen connected to process B:
 * - after a change commits, `publish` sends `select pg_notify('touyan_contest_changed', …)` through
 *   the pool, tagged with this process's origin id; a failure is logged, never thrown (the write is
 *   committed, and a screen re-reads the board when its stream reconnects);
 * - the process's one listening connection (`PgListener`, shared with the session revocations)
 *   delivers other processes' notifications to the local subscribers (its own are skipped: they
 *   were emitted locally at once);
 * - when that connection is re-established after a loss, every contest with a subscriber here is
 *   re-announced, since notifications sent meanwhile are lost;
 * - `close` (the app's onClose) waits for notifications in flight (and ends its own listener).
 */
export class PgContestRelay implements ContestRelay {
  /** This process's id in the notifications (one per app instance). */
  readonly origin = randomUUID();
  private closed = false;
  private readonly sending = new Set<Promise<void>>();
  private readonly listener: PgListener;
  private readonly ownsListener: boolean;

  constructor(private readonly opts: PgContestRelayOptions) {
    this.ownsListener = !opts.listener;
    this.listener =
      opts.listener ??
      new PgListener({ url: opts.url, log: opts.log, applicationName: 'touyan-contest-relay', retry: opts.retry });
    this.listener.on(CONTEST_CHANNEL, (payload) => this.receive(payload));
    // Whatever was announced while nobody listened is lost: every contest watched here is re-read.
    this.listener.onListening(() => {
      if (this.closed) return;
      for (const contestId of this.opts.events.watched()) this.opts.events.deliver(contestId);
    });
  }

  /** The listening connection's server process id (null while reconnecting). */
  get backendPid(): number | null {
    return this.listener.backendPid;
  }

  get listening(): boolean {
    return !this.closed && this.listener.listening;
  }

  /** Connects and listens (its own listener only); if that fails, keeps retrying in the background. */
  start(): Promise<void> {
    return this.ownsListener ? this.listener.start() : Promise.resolve();
  }

  publish(contestId: string): void {
    if (this.closed) return;
    const payload = JSON.stringify({ origin: this.origin, contestId });
    const sent: Promise<void> = notify(this.opts.db, CONTEST_CHANNEL, payload).then(
      () => undefined,
      (err: unknown) => this.opts.log.warn({ err, contestId }, 'contest relay: notify failed'),
    );
    this.sending.add(sent);
    void sent.then(() => this.sending.delete(sent));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ownsListener) await this.listener.close();
    await Promise.all(this.sending);
  }

  private receive(payload: string | undefined) {
    if (this.closed) return;
    let message: unknown;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const { origin, contestId } = message as { origin?: unknown; contestId?: unknown };
    if (typeof contestId !== 'string' || origin === this.origin) return;
    this.opts.events.deliver(contestId);
  }
}
