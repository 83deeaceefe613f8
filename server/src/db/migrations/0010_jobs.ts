import { sql, type Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The durable job queue (server/src/jobs). `jobs` is the embedded runner's table on SQLite (on
 * PostgreSQL pg-boss keeps its jobs in its own schema `pgboss` and this table stays empty): one row
 * per job, claimed by one atomic `UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING`. The partial
 * unique index makes `singletonKey` an idempotent enqueue (at most one queued, retrying or running
 * job per name and key). `job_schedules` holds each recurring job's cron and the last period it was
 * sent for, on both databases: advancing `last_run` is one conditional UPDATE, so each period is
 * sent once whatever the number of processes and restarts.
 */
export const jobs: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('jobs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('data', t.json)
      .addColumn('state', t.text, (c) => c.notNull())
      .addColumn('retry_count', t.int, (c) => c.notNull())
      .addColumn('retry_limit', t.int, (c) => c.notNull())
      .addColumn('retry_delay', t.int, (c) => c.notNull())
      .addColumn('retry_backoff', t.flag, (c) => c.notNull())
      .addColumn('expire_in', t.int, (c) => c.notNull())
      .addColumn('start_after', t.timestamp, (c) => c.notNull())
      .addColumn('started_at', t.timestamp)
      .addColumn('expire_at', t.timestamp)
      .addColumn('completed_at', t.timestamp)
      .addColumn('singleton_key', t.text)
      .addColumn('output', t.json)
      .addColumn('progress', t.json)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_fetch_idx').on('jobs').columns(['state', 'start_after']).execute();
    await db.schema.createIndex('jobs_created_idx').on('jobs').columns(['state', 'created_at']).execute();
    await db.schema
      .createIndex('jobs_singleton_idx')
      .on('jobs')
      .columns(['name', 'singleton_key'])
      .unique()
      .where(sql<boolean>`state in ('created', 'retry', 'active') and singleton_key is not null`)
      .execute();
    await db.schema
      .createTable('job_schedules')
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('cron', t.text, (c) => c.notNull())
      .addColumn('data', t.json)
      .addColumn('last_run', t.text)
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('job_schedules').execute();
    await db.schema.dropTable('jobs').execute();
  },
};
