import { PostgresAdapter, sql, type ColumnDataType, type Kysely, type QueryExecutor, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Column types written once for both databases. Timestamps are UTC instants (timestamptz on
 * PostgreSQL, ISO-8601 text on SQLite); business dates are calendar dates (date / 'YYYY-MM-DD' text).
 * Flags are integers 0/1 on both, because better-sqlite3 cannot bind booleans; repositories
 * turn them into booleans.
 */
export function columnTypes(dialect: Dialect) {
  return {
    id: 'text' as ColumnDataType,
    text: 'text' as ColumnDataType,
    int: 'integer' as ColumnDataType,
    /** Measured values (indicator baselines, targets, actuals). */
    real: (dialect === 'postgres' ? 'double precision' : 'real') as ColumnDataType,
    flag: 'integer' as ColumnDataType,
    timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
    date: (dialect === 'postgres' ? 'date' : 'text') as ColumnDataType,
    json: 'text' as ColumnDataType,
  };
}

export interface MigrationContext {
  dialect: Dialect;
}

export type MigrationFn = (db: Kysely<unknown>, ctx: MigrationContext) => Promise<void>;
export interface PortableMigration {
  up: MigrationFn;
  down: MigrationFn;
}

/** pg returns bigint counts as strings: every count passes through this. */
export const toInt = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';
export const flag = (b: boolean): number => (b ? 1 : 0);

/**
 * The database an executor talks to. A transaction or a plugin-wrapped instance keeps its
 * dialect's adapter, so repositories, which only hold an executor, can ask it.
 */
export function dialectOf(db: { getExecutor(): QueryExecutor }): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * `column` contains `text`, taken literally (wildcards escaped) and ignoring case, the same on both
 * databases: SQLite's `LIKE` already ignores ASCII case; PostgreSQL's `LIKE` does not, so there it is
 * `ILIKE` — but only when the text has letters with a case: for Chinese text or digits `LIKE` gives
 * the same rows and scans about three times faster than `ILIKE` (which folds every row's text).
 * Neither database can use a b-tree index for `%…%`; both scan the rows the other conditions leave.
 */
export function likeContains(db: { getExecutor(): QueryExecutor }, column: string, text: string): RawBuilder<boolean> {
  return likeMatch(db, column, likePattern(text));
}

/** What `likeContains` binds for `text`: the escaped `%text%` pattern, and whether it has letter case. */
export interface LikePattern {
  pattern: string;
  cased: boolean;
}

export function likePattern(text: string): LikePattern {
  return {
    pattern: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    cased: text.toLowerCase() !== text.toUpperCase(),
  };
}

/** `likeContains` over a pattern made beforehand (a prepared statement binds the pattern as a value). */
export function likeMatch(db: { getExecutor(): QueryExecutor }, column: string, p: LikePattern): RawBuilder<boolean> {
  const like = p.cased && dialectOf(db) === 'postgres' ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${like} ${p.pattern} escape ${'\\'}`;
}
