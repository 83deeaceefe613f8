import { sql, type ExpressionBuilder, type RawBuilder, type Selectable } from 'kysely';
import { COVERAGE_FIGURES, type CoverageFigure, type HostOrgListQuery, type Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeMatch, likePattern, toInt, type LikePattern } from '../../db/portability';
import { prepare } from '../../db/prepared';
import { hostOrgScopeCondition, underScope } from '../../db/scope-sql';
import { decodeCursor, pageOfRows, updateVersioned } from '../../db/repo-helpers';
import type {
  DB,
  HostOrgAssignmentsTable,
  HostOrgCoverageStatsTable,
  HostOrgCrossPostsTable,
  HostOrgPartyMembersTable,
  HostOrgsTable,
} from '../../db/types';
import { nowIso } from '../../core/time';
import {
  applySummaryDelta,
  coverageSummarySelect,
  rebuildCoverageSummary,
  withSummaryDelta,
} from '../../db/dashboard-summaries';
import type { SubtreeScope } from '../../core/scope';
import type { HostOrgScope } from './host-orgs.policy';

export type HostOrgRow = Selectable<HostOrgsTable> & {
  /** 1 when the managing organisation lies in the caller's write scope (the page's `writable`). */
  managingWritable: number;
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
type HostOrgsEb = ExpressionBuilder<DB, 'hostOrgs'>;
const regionName = (eb: HostOrgsEb) =>
  eb.selectFrom('regions as r').whereRef('r.code', '=', 'hostOrgs.regionCode').select('r.name').as('regionName');
const partyOrgName = (eb: HostOrgsEb) =>
  eb.selectFrom('partyOrgs as p').whereRef('p.id', '=', 'hostOrgs.partyOrgId').select('p.name').as('partyOrgName');
const instructorName = (eb: HostOrgsEb) =>
  eb
    .selectFrom('instructors as i')
    .whereRef('i.id', '=', 'hostOrgs.instructorId')
    .select('i.name')
    .as('instructorName');

function withNames(query: ReturnType<typeof scoped>, writable: SubtreeScope | null) {
  return query.selectAll('hostOrgs').select((eb) => [
    // Whether the caller may update it (host-orgs.policy), decided in the statement that reads it.
    managingWritable(writable),
    regionName(eb),
    eb
      .selectFrom('partyOrgs as m')
      .whereRef('m.id', '=', 'hostOrgs.managingOrgId')
      .select('m.name')
      .as('managingOrgName'),
    partyOrgName(eb),
    instructorName(eb),
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

/** Whether the managing organisation lies in `writable` (the caller's update scope), as 1 or 0. */
const managingWritable = (writable: SubtreeScope | null) =>
  (writable
    ? sql<number>`case when ${underScope('hostOrgs.managingOrgId', writable)} then 1 else 0 end`
    : sql<number>`0`
  ).as('managingWritable');

/** A row of the list page: the table's columns (schemas `hostOrgListItem`), not the whole record. */
export type HostOrgListRow = Pick<
  HostOrgRow,
  | 'id'
  | 'name'
  | 'creditCode'
  | 'category'
  | 'type'
  | 'industry'
  | 'sizeClass'
  | 'regionCode'
  | 'regionName'
  | 'staffCount'
  | 'partyMemberCount'
  | 'coverageStatus'
  | 'partyOrgName'
  | 'instructorName'
  | 'managingWritable'
>;

/** One page, newest first: `limit + 1` rows after the cursor's id. */
const pageStatement = prepare(
  (db, p: { filter: Filter; writable: SubtreeScope | null; afterId: string | null; fetch: number }) => {
    let query = filtered(db, p.filter).select((eb) => [
      'hostOrgs.id',
      'hostOrgs.name',
      'hostOrgs.creditCode',
      'hostOrgs.category',
      'hostOrgs.type',
      'hostOrgs.industry',
      'hostOrgs.sizeClass',
      'hostOrgs.regionCode',
      'hostOrgs.staffCount',
      'hostOrgs.partyMemberCount',
      'hostOrgs.coverageStatus',
      regionName(eb),
      partyOrgName(eb),
      instructorName(eb),
      managingWritable(p.writable),
    ]);
    if (p.afterId) query = query.where('hostOrgs.id', '<', p.afterId);
    return query.orderBy('hostOrgs.id', 'desc').limit(p.fetch);
  },
);

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
export type CoverageCounts = {
  key: string | null;
  label: string | null;
  level: number | null;
  direct: number;
} & Record<CoverageFigure, number>;
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

/** `host_org_coverage_stats`: its key and the report's counters (issue 15, migration 0039). */
const COVERAGE_SUMMARY = {
  table: 'host_org_coverage_stats',
  key: [
    ['regionCode', 'region_code'],
    ['managingOrgId', 'managing_org_id'],
    ['partyParentId', 'party_parent_id'],
  ],
  counters: COVERAGE_FIGURES.map((f) => [f, f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] as const),
} as const;

/** A row of the coverage summary as read. */
export type CoverageSummaryRow = Selectable<HostOrgCoverageStatsTable>;

const toCoverageSummaryRow = (r: Record<string, unknown>): CoverageSummaryRow => ({
  regionCode: String(r.regionCode),
  managingOrgId: String(r.managingOrgId),
  partyParentId: String(r.partyParentId),
  ...(Object.fromEntries(COVERAGE_FIGURES.map((f) => [f, toInt(r[f])])) as Record<CoverageFigure, number>),
});

const coverageKey = (r: CoverageSummaryRow) => `${r.regionCode}|${r.managingOrgId}|${r.partyParentId}`;

async function coverageContributions(db: Executor, where: RawBuilder<unknown>): Promise<CoverageSummaryRow[]> {
  const r = await coverageSummarySelect(where).execute(db);
  return (r.rows as Record<string, unknown>[]).map(toCoverageSummaryRow);
}

/**
 * Runs `write` (which changes the host organisations `where` keeps, alias `h`, or the Party
 * organisations they name) and moves the coverage summary by the difference of their contributions
 * before and after, in the caller's transaction or one of its own. Every write of host_orgs goes
 * through it (the form, the ledger import) and a move of a Party organisation in the tree.
 */
export function withCoverageSummary<T>(
  db: Executor,
  where: RawBuilder<unknown>,
  write: (db: Executor) => Promise<T>,
): Promise<T> {
  return withSummaryDelta(
    db,
    (trx) => coverageContributions(trx, where),
    (trx, before, after) => applySummaryDelta(trx, COVERAGE_SUMMARY, before, after),
    write,
  );
}

export class HostOrgsRepository {
  constructor(private readonly db: Executor) {}

  /** The list's hot path is prepared (db/prepared.ts): built and compiled once per filter shape. */
  /** `writable`: the caller's write scope for the rows' `managingWritable`; null when they may not write. */
  async list(
    scope: HostOrgScope,
    q: HostOrgListQuery,
    writable: SubtreeScope | null = null,
  ): Promise<Page<HostOrgListRow>> {
    const rows = (await pageStatement.execute(this.db, {
      filter: filterOf(scope, q),
      writable,
      afterId: q.cursor ? decodeCursor(q.cursor).id : null,
      fetch: q.limit + 1,
    })) as HostOrgListRow[];
    return pageOfRows(rows, q.limit, (last) => last.id);
  }

  async count(scope: HostOrgScope, q: HostOrgListQuery): Promise<number> {
    return toInt((await countStatement.first(this.db, filterOf(scope, q)))?.n);
  }

  /** `writable` as for `list` (null: `managingWritable` is 0). */
  async get(scope: HostOrgScope, id: string, writable: SubtreeScope | null = null): Promise<HostOrgRow | undefined> {
    return (await withNames(scoped(this.db, scope).where('hostOrgs.id', '=', id), writable).executeTakeFirst()) as
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
    await withCoverageSummary(this.db, sql`h.id = ${id}`, async (db) => {
      await db
        .insertInto('hostOrgs')
        .values({ id, ...row, createdAt: now, updatedAt: now, createdBy: by })
        .execute();
    });
  }

  async update(id: string, version: number, row: HostOrgWrite) {
    await withCoverageSummary(this.db, sql`h.id = ${id}`, (db) =>
      updateVersioned(db, 'hostOrgs', { id }, version, row, { guard: (eb) => eb('deletedAt', 'is', null) }),
    );
  }

  /**
   * A Party organisation moves in the tree (the party-orgs service runs the move inside): the firms
   * whose own Party organisation it is change their key in the coverage summary.
   */
  aroundPartyOrgMove<T>(partyOrgId: string, move: () => Promise<T>): Promise<T> {
    return withCoverageSummary(this.db, sql`h.party_org_id = ${partyOrgId}`, () => move());
  }

  /** The coverage summary as stored (rows of zeros left out), in key order. */
  async coverageSummaryRows(): Promise<CoverageSummaryRow[]> {
    const r = await sql`select * from host_org_coverage_stats where total <> 0`.execute(this.db);
    return (r.rows as Record<string, unknown>[])
      .map(toCoverageSummaryRow)
      .sort((a, b) => coverageKey(a).localeCompare(coverageKey(b)));
  }

  /** The coverage summary recomputed from the host organisations (what `coverageSummaryRows` must equal). */
  async recomputedCoverageSummary(): Promise<CoverageSummaryRow[]> {
    return (await coverageContributions(this.db, sql`1 = 1`)).sort((a, b) =>
      coverageKey(a).localeCompare(coverageKey(b)),
    );
  }

  rebuildCoverageSummary(): Promise<void> {
    return rebuildCoverageSummary(this.db);
  }

  // ---- The ledger (issue 11) ----

  /**
   * The coverage figures per group, over the scope: one GROUP BY query. By region, for a scope of
   * subtrees (staff, secretaries, members; or everything), the per-region counts come from the
   * coverage summary (city scale, issue 15) — its rows whose managing organisation or Party
   * organisation's parent lies in the scope, plus the firms whose own Party organisation is one of the
   * scope's roots and neither of those (counted from the firms: a handful) — and otherwise from the
   * firms (`fromRows`; the specialist's and the enterprise's scopes, park and industry).
   */
  async coverage(
    scope: HostOrgScope,
    g: CoverageGrouping,
    opts: { fromRows?: boolean } = {},
  ): Promise<CoverageCounts[]> {
    const inRegion = (column: string) => {
      const code = g.regionCode;
      return code
        ? sql<boolean>`${sql.ref(column)} in (select ${sql.ref('rc.descendantCode')} from ${sql.table('regionClosure')} rc where ${sql.ref('rc.ancestorCode')} = ${code})`
        : sql<boolean>`1 = 1`;
    };
    const base = scoped(this.db, scope).where(inRegion('hostOrgs.regionCode'));
    let rows: Record<string, unknown>[];
    if (g.by === 'region') {
      // Counted per region of the organisations first (one pass over host_orgs), then each region's
      // counts summed into its ancestor at `level`: joining every organisation to each of its
      // ancestors cost a pass over organisations × levels (PostgreSQL: 28 ms at 2,000 organisations).
      const fromRows = base
        .groupBy('hostOrgs.regionCode')
        .select(['hostOrgs.regionCode as regionCode'])
        .select(FIGURES);
      const summarised = !opts.fromRows && (scope.all || (!scope.specialistUserId && scope.ownHostOrgIds.length === 0));
      const tree = scope.subtree;
      const fromSummary = this.db
        .selectFrom('hostOrgCoverageStats as s')
        .select('s.regionCode as regionCode')
        .select(COVERAGE_FIGURES.map((f) => sql<number>`sum(${sql.ref(`s.${f}`)})`.as(f)))
        .where(inRegion('s.regionCode'))
        .where(
          scope.all
            ? sql<boolean>`1 = 1`
            : sql<boolean>`(${underScope('s.managingOrgId', tree)} or ${underScope('s.partyParentId', tree)})`,
        )
        .groupBy('s.regionCode');
      // Firms whose own Party organisation is a root of the scope, reached by neither key column.
      const rootsOnly = this.db
        .selectFrom('hostOrgs')
        .leftJoin('partyOrgs as po', 'po.id', 'hostOrgs.partyOrgId')
        .where('hostOrgs.deletedAt', 'is', null)
        .where('hostOrgs.partyOrgId', 'in', tree.all ? [] : [...tree.orgIds])
        .where(sql<boolean>`not ${underScope('hostOrgs.managingOrgId', tree)}`)
        .where(sql<boolean>`(${sql.ref('po.parentId')} is null or not ${underScope('po.parentId', tree)})`)
        .where(inRegion('hostOrgs.regionCode'))
        .groupBy('hostOrgs.regionCode')
        .select(['hostOrgs.regionCode as regionCode'])
        .select(FIGURES);
      const perRegion = !summarised
        ? fromRows
        : scope.all || tree.all || tree.orgIds.length === 0
          ? fromSummary
          : fromSummary.unionAll(rootsOnly);
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
