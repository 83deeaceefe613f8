import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateVersioned, countEach } from '../../db/repo-helpers';
import { regionUnderOrgs } from '../../db/scope-sql';
import type {
  DisputeArbitrationsTable,
  DisputeCasesTable,
  DisputeClocksTable,
  DisputeLegalAidsTable,
  DisputeLitigationsTable,
  DisputeMediationsTable,
} from '../../db/types';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { DisputeScope } from './disputes.policy';

/**
 * The scope condition of records placed at a centre: the centre's region under the staff bindings'
 * regions, or a centre the user serves as a mediator. Bound parameters only.
 */
export function disputeScopeCondition(
  scope: DisputeScope,
  centreColumn: string,
  regionColumn: string,
): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1 = 1`;
  const ors: RawBuilder<boolean>[] = [];
  if (scope.regionOrgIds.length > 0)
    ors.push(regionUnderOrgs(regionColumn, { all: false, orgIds: scope.regionOrgIds }));
  if (scope.mediatorUserId)
    ors.push(
      sql<boolean>`${sql.ref(centreColumn)} in (select ${sql.ref('dm.centreId')} from ${sql.table('disputeMediators')} dm where ${sql.ref('dm.userId')} = ${scope.mediatorUserId})`,
    );
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`1 = 0`;
}

export type CaseRow = Selectable<DisputeCasesTable> & {
  centreName: string;
  centreCode: string;
  centrePhone: string | null;
  headUserId: string;
  regionName: string;
  mediatorName: string | null;
  groupTitle: string | null;
};
export type CaseInsert = Omit<DisputeCasesTable, 'version' | 'createdAt' | 'updatedAt'>;
export type CasePatch = Partial<
  Pick<
    DisputeCasesTable,
    'status' | 'mediatorUserId' | 'legalAid' | 'outcome' | 'recoveredFen' | 'closedOn' | 'groupId'
  >
>;
export type MediationRow = Selectable<DisputeMediationsTable> & { mediatorName: string | null };
export type ArbitrationRow = Selectable<DisputeArbitrationsTable>;
export type LitigationRow = Selectable<DisputeLitigationsTable>;
export type LegalAidRow = Selectable<DisputeLegalAidsTable>;
export type ClockRow = Selectable<DisputeClocksTable>;

/** The list's filter as the service resolved it. */
export interface CaseFilter {
  q?: string;
  centreId?: string;
  status?: string;
  open?: boolean;
  type?: string;
  source?: string;
  outcome?: string;
  /** Running clocks due on or before these days (per kind): the clock filter. */
  clockDue?: { kind: string; dueOnBefore: string }[];
  legalAid?: boolean;
  mediated?: boolean;
  groupId?: string;
  mediatorUserId?: string;
  orgId?: string;
  regionCode?: string;
  receivedFrom?: string;
  receivedTo?: string;
  closedFrom?: string;
  closedTo?: string;
}

/** Cases, their stage records, clocks, extensions, timeline and groups (issue 14). */
export class DisputesRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: DisputeScope) {
    return this.db
      .selectFrom('disputeCases as c')
      .innerJoin('disputeCentres as dc', 'dc.id', 'c.centreId')
      .innerJoin('regions as r', 'r.code', 'c.regionCode')
      .leftJoin('users as mu', 'mu.id', 'c.mediatorUserId')
      .leftJoin('disputeGroups as g', 'g.id', 'c.groupId')
      .selectAll('c')
      .select([
        'dc.name as centreName',
        'dc.code as centreCode',
        'dc.phone as centrePhone',
        'dc.headUserId as headUserId',
        'r.name as regionName',
        'mu.displayName as mediatorName',
        'g.title as groupTitle',
      ])
      .where(disputeScopeCondition(scope, 'c.centreId', 'c.regionCode'));
  }

  private filtered(scope: DisputeScope, f: CaseFilter) {
    let q = this.base(scope);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([
          likeContains(this.db, 'c.caseNo', text),
          likeContains(this.db, 'c.workerName', text),
          likeContains(this.db, 'c.respondentName', text),
        ]),
      );
    }
    if (f.centreId) q = q.where('c.centreId', '=', f.centreId);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.open) q = q.where('c.status', '<>', 'closed');
    if (f.type) q = q.where('c.disputeType', '=', f.type);
    if (f.source) q = q.where('c.source', '=', f.source);
    if (f.outcome) q = q.where('c.outcome', '=', f.outcome);
    if (f.legalAid) q = q.where('c.legalAid', '=', 'approved');
    if (f.groupId) q = q.where('c.groupId', '=', f.groupId);
    if (f.mediatorUserId) q = q.where('c.mediatorUserId', '=', f.mediatorUserId);
    if (f.mediated)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('disputeMediations as m')
            .select('m.caseId')
            .whereRef('m.caseId', '=', 'c.id')
            .where('m.status', '=', 'agreed'),
        ),
      );
    if (f.clockDue) {
      const due = f.clockDue;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('disputeClocks as k')
            .select('k.id')
            .whereRef('k.caseId', '=', 'c.id')
            .where('k.state', '=', 'running')
            .where((e) => e.or(due.map((d) => e.and([e('k.kind', '=', d.kind), e('k.dueOn', '<=', d.dueOnBefore)])))),
        ),
      );
    }
    if (f.orgId) q = q.where(regionUnderOrgs('c.regionCode', { all: false, orgIds: [f.orgId] }));
    if (f.regionCode) {
      const code = f.regionCode;
      q = q.where((eb) =>
        eb(
          'c.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    if (f.receivedFrom) q = q.where('c.receivedOn', '>=', f.receivedFrom);
    if (f.receivedTo) q = q.where('c.receivedOn', '<=', f.receivedTo);
    if (f.closedFrom) q = q.where('c.closedOn', '>=', f.closedFrom);
    if (f.closedTo) q = q.where('c.closedOn', '<=', f.closedTo);
    return q;
  }

  list(scope: DisputeScope, f: CaseFilter, page: { limit: number; cursor?: string }): Promise<Page<CaseRow>> {
    return pageByIdDesc(this.filtered(scope, f), 'c.id', page);
  }

  async count(scope: DisputeScope, f: CaseFilter): Promise<number> {
    const r = await this.filtered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `count` of each filter, in one statement (a dashboard figure's area and its counties). */
  countMany(scope: DisputeScope, fs: readonly CaseFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      fs.map((f) => this.filtered(scope, f)),
    );
  }

  get(scope: DisputeScope, id: string): Promise<CaseRow | undefined> {
    return this.base(scope).where('c.id', '=', id).executeTakeFirst();
  }

  /** Which of these ids are cases in the scope. */
  async idsInScope(scope: DisputeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('disputeCases as c')
      .select('c.id')
      .where('c.id', 'in', [...new Set(ids)])
      .where(disputeScopeCondition(scope, 'c.centreId', 'c.regionCode'))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** A worker's own cases: registered to their account, or to their registration in the registry. */
  ofWorkerUser(userId: string): Promise<CaseRow[]> {
    return this.base({ all: true, regionOrgIds: [], mediatorUserId: null })
      .where((eb) =>
        eb.or([
          eb('c.workerUserId', '=', userId),
          eb('c.workerId', 'in', eb.selectFrom('workers').select('id').where('userId', '=', userId)),
        ]),
      )
      .orderBy('c.id', 'desc')
      .limit(50)
      .execute();
  }

  byGroup(scope: DisputeScope, groupId: string): Promise<CaseRow[]> {
    return this.base(scope).where('c.groupId', '=', groupId).orderBy('c.id').execute();
  }

  /** The open case of this worker against this respondent, if any (the duplicate check). */
  async openByPair(workerKey: string, respondentKey: string): Promise<{ id: string; caseNo: string } | undefined> {
    return this.db
      .selectFrom('disputeCases')
      .select(['id', 'caseNo'])
      .where('workerKey', '=', workerKey)
      .where('respondentKey', '=', respondentKey)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
  }

  /** The next case number of a centre and year: one upsert, the row held until commit. */
  async nextSeq(centreId: string, year: number): Promise<number> {
    const r = await this.db
      .insertInto('disputeCaseCounters')
      .values({ centreId, year, lastSeq: 1 })
      .onConflict((oc) =>
        oc.columns(['centreId', 'year']).doUpdateSet((eb) => ({ lastSeq: eb('disputeCaseCounters.lastSeq', '+', 1) })),
      )
      .returning('lastSeq')
      .executeTakeFirstOrThrow();
    return r.lastSeq;
  }

  async insert(row: CaseInsert): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto('disputeCases')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  /** A versioned update; with `fromStatus`, only while the case is still in that state. */
  async update(id: string, version: number, patch: CasePatch, fromStatus?: string): Promise<void> {
    await updateVersioned(this.db, 'disputeCases', { id }, version, patch, {
      ...(fromStatus ? { guard: (eb) => eb('status', '=', fromStatus) } : {}),
    });
  }

  // ——— figures ———

  /** Cases over the filter, by type and current status. */
  async countByTypeStatus(scope: DisputeScope, f: CaseFilter) {
    const rows = await this.filtered(scope, f)
      .clearSelect()
      .select(['c.disputeType', 'c.status', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['c.disputeType', 'c.status'])
      .execute();
    return rows.map((r) => ({ type: r.disputeType, status: r.status, n: toInt(r.n) }));
  }

  /** Cases over the filter by region and month of receipt (YYYY-MM). */
  async countByAreaMonth(scope: DisputeScope, f: CaseFilter) {
    const month = sql<string>`substr(cast(${sql.ref('c.receivedOn')} as text), 1, 7)`;
    const rows = await this.filtered(scope, f)
      .clearSelect()
      .select(['c.regionCode', 'r.name as regionName', month.as('month'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(['c.regionCode', 'r.name', month])
      .orderBy('c.regionCode')
      .orderBy(month)
      .execute();
    return rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName, month: r.month, n: toInt(r.n) }));
  }

  /**
   * Cases over the filter per area (the staff home's rows): for each of these region codes, the
   * cases placed in it or below — the list's own `orgId` filter for an organisation of that region.
   * The count, the amount recovered on closed ones, and the mediations agreed / concluded.
   */
  async figuresByArea(scope: DisputeScope, f: CaseFilter, codes: readonly string[]) {
    const out = new Map<string, { n: number; recoveredFen: number; agreed: number; concluded: number }>();
    if (codes.length === 0) return out;
    const under = this.filtered(scope, f)
      .innerJoin('regionClosure as ac', 'ac.descendantCode', 'c.regionCode')
      .where('ac.ancestorCode', 'in', [...new Set(codes)])
      .clearSelect();
    const rows = await under
      .select((eb) => [
        'ac.ancestorCode as code',
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when('c.closedOn', 'is not', null).then(eb.ref('c.recoveredFen')).else(0).end()).as('fen'),
      ])
      .groupBy('ac.ancestorCode')
      .execute();
    const mediations = await under
      .innerJoin('disputeMediations as m', 'm.caseId', 'c.id')
      .select((eb) => ['ac.ancestorCode as code', 'm.status', eb.fn.countAll().as('n')])
      .where('m.status', 'in', ['agreed', 'failed', 'lapsed'])
      .groupBy(['ac.ancestorCode', 'm.status'])
      .execute();
    for (const code of codes) out.set(code, { n: 0, recoveredFen: 0, agreed: 0, concluded: 0 });
    for (const r of rows) Object.assign(out.get(r.code)!, { n: toInt(r.n), recoveredFen: toInt(r.fen) });
    for (const r of mediations) {
      const x = out.get(r.code)!;
      x.concluded += toInt(r.n);
      if (r.status === 'agreed') x.agreed += toInt(r.n);
    }
    return out;
  }

  /** Mediations of the filtered cases, by the mediation's status. */
  async mediationStatuses(scope: DisputeScope, f: CaseFilter): Promise<Map<string, number>> {
    const rows = await this.filtered(scope, f)
      .innerJoin('disputeMediations as m', 'm.caseId', 'c.id')
      .clearSelect()
      .select(['m.status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('m.status')
      .execute();
    return new Map(rows.map((r) => [r.status, toInt(r.n)]));
  }

  /** Receipt and closing dates and the amount recovered of the filtered (closed) cases. */
  closings(scope: DisputeScope, f: CaseFilter) {
    return this.filtered(scope, f)
      .clearSelect()
      .select(['c.receivedOn', 'c.closedOn', 'c.recoveredFen'])
      .where('c.closedOn', 'is not', null)
      .limit(50_000)
      .execute();
  }

  // ——— the worker registry, read (owned by workers) ———

  /** A registration by its id: the fields a case copies. */
  registryWorker(id: string) {
    return this.db
      .selectFrom('workers')
      .select(['id', 'userId', 'name', 'mobileEnc', 'mobileHash', 'regionCode'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  /** The registration with this mobile (lookup hash), if exactly one. */
  async registryWorkerByMobile(hash: string) {
    const rows = await this.db
      .selectFrom('workers')
      .select(['id', 'userId', 'name', 'mobileEnc', 'mobileHash', 'regionCode'])
      .where('mobileHash', '=', hash)
      .where('deletedAt', 'is', null)
      .limit(2)
      .execute();
    return rows.length === 1 ? rows[0] : undefined;
  }

  registryWorkerOfUser(userId: string) {
    return this.db
      .selectFrom('workers')
      .select(['id', 'userId', 'name', 'mobileEnc', 'mobileHash', 'regionCode'])
      .where('userId', '=', userId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  // ——— stage records ———

  /** The stage records of several cases (a list page's abilities and clocks), each keyed by case. */
  async stagesOf(caseIds: readonly string[]) {
    if (caseIds.length === 0) return { mediations: [], arbitrations: [], litigations: [] };
    const ids = [...new Set(caseIds)];
    const [mediations, arbitrations, litigations] = await Promise.all([
      this.db
        .selectFrom('disputeMediations as m')
        .leftJoin('users as u', 'u.id', 'm.mediatorUserId')
        .selectAll('m')
        .select('u.displayName as mediatorName')
        .where('m.caseId', 'in', ids)
        .execute(),
      this.db.selectFrom('disputeArbitrations').selectAll().where('caseId', 'in', ids).execute(),
      this.db.selectFrom('disputeLitigations').selectAll().where('caseId', 'in', ids).execute(),
    ]);
    return { mediations, arbitrations, litigations };
  }

  mediation(caseId: string): Promise<MediationRow | undefined> {
    return this.db
      .selectFrom('disputeMediations as m')
      .leftJoin('users as u', 'u.id', 'm.mediatorUserId')
      .selectAll('m')
      .select('u.displayName as mediatorName')
      .where('m.caseId', '=', caseId)
      .executeTakeFirst();
  }
  async insertMediation(row: Omit<Selectable<DisputeMediationsTable>, 'updatedAt'>) {
    await this.db
      .insertInto('disputeMediations')
      .values({ ...row, updatedAt: nowIso() })
      .execute();
  }
  async updateMediation(caseId: string, patch: Partial<Omit<Selectable<DisputeMediationsTable>, 'caseId'>>) {
    await this.db
      .updateTable('disputeMediations')
      .set({ ...patch, updatedAt: nowIso() })
      .where('caseId', '=', caseId)
      .execute();
  }

  arbitration(caseId: string): Promise<ArbitrationRow | undefined> {
    return this.db.selectFrom('disputeArbitrations').selectAll().where('caseId', '=', caseId).executeTakeFirst();
  }
  async insertArbitration(row: Omit<ArbitrationRow, 'updatedAt' | 'finalAward'>) {
    await this.db
      .insertInto('disputeArbitrations')
      .values({ ...row, updatedAt: nowIso() })
      .execute();
  }
  async updateArbitration(caseId: string, patch: Partial<Omit<ArbitrationRow, 'caseId'>>) {
    await this.db
      .updateTable('disputeArbitrations')
      .set({ ...patch, updatedAt: nowIso() })
      .where('caseId', '=', caseId)
      .execute();
  }

  litigation(caseId: string): Promise<LitigationRow | undefined> {
    return this.db.selectFrom('disputeLitigations').selectAll().where('caseId', '=', caseId).executeTakeFirst();
  }
  async insertLitigation(row: Omit<LitigationRow, 'updatedAt'>) {
    await this.db
      .insertInto('disputeLitigations')
      .values({ ...row, updatedAt: nowIso() })
      .execute();
  }
  async updateLitigation(caseId: string, patch: Partial<Omit<LitigationRow, 'caseId'>>) {
    await this.db
      .updateTable('disputeLitigations')
      .set({ ...patch, updatedAt: nowIso() })
      .where('caseId', '=', caseId)
      .execute();
  }

  legalAids(caseId: string): Promise<LegalAidRow[]> {
    return this.db.selectFrom('disputeLegalAids').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }
  async insertLegalAid(row: Omit<LegalAidRow, 'createdAt'>) {
    await this.db
      .insertInto('disputeLegalAids')
      .values({ ...row, createdAt: nowIso() })
      .execute();
  }
  /** Decides the pending application (only while still pending); true when it did. */
  async decideLegalAid(
    id: string,
    patch: Pick<LegalAidRow, 'status' | 'decidedOn' | 'lawyerName' | 'lawFirm' | 'reason'>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('disputeLegalAids')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— clocks ———

  clocksOf(caseIds: readonly string[]): Promise<ClockRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('disputeClocks')
      .selectAll()
      .where('caseId', 'in', [...new Set(caseIds)])
      .orderBy('id')
      .execute();
  }
  async insertClock(row: Pick<ClockRow, 'caseId' | 'kind' | 'startedOn' | 'dueOn'>): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('disputeClocks')
      .values({ ...row, id, state: 'running', extendedDays: 0, createdAt: nowIso() })
      .execute();
    return id;
  }
  /** Stops a running clock (only while running). */
  async stopClock(id: string, stoppedOn: string, state: string) {
    await this.db
      .updateTable('disputeClocks')
      .set({ stoppedOn, state })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute();
  }
  /** Lengthens a running clock; false when it was no longer running or changed meanwhile. */
  async extendClock(id: string, fromDays: number, extendedDays: number, dueOn: string): Promise<boolean> {
    const r = await this.db
      .updateTable('disputeClocks')
      .set({ extendedDays, dueOn })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('extendedDays', '=', fromDays)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  async insertExtension(row: {
    clockId: string;
    caseId: string;
    days: number;
    reason: string;
    agreedBy: string;
    dueBefore: string;
    dueAfter: string;
    createdBy: string;
  }) {
    await this.db
      .insertInto('disputeClockExtensions')
      .values({ ...row, id: newId(), createdAt: nowIso() })
      .execute();
  }
  extensions(caseId: string) {
    return this.db
      .selectFrom('disputeClockExtensions as x')
      .innerJoin('disputeClocks as k', 'k.id', 'x.clockId')
      .leftJoin('users as u', 'u.id', 'x.createdBy')
      .select([
        'k.kind as clock',
        'x.days',
        'x.reason',
        'x.agreedBy',
        'x.dueBefore',
        'x.dueAfter',
        'u.displayName as byName',
        'x.createdAt as at',
      ])
      .where('x.caseId', '=', caseId)
      .orderBy('x.id')
      .execute();
  }

  /**
   * Running clocks past their last day whose lapse has not been alerted yet (for that last day), with
   * what the alert needs: the case and its centre's head.
   */
  overdueClocks(today: string) {
    return this.db
      .selectFrom('disputeClocks as k')
      .innerJoin('disputeCases as c', 'c.id', 'k.caseId')
      .innerJoin('disputeCentres as dc', 'dc.id', 'c.centreId')
      .select([
        'k.id',
        'k.kind',
        'k.dueOn',
        'k.caseId',
        'c.caseNo',
        'c.workerName',
        'c.respondentName',
        'c.mediatorUserId',
        'dc.headUserId',
      ])
      .where('k.state', '=', 'running')
      .where('k.dueOn', '<', today)
      .where((eb) => eb.or([eb('k.alertedDueOn', 'is', null), eb('k.alertedDueOn', '<>', eb.ref('k.dueOn'))]))
      .orderBy('k.id')
      .limit(500)
      .execute();
  }
  /** Marks a clock's lapse alerted for its current last day; false when another run did it first. */
  async markAlerted(id: string, dueOn: string): Promise<boolean> {
    const r = await this.db
      .updateTable('disputeClocks')
      .set({ alertedDueOn: dueOn })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('dueOn', '=', dueOn)
      .where((eb) => eb.or([eb('alertedDueOn', 'is', null), eb('alertedDueOn', '<>', dueOn)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— timeline ———

  async addEvent(row: {
    caseId: string;
    event: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    detail: unknown;
    actorId: string | null;
    actorName: string | null;
  }) {
    await this.db
      .insertInto('disputeEvents')
      .values({
        ...row,
        id: newId(),
        detail: row.detail === null || row.detail === undefined ? null : JSON.stringify(row.detail),
        at: nowIso(),
      })
      .execute();
  }
  events(caseId: string) {
    return this.db
      .selectFrom('disputeEvents')
      .select(['event', 'fromStatus', 'toStatus', 'note', 'actorName', 'at'])
      .where('caseId', '=', caseId)
      .orderBy('id')
      .execute();
  }

  // ——— groups (集体争议) ———

  group(scope: DisputeScope, id: string) {
    return this.db
      .selectFrom('disputeGroups as g')
      .innerJoin('disputeCentres as dc', 'dc.id', 'g.centreId')
      .selectAll('g')
      .where('g.id', '=', id)
      .where(disputeScopeCondition(scope, 'g.centreId', 'dc.regionCode'))
      .executeTakeFirst();
  }
  async insertGroup(row: {
    id: string;
    centreId: string;
    title: string;
    respondentKey: string;
    respondentName: string;
    createdBy: string;
  }) {
    await this.db
      .insertInto('disputeGroups')
      .values({ ...row, createdAt: nowIso() })
      .execute();
  }
  /** Puts open cases not yet grouped into a group; returns how many it put. */
  async joinGroup(ids: readonly string[], groupId: string): Promise<number> {
    const r = await this.db
      .updateTable('disputeCases')
      .set((eb) => ({ groupId, version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('id', 'in', [...ids])
      .where('groupId', 'is', null)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
