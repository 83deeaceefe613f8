import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/types';
import type { ContestEvents, ContestRelay } from './contests.events';

/** The PostgreSQL notification channel; the payload is `{"origin": <process id>, "contestId": <id>}`. */
export const CONTEST_CHANNEL = 'touyan_contest_changed';

export interface PgContestRelayOptions {
  /** The connection string the app's pool uses (`config.db.url`). */
  url: string;
  /** The app's pool, which sends the notifications. */
  db: Kysely<DB>;
  events: ContestEvents;
  log: FastifyBaseLogger;
  /** Reconnection delays: the first, doubled on each failure up to the maximum (± 25 % jitter). */
  retry?: { firstMs: number; maxMs: number };
}

/**
 * Contest changes between the server processes that share one PostgreSQL database, so a judge's
 * submission on process A reaches a big screen connected to process B:
 * - after a change commits, `publish` sends `select pg_notify('touyan_contest_changed', …)` through
 *   the pool, tagged with this process's origin id; a failure is logged, never thrown (the write is
 *   committed, and a screen re-reads the board when its stream reconnects);
 * - one dedicated connection per process (a `pg.Client`, not a pooled one: LISTEN belongs to a
 *   session) listens on the channel and delivers other processes' notifications to the local
 *   subscribers (its own are skipped: they were emitted locally at once);
 * - when that connection fails or ends it reconnects with exponential backoff, then re-announces
 *   every contest with a subscriber here, since notifications sent meanwhile are lost;
 * - `close` (the app's onClose) ends the connection and waits for notifications in flight.
 */
export class PgContestRelay implements ContestRelay {
  /** This process's id in the notifications (one per app instance). */
  readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private connecting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private readonly sending = new Set<Promise<void>>();
  private readonly retry: { firstMs: number; maxMs: number };

  constructor(private readonly opts: PgContestRelayOptions) {
    this.retry = opts.retry ?? { firstMs: 200, maxMs: 30_000 };
  }

  /** The listening connection's server process id (null while reconnecting). */
  get backendPid(): number | null {
    return this.pid;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects and listens; if that fails, logs and keeps retrying in the background. */
  start(): Promise<void> {
    return this.connect();
  }

  publish(contestId: string): void {
    if (this.closed) return;
    const payload = JSON.stringify({ origin: this.origin, contestId });
    const sent: Promise<void> = sql`select pg_notify(${CONTEST_CHANNEL}, ${payload})`.execute(this.opts.db).then(
      () => undefined,
      (err: unknown) => this.opts.log.warn({ err, contestId }, 'contest relay: notify failed'),
    );
    this.sending.add(sent);
    void sent.then(() => this.sending.delete(sent));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.connecting;
    const client = this.client;
    this.client = null;
    this.pid = null;
    if (client) await client.end().catch(() => undefined);
    await Promise.all(this.sending);
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** One connection: set-up failures and later losses both end in a scheduled retry. Never rejects. */
  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'touyan-contest-relay' });
    let established = false;
    let gone = false;
    const lost = (err?: Error) => {
      if (gone) return;
      gone = true;
      if (this.client === client) {
        this.client = null;
        this.pid = null;
      }
      void client.end().catch(() => undefined);
      // A failure during set-up is retried by the catch below.
      if (!established || this.closed) return;
      this.opts.log.warn({ err }, 'contest relay: listening connection lost; reconnecting');
      this.schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === CONTEST_CHANNEL) this.receive(n.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${CONTEST_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      if (gone) throw new Error('connection lost while setting up');
      if (this.closed) {
        gone = true;
        await client.end().catch(() => undefined);
        return;
      }
      established = true;
      this.client = client;
      this.pid = rows[0]!.pid;
    } catch (err) {
      lost(err as Error);
      if (this.closed) return;
      this.opts.log.warn({ err }, 'contest relay: cannot listen; retrying');
      this.schedule();
      return;
    }
    if (this.failures > 0) this.opts.log.info('contest relay: listening again');
    this.failures = 0;
    // Whatever was announced while nobody listened is lost: every contest watched here is re-read.
    for (const contestId of this.opts.events.watched()) this.opts.events.deliver(contestId);
  }

  private schedule() {
    if (this.closed || this.timer) return;
    const { firstMs, maxMs } = this.retry;
    const delay = Math.min(maxMs, firstMs * 2 ** Math.min(this.failures, 20)) * (0.75 + Math.random() * 0.5);
    this.failures++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref();
  }

  private receive(payload: string | undefined) {
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
