import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './types';

export type Executor = Kysely<DB> | Transaction<DB>;

/** A closure table: one row per (ancestor, descendant) pair, depth 0 for the node itself. */
export interface ClosureSpec {
  table: 'orgClosure' | 'regionClosure';
  ancestor: string;
  descendant: string;
}

export const ORG_CLOSURE: ClosureSpec = { table: 'orgClosure', ancestor: 'ancestorId', descendant: 'descendantId' };
export const REGION_CLOSURE: ClosureSpec = {
  table: 'regionClosure',
  ancestor: 'ancestorCode',
  descendant: 'descendantCode',
};

const ids = (spec: ClosureSpec) => ({
  t: sql.table(spec.table),
  a: sql.ref(spec.ancestor),
  d: sql.ref(spec.descendant),
});

/** Adds a new leaf under `parent` (or as a root). */
export async function closureInsert(db: Executor, spec: ClosureSpec, node: string, parent: string | null) {
  const { t, a, d } = ids(spec);
  await sql`insert into ${t} (${a}, ${d}, depth) values (${node}, ${node}, 0)`.execute(db);
  if (parent) {
    await sql`insert into ${t} (${a}, ${d}, depth)
      select ${a}, ${node}, depth + 1 from ${t} where ${d} = ${parent}`.execute(db);
  }
}

/** True when `candidate` is `node` itself or lies below it. */
export async function closureContains(db: Executor, spec: ClosureSpec, node: string, candidate: string) {
  const { t, a, d } = ids(spec);
  const r = await sql<{
    n: number;
  }>`select count(*) as n from ${t} where ${a} = ${node} and ${d} = ${candidate}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/**
 * Moves a subtree under a new parent: drops the links from the old ancestors to every node of the
 * subtree, then links every new ancestor to every node of it. The subtree's inner links stay.
 */
export async function closureMove(db: Executor, spec: ClosureSpec, node: string, newParent: string | null) {
  const { t, a, d } = ids(spec);
  await sql`delete from ${t}
    where ${d} in (select x.${d} from ${t} x where x.${a} = ${node})
      and ${a} in (select y.${a} from ${t} y where y.${d} = ${node} and y.${a} <> ${node})`.execute(db);
  if (newParent) {
    await sql`insert into ${t} (${a}, ${d}, depth)
      select sup.${a}, sub.${d}, sup.depth + sub.depth + 1
      from ${t} sup cross join ${t} sub
      where sup.${d} = ${newParent} and sub.${a} = ${node}`.execute(db);
  }
}

/** How deep a node is (0 for a root). */
export async function closureDepth(db: Executor, spec: ClosureSpec, node: string): Promise<number> {
  const { t, d } = ids(spec);
  const r = await sql<{ n: number }>`select max(depth) as n from ${t} where ${d} = ${node}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
