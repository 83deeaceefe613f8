import type { ExpressionBuilder, Selectable } from 'kysely';
import type { HostOrgListQuery, Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import type { DB, HostOrgsTable } from '../../db/types';
import { nowIso } from '../../core/time';
import type { HostOrgScope } from './host-orgs.policy';

export type HostOrgRow = Selectable<HostOrgsTable> & {
  regionName: string;
  managingOrgName: string;
  partyOrgName: string | null;
  instructorName: string | null;
  specialistName: string | null;
};

export type HostOrgWrite = Omit<
  HostOrgsTable,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'deletedAt'
>;

/** The data-scope condition for host organisations, inside the query. */
function scopeCondition(eb: ExpressionBuilder<DB, 'hostOrgs'>, scope: HostOrgScope) {
  if (scope.all) return eb.lit(true);
  const ors = [];
  if (scope.subtree.all || scope.subtree.orgIds.length > 0) {
    ors.push(underScope('hostOrgs.managingOrgId', scope.subtree));
    ors.push(underScope('hostOrgs.partyOrgId', scope.subtree));
  }
  if (scope.specialistUserId) ors.push(eb('hostOrgs.specialistUserId', '=', scope.specialistUserId));
  if (scope.ownHostOrgIds.length > 0) ors.push(eb('hostOrgs.id', 'in', scope.ownHostOrgIds));
  return ors.length ? eb.or(ors) : eb.lit(false);
}

export class HostOrgsRepository {
  constructor(private readonly db: Executor) {}

  private scoped(scope: HostOrgScope) {
    return this.db
      .selectFrom('hostOrgs')
      .where('hostOrgs.deletedAt', 'is', null)
      .where((eb) => scopeCondition(eb, scope));
  }

  private filtered(scope: HostOrgScope, q: Omit<HostOrgListQuery, 'limit' | 'cursor' | 'withTotal'>) {
    let query = this.scoped(scope);
    if (q.q) {
      const text = q.q;
      query = query.where((eb) =>
        eb.or([
          likeContains(this.db, 'hostOrgs.name', text),
          likeContains(this.db, 'hostOrgs.creditCode', text.toUpperCase()),
        ]),
      );
    }
    if (q.regionCode) {
      const code = q.regionCode;
      query = query.where((eb) =>
        eb(
          'hostOrgs.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    if (q.type) query = query.where('hostOrgs.type', '=', q.type);
    if (q.sizeClass) query = query.where('hostOrgs.sizeClass', '=', q.sizeClass);
    if (q.coverage) query = query.where('hostOrgs.coverageStatus', '=', q.coverage);
    if (q.park) query = query.where('hostOrgs.park', '=', q.park);
    if (q.managingOrgId) {
      const root = q.managingOrgId;
      query = query.where(underScope('hostOrgs.managingOrgId', { all: false, orgIds: [root] }));
    }
    return query;
  }

  /**
   * Display names as scalar subqueries rather than joins: PostgreSQL spent more time planning
   * five joins than running the query; each subquery is a primary-key lookup for a page's rows.
   */
  private withNames<Q extends ReturnType<HostOrgsRepository['scoped']>>(query: Q) {
    return query
      .selectAll('hostOrgs')
      .select((eb) => [
        eb.selectFrom('regions as r').whereRef('r.code', '=', 'hostOrgs.regionCode').select('r.name').as('regionName'),
        eb
          .selectFrom('partyOrgs as m')
          .whereRef('m.id', '=', 'hostOrgs.managingOrgId')
          .select('m.name')
          .as('managingOrgName'),
        eb
          .selectFrom('partyOrgs as p')
          .whereRef('p.id', '=', 'hostOrgs.partyOrgId')
          .select('p.name')
          .as('partyOrgName'),
        eb
          .selectFrom('instructors as i')
          .whereRef('i.id', '=', 'hostOrgs.instructorId')
          .select('i.name')
          .as('instructorName'),
        eb
          .selectFrom('users as s')
          .whereRef('s.id', '=', 'hostOrgs.specialistUserId')
          .select('s.displayName')
          .as('specialistName'),
      ]);
  }

  async list(scope: HostOrgScope, q: HostOrgListQuery): Promise<Page<HostOrgRow>> {
    return (await pageByIdDesc(this.withNames(this.filtered(scope, q)), 'hostOrgs.id', q)) as Page<HostOrgRow>;
  }

  async count(scope: HostOrgScope, q: HostOrgListQuery): Promise<number> {
    const r = await this.filtered(scope, q)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  async get(scope: HostOrgScope, id: string): Promise<HostOrgRow | undefined> {
    return (await this.withNames(this.scoped(scope).where('hostOrgs.id', '=', id)).executeTakeFirst()) as
      HostOrgRow | undefined;
  }

  async parks(scope: HostOrgScope): Promise<string[]> {
    const rows = await this.scoped(scope)
      .select('hostOrgs.park')
      .distinct()
      .where('hostOrgs.park', 'is not', null)
      .orderBy('hostOrgs.park')
      .execute();
    return rows.map((r) => r.park as string);
  }

  async idByCreditCode(code: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('hostOrgs').select('id').where('creditCode', '=', code).executeTakeFirst();
    return r?.id;
  }

  async insert(id: string, row: HostOrgWrite, by: string | null) {
    const now = nowIso();
    await this.db
      .insertInto('hostOrgs')
      .values({ id, ...row, createdAt: now, updatedAt: now, createdBy: by })
      .execute();
  }

  async update(id: string, version: number, row: HostOrgWrite) {
    await updateVersioned(this.db, 'hostOrgs', { id }, version, row, { guard: (eb) => eb('deletedAt', 'is', null) });
  }
}
