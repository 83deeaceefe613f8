import { sql, type Selectable } from 'kysely';
import { COVERAGE_FIGURES, type HostOrgListQuery, type Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeMatch, likePattern, toInt, type LikePattern } from '../../db/portability';
import { prepare } from '../../db/prepared';
import { hostOrgScopeCondition, underScope } from '../../db/scope-sql';
import { decodeCursor, pageOfRows, updateVersioned } from '../../db/repo-helpers';
import type {
  HostOrgAssignmentsTable,
  HostOrgCrossPostsTable,
  HostOrgPartyMembersTable,
  HostOrgsTable,
} from '../../db/types';
import { nowIso } from '../../core/time';
import type { HostOrgScope } from './host-orgs.policy';

export type HostOrgRow = Selectable<HostOrgsTable> & {
  regionName: string;
  managingOrgName: string;
  partyOrgName: string | null;
  instructorName: string | null;
  specialistName: string | null;
  leaderContactName: string | null;
};

export type HostOrgWrite = Omit<
  HostOrgsTable,
  | 'id'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'createdBy'
  | 'deletedAt'
  | 'orgCoverageKind'
  | 'hasFixedPremises'
  | 'operatingNormally'
  | 'threeHas'
> & { orgCoverageKind: string; hasFixedPremises: number; operatingNormally: number; threeHas: number };

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
  industry: string | null;
  orgCoverageKind: string | null;
  threeHas: boolean | null;
  regionExact: boolean;
  parkNone: boolean;
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
    industry: q.industry ?? null,
    orgCoverageKind: q.orgCoverageKind ?? null,
    threeHas: q.threeHas ?? null,
    regionExact: q.regionExact ?? false,
    parkNone: q.parkNone ?? false,
  };
}

function scoped(db: Executor, scope: HostOrgScope) {
  return db
    .selectFrom('hostOrgs')
    .where('hostOrgs.deletedAt', 'is', null)
    .where(hostOrgScopeCondition('hostOrgs', scope));
}

function filtered(db: Executor, f: Filter) {
  let query = scoped(db, f.scope);
  const { text, regionCode, managingOrgId } = f;
  if (text) {
    query = query.where((eb) =>
      eb.or([likeMatch(db, 'hostOrgs.name', text.name), likeMatch(db, 'hostOrgs.creditCode', text.creditCode)]),
    );
  }
  if (regionCode && f.regionExact) {
    query = query.where('hostOrgs.regionCode', '=', regionCode);
  } else if (regionCode) {
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
  if (f.parkNone) query = query.where('hostOrgs.park', 'is', null);
  if (f.industry) query = query.where('hostOrgs.industry', '=', f.industry);
  if (f.orgCoverageKind) query = query.where('hostOrgs.orgCoverageKind', '=', f.orgCoverageKind);
  if (f.threeHas !== null) query = query.where('hostOrgs.threeHas', '=', f.threeHas ? 1 : 0);
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
      eb
        .selectFrom('users as lc')
        .whereRef('lc.id', '=', 'hostOrgs.leaderContactUserId')
        .select('lc.displayName')
        .as('leaderContactName'),
    ]);
}

/** One page, newest first: `limit + 1` rows after the cursor's id. */
const pageStatement = prepare((db, p: { filter: Filter; afterId: string | null; fetch: number }) => {
  let query = withNames(filtered(db, p.filter));
  if (p.afterId) query = query.where('hostOrgs.id', '<', p.afterId);
  return query.orderBy('hostOrgs.id', 'desc').limit(p.fetch);
});

const countStatement = prepare((db, f: Filter) => filtered(db, f).select((eb) => eb.fn.countAll().as('n')));

export type CrossPostRow = Selectable<HostOrgCrossPostsTable>;
export type PartyMemberRow = Selectable<HostOrgPartyMembersTable>;
export type AssignmentRow = Selectable<HostOrgAssignmentsTable> & { assignedByName: string | null };
export type CrossPostWrite = Pick<
  HostOrgCrossPostsTable,
  'personName' | 'partyPost' | 'managementPost' | 'since' | 'until'
>;
export type PartyMemberWrite = Pick<
  HostOrgPartyMembersTable,
  'name' | 'position' | 'partyPost' | 'shownSince' | 'note'
>;
export type AssignmentWrite = Omit<HostOrgAssignmentsTable, 'id' | 'createdAt' | 'endedOn'>;

/** One group of the coverage rates, as counted in SQL. */
export interface CoverageCounts {
  key: string | null;
  label: string | null;
  level: number | null;
  direct: number;
  total: number;
  orgCoveredOwn: number;
  orgCoveredJoint: number;
  workCoveredOnly: number;
  uncovered: number;
  threeHasTotal: number;
  threeHasUncovered: number;
}
/**
 * How the coverage rates group: by the region at `level` (an organisation located above that level
 * forms a row of its own region, `direct`), by park or by industry; within `regionCode`'s subtree.
 */
export type CoverageGrouping =
  { by: 'region'; level: number; regionCode: string | null } | { by: 'park' | 'industry'; regionCode: string | null };

const countIf = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
const FIGURES = [
  sql<number>`count(*)`.as('total'),
  countIf(sql`host_orgs.org_coverage_kind = 'own'`).as('orgCoveredOwn'),
  countIf(sql`host_orgs.org_coverage_kind = 'joint'`).as('orgCoveredJoint'),
  countIf(sql`host_orgs.coverage_status = 'work_covered'`).as('workCoveredOnly'),
  countIf(sql`host_orgs.coverage_status = 'uncovered'`).as('uncovered'),
  countIf(sql`host_orgs.three_has = 1`).as('threeHasTotal'),
  countIf(sql`host_orgs.three_has = 1 and host_orgs.org_coverage_kind = 'none'`).as('threeHasUncovered'),
];

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

  // ---- The ledger (issue 11) ----

  /** The coverage figures per group, over the scope: one GROUP BY query. */
  async coverage(scope: HostOrgScope, g: CoverageGrouping): Promise<CoverageCounts[]> {
    let base = scoped(this.db, scope);
    if (g.regionCode) {
      const code = g.regionCode;
      base = base.where((eb) =>
        eb(
          'hostOrgs.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    let rows: Record<string, unknown>[];
    if (g.by === 'region') {
      // Counted per region of the organisations first (one pass over host_orgs), then each region's
      // counts summed into its ancestor at `level`: joining every organisation to each of its
      // ancestors cost a pass over organisations × levels (PostgreSQL: 28 ms at 2,000 organisations).
      const perRegion = base
        .groupBy('hostOrgs.regionCode')
        .select(['hostOrgs.regionCode as regionCode'])
        .select(FIGURES);
      rows = await this.db
        .selectFrom(perRegion.as('x'))
        .innerJoin('regionClosure as rc', 'rc.descendantCode', 'x.regionCode')
        .innerJoin('regions as r', 'r.code', 'rc.ancestorCode')
        .where((eb) =>
          eb.or([
            eb('r.level', '=', g.level),
            eb.and([eb('r.level', '<', g.level), eb('r.code', '=', eb.ref('x.regionCode'))]),
          ]),
        )
        .groupBy(['r.code', 'r.name', 'r.level'])
        .select(['r.code as key', 'r.name as label', 'r.level as level'])
        .select(COVERAGE_FIGURES.map((n) => sql<number>`sum(${sql.ref(`x.${n}`)})`.as(n)))
        .orderBy('r.code')
        .execute();
    } else if (g.by === 'park') {
      rows = await base
        .groupBy('hostOrgs.park')
        .select(['hostOrgs.park as key'])
        .select(FIGURES)
        .orderBy('hostOrgs.park')
        .execute();
    } else {
      rows = await base
        .groupBy('hostOrgs.industry')
        .select(['hostOrgs.industry as key'])
        .select(FIGURES)
        .orderBy('hostOrgs.industry')
        .execute();
    }
    return rows.map((r) => ({
      key: (r.key as string | null) ?? null,
      label: (r.label as string | undefined) ?? null,
      level: r.level === undefined ? null : toInt(r.level),
      direct: g.by === 'region' && toInt(r.level) < g.level ? 1 : 0,
      total: toInt(r.total),
      orgCoveredOwn: toInt(r.orgCoveredOwn),
      orgCoveredJoint: toInt(r.orgCoveredJoint),
      workCoveredOnly: toInt(r.workCoveredOnly),
      uncovered: toInt(r.uncovered),
      threeHasTotal: toInt(r.threeHasTotal),
      threeHasUncovered: toInt(r.threeHasUncovered),
    }));
  }

  async crossPosts(hostOrgId: string): Promise<CrossPostRow[]> {
    return this.db
      .selectFrom('hostOrgCrossPosts')
      .selectAll()
      .where('hostOrgId', '=', hostOrgId)
      .orderBy('since', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
  async crossPost(hostOrgId: string, id: string): Promise<CrossPostRow | undefined> {
    return this.db
      .selectFrom('hostOrgCrossPosts')
      .selectAll()
      .where('hostOrgId', '=', hostOrgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
  async insertCrossPost(id: string, hostOrgId: string, row: CrossPostWrite, by: string | null) {
    const now = nowIso();
    await this.db
      .insertInto('hostOrgCrossPosts')
      .values({ id, hostOrgId, ...row, createdAt: now, updatedAt: now, createdBy: by })
      .execute();
  }
  async updateCrossPost(id: string, version: number, row: CrossPostWrite) {
    await updateVersioned(this.db, 'hostOrgCrossPosts', { id }, version, row);
  }
  async deleteCrossPost(id: string) {
    await this.db.deleteFrom('hostOrgCrossPosts').where('id', '=', id).execute();
  }

  async partyMembers(hostOrgId: string): Promise<PartyMemberRow[]> {
    return this.db
      .selectFrom('hostOrgPartyMembers')
      .selectAll()
      .where('hostOrgId', '=', hostOrgId)
      .orderBy('shownSince', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
  async partyMember(hostOrgId: string, id: string): Promise<PartyMemberRow | undefined> {
    return this.db
      .selectFrom('hostOrgPartyMembers')
      .selectAll()
      .where('hostOrgId', '=', hostOrgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
  async insertPartyMember(id: string, hostOrgId: string, row: PartyMemberWrite, by: string | null) {
    const now = nowIso();
    await this.db
      .insertInto('hostOrgPartyMembers')
      .values({ id, hostOrgId, ...row, createdAt: now, updatedAt: now, createdBy: by })
      .execute();
  }
  async updatePartyMember(id: string, version: number, row: PartyMemberWrite) {
    await updateVersioned(this.db, 'hostOrgPartyMembers', { id }, version, row);
  }
  async deletePartyMember(id: string) {
    await this.db.deleteFrom('hostOrgPartyMembers').where('id', '=', id).execute();
  }

  /** The assignment history, open rows first, newest first. */
  async assignments(hostOrgId: string): Promise<AssignmentRow[]> {
    return this.db
      .selectFrom('hostOrgAssignments as a')
      .selectAll('a')
      .select((eb) =>
        eb.selectFrom('users as u').whereRef('u.id', '=', 'a.assignedBy').select('u.displayName').as('assignedByName'),
      )
      .where('a.hostOrgId', '=', hostOrgId)
      .orderBy(sql`case when a.ended_on is null then 0 else 1 end`)
      .orderBy('a.startedOn', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
  }
  /** Closes the open assignment of a kind (ended_on = the day). */
  async closeAssignment(hostOrgId: string, kind: string, endedOn: string) {
    await this.db
      .updateTable('hostOrgAssignments')
      .set({ endedOn })
      .where('hostOrgId', '=', hostOrgId)
      .where('kind', '=', kind)
      .where('endedOn', 'is', null)
      .execute();
  }
  async openAssignment(id: string, row: AssignmentWrite) {
    await this.db
      .insertInto('hostOrgAssignments')
      .values({ id, ...row, endedOn: null, createdAt: nowIso() })
      .execute();
  }

  /** The ledger export: the next host organisations in scope after `afterId`, by id (issue 11). */
  async ledgerBatch(scope: HostOrgScope, afterId: string | null, limit: number): Promise<Selectable<HostOrgsTable>[]> {
    let q = scoped(this.db, scope).selectAll('hostOrgs');
    if (afterId) q = q.where('hostOrgs.id', '>', afterId);
    return q.orderBy('hostOrgs.id').limit(limit).execute();
  }
}
