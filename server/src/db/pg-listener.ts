import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './types';

export interface PgListenerOptions {
  /** The connection string the app's pool uses (`config.db.url`). */
  url: string;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Reconnection delays: the first, doubled on each failure up to the maximum (± 25 % jitter). */
  retry?: { firstMs: number; maxMs: number };
}

/**
 * One LISTEN connection per server process, shared by everything that hears the other processes
 * sharing a PostgreSQL database (the contest relay, session revocations):
 * - a dedicated `pg.Client` (not a pooled one: LISTEN belongs to a session) listens on every
 *   channel registered with `on` before `start`;
 * - when the connection fails or ends it reconnects with exponential backoff; `onLost` hooks run at
 *   once (whatever was announced meanwhile is lost: e.g. the session cache stops trusting itself) and
 *   `onListening` hooks after each (re)connection (e.g. re-read every contest watched here);
 * - `close` (the app's onClose) ends the connection.
 * Notifications are sent with `notify` through the app's pool (or inside a transaction: delivered at
 * commit).
 */
export class PgListener {
  private client: pg.Client | null = null;
  private pid: number | null = null;
  private connecting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private readonly handlers = new Map<string, ((payload: string | undefined) => void)[]>();
  private readonly listeningHooks: (() => void)[] = [];
  private readonly lostHooks: (() => void)[] = [];
  private readonly retry: { firstMs: number; maxMs: number };

  constructor(private readonly opts: PgListenerOptions) {
    this.retry = opts.retry ?? { firstMs: 200, maxMs: 30_000 };
  }

  /** The listening connection's server process id (null while reconnecting). */
  get backendPid(): number | null {
    return this.pid;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Registers a channel's handler (before `start`). Channel names are fixed identifiers. */
  on(channel: string, handler: (payload: string | undefined) => void): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    const list = this.handlers.get(channel) ?? [];
    list.push(handler);
    this.handlers.set(channel, list);
  }

  /** Runs after each successful (re)connection. */
  onListening(hook: () => void): void {
    this.listeningHooks.push(hook);
  }

  /** Runs when the connection is lost (and on close). */
  onLost(hook: () => void): void {
    this.lostHooks.push(hook);
  }

  /** Connects and listens; if that fails, logs and keeps retrying in the background. Never rejects. */
  start(): Promise<void> {
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.connecting;
    const client = this.client;
    this.client = null;
    this.pid = null;
    if (client) {
      this.runLost();
      await client.end().catch(() => undefined);
    }
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private runLost() {
    for (const hook of this.lostHooks) hook();
  }

  /** One connection: set-up failures and later losses both end in a scheduled retry. Never rejects. */
  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.opts.url,
      application_name: this.opts.applicationName ?? 'touyan-listener',
    });
    let established = false;
    let gone = false;
    const lost = (err?: Error) => {
      if (gone) return;
      gone = true;
      if (this.client === client) {
        this.client = null;
        this.pid = null;
        this.runLost();
      }
      void client.end().catch(() => undefined);
      // A failure during set-up is retried by the catch below.
      if (!established || this.closed) return;
      this.opts.log.warn({ err }, 'pg listener: listening connection lost; reconnecting');
      this.schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      for (const handler of this.handlers.get(n.channel) ?? []) handler(n.payload);
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`listen ${channel}`);
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
      this.opts.log.warn({ err }, 'pg listener: cannot listen; retrying');
      this.schedule();
      return;
    }
    if (this.failures > 0) this.opts.log.info('pg listener: listening again');
    this.failures = 0;
    for (const hook of this.listeningHooks) hook();
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
}

/** Sends a notification through the pool (or a transaction, where it is delivered at commit). */
export async function notify(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
