import type {
  Expression,
  ExpressionBuilder,
  Kysely,
  SelectQueryBuilder,
  SqlBool,
  UpdateQueryBuilder,
  UpdateResult,
  Updateable,
} from 'kysely';
import type { Page } from '@touyan/schemas';
import { conflict, type AppError } from '../core/errors';
import { isEmptyScope, type SubtreeScope } from '../core/scope';
import { nowIso } from '../core/time';
import type { Executor } from './closure';
import { prepare } from './prepared';
import { underScope } from './scope-sql';
import type { DB } from './types';

/*
 * Helpers every repository uses instead of hand copies: the version-checked update (optimistic
 * locking, 409 VERSION_CONFLICT), the keyset page (`limit + 1`, then `{ items, nextCursor }`) and
 * the "is this Party organisation in the scope" lookup over org_closure.
 */

// ——— versioned update ———

/** Tables with an optimistic-lock `version` column. */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { version: unknown } ? T : never }[keyof DB];

/** The row's key: `id`, or `code` for regions. */
export type RowKey<T extends VersionedTable> = DB[T] extends { id: string } ? { id: string } : { code: string };

/** An extra condition of the update (a status the row must still be in, not deleted …). */
export type RowGuard<T extends VersionedTable> = (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>;

/**
 * What else the update writes: `updated_at` (now, unless `set` gives it) — except with `touch:
 * false`, which a table without that column requires.
 */
type Touch<T extends VersionedTable> = DB[T] extends { updatedAt: string } ? { touch?: boolean } : { touch: false };

export type BumpOptions<T extends VersionedTable> = Touch<T> & {
  guard?: RowGuard<T>;
  /** The error when no row matched; 409 `VERSION_CONFLICT` unless given (e.g. 404 for a row gone). */
  otherwise?: () => AppError;
};

type VersionedSet<T extends VersionedTable> = Omit<Updateable<DB[T]>, 'version'>;

/** The loose shape the generic update is built on; callers stay typed through the signatures above. */
type AnyRow = { version: number; updatedAt: string } & Record<string, unknown>;
type LooseUpdate = UpdateQueryBuilder<Record<string, AnyRow>, string, string, UpdateResult>;

/**
 * `update <table> set …, version = version + 1[, updated_at = now] where <key> = ? [and version = ?]
 * [and guard]`; how many rows it changed.
 */
async function bump<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: RowKey<T>,
  version: number | null,
  set: VersionedSet<T>,
  opts: { touch?: boolean; guard?: RowGuard<T> } = {},
): Promise<number> {
  const [column, value] = Object.entries(key)[0] as [string, string];
  const loose = db as unknown as Kysely<Record<string, AnyRow>>;
  let q: LooseUpdate = loose
    .updateTable(table as string)
    .set((eb) => ({
      ...(opts.touch === false ? {} : { updatedAt: nowIso() }),
      ...(set as Record<string, unknown>),
      version: eb(eb.ref('version'), '+', 1),
    }))
    .where(column, '=', value);
  if (version !== null) q = q.where('version', '=', version);
  if (opts.guard) q = q.where(opts.guard as unknown as (eb: ExpressionBuilder<never, never>) => Expression<SqlBool>);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The version-checked update (optimistic locking): writes `set`, bumps the version and stamps
 * `updated_at`, provided the stored version is `version` (and the guard holds). Throws 409
 * `VERSION_CONFLICT` when no row matched: a stale version, or the row left the guard's state.
 * Callers load the row first (404 for one that is gone or out of scope), so "no row" here means
 * someone else changed it in between; `otherwise` names another error where the guard says more.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: RowKey<T>,
  version: number,
  set: VersionedSet<T>,
  ...opts: DB[T] extends { updatedAt: string } ? [BumpOptions<T>?] : [BumpOptions<T>]
): Promise<void> {
  if ((await bump(db, table, key, version, set, opts[0])) !== 1) throw (opts[0]?.otherwise ?? conflict)();
}

/**
 * Writes `set` and bumps the version without checking it: for changes that do not come from an
 * editor's form (a password reset, a derived state) but must still invalidate open edit forms.
 * True when the row was there (and the guard held).
 */
export async function updateBumping<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: RowKey<T>,
  set: VersionedSet<T>,
  ...opts: DB[T] extends { updatedAt: string } ? [BumpOptions<T>?] : [BumpOptions<T>]
): Promise<boolean> {
  return (await bump(db, table, key, null, set, opts[0])) === 1;
}

/**
 * Runs a guarded update or delete (`… where id = ? and status = 'open'`) and says whether it
 * changed exactly one row: for state changes guarded by a status rather than a version.
 */
export async function changedOne(query: {
  executeTakeFirst(): Promise<{ numUpdatedRows: bigint } | { numDeletedRows: bigint }>;
}): Promise<boolean> {
  const r = await query.executeTakeFirst();
  return Number('numUpdatedRows' in r ? r.numUpdatedRows : r.numDeletedRows) === 1;
}

// ——— keyset page ———

/**
 * A decoded page cursor (see `cursorSchema` in schemas/src/common.ts): the last row's id, and for
 * lists ranked by another key first, that key (`key|id`).
 */
export interface Cursor {
  key?: string;
  id: string;
}

/** `id` or `key|id` (split on the last bar: a key never holds one, an id neither). */
export function decodeCursor(raw: string): Cursor {
  const bar = raw.lastIndexOf('|');
  return bar < 0 ? { id: raw } : { key: raw.slice(0, bar), id: raw.slice(bar + 1) };
}

export function encodeCursor(c: Cursor): string {
  return c.key === undefined ? c.id : `${c.key}|${c.id}`;
}

/**
 * Fetches one page of a query already filtered after the cursor and ordered by (sort key, id):
 * `limit + 1` rows, so whether a next page exists is known without counting. The next cursor is
 * the last row's, as `cursorOf` encodes it.
 */
export async function fetchPage<R>(
  query: { limit(n: number): { execute(): Promise<R[]> } },
  limit: number,
  cursorOf: (last: R) => string,
): Promise<Page<R>> {
  return pageOfRows(await query.limit(limit + 1).execute(), limit, cursorOf);
}

/** The page in `limit + 1` fetched rows (see `fetchPage`; prepared statements fetch them themselves). */
export function pageOfRows<R>(rows: R[], limit: number, cursorOf: (last: R) => string): Page<R> {
  const items = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A numeric sort key read back from a cursor; undefined when it is not a finite number. */
export function numericKey(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** The keyset of a list in descending order: by id alone, or by a key first and then id. */
export interface Keyset<R> {
  /** The id column (`'h.id'`) and how to read it from a row. */
  id: string;
  /** Ranked lists: the key column (`'h.total'`), read from a row and parsed from a cursor. */
  key?: { column: string; of: (row: R) => number; parse: (text: string) => number | undefined };
}

/**
 * A page of `query` newest (or highest) first: `order by [key desc,] id desc`, rows after the
 * cursor, `limit + 1` fetched. Undefined for a cursor that is not one of this list's (a ranked
 * list's cursor without a valid key): the caller answers 400.
 */
export async function keysetPage<QDB, TB extends keyof QDB, R extends { id: string }>(
  query: SelectQueryBuilder<QDB, TB, R>,
  keyset: Keyset<R>,
  page: { limit: number; cursor?: string },
): Promise<Page<R> | undefined> {
  // The columns are fixed references named by the repository; the loose type lets one helper
  // order any table's query (Kysely cannot check a column name against a generic table).
  let q = query as unknown as SelectQueryBuilder<Record<string, Record<string, unknown>>, string, R>;
  const { key } = keyset;
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    if (key) {
      const k = c.key === undefined ? undefined : key.parse(c.key);
      if (k === undefined || !c.id) return undefined;
      q = q.where((eb) => eb.or([eb(key.column, '<', k), eb.and([eb(key.column, '=', k), eb(keyset.id, '<', c.id)])]));
    } else {
      q = q.where(keyset.id, '<', c.id);
    }
  }
  if (key) q = q.orderBy(key.column, 'desc');
  q = q.orderBy(keyset.id, 'desc');
  return fetchPage(q, page.limit, (last) => encodeCursor({ key: key && String(key.of(last)), id: last.id }));
}

/** The common case: newest first by ULID id, cursor = the last id. */
export async function pageByIdDesc<QDB, TB extends keyof QDB, R extends { id: string }>(
  query: SelectQueryBuilder<QDB, TB, R>,
  idColumn: string,
  page: { limit: number; cursor?: string },
): Promise<Page<R>> {
  return (await keysetPage(query, { id: idColumn }, page))!;
}

// ——— in-scope check ———

/**
 * Which of these Party organisations lie in the scope (one light query over org_closure). With
 * `live`, deleted nodes never count, even for a global scope; without, a global scope returns
 * every id unchecked.
 */
export async function orgsInScope(
  db: Executor,
  scope: SubtreeScope,
  ids: readonly string[],
  opts: { live?: boolean } = {},
): Promise<Set<string>> {
  if (ids.length === 0 || isEmptyScope(scope)) return new Set();
  if (scope.all && !opts.live) return new Set(ids);
  const rows = await orgsInScopeStatement.execute(db, { ids: [...ids], scope, live: opts.live === true });
  return new Set(rows.map((r) => r.id));
}

/** Prepared (db/prepared.ts): it runs on every list page, for the abilities of its rows. */
const orgsInScopeStatement = prepare((db, p: { ids: string[]; scope: SubtreeScope; live: boolean }) => {
  let q = db.selectFrom('partyOrgs as o').select('o.id').where('o.id', 'in', p.ids).where(underScope('o.id', p.scope));
  if (p.live) q = q.where('o.deletedAt', 'is', null);
  return q;
});

/** Whether the (not deleted) Party organisation `orgId` lies in the scope. */
export async function orgInScope(db: Executor, scope: SubtreeScope, orgId: string): Promise<boolean> {
  return (await orgsInScope(db, scope, [orgId], { live: true })).has(orgId);
}

/**
 * The row count of each query, in one statement: `select (select count(*) from …) as n0, (…) as
 * n1, …` — one round trip for a figure's area and its counties (the dashboards, issue 15) instead
 * of one statement each. Each query is a list's filtered query; its select list is replaced.
 */
export async function countEach(
  db: Executor,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any list query; only its FROM and WHERE are used
  queries: readonly SelectQueryBuilder<DB, any, any>[],
): Promise<number[]> {
  if (queries.length === 0) return [];
  const row = (await db
    .selectNoFrom(
      queries.map((q, i) =>
        q
          .clearSelect()
          .select((eb) => eb.fn.countAll().as('n'))
          .as(`n${i}`),
      ) as never,
    )
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return queries.map((_, i) => Number(row?.[`n${i}`] ?? 0));
}
