import { sql } from 'kysely';
import type { Database } from './database';

/** pg_advisory_lock's key for start-up (the bytes of "touyan"): one per database, any process. */
const STARTUP_LOCK = 0x746f7579616en;

/**
 * Runs `fn` (migrating, loading the reference data, seeding) while holding PostgreSQL's advisory lock
 * for start-up, so that several processes starting at once on an empty database do it once: the first
 * does the work, the others wait, then find it done (issue 16). The lock is held on one connection
 * set aside for it and is released even if `fn` fails (and by the server if the process dies).
 * SQLite serves one process (its file is the process's own), so there it simply runs `fn`.
 */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return fn();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK.toString()}::bigint)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK.toString()}::bigint)`.execute(conn);
    }
  });
}
