import type { ExpressionBuilder, Selectable } from 'kysely';
import type { HostOrgListQuery, Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeMatch, likePattern, toInt, type LikePattern } from '../../db/portability';
import { prepare } from '../../db/prepared';
import { underScope } from '../../db/scope-sql';
import { decodeCursor, pageOfRows, updateVersioned } from '../../db/repo-helpers';
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

/**
 * A list filter as a prepared statement's parameters (db/prepared.ts): every key always present, the
 * text search's patterns made beforehand.
 */
interface Filter {
  scope: HostOrgScope;
  text: { name: LikePattern; creditCode: LikePattern } | null;
  regionCode: string | null;
  type: string | null;
  sizeClass: string | null;
  coverage: string | null;
  park: string | null;
  managingOrgId: string | null;
}

function filterOf(scope: HostOrgScope, q: Omit<HostOrgListQuery, 'limit' | 'cursor' | 'withTotal'>): Filter {
  return {
    scope,
    text: q.q ? { name: likePattern(q.q), creditCode: likePattern(q.q.toUpperCase()) } : null,
    regionCode: q.regionCode ?? null,
    type: q.type ?? null,
    sizeClass: q.sizeClass ?? null,
    coverage: q.coverage ?? null,
    park: q.park ?? null,
    managingOrgId: q.managingOrgId ?? null,
  };
}

function scoped(db: Executor, scope: HostOrgScope) {
  return db
    .selectFrom('hostOrgs')
    .where('hostOrgs.deletedAt', 'is', null)
    .where((eb) => scopeCondition(eb, scope));
}

function filtered(db: Executor, f: Filter) {
  let query = scoped(db, f.scope);
  const { text, regionCode, managingOrgId } = f;
  if (text) {
    query = query.where((eb) =>
      eb.or([likeMatch(db, 'hostOrgs.name', text.name), likeMatch(db, 'hostOrgs.creditCode', text.creditCode)]),
    );
  }
  if (regionCode) {
    query = query.where((eb) =>
      eb(
        'hostOrgs.regionCode',
        'in',
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', regionCode),
      ),
    );
  }
  if (f.type) query = query.where('hostOrgs.type', '=', f.type);
  if (f.sizeClass) query = query.where('hostOrgs.sizeClass', '=', f.sizeClass);
  if (f.coverage) query = query.where('hostOrgs.coverageStatus', '=', f.coverage);
  if (f.park) query = query.where('hostOrgs.park', '=', f.park);
  if (managingOrgId) {
    query = query.where(underScope('hostOrgs.managingOrgId', { all: false, orgIds: [managingOrgId] }));
  }
  return query;
}

/**
 * Display names as scalar subqueries rather than joins: PostgreSQL spent more time planning
 * five joins than running the query; each subquery is a primary-key lookup for a page's rows.
 */
function withNames(query: ReturnType<typeof scoped>) {
  return query
    .selectAll('hostOrgs')
    .select((eb) => [
      eb.selectFrom('regions as r').whereRef('r.code', '=', 'hostOrgs.regionCode').select('r.name').as('regionName'),
      eb
        .selectFrom('partyOrgs as m')
        .whereRef('m.id', '=', 'hostOrgs.managingOrgId')
        .select('m.name')
        .as('managingOrgName'),
      eb.selectFrom('partyOrgs as p').whereRef('p.id', '=', 'hostOrgs.partyOrgId').select('p.name').as('partyOrgName'),
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

/** One page, newest first: `limit + 1` rows after the cursor's id. */
const pageStatement = prepare((db, p: { filter: Filter; afterId: string | null; fetch: number }) => {
  let query = withNames(filtered(db, p.filter));
  if (p.afterId) query = query.where('hostOrgs.id', '<', p.afterId);
  return query.orderBy('hostOrgs.id', 'desc').limit(p.fetch);
});

const countStatement = prepare((db, f: Filter) => filtered(db, f).select((eb) => eb.fn.countAll().as('n')));

export class HostOrgsRepository {
  constructor(private readonly db: Executor) {}

  /** The list's hot path is prepared (db/prepared.ts): built and compiled once per filter shape. */
  async list(scope: HostOrgScope, q: HostOrgListQuery): Promise<Page<HostOrgRow>> {
    const rows = (await pageStatement.execute(this.db, {
      filter: filterOf(scope, q),
      afterId: q.cursor ? decodeCursor(q.cursor).id : null,
      fetch: q.limit + 1,
    })) as HostOrgRow[];
    return pageOfRows(rows, q.limit, (last) => last.id);
  }

  async count(scope: HostOrgScope, q: HostOrgListQuery): Promise<number> {
    return toInt((await countStatement.first(this.db, filterOf(scope, q)))?.n);
  }

  async get(scope: HostOrgScope, id: string): Promise<HostOrgRow | undefined> {
    return (await withNames(scoped(this.db, scope).where('hostOrgs.id', '=', id)).executeTakeFirst()) as
      HostOrgRow | undefined;
  }

  async parks(scope: HostOrgScope): Promise<string[]> {
    const rows = await scoped(this.db, scope)
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

  /** The ledger export: the next host organisations in scope after `afterId`, by id (issue 11). */
  async ledgerBatch(scope: HostOrgScope, afterId: string | null, limit: number): Promise<Selectable<HostOrgsTable>[]> {
    let q = scoped(this.db, scope).selectAll('hostOrgs');
    if (afterId) q = q.where('hostOrgs.id', '>', afterId);
    return q.orderBy('hostOrgs.id').limit(limit).execute();
  }
}
