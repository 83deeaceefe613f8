import type { Kysely, Selectable } from 'kysely';
import type { JobListQuery, JobProgress, JobState, JobView } from '@touyan/schemas';
import { now } from '../core/clock';
import { newId } from '../core/ids';
import type { DB, JobsTable } from '../db/types';
import { Scheduler } from './schedules';
import {
  DEFAULT_EXPIRE_SECONDS,
  errorMessage,
  retryDelaySeconds,
  withinSeconds,
  type Job,
  type JobHandler,
  type JobLog,
  type JobQueue,
  type RegisterOptions,
  type SendOptions,
} from './queue';

type JobRow = Selectable<JobsTable>;

interface Registered {
  handler: JobHandler;
  options: Required<RegisterOptions>;
  running: number;
}

export interface EmbeddedQueueOptions {
  /** The time the runner acts at (tests pass a simulated clock); core/clock by default. */
  clock?: () => Date;
  /** How often idle workers look for due jobs (default 250 ms; a send in this process wakes them at once). */
  pollMs?: number;
  /** How often the scheduler looks for a new period (default 10 s). */
  scheduleMs?: number;
  log?: JobLog;
}

/** Defaults for a job sent under a name this process has not registered. */
const UNREGISTERED: Required<RegisterOptions> = {
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: true,
  concurrency: 1,
  expireInSeconds: DEFAULT_EXPIRE_SECONDS,
};

const QUEUED: JobState[] = ['created', 'retry'];

/**
 * The embedded runner (SQLite): jobs are rows of `jobs`. A worker claims the next due job of a name
 * with one atomic statement (`UPDATE jobs SET state = 'active' … WHERE id = (SELECT id … ORDER BY
 * start_after LIMIT 1) RETURNING *`), which also takes back a job left active past its expiry by a
 * process that died. A failed run goes back to `retry` with its start pushed by the backoff, and to
 * `failed` once its retries are spent. Idle workers poll every 250 ms; a send in this process wakes
 * them at once. Tests drive it without timers through `drain()`.
 */
export class EmbeddedJobQueue implements JobQueue {
  readonly kind = 'embedded' as const;
  private readonly handlers = new Map<string, Registered>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly clock: () => Date;
  private readonly scheduler: Scheduler;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private pumping = false;
  private pumpAgain = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: EmbeddedQueueOptions = {},
  ) {
    this.clock = options.clock ?? now;
    this.scheduler = new Scheduler(db, (name, data, o) => this.send(name, data, o), this.clock);
  }

  register<T>(name: string, handler: JobHandler<T>, options: RegisterOptions): void {
    this.handlers.set(name, {
      handler: handler as JobHandler,
      options: {
        concurrency: 1,
        expireInSeconds: DEFAULT_EXPIRE_SECONDS,
        ...options,
      },
      running: 0,
    });
  }

  async send(name: string, data: unknown, options: SendOptions = {}): Promise<string | null> {
    const o = this.handlers.get(name)?.options ?? UNREGISTERED;
    const at = this.clock().toISOString();
    const id = newId();
    const inserted = await (options.tx ?? this.db)
      .insertInto('jobs')
      .values({
        id,
        name,
        data: JSON.stringify(data ?? null),
        state: 'created',
        retryCount: 0,
        retryLimit: o.retryLimit,
        retryDelay: o.retryDelaySeconds,
        retryBackoff: o.retryBackoff ? 1 : 0,
        expireIn: o.expireInSeconds,
        startAfter: options.startAfter ? options.startAfter.toISOString() : at,
        startedAt: null,
        expireAt: null,
        completedAt: null,
        singletonKey: options.singletonKey ?? null,
        output: null,
        progress: null,
        createdAt: at,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) this.wake();
    return inserted ? id : null;
  }

  async schedule(name: string, cron: string, data?: unknown): Promise<void> {
    this.scheduler.define(name, cron, data);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const poll = setInterval(() => this.wake(), this.options.pollMs ?? 250);
    const schedule = setInterval(() => void this.tickSchedules(), this.options.scheduleMs ?? 10_000);
    poll.unref();
    schedule.unref();
    this.timers = [poll, schedule];
    await this.tickSchedules();
    this.wake();
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async drain(names?: readonly string[]): Promise<number> {
    if (!names) await this.scheduler.tick();
    let runs = 0;
    for (;;) {
      let claimed = false;
      for (const [name, reg] of this.handlers) {
        if (names && !names.includes(name)) continue;
        const job = await this.claim(name, reg);
        if (!job) continue;
        claimed = true;
        runs++;
        await this.run(job, reg);
      }
      if (!claimed) return runs;
    }
  }

  async progress(jobId: string, progress: JobProgress): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ progress: JSON.stringify(progress) })
      .where('id', '=', jobId)
      .execute();
  }

  async get(jobId: string): Promise<JobView | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async list(q: JobListQuery): Promise<JobView[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', q.state)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .execute();
    return rows.map(toView);
  }

  async retry(jobId: string): Promise<boolean> {
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'retry',
        retryLimit: eb('retryLimit', '+', 1),
        startAfter: this.clock().toISOString(),
        completedAt: null,
      }))
      .where('id', '=', jobId)
      .where('state', '=', 'failed')
      .returning('id')
      .executeTakeFirst();
    if (row) this.wake();
    return !!row;
  }

  private async tickSchedules() {
    try {
      if (await this.scheduler.tick()) this.wake();
    } catch (err) {
      this.options.log?.error({ err }, 'job schedules failed');
    }
  }

  private wake() {
    if (!this.started) return;
    setImmediate(() => void this.pump());
  }

  /** Claims due jobs for every name with a free slot, and starts them; again while any was claimed. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const [name, reg] of this.handlers) {
          while (this.started && reg.running < reg.options.concurrency) {
            const job = await this.claim(name, reg);
            if (!job) break;
            reg.running++;
            const p = this.run(job, reg).finally(() => {
              reg.running--;
              this.inflight.delete(p);
              this.wake();
            });
            this.inflight.add(p);
          }
        }
      } while (this.pumpAgain && this.started);
    } catch (err) {
      this.options.log?.error({ err }, 'job queue: claiming failed');
    } finally {
      this.pumping = false;
    }
  }

  /** The next due job of `name` (queued and due, or active past its expiry), now active; null when none. */
  private async claim(name: string, reg: Registered): Promise<JobRow | null> {
    const at = this.clock();
    const iso = at.toISOString();
    const due = this.db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', QUEUED), eb('startAfter', '<=', iso)]),
          eb.and([eb('state', '=', 'active'), eb('expireAt', '<=', iso)]),
        ]),
      )
      .orderBy('startAfter')
      .orderBy('id')
      .limit(1);
    const row = await this.db
      .updateTable('jobs')
      .set({
        state: 'active',
        startedAt: iso,
        expireAt: new Date(at.getTime() + reg.options.expireInSeconds * 1000).toISOString(),
      })
      .where('id', '=', due)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  private async run(row: JobRow, reg: Registered): Promise<void> {
    const job: Job = { id: row.id, name: row.name, data: parse(row.data), retryCount: row.retryCount };
    // Only the claim still current records its outcome (`started_at` unchanged): a run of a process
    // thought dead that finishes late does not overwrite the run that took the job back.
    try {
      const output = await withinSeconds(reg.handler(job), reg.options.expireInSeconds);
      await this.db
        .updateTable('jobs')
        .set({
          state: 'completed',
          completedAt: this.clock().toISOString(),
          output: output === undefined ? null : JSON.stringify(output),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'active')
        .where('startedAt', '=', row.startedAt)
        .execute();
    } catch (err) {
      const message = errorMessage(err);
      const retry = row.retryCount + 1;
      const last = row.retryCount >= row.retryLimit;
      const at = this.clock();
      const delay = retryDelaySeconds(row.retryDelay, retry, row.retryBackoff === 1);
      await this.db
        .updateTable('jobs')
        .set(
          last
            ? { state: 'failed', completedAt: at.toISOString(), output: JSON.stringify({ message }) }
            : {
                state: 'retry',
                retryCount: retry,
                startAfter: new Date(at.getTime() + delay * 1000).toISOString(),
                output: JSON.stringify({ message }),
              },
        )
        .where('id', '=', row.id)
        .where('state', '=', 'active')
        .where('startedAt', '=', row.startedAt)
        .execute();
      if (last) this.options.log?.error({ err, job: row.name, jobId: row.id }, 'job failed, no retry left');
      else this.options.log?.warn({ err, job: row.name, jobId: row.id, retry, delay }, 'job failed, will retry');
    }
  }
}

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toView(r: JobRow): JobView {
  const output = parse(r.output) as { message?: unknown } | null;
  const state = r.state as JobState;
  return {
    id: r.id,
    name: r.name,
    state,
    retryCount: r.retryCount,
    retryLimit: r.retryLimit,
    singletonKey: r.singletonKey,
    createdAt: r.createdAt,
    startAfter: r.startAfter,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    progress: parse(r.progress) as JobProgress | null,
    error:
      (state === 'failed' || state === 'retry') && output && typeof output.message === 'string' ? output.message : null,
  };
}
