import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type LogEvent,
  type Migration,
  type MigrationProvider,
  type PostgresPool,
} from 'kysely';
import type { Config } from '../config';
import { RowCamelCasePlugin } from './camel-case';
import { pgTimestamptzToIso, pgTimestampToIso } from './pg-instants';
import { serverStatementName } from './prepared';
import { STATEMENT_VERB } from './constraint-errors';
import { MIGRATIONS } from './migrations/index';
import type { Dialect } from './portability';
import type { DB } from './types';

// Normalise what pg returns: counts (int8) as numbers, instants as ISO strings, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1184, pgTimestamptzToIso);
pg.types.setTypeParser(1114, pgTimestampToIso);
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
  /** PostgreSQL: the connection pool (its counts are exported as metrics). */
  pool?: pg.Pool;
}

/** Instrumentation, for the bench only (the app opens its database without it). */
export interface DatabaseOptions {
  /**
   * Called with each statement's time in ms. SQLite: the CPU time of the statement's run in this
   * process (better-sqlite3 is synchronous: engine and row objects). PostgreSQL: from sending the query to
   * its result (Kysely's query log), a wait on the client side: round trip, the server's work and,
   * under load, this process's event loop; with the statement itself (the bench replays a sample).
   */
  onStatement?: (ms: number, statement?: { sql: string; parameters: readonly unknown[] }) => void;
}

export function openDatabase(cfg: Config['db'], options: DatabaseOptions = {}): Database {
  const { onStatement } = options;
  if (cfg.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: cfg.url, max: 10 });
    // An idle client can lose its connection (server restart, administrator command); pg then emits
    // 'error' on the pool, which would crash the process unhandled. The pool replaces the client.
    pool.on('error', (err) => console.error(`postgres: idle client lost (${err.message})`));
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: namedStatements(pool) }),
      plugins: [new RowCamelCasePlugin()],
      ...(onStatement
        ? {
            log: (e: LogEvent) => {
              if (e.level === 'query') onStatement(e.queryDurationMillis, e.query);
            },
          }
        : {}),
    });
    return { db, dialect: 'postgres', close: () => db.destroy(), pool };
  }
  mkdirSync(path.dirname(cfg.file), { recursive: true });
  const sqlite = new SQLite(cfg.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Reads through a memory map of the file's first GiB: a page the OS holds is read without a system
  // call and a copy (a 零工快招 match visits a few thousand scattered rows of a 1,000,000-worker registry).
  sqlite.pragma('mmap_size = 1073741824');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, onStatement) }),
    plugins: [new RowCamelCasePlugin()],
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
 * The pool as Kysely sees it: a client it is handed runs the SQL of a prepared statement
 * (db/prepared.ts) as a named server-side statement — parsed and planned once per connection, then
 * only bound and executed — and any other SQL as before (unnamed: parsed and planned each time).
 */
function namedStatements(pool: pg.Pool): PostgresPool {
  const named = new WeakSet<pg.PoolClient>();
  const connect = async () => {
    const client = await pool.connect();
    if (!named.has(client)) {
      named.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
        const name = typeof text === 'string' ? serverStatementName(text) : undefined;
        return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
      };
    }
    return client;
  };
  return { connect, end: () => pool.end() };
}

/**
 * SQLite plans a statement when it is prepared, and Kysely prepares on every query; the same SQL
 * text recurs on every request, so prepared statements are kept (bounded, least recently used out).
 * better-sqlite3 is synchronous, so a statement is never in use by two queries at once.
 */
function withStatementCache(sqlite: SQLite.Database, onStatement?: DatabaseOptions['onStatement'], max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = withStatementVerb(sqlite.prepare(sqlText), sqlText);
        if (onStatement) stmt = timed(stmt, sqlText, onStatement);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

export type StatementMethod = (...args: unknown[]) => unknown;

/** Replaces the statement's `run` and `all` (what Kysely calls) with `wrap(original)`. */
function wrapRuns(stmt: SQLite.Statement, wrap: (original: StatementMethod) => StatementMethod): SQLite.Statement {
  for (const method of ['run', 'all'] as const) {
    const original = stmt[method].bind(stmt) as StatementMethod;
    (stmt as unknown as Record<string, unknown>)[method] = wrap(original);
  }
  return stmt;
}

/**
 * Reports each run's CPU time (synchronous on this thread: the engine's work and the row objects;
 * CPU rather than wall time, so a busy machine taking the core away does not count).
 */
function timed(
  stmt: SQLite.Statement,
  sqlText: string,
  onStatement: NonNullable<DatabaseOptions['onStatement']>,
): SQLite.Statement {
  return wrapRuns(stmt, (original) => timedRun(original, sqlText, onStatement));
}

/** One timed run (`timed`); exported so the bench can measure what the timing itself costs. */
export function timedRun(
  original: StatementMethod,
  sqlText: string,
  onStatement: NonNullable<DatabaseOptions['onStatement']>,
): StatementMethod {
  return (...args) => {
    const c0 = process.cpuUsage();
    try {
      return original(...args);
    } finally {
      const c = process.cpuUsage(c0);
      onStatement((c.user + c.system) / 1000, { sql: sqlText, parameters: args });
    }
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
  return wrapRuns(stmt, (original) => (...args) => {
    try {
      return original(...args);
    } catch (err) {
      if (err && typeof err === 'object') (err as Record<symbol, unknown>)[STATEMENT_VERB] = verb;
      throw err;
    }
  });
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
