import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';

/**
 * Tables whose rows may change while only invalid requests arrive, by design:
 * - `sessions`: every authenticated request touches its session (last seen, sliding expiry);
 * - the log-in throttle (migration 0006, counters per address/account): a refused log-in may count;
 * - the request rate-limit counters (migration 0029): a rate-limited route counts every request,
 *   refused or not, before its input is read;
 * - Kysely's migration bookkeeping is left in (it must not change either).
 * `audit_logs` stays in: a refused request must not leave an audit entry (failed log-ins are
 * audited, but every log-in the fuzzer sends is refused by validation before the password check).
 */
export const DIGEST_EXCLUDED = (table: string) =>
  table === 'sessions' || table === 'rate_limit_counters' || /throttle|login_attempt/.test(table);

/** Every table of the database, listed from the database itself (so new migrations are covered). */
export async function tableNames(database: Database): Promise<string[]> {
  const { rows } =
    database.dialect === 'postgres'
      ? await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database.db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
  return rows.map((r) => r.name).sort();
}

const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [
        k,
        row[k] instanceof Date
          ? (row[k] as Date).toISOString()
          : Buffer.isBuffer(row[k])
            ? (row[k] as Buffer).toString('hex')
            : row[k],
      ]),
  );

/** table → sha256 of its full contents (rows in a canonical order), excluding DIGEST_EXCLUDED tables. */
export async function digestTables(database: Database): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of await tableNames(database)) {
    if (DIGEST_EXCLUDED(table)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db);
    const lines = rows.map(canonical).sort();
    out.set(
      table,
      createHash('sha256')
        .update(`${rows.length}\n${lines.join('\n')}`)
        .digest('hex'),
    );
  }
  return out;
}

/** The tables whose digest differs (or that appeared or disappeared). */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
