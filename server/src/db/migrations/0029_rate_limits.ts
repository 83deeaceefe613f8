import type { ColumnDataType, Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Request rate limits counted in the database (issue 16), so N server processes give a client the
 * same allowance as one: one row per limited route and client address (`key`), the start of its
 * current window in epoch milliseconds and the hits in it (db/rate-limit-store.ts).
 */
export const rateLimits: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('rate_limit_counters')
      .addColumn('key', t.text, (c) => c.primaryKey())
      .addColumn('window_start_ms', 'bigint' as ColumnDataType, (c) => c.notNull())
      .addColumn('hits', t.int, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rate_limit_counters_window_idx')
      .on('rate_limit_counters')
      .column('window_start_ms')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('rate_limit_counters').execute();
  },
};
