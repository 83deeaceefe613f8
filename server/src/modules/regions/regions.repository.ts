import {
  closureDepth,
  closureInsert,
  closureMove,
  closureContains,
  REGION_CLOSURE,
  type Executor,
} from '../../db/closure';
import type { RegionsTable } from '../../db/types';
import { nowIso } from '../../core/time';
import type { Selectable } from 'kysely';
import { likeContains, toInt } from '../../db/portability';
import { updateVersioned } from '../../db/repo-helpers';

export type RegionRow = Selectable<RegionsTable> & { childCount: number };

export class RegionsRepository {
  constructor(private readonly db: Executor) {}

  private base() {
    return this.db
      .selectFrom('regions as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('regions as c')
          .whereRef('c.parentCode', '=', 'r.code')
          .select(eb.fn.countAll().as('n'))
          .as('childCount'),
      );
  }

  async children(parentCode: string | null): Promise<RegionRow[]> {
    const q = parentCode
      ? this.base().where('r.parentCode', '=', parentCode)
      : this.base().where('r.parentCode', 'is', null);
    const rows = await q.orderBy('r.code').execute();
    return rows.map((r) => ({ ...r, childCount: toInt(r.childCount) }));
  }

  async search(text: string, limit = 50): Promise<RegionRow[]> {
    const rows = await this.base()
      .where(likeContains(this.db, 'r.name', text))
      .orderBy('r.code')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, childCount: toInt(r.childCount) }));
  }

  async get(code: string): Promise<RegionRow | undefined> {
    const r = await this.base().where('r.code', '=', code).executeTakeFirst();
    return r && { ...r, childCount: toInt(r.childCount) };
  }

  /** Names from the root down to the node, e.g. ["辽宁省","丹东市","振兴区"]. */
  async pathNames(code: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('regionClosure as c')
      .innerJoin('regions as r', 'r.code', 'c.ancestorCode')
      .where('c.descendantCode', '=', code)
      .orderBy('c.depth', 'desc')
      .select('r.name')
      .execute();
    return rows.map((r) => r.name);
  }

  async namesOf(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'in', [...new Set(codes)])
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async insert(row: { code: string; name: string; parentCode: string | null; level: number }) {
    const now = nowIso();
    await this.db
      .insertInto('regions')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
    await closureInsert(this.db, REGION_CLOSURE, row.code, row.parentCode);
  }

  /** Bulk load used by the reference-data seed: rows must come parents first. */
  async insertMany(rows: { code: string; name: string; parentCode: string | null; level: number }[]) {
    const now = nowIso();
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.db
        .insertInto('regions')
        .values(chunk.map((r) => ({ ...r, createdAt: now, updatedAt: now })))
        .execute();
    }
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const links: { ancestorCode: string; descendantCode: string; depth: number }[] = [];
    for (const r of rows) {
      let cur: string | null = r.code;
      let depth = 0;
      while (cur) {
        links.push({ ancestorCode: cur, descendantCode: r.code, depth });
        cur = byCode.get(cur)?.parentCode ?? null;
        depth++;
      }
    }
    for (let i = 0; i < links.length; i += 500) {
      await this.db
        .insertInto('regionClosure')
        .values(links.slice(i, i + 500))
        .execute();
    }
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  async rename(code: string, name: string, version: number) {
    await updateVersioned(this.db, 'regions', { code }, version, { name });
  }

  async move(code: string, parentCode: string | null, version: number) {
    await updateVersioned(this.db, 'regions', { code }, version, { parentCode });
    await closureMove(this.db, REGION_CLOSURE, code, parentCode);
    await this.relevelSubtree(code);
  }

  /** After a move, every node of the subtree takes its level from its new depth. */
  private async relevelSubtree(code: string) {
    const rows = await this.db
      .selectFrom('regionClosure')
      .select(['descendantCode'])
      .where('ancestorCode', '=', code)
      .execute();
    for (const r of rows) {
      const level = (await closureDepth(this.db, REGION_CLOSURE, r.descendantCode)) + 1;
      await this.db.updateTable('regions').set({ level }).where('code', '=', r.descendantCode).execute();
    }
  }

  contains(ancestor: string, candidate: string) {
    return closureContains(this.db, REGION_CLOSURE, ancestor, candidate);
  }
}
