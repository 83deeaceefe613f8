import PgBoss from 'pg-boss';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { JobListQuery, JobProgress, JobState, JobView } from '@touyan/schemas';
import { now } from '../core/clock';
import type { DB } from '../db/types';
import { Scheduler } from './schedules';
import {
  DEFAULT_EXPIRE_SECONDS,
  errorMessage,
  withinSeconds,
  type JobExecutor,
  type JobHandler,
  type JobLog,
  type JobQueue,
  type RegisterOptions,
  type SendOptions,
} from './queue';

export interface PgBossQueueOptions {
  /** The scheduler's clock (tests pass a simulated one); core/clock by default. */
  clock?: () => Date;
  /** How often idle workers fetch (pg-boss's minimum, 0.5 s, by default). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss expires stale active jobs and archives old ones (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** How often the scheduler looks for a new period (default 30 s). */
  scheduleMs?: number;
  log?: JobLog;
}

interface Registered {
  handler: JobHandler;
  options: Required<RegisterOptions>;
}

/** Options of a queue created for a name this process has not registered (as the embedded runner's). */
const UNREGISTERED: Required<RegisterOptions> = {
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: true,
  concurrency: 1,
  expireInSeconds: DEFAULT_EXPIRE_SECONDS,
};

/** The pg-boss schema: created and migrated by pg-boss itself at start. */
const SCHEMA = 'pgboss';

/** A pg-boss `db` over a Kysely executor: the job is written in that executor's transaction. */
function bossDb(tx: JobExecutor) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const r = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows };
    },
  };
}

interface BossJobRow {
  id: string;
  name: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: string;
  startAfter: string;
  startedOn: string | null;
  completedOn: string | null;
  output: { message?: unknown; progress?: JobProgress } | null;
}

/**
 * The queue on PostgreSQL: pg-boss 10 (the last major that runs on Node 20), in its own schema
 * `pgboss`, with its own small pool. One pg-boss queue per registered name (policy `standard`, the
 * name's retry and expiry options); fetching uses `FOR UPDATE SKIP LOCKED`, so any number of
 * processes share the work and each job runs once (again only after a failure or its expiry).
 * `singletonKey` is enforced by a unique partial index this class adds to `pgboss.job` (pg-boss 10
 * deduplicates by key only under its `short`/`singleton`/`stately` policies, which also limit jobs
 * without a key). Recurring jobs use the shared `job_schedules` table (schedules.ts), not pg-boss's
 * cron, so the two databases behave alike (including a run at start when the period is unsent).
 */
export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, Registered>();
  private readonly clock: () => Date;
  private readonly scheduler: Scheduler;
  private opening: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private workersStarted = false;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Kysely<DB>,
    connectionString: string,
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.clock = options.clock ?? now;
    this.boss = new PgBoss({
      connectionString,
      schema: SCHEMA,
      max: 4,
      application_name: 'touyan-jobs',
      // Recurring jobs are ours (job_schedules); pg-boss's cron is not used.
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    });
    this.boss.on('error', (err: Error) => this.options.log?.error({ err }, 'pg-boss error'));
    this.scheduler = new Scheduler(db, (name, data, o) => this.send(name, data, o), this.clock);
  }

  register<T>(name: string, handler: JobHandler<T>, options: RegisterOptions): void {
    this.handlers.set(name, {
      handler: handler as JobHandler,
      options: { concurrency: 1, expireInSeconds: DEFAULT_EXPIRE_SECONDS, ...options },
    });
  }

  /** Starts pg-boss (creating or migrating its schema) and the registered names' queues; once. */
  private open(): Promise<void> {
    this.opening ??= (async () => {
      await this.boss.start();
      await this.ensureSingletonIndex();
    })();
    return this.opening;
  }

  /** Creates (or updates) the pg-boss queue of a registered name, once per process. */
  private ensureQueue(name: string): Promise<void> {
    let p = this.queues.get(name);
    if (!p) {
      p = this.createQueue(name);
      this.queues.set(name, p);
      p.catch(() => this.queues.delete(name));
    }
    return p;
  }

  private async createQueue(name: string): Promise<void> {
    await this.open();
    // A name another process registered (or none yet): the embedded runner's defaults.
    const o = this.handlers.get(name)?.options ?? UNREGISTERED;
    const queue = {
      name,
      policy: 'standard' as const,
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelaySeconds,
      retryBackoff: o.retryBackoff,
      expireInSeconds: o.expireInSeconds,
    };
    // create_queue inserts with ON CONFLICT DO NOTHING, then creates and attaches the queue's
    // partition: two processes creating queues at the same moment can deadlock on the partitioned
    // table; the loser's transaction is rolled back and it tries again (finding the queue made).
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name, queue);
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
    await this.boss.updateQueue(name, queue);
  }

  private async ensureSingletonIndex() {
    const db = this.boss.getDb();
    try {
      await db.executeSql(
        `CREATE UNIQUE INDEX IF NOT EXISTS touyan_singleton_idx ON ${SCHEMA}.job (name, singleton_key)
         WHERE state <= 'active' AND singleton_key IS NOT NULL`,
        [],
      );
    } catch (err) {
      // Two processes creating it at the same moment: the loser's error is harmless.
      const { rows } = (await db.executeSql(`SELECT to_regclass('${SCHEMA}.touyan_singleton_idx') AS idx`, [])) as {
        rows: { idx: string | null }[];
      };
      if (!rows[0]?.idx) throw err;
    }
  }

  async send(name: string, data: unknown, options: SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    const sendOptions: PgBoss.SendOptions = {};
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    if (options.startAfter) sendOptions.startAfter = options.startAfter;
    if (options.tx) sendOptions.db = bossDb(options.tx);
    return this.boss.send(name, (data ?? null) as object, sendOptions);
  }

  async schedule(name: string, cron: string, data?: unknown): Promise<void> {
    this.scheduler.define(name, cron, data);
  }

  async start(): Promise<void> {
    await this.open();
    if (this.workersStarted) return;
    this.workersStarted = true;
    for (const [name, reg] of this.handlers) {
      await this.ensureQueue(name);
      // One job per fetch and `concurrency` workers: pg-boss completes (or fails) each job itself from
      // the handler's result, so no write of ours can race a later run of the same job.
      for (let i = 0; i < reg.options.concurrency; i++) {
        await this.boss.work(
          name,
          {
            batchSize: 1,
            pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5,
            includeMetadata: true,
          },
          async ([job]) => (job ? this.runOne(name, reg, job) : undefined),
        );
      }
    }
    await this.tickSchedules();
    this.timer = setInterval(() => void this.tickSchedules(), this.options.scheduleMs ?? 30_000);
    this.timer.unref();
  }

  async drain(names?: readonly string[]): Promise<number> {
    if (!names) await this.scheduler.tick();
    let runs = 0;
    for (;;) {
      let fetched = 0;
      for (const [name, reg] of this.handlers) {
        if (names && !names.includes(name)) continue;
        await this.ensureQueue(name);
        const jobs = await this.boss.fetch(name, { batchSize: 50, includeMetadata: true });
        for (const job of jobs ?? []) await this.run(name, reg, job);
        fetched += jobs?.length ?? 0;
      }
      runs += fetched;
      if (!fetched) return runs;
    }
  }

  private async tickSchedules() {
    try {
      await this.scheduler.tick();
    } catch (err) {
      this.options.log?.error({ err }, 'job schedules failed');
    }
  }

  /** Runs one job's handler (within its expiry); throws on failure, after logging it. */
  private async runOne(
    name: string,
    reg: Registered,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<object | undefined> {
    try {
      const output = await withinSeconds(
        reg.handler({ id: job.id, name, data: job.data, retryCount: job.retryCount }),
        reg.options.expireInSeconds,
      );
      return output === undefined || output === null ? undefined : (output as object);
    } catch (err) {
      const last = job.retryCount >= job.retryLimit;
      if (last) this.options.log?.error({ err, job: name, jobId: job.id }, 'job failed, no retry left');
      else
        this.options.log?.warn({ err, job: name, jobId: job.id, retry: job.retryCount + 1 }, 'job failed, will retry');
      throw err instanceof Error ? err : new Error(errorMessage(err));
    }
  }

  /** `drain`'s run: this process fetched the job, so it completes or fails it itself. */
  private async run(name: string, reg: Registered, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    let output: object | undefined;
    try {
      output = await this.runOne(name, reg, job);
    } catch (err) {
      await this.boss.fail(name, job.id, { message: errorMessage(err) });
      return;
    }
    await this.boss.complete(name, job.id, output);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.opening) return;
    await this.opening.catch(() => undefined);
    // Graceful: stops fetching and waits for the running handlers (up to 30 s), then closes the pool.
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }

  async progress(jobId: string, progress: JobProgress): Promise<void> {
    await this.open();
    await sql`
      update pgboss.job
      set output = coalesce(output, '{}'::jsonb) || jsonb_build_object('progress', ${JSON.stringify(progress)}::jsonb)
      where id = ${jobId}::uuid and state = 'active'`.execute(this.db);
  }

  private select() {
    return sql`
      select id::text as id, name, state::text as state, retry_count, retry_limit, singleton_key,
             created_on, start_after, started_on, completed_on, output
      from pgboss.job`;
  }

  async get(jobId: string): Promise<JobView | null> {
    if (!isUuid(jobId)) return null;
    await this.open();
    const { rows } = await sql<BossJobRow>`${this.select()} where id = ${jobId}::uuid`.execute(this.db);
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(q: JobListQuery): Promise<JobView[]> {
    await this.open();
    const { rows } = await sql<BossJobRow>`
      ${this.select()} where state = ${q.state}::pgboss.job_state
      order by created_on desc, id desc limit ${q.limit}`.execute(this.db);
    return rows.map(toView);
  }

  async retry(jobId: string): Promise<boolean> {
    if (!isUuid(jobId)) return false;
    await this.open();
    const { rows } = await sql<{ name: string }>`
      select name from pgboss.job where id = ${jobId}::uuid and state = 'failed'`.execute(this.db);
    if (!rows[0]) return false;
    // pg-boss 10 answers { jobs, requested, affected } (its types say void).
    const r = (await this.boss.retry(rows[0].name, jobId)) as unknown as { affected?: number } | undefined;
    return (r?.affected ?? 0) > 0;
  }
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function toView(r: BossJobRow): JobView {
  const state = r.state as JobState;
  const output = r.output && typeof r.output === 'object' ? r.output : null;
  return {
    id: r.id,
    name: r.name,
    state,
    retryCount: r.retryCount,
    retryLimit: r.retryLimit,
    singletonKey: r.singletonKey,
    createdAt: r.createdOn,
    startAfter: r.startAfter,
    startedAt: r.startedOn,
    completedAt: r.completedOn,
    progress: output?.progress ?? null,
    error:
      (state === 'failed' || state === 'retry') && output && typeof output.message === 'string' ? output.message : null,
  };
}
