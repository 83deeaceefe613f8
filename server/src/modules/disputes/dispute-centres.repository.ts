import { sql, type Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateVersioned, countEach } from '../../db/repo-helpers';
import { regionUnderOrgs } from '../../db/scope-sql';
import type { DisputeCentresTable, DisputeConsultationsTable } from '../../db/types';
import { nowIso } from '../../core/time';
import type { DisputeScope } from './disputes.policy';
import { disputeScopeCondition } from './disputes.repository';

export type CentreRow = Selectable<DisputeCentresTable> & { regionName: string; headName: string };
export type ConsultationRow = Selectable<DisputeConsultationsTable> & {
  centreName: string;
  regionName: string;
  caseNo: string | null;
  createdByName: string | null;
};

export interface ConsultationFilter {
  q?: string;
  centreId?: string;
  channel?: string;
  topic?: string;
  becameCase?: boolean;
  orgId?: string;
  regionCode?: string;
  askedFrom?: string;
  askedTo?: string;
}

/** The centres, their mediators, and the 法律咨询 log (issue 14). */
export class DisputeCentresRepository {
  constructor(private readonly db: Executor) {}

  private centres(scope: DisputeScope) {
    return this.db
      .selectFrom('disputeCentres as dc')
      .innerJoin('regions as r', 'r.code', 'dc.regionCode')
      .innerJoin('users as h', 'h.id', 'dc.headUserId')
      .selectAll('dc')
      .select(['r.name as regionName', 'h.displayName as headName'])
      .where(disputeScopeCondition(scope, 'dc.id', 'dc.regionCode'));
  }

  list(scope: DisputeScope): Promise<CentreRow[]> {
    return this.centres(scope).orderBy('dc.name').limit(200).execute();
  }

  get(scope: DisputeScope, id: string): Promise<CentreRow | undefined> {
    return this.centres(scope).where('dc.id', '=', id).executeTakeFirst();
  }

  async idsInScope(scope: DisputeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('disputeCentres as dc')
      .select('dc.id')
      .where('dc.id', 'in', [...new Set(ids)])
      .where(disputeScopeCondition(scope, 'dc.id', 'dc.regionCode'))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The mediators of these centres, by name. */
  mediatorsOf(centreIds: readonly string[]) {
    if (centreIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('disputeMediators as dm')
      .innerJoin('users as u', 'u.id', 'dm.userId')
      .select(['dm.centreId', 'dm.userId', 'u.displayName as name'])
      .where('dm.centreId', 'in', [...centreIds])
      .orderBy('u.displayName')
      .execute();
  }

  /** Open cases per centre. */
  async openCases(centreIds: readonly string[]): Promise<Map<string, number>> {
    if (centreIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('disputeCases')
      .select(['centreId', (eb) => eb.fn.countAll().as('n')])
      .where('centreId', 'in', [...centreIds])
      .where('status', '<>', 'closed')
      .groupBy('centreId')
      .execute();
    return new Map(rows.map((r) => [r.centreId, toInt(r.n)]));
  }

  async insert(row: Omit<DisputeCentresTable, 'version' | 'createdAt' | 'updatedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('disputeCentres')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async update(
    id: string,
    version: number,
    patch: Partial<Pick<DisputeCentresTable, 'name' | 'code' | 'regionCode' | 'address' | 'phone' | 'headUserId'>>,
  ) {
    await updateVersioned(this.db, 'disputeCentres', { id }, version, patch);
  }

  /** Replaces a centre's mediators. */
  async setMediators(centreId: string, userIds: readonly string[]) {
    await this.db.deleteFrom('disputeMediators').where('centreId', '=', centreId).execute();
    if (userIds.length === 0) return;
    const now = nowIso();
    await this.db
      .insertInto('disputeMediators')
      .values([...new Set(userIds)].map((userId) => ({ centreId, userId, createdAt: now })))
      .execute();
  }

  /** Which of these users serve a centre in the scope as mediators. */
  async mediatorIdsIn(scope: DisputeScope, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('disputeMediators as dm')
      .innerJoin('disputeCentres as dc', 'dc.id', 'dm.centreId')
      .select('dm.userId')
      .where('dm.userId', 'in', [...new Set(userIds)])
      .where(disputeScopeCondition(scope, 'dc.id', 'dc.regionCode'))
      .execute();
    return new Set(rows.map((r) => r.userId));
  }

  /** Whether this user serves this centre as a mediator. */
  async isMediatorOf(centreId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('disputeMediators')
      .select('userId')
      .where('centreId', '=', centreId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return !!r;
  }

  /** Which of these users hold the given role (on any binding). */
  async usersWithRole(userIds: readonly string[], role: string): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('roleBindings')
      .select('userId')
      .where('userId', 'in', [...new Set(userIds)])
      .where('role', '=', role)
      .execute();
    return new Set(rows.map((r) => r.userId));
  }

  /** Whether the region code exists and lies under the region of one of the scope's organisations. */
  async regionInScope(scope: DisputeScope, code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('regions as r')
      .select('r.code')
      .where('r.code', '=', code)
      .where(scope.all ? sql<boolean>`1 = 1` : regionUnderOrgs('r.code', { all: false, orgIds: scope.regionOrgIds }))
      .executeTakeFirst();
    return !!r;
  }

  /** Whether `code` is `ancestor` or lies below it. */
  async regionUnder(ancestor: string, code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('regionClosure')
      .select('descendantCode')
      .where('ancestorCode', '=', ancestor)
      .where('descendantCode', '=', code)
      .executeTakeFirst();
    return !!r;
  }

  /** The centre serving a region: the one whose region is nearest above (or at) it. */
  async centreServing(regionCode: string): Promise<CentreRow | undefined> {
    return this.centres({ all: true, regionOrgIds: [], mediatorUserId: null })
      .innerJoin('regionClosure as rc', (j) => j.onRef('rc.ancestorCode', '=', 'dc.regionCode'))
      .where('rc.descendantCode', '=', regionCode)
      .orderBy('rc.depth', 'asc')
      .orderBy('dc.id')
      .executeTakeFirst();
  }

  /** The region of the Party organisation a binding names. */
  async regionOfOrg(orgId: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('partyOrgs').select('regionCode').where('id', '=', orgId).executeTakeFirst();
    return r?.regionCode ?? undefined;
  }

  // ——— consultations ———

  private consultations(scope: DisputeScope) {
    return this.db
      .selectFrom('disputeConsultations as k')
      .innerJoin('disputeCentres as dc', 'dc.id', 'k.centreId')
      .innerJoin('regions as r', 'r.code', 'k.regionCode')
      .leftJoin('disputeCases as c', 'c.id', 'k.caseId')
      .leftJoin('users as u', 'u.id', 'k.createdBy')
      .selectAll('k')
      .select(['dc.name as centreName', 'r.name as regionName', 'c.caseNo as caseNo', 'u.displayName as createdByName'])
      .where(disputeScopeCondition(scope, 'k.centreId', 'dc.regionCode'));
  }

  private filteredConsultations(scope: DisputeScope, f: ConsultationFilter) {
    let q = this.consultations(scope);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([likeContains(this.db, 'k.question', text), likeContains(this.db, 'k.personName', text)]),
      );
    }
    if (f.centreId) q = q.where('k.centreId', '=', f.centreId);
    if (f.channel) q = q.where('k.channel', '=', f.channel);
    if (f.topic) q = q.where('k.topic', '=', f.topic);
    if (f.becameCase) q = q.where('k.caseId', 'is not', null);
    if (f.orgId) q = q.where(regionUnderOrgs('k.regionCode', { all: false, orgIds: [f.orgId] }));
    if (f.regionCode) {
      const code = f.regionCode;
      q = q.where((eb) =>
        eb(
          'k.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    if (f.askedFrom) q = q.where('k.askedOn', '>=', f.askedFrom);
    if (f.askedTo) q = q.where('k.askedOn', '<=', f.askedTo);
    return q;
  }

  listConsultations(
    scope: DisputeScope,
    f: ConsultationFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<ConsultationRow>> {
    return pageByIdDesc(this.filteredConsultations(scope, f), 'k.id', page);
  }

  async countConsultations(scope: DisputeScope, f: ConsultationFilter): Promise<number> {
    const r = await this.filteredConsultations(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `countConsultations` of each filter, in one statement (a dashboard figure's area and its counties). */
  countConsultationsMany(scope: DisputeScope, fs: readonly ConsultationFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      fs.map((f) => this.filteredConsultations(scope, f)),
    );
  }

  /** Consultations over the filter per area: asked in each of these regions or below. */
  async consultationsByArea(scope: DisputeScope, f: ConsultationFilter, codes: readonly string[]) {
    if (codes.length === 0) return new Map<string, number>();
    const rows = await this.filteredConsultations(scope, f)
      .innerJoin('regionClosure as ac', 'ac.descendantCode', 'k.regionCode')
      .where('ac.ancestorCode', 'in', [...new Set(codes)])
      .clearSelect()
      .select((eb) => ['ac.ancestorCode as code', eb.fn.countAll().as('n')])
      .groupBy('ac.ancestorCode')
      .execute();
    return new Map(rows.map((r) => [r.code, toInt(r.n)]));
  }

  /** Centres in reach per area: placed in each of these regions or below. */
  async centresByArea(scope: DisputeScope, codes: readonly string[]) {
    if (codes.length === 0) return new Map<string, number>();
    const rows = await this.db
      .selectFrom('disputeCentres as dc')
      .innerJoin('regionClosure as ac', 'ac.descendantCode', 'dc.regionCode')
      .where('ac.ancestorCode', 'in', [...new Set(codes)])
      .where(disputeScopeCondition(scope, 'dc.id', 'dc.regionCode'))
      .select((eb) => ['ac.ancestorCode as code', eb.fn.countAll().as('n')])
      .groupBy('ac.ancestorCode')
      .execute();
    return new Map(rows.map((r) => [r.code, toInt(r.n)]));
  }

  /**
   * The staff home's areas (Party organisations with their regions): the 社工部 directly below these
   * organisations (a city's counties), an organisation without any standing for itself; with no
   * organisation, the top ones (the administrator's).
   */
  async homeAreas(orgIds: readonly string[] | null): Promise<{ orgId: string; name: string; regionCode: string }[]> {
    // Named by the region (振兴区), which is what the figures count by.
    const orgs = this.db
      .selectFrom('partyOrgs')
      .innerJoin('regions as r', 'r.code', 'partyOrgs.regionCode')
      .select([
        'partyOrgs.id as orgId',
        'r.name as name',
        'partyOrgs.regionCode as regionCode',
        'partyOrgs.parentId as parentId',
      ])
      .where('partyOrgs.deletedAt', 'is', null);
    if (orgIds === null)
      return orgs.where('parentId', 'is', null).orderBy('regionCode').orderBy('name').limit(30).execute();
    if (orgIds.length === 0) return [];
    const children = await orgs
      .where('partyOrgs.parentId', 'in', [...orgIds])
      .where('partyOrgs.type', '=', 'sw_dept')
      .orderBy('partyOrgs.regionCode')
      .limit(60)
      .execute();
    const withChildren = new Set(children.map((c) => c.parentId));
    const alone = orgIds.filter((id) => !withChildren.has(id));
    const selves = alone.length
      ? await orgs.where('partyOrgs.id', 'in', alone).orderBy('partyOrgs.regionCode').execute()
      : [];
    const seen = new Set<string>();
    return [...selves, ...children]
      .filter((o) => !seen.has(o.orgId) && seen.add(o.orgId))
      .map(({ orgId, name, regionCode }) => ({ orgId, name, regionCode }));
  }

  consultation(scope: DisputeScope, id: string): Promise<ConsultationRow | undefined> {
    return this.consultations(scope).where('k.id', '=', id).executeTakeFirst();
  }

  async insertConsultation(row: Omit<DisputeConsultationsTable, 'version' | 'createdAt' | 'updatedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('disputeConsultations')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async updateConsultation(
    id: string,
    version: number,
    patch: Pick<DisputeConsultationsTable, 'answer' | 'followUp' | 'followUpOn' | 'caseId'>,
  ) {
    await updateVersioned(this.db, 'disputeConsultations', { id }, version, patch);
  }

  /** Consultations by region and month (YYYY-MM) over the filter. */
  async consultationsByAreaMonth(scope: DisputeScope, f: ConsultationFilter) {
    const month = sql<string>`substr(cast(${sql.ref('k.askedOn')} as text), 1, 7)`;
    const rows = await this.filteredConsultations(scope, f)
      .clearSelect()
      .select(['k.regionCode', 'r.name as regionName', month.as('month'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(['k.regionCode', 'r.name', month])
      .orderBy('k.regionCode')
      .orderBy(month)
      .execute();
    return rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName, month: r.month, n: toInt(r.n) }));
  }
}
