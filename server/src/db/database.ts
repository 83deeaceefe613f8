import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Config } from '../config';
import { STATEMENT_VERB } from './constraint-errors';
import { MIGRATIONS } from './migrations/index';
import type { Dialect } from './portability';
import type { DB } from './types';

// Normalise what pg returns: counts (int8) as numbers, instants as ISO strings, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(cfg: Config['db']): Database {
  if (cfg.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: cfg.url, max: 10 });
    // An idle client can lose its connection (server restart, administrator command); pg then emits
    // 'error' on the pool, which would crash the process unhandled. The pool replaces the client.
    pool.on('error', (err) => console.error(`postgres: idle client lost (${err.message})`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(path.dirname(cfg.file), { recursive: true });
  const sqlite = new SQLite(cfg.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      // Keeps the planner statistics fresh for the next start (cheap: only where they drifted).
      sqlite.pragma('optimize');
      await db.destroy();
    },
  };
}

/**
 * SQLite plans a statement when it is prepared, and Kysely prepares on every query; the same SQL
 * text recurs on every request, so prepared statements are kept (bounded, least recently used out).
 * better-sqlite3 is synchronous, so a statement is never in use by two queries at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = withStatementVerb(sqlite.prepare(sqlText), sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite reports a foreign-key failure without saying which side failed; PostgreSQL does. A write
 * statement's failure carries its verb (delete: a row still referenced; insert/update: a reference
 * to a row that is not there), read by db/constraint-errors.ts.
 */
function withStatementVerb(stmt: SQLite.Statement, sqlText: string): SQLite.Statement {
  const verb = /^\s*(insert|update|delete)\b/i.exec(sqlText)?.[1]?.toLowerCase();
  if (!verb) return stmt;
  for (const method of ['run', 'all'] as const) {
    const original = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
    (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      try {
        return original(...args);
      } catch (err) {
        if (err && typeof err === 'object') (err as Record<symbol, unknown>)[STATEMENT_VERB] = verb;
        throw err;
      }
    };
  }
  return stmt;
}

/**
 * Refreshes the query planner's statistics. SQLite has none until it is analysed, and without
 * them it picks poor plans for the scoped lists (it joins every row in scope before taking a
 * page). `PRAGMA optimize=0x10002` analyses what was never analysed or has drifted, cheaply.
 */
export async function analyzeDatabase(database: Database): Promise<void> {
  if (database.dialect === 'sqlite') await sql`pragma optimize=0x10002`.execute(database.db);
  else await sql`analyze`.execute(database.db);
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = {
        up: (db) => m.up(db, { dialect: this.dialect }),
        down: (db) => m.down(db, { dialect: this.dialect }),
      };
    }
    return out;
  }
}

/** Brings the schema up to date; throws on the first failing migration. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Migrations use the raw schema builder with snake_case names, so run them without CamelCasePlugin.
  const raw = database.db.withoutPlugins() as unknown as Kysely<unknown>;
  const migrator = new Migrator({ db: raw, provider: new StaticProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
