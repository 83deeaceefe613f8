import { sql, type ExpressionBuilder, type RawBuilder, type Selectable } from 'kysely';
import {
  applySummaryDelta,
  demandMonthlySummarySelect,
  demandSummarySelect,
  rebuildDemandSummaries,
  withSummaryDelta,
  type SummarySpec,
} from '../../db/dashboard-summaries';
import {
  FACTOR_CATEGORIES,
  OPEN_DEMAND_STATUSES,
  type DemandCategoryGroup,
  type DemandMeasure,
  type Page,
} from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { dialectOf, likeContains, toBool, toInt } from '../../db/portability';
import { orgInScope, pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import { underScope } from '../../db/scope-sql';
import type { DB, DemandRoutesTable, DemandsTable } from '../../db/types';
import { isEmptyScope, type SubtreeScope } from '../../core/scope';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, wholeMonths } from '../../core/time';
import type { CalendarOverride } from '../../core/workdays';
import type { DemandScope } from './demands.policy';

export type DemandRow = Selectable<DemandsTable> & {
  hostOrgName: string;
  hostOrgRegionCode: string;
  managingOrgId: string;
  leadDepartmentName: string | null;
  challengeTitle: string | null;
  challengeStatus: string | null;
};

/** An overdue demand with the firm's leader contact (联系领导), if one is named. */
export type OverdueRow = DemandRow & { leaderContactUserId: string | null; leaderContactName: string | null };

/** A demand about to be posted to the challenge board, with the county 社工部 node over its firm. */
export interface BoardCandidateRow {
  id: string;
  title: string;
  status: string;
  challengeId: string | null;
  managingOrgId: string;
  /** The nearest 社工部 node at or above the firm's managing organisation (its county). */
  countyOrgId: string | null;
  version: number;
}

/** A demand as the evidence of a challenge. */
export interface EvidenceRow {
  id: string;
  challengeId: string;
  title: string;
  hostOrgName: string;
  category: string;
  status: string;
}

export interface DepartmentRow {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  active: boolean;
  version: number;
}

export type RouteRow = Selectable<DemandRoutesTable> & { orgName: string; departmentName: string };

export interface HostOrgFacts {
  id: string;
  name: string;
  managingOrgId: string;
  specialistUserId: string | null;
}

export interface DemandFilter {
  status?: string;
  category?: string;
  categoryGroup?: DemandCategoryGroup;
  open?: boolean;
  /** The firm's managing Party organisation is this one or below it. */
  orgId?: string;
  departmentId?: string;
  hostOrgId?: string;
  overdue?: boolean;
  measure?: DemandMeasure;
  from?: string;
  to?: string;
  q?: string;
}

type DemandEB = ExpressionBuilder<DB & { d: DemandsTable; h: DB['hostOrgs'] }, 'd' | 'h'>;

/**
 * The record conditions behind the figures (ARCHITECTURE.md "Demand figures"): the list filter
 * `measure` and the statistics count the same rows. `today` is the Asia/Shanghai business date.
 */
function measureCondition(eb: DemandEB, m: DemandMeasure, today: string) {
  switch (m) {
    case 'sign_due':
      return eb.or([eb('d.signDueOn', '<', today), eb('d.acceptedOn', 'is not', null)]);
    case 'signed_on_time':
      return eb.and([eb('d.acceptedOn', 'is not', null), eb('d.acceptedOn', '<=', eb.ref('d.signDueOn'))]);
    case 'resolved':
      return eb('d.resolvedAt', 'is not', null);
    case 'rated':
      return eb('d.ratedAt', 'is not', null);
    case 'satisfied':
      return eb.and([eb('d.ratedAt', 'is not', null), eb('d.rating', 'in', ['satisfied', 'basic'])]);
  }
}

/** The step now overdue: not signed by the sign date, not answered by the reply date, not resolved in time. */
function overdueCondition(eb: DemandEB, today: string) {
  return eb.or([
    eb.and([eb('d.status', '=', 'received'), eb('d.signDueOn', '<', today)]),
    eb.and([eb('d.status', '=', 'accepted'), eb('d.replyDueOn', '<', today)]),
    eb.and([eb('d.status', '=', 'in_progress'), eb('d.resolveDueOn', '<', today)]),
  ]);
}

// ——— the daily summary behind the dashboard's demand figures (issue 15, migration 0035) ———

const DEMAND_SUMMARY_COUNTERS = ['n', 'resolved', 'accepted', 'signedOnTime', 'rated', 'satisfied'] as const;
type DemandSummaryCounter = (typeof DEMAND_SUMMARY_COUNTERS)[number];

/** A row of `demand_daily_stats` (or of the monthly roll-up): the key (managing organisation, received date, category, sign-off date) and the counts. */
export type DemandSummaryRow = {
  managingOrgId: string;
  receivedOn: string;
  category: string;
  signDueOn: string;
} & Record<DemandSummaryCounter, number>;

function toSummaryRow(r: Record<string, unknown>): DemandSummaryRow {
  return {
    managingOrgId: String(r.managingOrgId),
    receivedOn: String(r.receivedOn),
    category: String(r.category),
    signDueOn: String(r.signDueOn),
    n: toInt(r.n),
    resolved: toInt(r.resolved),
    accepted: toInt(r.accepted),
    signedOnTime: toInt(r.signedOnTime),
    rated: toInt(r.rated),
    satisfied: toInt(r.satisfied),
  };
}

/** The demand columns the summary's key and counters read (a patch without them leaves it unchanged). */
const SUMMARISED_DEMAND_COLUMNS = new Set([
  'hostOrgId',
  'receivedOn',
  'category',
  'signDueOn',
  'acceptedOn',
  'resolvedAt',
  'ratedAt',
  'rating',
]);

const summaryKey = (r: DemandSummaryRow) => `${r.managingOrgId}|${r.receivedOn}|${r.category}|${r.signDueOn}`;
const sortSummary = (rows: DemandSummaryRow[]) => rows.sort((a, b) => summaryKey(a).localeCompare(summaryKey(b)));

/**
 * The two demand summaries' rows: daily (`receivedOn` the day received) and the monthly roll-up
 * (`receivedOn` the first day of the month received; a signed demand keyed without its sign-off date).
 */
export interface DemandSummaries {
  daily: DemandSummaryRow[];
  monthly: DemandSummaryRow[];
}

/** A demand summary's table, key and counters (`receivedOn` is stored in `day`: the month's first day in the roll-up). */
const demandSummarySpec = (table: string, day: string): SummarySpec => ({
  table,
  key: [
    ['managingOrgId', 'managing_org_id'],
    ['receivedOn', day],
    ['category', 'category'],
    ['signDueOn', 'sign_due_on'],
  ],
  counters: DEMAND_SUMMARY_COUNTERS.map((c) => [c, c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)] as const),
});

const SUMMARY_SPECS: Record<keyof DemandSummaries, SummarySpec> = {
  daily: demandSummarySpec('demand_daily_stats', 'received_on'),
  monthly: demandSummarySpec('demand_monthly_stats', 'received_month'),
};

export class DemandsRepository {
  constructor(private readonly db: Executor) {}

  // ——— working-day calendar overrides ———

  async calendarOverrides(): Promise<Map<string, CalendarOverride>> {
    const rows = await this.db.selectFrom('workCalendarDays').select(['date', 'kind']).execute();
    return new Map(rows.map((r) => [String(r.date), r.kind as CalendarOverride]));
  }

  async calendarYear(year: number) {
    return this.db
      .selectFrom('workCalendarDays')
      .select(['date', 'kind', 'name'])
      .where('year', '=', year)
      .orderBy('date')
      .execute();
  }

  /** Replaces a year's overrides with `days`. */
  async replaceCalendarYear(
    year: number,
    days: { date: string; kind: string; name: string }[],
    userId: string,
  ): Promise<void> {
    await this.db.deleteFrom('workCalendarDays').where('year', '=', year).execute();
    const now = nowIso();
    if (days.length)
      await this.db
        .insertInto('workCalendarDays')
        .values(days.map((d) => ({ ...d, year, updatedAt: now, updatedBy: userId })))
        .execute();
  }

  // ——— departments ———

  private departments() {
    return this.db
      .selectFrom('departments as dp')
      .innerJoin('partyOrgs as o', 'o.id', 'dp.orgId')
      .select(['dp.id', 'dp.name', 'dp.orgId', 'o.name as orgName', 'dp.active', 'dp.version']);
  }

  private static department(r: {
    id: string;
    name: string;
    orgId: string;
    orgName: string;
    active: number;
    version: number;
  }): DepartmentRow {
    return { ...r, active: toBool(r.active) };
  }

  async listDepartments(
    scope: SubtreeScope,
    f: { orgId?: string; active?: boolean; limit: number; cursor?: string },
  ): Promise<Page<DepartmentRow>> {
    let q = this.departments().where(underScope('dp.orgId', scope));
    if (f.orgId) q = q.where('dp.orgId', '=', f.orgId);
    if (f.active !== undefined) q = q.where('dp.active', '=', f.active ? 1 : 0);
    const page = await pageByIdDesc(q, 'dp.id', f);
    return { ...page, items: page.items.map(DemandsRepository.department) };
  }

  async getDepartment(scope: SubtreeScope, id: string): Promise<DepartmentRow | undefined> {
    const r = await this.departments().where('dp.id', '=', id).where(underScope('dp.orgId', scope)).executeTakeFirst();
    return r ? DemandsRepository.department(r) : undefined;
  }

  async departmentNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async insertDepartment(row: { id: string; name: string; orgId: string; active: boolean; createdBy: string }) {
    const now = nowIso();
    await this.db
      .insertInto('departments')
      .values({ ...row, active: row.active ? 1 : 0, createdAt: now, updatedAt: now })
      .execute();
  }

  async updateDepartment(id: string, version: number, patch: { name: string; orgId: string; active: boolean }) {
    await updateVersioned(this.db, 'departments', { id }, version, { ...patch, active: patch.active ? 1 : 0 });
  }

  async setMembers(departmentId: string, userIds: readonly string[]) {
    await this.db.deleteFrom('departmentMembers').where('departmentId', '=', departmentId).execute();
    const unique = [...new Set(userIds)];
    if (unique.length)
      await this.db
        .insertInto('departmentMembers')
        .values(unique.map((userId) => ({ departmentId, userId })))
        .execute();
  }

  /** Members of each department, with display names. */
  async membersOf(ids: readonly string[]): Promise<Map<string, { userId: string; displayName: string }[]>> {
    const out = new Map<string, { userId: string; displayName: string }[]>();
    if (!ids.length) return out;
    const rows = await this.db
      .selectFrom('departmentMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['m.departmentId', 'm.userId', 'u.displayName'])
      .where('m.departmentId', 'in', [...ids])
      .orderBy('u.displayName')
      .execute();
    for (const r of rows) {
      const list = out.get(r.departmentId) ?? [];
      list.push({ userId: r.userId, displayName: r.displayName });
      out.set(r.departmentId, list);
    }
    return out;
  }

  /** The departments the user handles for. */
  async departmentsOfUser(userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('departmentMembers')
      .select('departmentId')
      .where('userId', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.departmentId));
  }

  async handlerIds(departmentIds: readonly string[]): Promise<string[]> {
    if (!departmentIds.length) return [];
    const rows = await this.db
      .selectFrom('departmentMembers')
      .select('userId')
      .where('departmentId', 'in', [...departmentIds])
      .execute();
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Which of these users hold a handler binding (department members must be handlers). */
  async handlersAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.db
      .selectFrom('roleBindings')
      .select('userId')
      .where('role', '=', 'handler')
      .where('userId', 'in', [...userIds])
      .execute();
    return new Set(rows.map((r) => r.userId));
  }

  // ——— routes ———

  private routes() {
    return this.db
      .selectFrom('demandRoutes as r')
      .innerJoin('partyOrgs as o', 'o.id', 'r.orgId')
      .innerJoin('departments as dp', 'dp.id', 'r.departmentId')
      .selectAll('r')
      .select(['o.name as orgName', 'dp.name as departmentName']);
  }

  async listRoutes(
    scope: SubtreeScope,
    f: { orgId?: string; limit: number; cursor?: string },
  ): Promise<Page<RouteRow>> {
    let q = this.routes().where(underScope('r.orgId', scope));
    if (f.orgId) q = q.where('r.orgId', '=', f.orgId);
    return (await pageByIdDesc(q, 'r.id', f)) as Page<RouteRow>;
  }

  async getRoute(scope: SubtreeScope, id: string): Promise<RouteRow | undefined> {
    return (await this.routes().where('r.id', '=', id).where(underScope('r.orgId', scope)).executeTakeFirst()) as
      RouteRow | undefined;
  }

  async routeExists(orgId: string, category: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom('demandRoutes').select('id').where('orgId', '=', orgId).where('category', '=', category);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return !!(await q.executeTakeFirst());
  }

  async insertRoute(row: Omit<Selectable<DemandRoutesTable>, 'version' | 'createdAt' | 'updatedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('demandRoutes')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async updateRoute(
    id: string,
    version: number,
    patch: Omit<Selectable<DemandRoutesTable>, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy'>,
  ) {
    await updateVersioned(this.db, 'demandRoutes', { id }, version, patch);
  }

  /**
   * The route for a firm's category: among routes of the category set on the firm's managing
   * organisation or one above it (the county's node), the nearest; only active departments.
   */
  async findRoute(managingOrgId: string, category: string) {
    return this.db
      .selectFrom('demandRoutes as r')
      .innerJoin('orgClosure as oc', 'oc.ancestorId', 'r.orgId')
      .innerJoin('departments as dp', 'dp.id', 'r.departmentId')
      .select(['r.departmentId', 'r.signDays', 'r.replyDays', 'r.resolveDays'])
      .where('oc.descendantId', '=', managingOrgId)
      .where('r.category', '=', category)
      .where('dp.active', '=', 1)
      .orderBy('oc.depth', 'asc')
      .executeTakeFirst();
  }

  /** Whether a Party organisation lies in the scope. */
  orgInScope(scope: SubtreeScope, orgId: string): Promise<boolean> {
    return orgInScope(this.db, scope, orgId);
  }

  // ——— firms (read only: the host-orgs module owns them) ———

  async hostOrgFacts(id: string): Promise<HostOrgFacts | undefined> {
    return this.db
      .selectFrom('hostOrgs')
      .select(['id', 'name', 'managingOrgId', 'specialistUserId'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  /** The firm of a visit (read only: the visits module owns them). */
  async visitFirm(visitId: string): Promise<string | null> {
    const r = await this.db.selectFrom('visits').select('hostOrgId').where('id', '=', visitId).executeTakeFirst();
    return r?.hostOrgId ?? null;
  }

  /** Staff bound on the firm's managing organisation or above it (escalations go to them). */
  async staffOver(orgId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('roleBindings as b')
      .innerJoin('orgClosure as oc', 'oc.ancestorId', 'b.orgId')
      .select('b.userId')
      .where('b.role', '=', 'staff')
      .where('oc.descendantId', '=', orgId)
      .execute();
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** The enterprise contacts bound to a firm. */
  async contactsOf(hostOrgId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('roleBindings')
      .select('userId')
      .where('role', '=', 'contact')
      .where('hostOrgId', '=', hostOrgId)
      .execute();
    return [...new Set(rows.map((r) => r.userId))];
  }

  // ——— demands ———

  private base() {
    return this.db
      .selectFrom('demands as d')
      .innerJoin('hostOrgs as h', 'h.id', 'd.hostOrgId')
      .leftJoin('departments as ld', 'ld.id', 'd.leadDepartmentId')
      .leftJoin('challenges as ch', 'ch.id', 'd.challengeId')
      .selectAll('d')
      .select([
        'h.name as hostOrgName',
        'h.regionCode as hostOrgRegionCode',
        'h.managingOrgId',
        'ld.name as leadDepartmentName',
        'ch.title as challengeTitle',
        'ch.status as challengeStatus',
      ]);
  }

  private scoped(scope: DemandScope) {
    const q = this.base();
    if (scope.all) return q;
    return q.where((eb) => {
      const ors = [];
      if (!isEmptyScope(scope.staff)) ors.push(underScope('h.managingOrgId', scope.staff));
      if (scope.handlerUserId)
        ors.push(
          eb(
            'd.id',
            'in',
            eb
              .selectFrom('demandDepartments as sdd')
              .innerJoin('departmentMembers as sm', 'sm.departmentId', 'sdd.departmentId')
              .select('sdd.demandId')
              .where('sm.userId', '=', scope.handlerUserId),
          ),
        );
      if (scope.specialistUserId) ors.push(eb('h.specialistUserId', '=', scope.specialistUserId));
      if (scope.ownHostOrgIds.length) ors.push(eb('d.hostOrgId', 'in', scope.ownHostOrgIds));
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }

  private filtered(scope: DemandScope, f: DemandFilter, today: string) {
    let q = this.scoped(scope);
    if (f.status) q = q.where('d.status', '=', f.status);
    if (f.category) q = q.where('d.category', '=', f.category);
    if (f.categoryGroup === 'factor') q = q.where('d.category', 'in', [...FACTOR_CATEGORIES]);
    if (f.open !== undefined)
      q = f.open
        ? q.where('d.status', 'in', [...OPEN_DEMAND_STATUSES])
        : q.where('d.status', 'not in', [...OPEN_DEMAND_STATUSES]);
    if (f.orgId) q = q.where(underScope('h.managingOrgId', { all: false, orgIds: [f.orgId] }));
    if (f.hostOrgId) q = q.where('d.hostOrgId', '=', f.hostOrgId);
    if (f.departmentId) {
      const dep = f.departmentId;
      q = q.where((eb) =>
        eb(
          'd.id',
          'in',
          eb
            .selectFrom('demandDepartments as fdd')
            .select('fdd.demandId')
            .where('fdd.departmentId', '=', dep)
            .where('fdd.active', '=', 1),
        ),
      );
    }
    if (f.overdue !== undefined) {
      q = f.overdue
        ? q.where((eb) => overdueCondition(eb as unknown as DemandEB, today))
        : q.where((eb) => eb.not(overdueCondition(eb as unknown as DemandEB, today)));
    }
    if (f.measure) {
      const m = f.measure;
      q = q.where((eb) => measureCondition(eb as unknown as DemandEB, m, today));
    }
    if (f.from) q = q.where('d.receivedOn', '>=', f.from);
    if (f.to) q = q.where('d.receivedOn', '<=', f.to);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([
          likeContains(this.db, 'd.title', text),
          likeContains(this.db, 'd.description', text),
          likeContains(this.db, 'h.name', text),
        ]),
      );
    }
    return q;
  }

  /** How many demands the list with the same filter holds (the home's figures and bound indicators link to that list). */
  async count(scope: DemandScope, f: DemandFilter, today: string): Promise<number> {
    const r = await this.filtered(scope, f, today)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  async list(
    scope: DemandScope,
    f: DemandFilter & { limit: number; cursor?: string },
    today: string,
  ): Promise<Page<DemandRow>> {
    return (await pageByIdDesc(this.filtered(scope, f, today), 'd.id', f)) as Page<DemandRow>;
  }

  async exportRows(scope: DemandScope, f: DemandFilter, today: string): Promise<DemandRow[]> {
    return (await this.filtered(scope, f, today).orderBy('d.id', 'desc').limit(10000).execute()) as DemandRow[];
  }

  /** Demands raised by these visits, in the scope, oldest first. */
  async ofVisits(scope: DemandScope, visitIds: readonly string[]) {
    if (visitIds.length === 0) return [];
    const rows = await this.scoped(scope)
      .where('d.visitId', 'in', [...new Set(visitIds)])
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({ ...r, visitId: r.visitId! }));
  }

  /** Open demands (OPEN_DEMAND_STATUSES) per firm, in the scope: the list's `open` filter, counted. */
  async openCounts(scope: DemandScope, hostOrgIds: readonly string[]): Promise<Map<string, number>> {
    if (hostOrgIds.length === 0) return new Map();
    const rows = await this.scoped(scope)
      .clearSelect()
      .select(['d.hostOrgId'])
      .select((eb) => eb.fn.countAll().as('n'))
      .where('d.hostOrgId', 'in', [...new Set(hostOrgIds)])
      .where('d.status', 'in', [...OPEN_DEMAND_STATUSES])
      .groupBy('d.hostOrgId')
      .execute();
    return new Map(rows.map((r) => [r.hostOrgId, toInt(r.n)]));
  }

  async idsIn(scope: DemandScope, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.scoped(scope)
      .clearSelect()
      .select('d.id')
      .where('d.id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async get(scope: DemandScope, id: string): Promise<DemandRow | undefined> {
    return (await this.scoped(scope).where('d.id', '=', id).executeTakeFirst()) as DemandRow | undefined;
  }

  /** A new demand, counted in the daily summary in the same transaction. */
  async insert(row: Omit<Selectable<DemandsTable>, 'version' | 'createdAt' | 'updatedAt' | 'reopenedCount'>) {
    const now = nowIso();
    await this.withSummary([row.id], async (db) => {
      await db
        .insertInto('demands')
        .values({ ...row, createdAt: now, updatedAt: now })
        .execute();
    });
  }

  /** A versioned update; when it touches a summarised column, the daily summary moves with it (same transaction). */
  async update(id: string, version: number, patch: Partial<Omit<Selectable<DemandsTable>, 'id' | 'version'>>) {
    const write = (db: Executor) => updateVersioned(db, 'demands', { id }, version, patch);
    if (Object.keys(patch).some((k) => SUMMARISED_DEMAND_COLUMNS.has(k))) await this.withSummary([id], write);
    else await write(this.db);
  }

  /** Marks the current step escalated once (guarded, so two runs mark it once). */
  async markEscalated(id: string, step: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('demands')
      .set({ escalatedAt: at, escalatedStep: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('escalatedStep', 'is', null), eb('escalatedStep', '!=', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Demands whose current step is past its due date (all scopes: the job runs as the system), with
   * the firm's leader contact (host_orgs.leader_contact_user_id, read here, not through host-orgs).
   */
  async overdue(today: string): Promise<OverdueRow[]> {
    return (await this.base()
      .leftJoin('users as lc', 'lc.id', 'h.leaderContactUserId')
      .select(['h.leaderContactUserId as leaderContactUserId', 'lc.displayName as leaderContactName'])
      .where('d.status', 'in', ['received', 'accepted', 'in_progress'])
      .where((eb) => overdueCondition(eb as unknown as DemandEB, today))
      .orderBy('d.id')
      .execute()) as OverdueRow[];
  }

  // ——— the challenge board (揭榜) ———

  /** The demands to post, with the county 社工部 node (nearest `sw_dept` at or above) over each firm. */
  async boardCandidates(ids: readonly string[]): Promise<BoardCandidateRow[]> {
    if (!ids.length) return [];
    return this.db
      .selectFrom('demands as d')
      .innerJoin('hostOrgs as h', 'h.id', 'd.hostOrgId')
      .select((eb) => [
        'd.id',
        'd.title',
        'd.status',
        'd.challengeId',
        'd.version',
        'h.managingOrgId',
        eb
          .selectFrom('orgClosure as bc')
          .innerJoin('partyOrgs as bo', 'bo.id', 'bc.ancestorId')
          .select('bo.id')
          .whereRef('bc.descendantId', '=', 'h.managingOrgId')
          .where('bo.type', '=', 'sw_dept')
          .orderBy('bc.depth', 'asc')
          .limit(1)
          .as('countyOrgId'),
      ])
      .where('d.id', 'in', [...ids])
      .orderBy('d.id')
      .execute();
  }

  /**
   * Links the demands to a challenge, each only while it is on none (so two staff posting the same
   * demand at once link it once: the other gets DEMAND_ON_CHALLENGE and its transaction rolls back).
   */
  async linkChallenge(ids: readonly string[], challengeId: string): Promise<void> {
    const r = await this.db
      .updateTable('demands')
      .set((eb) => ({ challengeId, version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('id', 'in', [...ids])
      .where('challengeId', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== ids.length) throw new AppError('DEMAND_ON_CHALLENGE');
  }

  /** How many demands back each challenge. */
  async evidenceCounts(challengeIds: readonly string[]): Promise<Map<string, number>> {
    if (!challengeIds.length) return new Map();
    const rows = await this.db
      .selectFrom('demands')
      .select((eb) => ['challengeId', eb.fn.countAll().as('n')])
      .where('challengeId', 'in', [...challengeIds])
      .groupBy('challengeId')
      .execute();
    return new Map(rows.map((r) => [r.challengeId!, toInt(r.n)]));
  }

  /** The evidence demands of the challenges that the scope reads. */
  async evidenceIn(scope: DemandScope, challengeIds: readonly string[]): Promise<EvidenceRow[]> {
    if (!challengeIds.length) return [];
    const rows = await this.scoped(scope)
      .clearSelect()
      .select(['d.id', 'd.challengeId', 'd.title', 'h.name as hostOrgName', 'd.category', 'd.status'])
      .where('d.challengeId', 'in', [...challengeIds])
      .orderBy('d.id')
      .execute();
    return rows as EvidenceRow[];
  }

  /** The demands of a challenge not yet resolved (all scopes: the project's completion resolves them). */
  async openOnChallenge(challengeId: string, statuses: readonly string[]): Promise<DemandRow[]> {
    return (await this.base()
      .where('d.challengeId', '=', challengeId)
      .where('d.status', 'in', [...statuses])
      .orderBy('d.id')
      .execute()) as DemandRow[];
  }

  // ——— departments on a demand ———

  async addDepartments(demandId: string, entries: { departmentId: string; role: 'lead' | 'assist' }[]) {
    if (!entries.length) return;
    const now = nowIso();
    await this.db
      .insertInto('demandDepartments')
      .values(entries.map((e) => ({ id: newId(), demandId, ...e, active: 1, createdAt: now })))
      .execute();
  }

  /** Ends the current departments of a role (kept as history: a past handler still reads the demand). */
  async endDepartments(demandId: string, role: 'lead' | 'assist') {
    await this.db
      .updateTable('demandDepartments')
      .set({ active: 0 })
      .where('demandId', '=', demandId)
      .where('role', '=', role)
      .execute();
  }

  async assistsOf(demandIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
    const out = new Map<string, { id: string; name: string }[]>();
    if (!demandIds.length) return out;
    const rows = await this.db
      .selectFrom('demandDepartments as dd')
      .innerJoin('departments as dp', 'dp.id', 'dd.departmentId')
      .select(['dd.demandId', 'dp.id', 'dp.name'])
      .where('dd.demandId', 'in', [...demandIds])
      .where('dd.role', '=', 'assist')
      .where('dd.active', '=', 1)
      .orderBy('dd.id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.demandId) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.demandId, list);
    }
    return out;
  }

  // ——— timeline ———

  async addEvent(e: {
    demandId: string;
    kind: string;
    actorId: string | null;
    actorName: string | null;
    note?: string | null;
    fromDepartmentId?: string | null;
    toDepartmentId?: string | null;
  }) {
    await this.db
      .insertInto('demandEvents')
      .values({
        id: newId(),
        demandId: e.demandId,
        kind: e.kind,
        actorId: e.actorId,
        actorName: e.actorName,
        note: e.note ?? null,
        fromDepartmentId: e.fromDepartmentId ?? null,
        toDepartmentId: e.toDepartmentId ?? null,
        at: nowIso(),
      })
      .execute();
  }

  async events(demandId: string) {
    return this.db
      .selectFrom('demandEvents as e')
      .leftJoin('departments as fd', 'fd.id', 'e.fromDepartmentId')
      .leftJoin('departments as td', 'td.id', 'e.toDepartmentId')
      .select([
        'e.id',
        'e.kind',
        'e.actorName',
        'e.note',
        'fd.name as fromDepartmentName',
        'td.name as toDepartmentName',
        'e.at',
      ])
      .where('e.demandId', '=', demandId)
      .orderBy('e.id')
      .execute();
  }

  // ——— figures ———

  /**
   * The figures per group (lead department or the firm's region), counted in SQL with the same
   * conditions as the list's `measure` filter.
   */
  async stats(
    scope: DemandScope,
    f: { groupBy: 'department' | 'region' | null; from?: string; to?: string },
    today: string,
  ) {
    const hours = (col: 'd.firstReplyAt' | 'd.resolvedAt') =>
      dialectOf(this.db) === 'postgres'
        ? sql<number | null>`avg(extract(epoch from (${sql.ref(col)} - ${sql.ref('d.createdAt')})) / 3600.0)`
        : sql<number | null>`avg((julianday(${sql.ref(col)}) - julianday(${sql.ref('d.createdAt')})) * 24.0)`;
    const count = (eb: DemandEB, m: DemandMeasure) =>
      eb.fn.sum<number>(
        eb
          .case()
          .when(measureCondition(eb, m, today))
          .then(1)
          .else(0)
          .end(),
      );
    const q = this.filtered(scope, { from: f.from, to: f.to }, today)
      .clearSelect()
      .leftJoin('regions as rg', 'rg.code', 'h.regionCode')
      .select((eb0) => {
        const eb = eb0 as unknown as DemandEB;
        return [
          eb0.fn.countAll<number>().as('total'),
          count(eb, 'sign_due').as('signDue'),
          count(eb, 'signed_on_time').as('signedOnTime'),
          count(eb, 'resolved').as('resolved'),
          count(eb, 'rated').as('rated'),
          count(eb, 'satisfied').as('satisfied'),
          hours('d.firstReplyAt').as('hoursToFirstReply'),
          hours('d.resolvedAt').as('hoursToResolution'),
        ];
      });
    const grouped =
      f.groupBy === null
        ? q.select([sql<string | null>`null`.as('key'), sql<string | null>`null`.as('name')])
        : f.groupBy === 'department'
          ? q.select(['d.leadDepartmentId as key', 'ld.name as name']).groupBy(['d.leadDepartmentId', 'ld.name'])
          : q.select(['h.regionCode as key', 'rg.name as name']).groupBy(['h.regionCode', 'rg.name']);
    const rows = await grouped.execute();
    return rows.map((r) => ({
      key: (r.key as string | null) ?? '',
      name: (r.name as string | null) ?? '',
      total: toInt(r.total),
      signDue: toInt(r.signDue),
      signedOnTime: toInt(r.signedOnTime),
      resolved: toInt(r.resolved),
      rated: toInt(r.rated),
      satisfied: toInt(r.satisfied),
      hoursToFirstReply: r.hoursToFirstReply === null ? null : Number(r.hoursToFirstReply),
      hoursToResolution: r.hoursToResolution === null ? null : Number(r.hoursToResolution),
    }));
  }
  // ——— the summaries (demand_daily_stats and its monthly roll-up demand_monthly_stats, issue 15) ———

  /** The summary rows, daily and monthly, the demands `where` keeps contribute (grouped by each summary's key). */
  private async contributions(where: RawBuilder<unknown>): Promise<DemandSummaries> {
    const daily = await demandSummarySelect(where).execute(this.db);
    const monthly = await demandMonthlySummarySelect(dialectOf(this.db), where).execute(this.db);
    return {
      daily: (daily.rows as Record<string, unknown>[]).map(toSummaryRow),
      monthly: (monthly.rows as Record<string, unknown>[]).map(toSummaryRow),
    };
  }

  /**
   * Runs `write` (which changes the demands `ids`) and moves both summaries by the difference of
   * their contributions before and after, in the caller's transaction (or one of its own): each
   * counter changes by one atomic `n = n + δ` upsert, so concurrent writes to the same day add up.
   */
  private async withSummary(ids: readonly string[], write: (db: Executor) => Promise<void>): Promise<void> {
    const where = sql`d.id in (${sql.join([...ids])})`;
    await withSummaryDelta(
      this.db,
      (db) => new DemandsRepository(db).contributions(where),
      (db, before, after) => new DemandsRepository(db).applySummaries(before, after),
      write,
    );
  }

  private async applySummaries(before: DemandSummaries, after: DemandSummaries) {
    await this.applySummary('daily', before.daily, after.daily);
    await this.applySummary('monthly', before.monthly, after.monthly);
  }

  /** Adds `after` and subtracts `before` (rows keyed alike) in one summary, removing rows that fall to zero. */
  private applySummary(
    summary: keyof DemandSummaries,
    before: readonly DemandSummaryRow[],
    after: readonly DemandSummaryRow[],
  ): Promise<void> {
    return applySummaryDelta(this.db, SUMMARY_SPECS[summary], before, after);
  }

  /**
   * A firm moved to another managing organisation (the host-orgs service calls this in the move's
   * transaction, before or after the firm's row changes): its demands' summary rows move with it.
   */
  async moveHostOrgInSummary(hostOrgId: string, fromOrgId: string, toOrgId: string): Promise<void> {
    if (fromOrgId === toOrgId) return;
    const rows = await this.contributions(sql`d.host_org_id = ${hostOrgId}`);
    const moved = (to: string) => ({
      daily: rows.daily.map((r) => ({ ...r, managingOrgId: to })),
      monthly: rows.monthly.map((r) => ({ ...r, managingOrgId: to })),
    });
    await this.applySummaries(moved(fromOrgId), moved(toOrgId));
  }

  /** Every row of both summaries as stored (zero rows left out), in key order. */
  async summaryRows(): Promise<DemandSummaries> {
    const daily = await this.db.selectFrom('demandDailyStats').selectAll().where('n', '>', 0).execute();
    const monthly = await this.db
      .selectFrom('demandMonthlyStats')
      .selectAll()
      .select('receivedMonth as receivedOn')
      .where('n', '>', 0)
      .execute();
    return {
      daily: sortSummary(daily.map((r) => toSummaryRow(r))),
      monthly: sortSummary(monthly.map((r) => toSummaryRow(r))),
    };
  }

  /** Both summaries recomputed from the demands, from scratch (what `summaryRows` must equal), in key order. */
  async recomputedSummary(): Promise<DemandSummaries> {
    const rows = await this.contributions(sql`1 = 1`);
    return { daily: sortSummary(rows.daily), monthly: sortSummary(rows.monthly) };
  }

  /** Rebuilds both summaries from the demands (in the caller's transaction, if any). */
  rebuildSummary(): Promise<void> {
    return rebuildDemandSummaries(this.db);
  }

  /**
   * Figures (each the list's `measure`, `category`, `categoryGroup` over received dates) for several
   * organisations at once, in one statement summed from the summaries over the period (the monthly
   * roll-up for its whole months, the daily rows for the days around them) and the managing
   * organisations under each: what `count` counts from the demands for each, a few hundred small
   * rows instead of every demand of the period. `today` decides `sign_due` as the list does.
   * Gives, per organisation, each figure's value by its `key`.
   */
  async summaryUnderOrgs(
    figures: readonly ({ key: string } & Pick<DemandFilter, 'measure' | 'category' | 'categoryGroup'>)[],
    period: { from: string; to: string },
    orgIds: readonly string[],
    today: string,
  ): Promise<Map<string, Map<string, number>>> {
    if (orgIds.length === 0 || figures.length === 0) return new Map();
    const col = (c: string) => sql.ref(`s.${c}`);
    const measure: Record<DemandMeasure | 'received', RawBuilder<number>> = {
      received: sql<number>`${col('n')}`,
      resolved: sql<number>`${col('resolved')}`,
      rated: sql<number>`${col('rated')}`,
      satisfied: sql<number>`${col('satisfied')}`,
      signed_on_time: sql<number>`${col('signedOnTime')}`,
      sign_due: sql<number>`${col('accepted')} + case when ${col('signDueOn')} < ${today} then ${col('n')} - ${col('accepted')} else 0 end`,
    };
    const sums = figures.map((f, i) => {
      const value = measure[f.measure ?? 'received'];
      const cond = f.category
        ? sql`${col('category')} = ${f.category}`
        : f.categoryGroup === 'factor'
          ? sql`${col('category')} in (${sql.join([...FACTOR_CATEGORIES])})`
          : null;
      return (cond ? sql<number>`sum(case when ${cond} then ${value} else 0 end)` : sql<number>`sum(${value})`).as(
        `f${i}`,
      );
    });
    // The period's whole months from the monthly roll-up, the days around them from the daily rows.
    const { months, days } = wholeMonths(period.from, period.to);
    const columns = ['managingOrgId', 'category', 'signDueOn', ...DEMAND_SUMMARY_COUNTERS] as const;
    const daily = this.db
      .selectFrom('demandDailyStats')
      .select(columns)
      .where((eb) => eb.or(days.map((r) => eb.between('receivedOn', r.from, r.to))));
    const monthly = this.db
      .selectFrom('demandMonthlyStats')
      .select(columns)
      .where('receivedMonth', '>=', months?.from ?? '9999-12-31')
      .where('receivedMonth', '<=', months?.to ?? '0000-01-01');
    const source = !months ? daily : days.length === 0 ? monthly : daily.unionAll(monthly);
    const rows = (await this.db
      .selectFrom(source.as('s'))
      .innerJoin('orgClosure as area', 'area.descendantId', 's.managingOrgId')
      .where('area.ancestorId', 'in', [...orgIds])
      .select('area.ancestorId as orgId')
      .select(sums)
      .groupBy('area.ancestorId')
      .execute()) as ({ orgId: string } & Record<string, unknown>)[];
    return new Map(rows.map((r) => [r.orgId, new Map(figures.map((f, i) => [f.key, toInt(r[`f${i}`])]))]));
  }
}
