import type { Selectable } from 'kysely';
import { closureContains, closureInsert, closureMove, ORG_CLOSURE, type Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { orgInScope, orgsInScope, updateVersioned } from '../../db/repo-helpers';
import type { PartyOrgsTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

export type PartyOrgRow = Selectable<PartyOrgsTable> & { childCount: number; depth: number; regionName: string };

export type PartyOrgWrite = Pick<
  PartyOrgsTable,
  | 'name'
  | 'type'
  | 'regionCode'
  | 'secretaryName'
  | 'secretaryUserId'
  | 'contactPhoneEnc'
  | 'establishedOn'
  | 'memberCount'
  | 'note'
>;

export class PartyOrgsRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: SubtreeScope) {
    return this.db
      .selectFrom('partyOrgs as o')
      .innerJoin('regions as r', 'r.code', 'o.regionCode')
      .selectAll('o')
      .select('r.name as regionName')
      .select((eb) => [
        eb
          .selectFrom('partyOrgs as c')
          .whereRef('c.parentId', '=', 'o.id')
          .where('c.deletedAt', 'is', null)
          .select(eb.fn.countAll().as('n'))
          .as('childCount'),
        eb
          .selectFrom('orgClosure as d')
          .whereRef('d.descendantId', '=', 'o.id')
          .select((e) => e.fn.max('d.depth').as('m'))
          .as('depth'),
      ])
      .where('o.deletedAt', 'is', null)
      .where(underScope('o.id', scope));
  }

  private norm<T extends { childCount: unknown; depth: unknown }>(r: T) {
    return { ...r, childCount: toInt(r.childCount), depth: toInt(r.depth) };
  }

  async get(scope: SubtreeScope, id: string): Promise<PartyOrgRow | undefined> {
    const r = await this.base(scope).where('o.id', '=', id).executeTakeFirst();
    return r && this.norm(r);
  }

  async children(scope: SubtreeScope, parentId: string): Promise<PartyOrgRow[]> {
    const rows = await this.base(scope).where('o.parentId', '=', parentId).orderBy('o.name').execute();
    return rows.map((r) => this.norm(r));
  }

  async byIds(scope: SubtreeScope, ids: string[]): Promise<PartyOrgRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.base(scope).where('o.id', 'in', ids).orderBy('o.name').execute();
    return rows.map((r) => this.norm(r));
  }

  async roots(): Promise<PartyOrgRow[]> {
    const rows = await this.base({ all: true }).where('o.parentId', 'is', null).orderBy('o.name').execute();
    return rows.map((r) => this.norm(r));
  }

  /** The whole visible forest, parents before children. */
  async tree(scope: SubtreeScope, q?: string): Promise<PartyOrgRow[]> {
    let query = this.base(scope);
    if (q) query = query.where(likeContains(this.db, 'o.name', q));
    const rows = await query.execute();
    return rows.map((r) => this.norm(r)).sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** Which of these nodes lie in the scope (one light query, no display columns). */
  idsInScope(scope: SubtreeScope, ids: string[], opts: { live?: boolean } = {}): Promise<Set<string>> {
    return orgsInScope(this.db, scope, ids, opts);
  }

  /** Whether the node exists, is not deleted and lies in the scope. */
  inScope(scope: SubtreeScope, id: string): Promise<boolean> {
    return orgInScope(this.db, scope, id);
  }

  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('partyOrgs')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async insert(id: string, parentId: string | null, row: PartyOrgWrite, by: string | null) {
    const now = nowIso();
    await this.db
      .insertInto('partyOrgs')
      .values({ id, parentId, ...row, createdAt: now, updatedAt: now, createdBy: by })
      .execute();
    await closureInsert(this.db, ORG_CLOSURE, id, parentId);
  }

  async update(id: string, version: number, row: PartyOrgWrite) {
    await updateVersioned(this.db, 'partyOrgs', { id }, version, row, { guard: (eb) => eb('deletedAt', 'is', null) });
  }

  async move(id: string, parentId: string, version: number) {
    await updateVersioned(this.db, 'partyOrgs', { id }, version, { parentId });
    await closureMove(this.db, ORG_CLOSURE, id, parentId);
  }

  contains(ancestor: string, candidate: string) {
    return closureContains(this.db, ORG_CLOSURE, ancestor, candidate);
  }

  /** Anything still hanging on the node: children, host organisations, role bindings, instructors. */
  async linkedCount(id: string): Promise<number> {
    const counts = await Promise.all([
      this.db
        .selectFrom('partyOrgs')
        .where('parentId', '=', id)
        .where('deletedAt', 'is', null)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('hostOrgs')
        .where((eb) => eb.or([eb('managingOrgId', '=', id), eb('partyOrgId', '=', id)]))
        .where('deletedAt', 'is', null)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('roleBindings')
        .where('orgId', '=', id)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('instructors')
        .where('partyOrgId', '=', id)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ]);
    return counts.reduce((s, c) => s + toInt(c?.n), 0);
  }

  async softDelete(id: string, version: number) {
    await updateVersioned(this.db, 'partyOrgs', { id }, version, { deletedAt: nowIso() });
  }
}
