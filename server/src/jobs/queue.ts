import type { Kysely } from 'kysely';
import type { JobListQuery, JobProgress, JobView } from '@touyan/schemas';
import type { DB } from '../db/types';

/** Where the queue reports failures (the app's pino logger). */
export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A job as its handler sees it. */
export interface Job<T = unknown> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first run, n on the n-th retry. */
  retryCount: number;
}

/** Runs one job; its result is kept as the job's output. Throwing fails the run (retried with backoff). */
export type JobHandler<T = unknown> = (job: Job<T>) => Promise<unknown>;

export interface RegisterOptions {
  /** Retries after the first run (0: never retried). */
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelaySeconds: number;
  /** Doubles the delay at each further retry (the only mode in use: `true`). */
  retryBackoff: true;
  /** Jobs of this name run side by side in one process (default 1). */
  concurrency?: number;
  /**
   * Seconds a run may take (default 15 minutes). A run still going then fails (and is retried); a job
   * left active by a process that died is run again once this has passed.
   */
  expireInSeconds?: number;
}

/**
 * Where `send` writes the job: the queue's own connection by default, or the caller's transaction
 * (`db.transaction().execute(trx => queue.send(…, { tx: trx }))`): the job then exists only if that
 * transaction commits.
 */
export type JobExecutor = Kysely<DB>;

export interface SendOptions {
  /** At most one queued, retrying or running job of this name with this key: a second send answers null. */
  singletonKey?: string;
  /** Not before this instant. */
  startAfter?: Date;
  tx?: JobExecutor;
}

/**
 * The durable job queue (ARCHITECTURE.md "Background jobs"): pg-boss 10 on PostgreSQL, the embedded
 * runner over table `jobs` on SQLite, the same behaviour behind this interface. Handlers are
 * registered by the composition root before `start()`; jobs are idempotent and retried with backoff.
 */
export interface JobQueue {
  readonly kind: 'pg-boss' | 'embedded';
  register<T>(name: string, handler: JobHandler<T>, options: RegisterOptions): void;
  /** Enqueues a job; its id, or null when `singletonKey` found one already queued or running. */
  send(name: string, data: unknown, options?: SendOptions): Promise<string | null>;
  /**
   * A recurring job: sent once per period of the cron expression (UTC; 5 fields) across all processes
   * and restarts, and at start when the current period has not been sent yet.
   */
  schedule(name: string, cron: string, data?: unknown): Promise<void>;
  /** Starts the workers (and the scheduler): after the migrations and after every `register`. */
  start(): Promise<void>;
  /** Stops fetching, waits for running handlers (up to their expiry), then releases the connection. */
  stop(): Promise<void>;
  /** Records a running job's progress, read back by `get` (e.g. an import's progress bar). */
  progress(jobId: string, progress: JobProgress): Promise<void>;
  get(jobId: string): Promise<JobView | null>;
  /** Jobs in one state, newest first (admin). */
  list(query: JobListQuery): Promise<JobView[]>;
  /**
   * Runs, in this process and without the workers, every due job (of `names`, else of every registered
   * name, after sending the schedules' due periods) until none is left; how many runs were made. For
   * tests and scripts: deterministic, no timers.
   */
  drain(names?: readonly string[]): Promise<number>;
  /** Puts a failed job back in the queue with one more retry; false when it is not (or no longer) failed. */
  retry(jobId: string): Promise<boolean>;
}

export const DEFAULT_EXPIRE_SECONDS = 15 * 60;
/** No retry waits longer than this, however many retries are allowed. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/**
 * Seconds to wait before retry number `retry` (1 for the first retry): the delay doubles at each
 * retry when `backoff` (delay, 2·delay, 4·delay …), capped at 6 hours; no jitter, so runs are
 * predictable. pg-boss computes its own (with jitter) on PostgreSQL.
 */
export function retryDelaySeconds(delay: number, retry: number, backoff: boolean): number {
  if (retry < 1) return 0;
  const base = Math.max(0, delay);
  if (!backoff) return Math.min(base, MAX_RETRY_DELAY_SECONDS);
  const exponent = Math.min(retry - 1, 30);
  return Math.min(Math.max(base, 1) * 2 ** exponent, MAX_RETRY_DELAY_SECONDS);
}

/** The message kept for a failed run. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.slice(0, 2000);
  return String(err).slice(0, 2000);
}

/** Rejects when `promise` has not settled within `seconds` (a run past its expiry fails). */
export function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`任务运行超过 ${seconds} 秒，已超时`)), seconds * 1000);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
