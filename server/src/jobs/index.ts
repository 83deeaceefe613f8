import type { Database } from '../db/database';
import { EmbeddedJobQueue } from './embedded-queue';
import { PgBossJobQueue } from './pg-boss-queue';
import type { JobLog, JobQueue } from './queue';

export type { Job, JobExecutor, JobHandler, JobLog, JobQueue, RegisterOptions, SendOptions } from './queue';
export { EmbeddedJobQueue } from './embedded-queue';
export { PgBossJobQueue } from './pg-boss-queue';

/** The job queue for the configured database: pg-boss on PostgreSQL, the embedded runner on SQLite. */
export function createJobQueue(database: Database, postgresUrl: string | null, log?: JobLog): JobQueue {
  if (database.dialect === 'postgres') {
    if (!postgresUrl) throw new Error('the PostgreSQL job queue needs the database URL');
    return new PgBossJobQueue(database.db, postgresUrl, { log });
  }
  return new EmbeddedJobQueue(database.db, { log });
}
