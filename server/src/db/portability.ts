import { sql, type ColumnDataType, type Kysely, type RawBuilder } from 'kysely';

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

/** `column LIKE '%text%'` with the user's text taken literally (wildcards escaped) on both databases. */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape ${'\\'}`;
}
