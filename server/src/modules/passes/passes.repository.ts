import { CompiledQuery, sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { CompoundListQuery, Page, PassListQuery, ScanListQuery, ScanStatsQuery } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { dialectOf, likeContains, toBool, toInt } from '../../db/portability';
import {
  addScansToSummary,
  applySummaryDelta,
  passSummarySelect,
  rebuildPassSummaries,
  rebuildScanSummary,
  scanSummarySelect,
  withSummaryDelta,
  type SummaryGrain,
  type SummarySpec,
} from '../../db/dashboard-summaries';
import { prepare } from '../../db/prepared';
import { orgInScope, pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import { regionUnderOrgs, underScope } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';
import type { CompoundsTable, PassKeysTable, PassesTable, PassScansTable } from '../../db/types';
import { nowIso, shanghaiDayEnd, shanghaiDayStart, wholeMonths, type DateRange } from '../../core/time';

export type CompoundRow = Selectable<CompoundsTable> & { regionName: string; managingOrgName: string };
export type PassRow = Selectable<PassesTable> & {
  workerName: string;
  platform: string;
  photoId: string | null;
  workerUserId: string | null;
};
export type PassKeyRow = Selectable<PassKeysTable>;
export type ScanInsert = Omit<PassScansTable, 'offline' | 'uploadedAt'> & { offline: number };

/** What an online scan needs of the pass it names (issue 12's bench: prepared, one indexed row). */
const passForScanStatement = prepare((db, p: { id: string }) =>
  db.selectFrom('passes').select(['id', 'workerId', 'status']).where('id', '=', p.id),
);

/** A scan row's columns, in the order the batch insert binds them. */
const SCAN_COLUMNS = [
  'id',
  'clientId',
  'passId',
  'workerId',
  'compoundId',
  'gateId',
  'guardUserId',
  'scannedAt',
  'verdict',
  'offline',
  'uploadedAt',
] as const;
/** The batch insert's SQL per database adapter and number of rows (built and compiled once each). */
const scanBatchSql = new WeakMap<object, Map<number, string>>();

/** The pass list's filters the dashboard figures use: valid at the end of a day, issued in dates. */
export type PassFigureFilter = Pick<PassListQuery, 'validOn' | 'issuedFrom' | 'issuedTo'>;

/**
 * The condition of a pass list's `validOn` / `issuedFrom` / `issuedTo` (Beijing dates) on `p`, or
 * null when none is set: the list's filter and the dashboards' per-area counts share it.
 */
function passFigureCondition(q: PassFigureFilter): RawBuilder<SqlBool> | null {
  const parts: RawBuilder<SqlBool>[] = [];
  if (q.validOn) {
    const end = shanghaiDayEnd(q.validOn);
    parts.push(
      sql<SqlBool>`${sql.ref('p.status')} = 'active' and ${sql.ref('p.issuedAt')} < ${end} and ${sql.ref('p.expiresAt')} > ${end}`,
    );
  }
  if (q.issuedFrom) parts.push(sql<SqlBool>`${sql.ref('p.issuedAt')} >= ${shanghaiDayStart(q.issuedFrom)}`);
  if (q.issuedTo) parts.push(sql<SqlBool>`${sql.ref('p.issuedAt')} < ${shanghaiDayEnd(q.issuedTo)}`);
  return parts.length === 0 ? null : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The Party-organisation area of a figure: the organisation and every one below it. */
const area = (orgId: string): SubtreeScope => ({ all: false, orgIds: [orgId] });

/** A row of `scan_daily_stats`. */
export interface ScanSummaryRow {
  managingOrgId: string;
  scannedOn: string;
  verdict: string;
  n: number;
}

const toScanSummaryRow = (r: Record<string, unknown>): ScanSummaryRow => ({
  managingOrgId: String(r.managingOrgId ?? r.managing_org_id),
  scannedOn: String(r.scannedOn ?? r.scanned_on),
  verdict: String(r.verdict),
  n: toInt(r.n),
});
const scanSummaryKey = (r: ScanSummaryRow) => `${r.managingOrgId}|${r.scannedOn}|${r.verdict}`;
const byScanSummaryKey = (a: ScanSummaryRow, b: ScanSummaryRow) => scanSummaryKey(a).localeCompare(scanSummaryKey(b));

/** A row of the 核验记录 list. */
export interface ScanRow {
  id: string;
  compoundId: string;
  compoundName: string;
  gateName: string | null;
  scannedAt: string;
  verdict: string;
  offline: boolean;
}

/** A row of `pass_daily_stats` (`day`) or `pass_monthly_stats` (`day` the month's first day). */
export type PassSummaryRow = {
  regionCode: string;
  day: string;
  issued: number;
  issuedActive: number;
  expiringActive: number;
};

/** Both pass summaries' rows, by grain. */
export type PassSummaries = Record<SummaryGrain, PassSummaryRow[]>;

const passSummarySpec = (table: string, day: string): SummarySpec => ({
  table,
  key: [
    ['regionCode', 'region_code'],
    ['day', day],
  ],
  counters: [
    ['issued', 'issued'],
    ['issuedActive', 'issued_active'],
    ['expiringActive', 'expiring_active'],
  ],
});

const PASS_SUMMARY_SPECS: Record<SummaryGrain, SummarySpec> = {
  day: passSummarySpec('pass_daily_stats', 'on_day'),
  month: passSummarySpec('pass_monthly_stats', 'in_month'),
};

const toPassSummaryRow = (r: Record<string, unknown>): PassSummaryRow => ({
  regionCode: String(r.regionCode),
  day: String(r.day),
  issued: toInt(r.issued),
  issuedActive: toInt(r.issuedActive),
  expiringActive: toInt(r.expiringActive),
});

const sortPassSummary = (rows: PassSummaryRow[]) =>
  rows.sort((a, b) => `${a.regionCode}|${a.day}`.localeCompare(`${b.regionCode}|${b.day}`));

/** The first date a pass's validity is summed from (before any pass). */
const SUMMARY_EPOCH = '2000-01-01';

export class PassesRepository {
  constructor(private readonly db: Executor) {}

  // ——— compounds ———

  orgInScope(scope: SubtreeScope, orgId: string): Promise<boolean> {
    return orgInScope(this.db, scope, orgId);
  }

  private compounds(scope: SubtreeScope) {
    return this.db
      .selectFrom('compounds as c')
      .innerJoin('regions as r', 'r.code', 'c.regionCode')
      .innerJoin('partyOrgs as o', 'o.id', 'c.managingOrgId')
      .selectAll('c')
      .select(['r.name as regionName', 'o.name as managingOrgName'])
      .where('c.deletedAt', 'is', null)
      .where(underScope('c.managingOrgId', scope));
  }

  private compoundFilter(scope: SubtreeScope, q: CompoundListQuery) {
    let query = this.compounds(scope);
    if (q.q) query = query.where(likeContains(this.db, 'c.name', q.q));
    if (q.pilot !== undefined) query = query.where('c.pilot', '=', q.pilot ? 1 : 0);
    if (q.orgId) query = query.where(underScope('c.managingOrgId', area(q.orgId)));
    return query;
  }

  listCompounds(scope: SubtreeScope, q: CompoundListQuery): Promise<Page<CompoundRow>> {
    return pageByIdDesc(this.compoundFilter(scope, q), 'c.id', q);
  }

  async countCompounds(scope: SubtreeScope, q: CompoundListQuery): Promise<number> {
    const r = await this.compoundFilter(scope, q)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  getCompound(scope: SubtreeScope, id: string): Promise<CompoundRow | undefined> {
    return this.compounds(scope).where('c.id', '=', id).executeTakeFirst();
  }

  async compoundIdsIn(scope: SubtreeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.compounds(scope)
      .where('c.id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertCompound(row: Omit<CompoundsTable, 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('compounds')
      .values({ ...row, createdAt: now, updatedAt: now, deletedAt: null })
      .execute();
  }

  async updateCompound(
    id: string,
    version: number,
    patch: Pick<CompoundsTable, 'name' | 'address' | 'pilot' | 'joinedOn'>,
  ): Promise<void> {
    await updateVersioned(this.db, 'compounds', { id }, version, patch);
  }

  gatesOf(compoundIds: readonly string[]) {
    if (compoundIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('compoundGates')
      .select(['id', 'compoundId', 'name'])
      .where('compoundId', 'in', [...compoundIds])
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  /** A gate in use; `withRemoved`: also one taken out of use (scans made there before still name it). */
  gate(id: string, opts: { withRemoved?: boolean } = {}) {
    return this.db
      .selectFrom('compoundGates')
      .select(['id', 'compoundId', 'name'])
      .where('id', '=', id)
      .$if(!opts.withRemoved, (q) => q.where('deletedAt', 'is', null))
      .executeTakeFirst();
  }

  /**
   * Takes a gate out of use (its scans keep naming it): the guards posted at it stay at the compound,
   * at no particular gate.
   */
  async removeGate(compoundId: string, gateId: string): Promise<boolean> {
    const r = await this.db
      .updateTable('compoundGates')
      .set({ deletedAt: nowIso() })
      .where('id', '=', gateId)
      .where('compoundId', '=', compoundId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.db.updateTable('compoundGuards').set({ gateId: null }).where('gateId', '=', gateId).execute();
    return true;
  }

  /** Which gates (by id, in use or removed) belong to compounds in the scope, or to the compound `ownCompoundId`. */
  async gateIdsIn(scope: SubtreeScope, ownCompoundId: string | null, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('compoundGates as g')
      .innerJoin('compounds as c', 'c.id', 'g.compoundId')
      .select('g.id')
      .where('g.id', 'in', [...ids])
      // Removed gates too: a scan queued offline before the removal names its gate (assigning a guard
      // re-checks that the gate is in use).
      .where((eb) =>
        ownCompoundId
          ? eb.or([eb('c.id', '=', ownCompoundId), underScope('c.managingOrgId', scope) as never])
          : (underScope('c.managingOrgId', scope) as never),
      )
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertGate(row: { id: string; compoundId: string; name: string }) {
    await this.db
      .insertInto('compoundGates')
      .values({ ...row, createdAt: nowIso(), deletedAt: null })
      .execute();
  }

  guardsOf(compoundIds: readonly string[]) {
    if (compoundIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('compoundGuards as cg')
      .innerJoin('users as u', 'u.id', 'cg.userId')
      .leftJoin('compoundGates as g', 'g.id', 'cg.gateId')
      .select(['cg.userId', 'cg.compoundId', 'u.displayName as name', 'cg.gateId', 'g.name as gateName'])
      .where('cg.compoundId', 'in', [...compoundIds])
      .orderBy('u.displayName')
      .execute();
  }

  /** A guard's post (one per guard): replaces any earlier one. */
  async putGuard(row: { userId: string; compoundId: string; gateId: string | null; createdBy: string }) {
    await this.db.deleteFrom('compoundGuards').where('userId', '=', row.userId).execute();
    await this.db
      .insertInto('compoundGuards')
      .values({ ...row, createdAt: nowIso() })
      .execute();
  }

  async removeGuard(compoundId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('compoundGuards')
      .where('compoundId', '=', compoundId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  guardPost(userId: string) {
    return this.db
      .selectFrom('compoundGuards as cg')
      .innerJoin('compounds as c', 'c.id', 'cg.compoundId')
      .leftJoin('compoundGates as g', 'g.id', 'cg.gateId')
      .select(['cg.compoundId', 'c.name as compoundName', 'cg.gateId', 'g.name as gateName'])
      .where('cg.userId', '=', userId)
      .where('c.deletedAt', 'is', null)
      .executeTakeFirst();
  }

  /** Whether the user holds a guard role binding. */
  async isGuardUser(userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('roleBindings')
      .select('id')
      .where('userId', '=', userId)
      .where('role', '=', 'guard')
      .executeTakeFirst();
    return r !== undefined;
  }

  // ——— keys ———

  listKeys(): Promise<PassKeyRow[]> {
    return this.db.selectFrom('passKeys').selectAll().orderBy('createdAt', 'desc').orderBy('kid', 'desc').execute();
  }

  async insertKey(row: Omit<PassKeysTable, 'retiredAt'>) {
    await this.db
      .insertInto('passKeys')
      .values({ ...row, retiredAt: null })
      .execute();
  }

  async retireKey(kid: string): Promise<boolean> {
    const r = await this.db
      .updateTable('passKeys')
      .set({ status: 'retired', retiredAt: nowIso() })
      .where('kid', '=', kid)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— workers (read only: the workers module owns them) ———

  workerInScope(scope: SubtreeScope, id: string) {
    return this.db
      .selectFrom('workers as w')
      .select(['w.id', 'w.name', 'w.platform', 'w.status', 'w.photoAttachmentId', 'w.userId'])
      .where('w.id', '=', id)
      .where('w.deletedAt', 'is', null)
      .where(regionUnderOrgs('w.regionCode', scope))
      .executeTakeFirst();
  }

  async workerIdsIn(scope: SubtreeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('workers as w')
      .select('w.id')
      .where('w.id', 'in', [...ids])
      .where('w.deletedAt', 'is', null)
      .where(regionUnderOrgs('w.regionCode', scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  workerOfUser(userId: string) {
    return this.db
      .selectFrom('workers')
      .select(['id', 'name', 'platform', 'status'])
      .where('userId', '=', userId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  // ——— passes ———

  private passes(scope: SubtreeScope) {
    return this.db
      .selectFrom('passes as p')
      .innerJoin('workers as w', 'w.id', 'p.workerId')
      .selectAll('p')
      .select([
        'w.name as workerName',
        'w.platform as platform',
        'w.photoAttachmentId as photoId',
        'w.userId as workerUserId',
      ])
      .where(regionUnderOrgs('w.regionCode', scope));
  }

  private passFilter(scope: SubtreeScope, q: PassListQuery, at: string) {
    let query = this.passes(scope);
    if (q.workerId) query = query.where('p.workerId', '=', q.workerId);
    if (q.q) query = query.where(likeContains(this.db, 'w.name', q.q));
    if (q.status === 'revoked') query = query.where('p.status', '=', 'revoked');
    if (q.status === 'active') query = query.where('p.status', '=', 'active').where('p.expiresAt', '>', at);
    if (q.status === 'expired') query = query.where('p.status', '=', 'active').where('p.expiresAt', '<=', at);
    if (q.orgId) query = query.where(regionUnderOrgs('w.regionCode', area(q.orgId)));
    const figure = passFigureCondition(q);
    if (figure) query = query.where(figure);
    return query;
  }

  listPasses(scope: SubtreeScope, q: PassListQuery, at: string): Promise<Page<PassRow>> {
    return pageByIdDesc(this.passFilter(scope, q, at), 'p.id', q);
  }

  async countPasses(scope: SubtreeScope, q: PassListQuery, at: string): Promise<number> {
    const r = await this.passFilter(scope, q, at)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /**
   * Pass figures (each a list filter: `validOn` alone, or `issuedFrom` with `issuedTo`) for several
   * organisations at once, in one statement over the pass summaries: per worker region, the whole
   * months of the dates from the monthly rows and the days around them from the daily rows (valid
   * at D: `issued_active − expiring_active` summed up to D; issued: `issued` over the dates), then per
   * organisation whose region is that region or above it — the list's `orgId` reach over workers.
   * Gives, per filter, each organisation's count in `orgIds` order.
   */
  async countPassesUnder(orgIds: readonly string[], filters: readonly PassFigureFilter[]): Promise<number[][]> {
    const zeros = () => filters.map(() => orgIds.map(() => 0));
    if (orgIds.length === 0 || filters.length === 0) return zeros();
    const parts = filters.flatMap((f, i) => {
      const valid = !!f.validOn && !f.issuedFrom && !f.issuedTo;
      if (!valid && !(f.issuedFrom && f.issuedTo && !f.validOn))
        throw new Error(`countPassesUnder: ${JSON.stringify(f)} is neither validOn nor an issued range`);
      const range: DateRange = valid
        ? { from: SUMMARY_EPOCH, to: f.validOn! }
        : { from: f.issuedFrom!, to: f.issuedTo! };
      const value = valid ? sql`issued_active - expiring_active` : sql`issued`;
      const { months, days } = wholeMonths(range.from, range.to);
      const rows = (table: string, column: string, r: DateRange) =>
        sql`select region_code, ${sql.lit(i)} as f, ${value} as v from ${sql.table(table)}
          where ${sql.ref(column)} >= ${r.from} and ${sql.ref(column)} <= ${r.to}`;
      return [
        ...(months ? [rows('pass_monthly_stats', 'in_month', months)] : []),
        ...days.map((r) => rows('pass_daily_stats', 'on_day', r)),
      ];
    });
    if (parts.length === 0) return zeros();
    const r = await sql`select area_org.id as org_id, x.f as f, sum(x.v) as n
      from (${sql.join(parts, sql` union all `)}) x
      join region_closure rc on rc.descendant_code = x.region_code
      join party_orgs area_org on area_org.region_code = rc.ancestor_code
      where area_org.id in (${sql.join([...orgIds])})
      group by area_org.id, x.f`.execute(this.db);
    const by = new Map(
      (r.rows as Record<string, unknown>[]).map((x) => [`${String(x.orgId)}|${toInt(x.f)}`, toInt(x.n)]),
    );
    return filters.map((_, i) => orgIds.map((id) => by.get(`${id}|${i}`) ?? 0));
  }

  getPass(scope: SubtreeScope, id: string): Promise<PassRow | undefined> {
    return this.passes(scope).where('p.id', '=', id).executeTakeFirst();
  }

  /** A pass by id, no scope (a scan names it; the scan's own checks come first). */
  passById(id: string): Promise<PassRow | undefined> {
    return this.passes({ all: true }).where('p.id', '=', id).executeTakeFirst();
  }

  /** The worker's newest pass that is not revoked. */
  activePassOfWorker(workerId: string) {
    return this.db
      .selectFrom('passes')
      .select(['id', 'expiresAt'])
      .where('workerId', '=', workerId)
      .where('status', '=', 'active')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  /** The rider's current pass: the newest of the worker linked to the user. */
  passOfUser(userId: string): Promise<PassRow | undefined> {
    return this.passes({ all: true }).where('w.userId', '=', userId).orderBy('p.id', 'desc').executeTakeFirst();
  }

  async insertPass(
    row: Omit<
      PassesTable,
      | 'version'
      | 'createdAt'
      | 'updatedAt'
      | 'revokedAt'
      | 'revokedBy'
      | 'revokeReason'
      | 'deviceAlg'
      | 'devicePublicKey'
      | 'deviceRegisteredAt'
    >,
    compoundIds: readonly string[],
  ) {
    const now = nowIso();
    await this.withPassSummary(sql`p.id = ${row.id}`, (db) => this.writePass(db, row, compoundIds, now));
  }

  private async writePass(
    db: Executor,
    row: Parameters<PassesRepository['insertPass']>[0],
    compoundIds: readonly string[],
    now: string,
  ): Promise<void> {
    await db
      .insertInto('passes')
      .values({
        ...row,
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        deviceAlg: null,
        devicePublicKey: null,
        deviceRegisteredAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (compoundIds.length > 0)
      await db
        .insertInto('passCompounds')
        .values(compoundIds.map((compoundId) => ({ passId: row.id, compoundId })))
        .execute();
  }

  async updatePass(
    id: string,
    version: number,
    patch: Partial<
      Pick<
        PassesTable,
        'expiresAt' | 'status' | 'revokedAt' | 'revokedBy' | 'revokeReason' | 'deviceAlg' | 'devicePublicKey'
      >
    > & { deviceRegisteredAt?: string | null },
  ): Promise<void> {
    const write = (db: Executor) => updateVersioned(db, 'passes', { id }, version, patch);
    // Revocation and renewal move the pass in the validity summary; a device registration does not.
    if ('status' in patch || 'expiresAt' in patch) await this.withPassSummary(sql`p.id = ${id}`, write);
    else await write(this.db);
  }

  // ——— the validity and issue summaries (pass_daily_stats, pass_monthly_stats; issue 15) ———

  /**
   * What the passes `where` keeps (alias `p`) contribute to both summaries: the daily rows, and the
   * monthly ones summed from them.
   */
  private async passContributions(where: RawBuilder<unknown>): Promise<PassSummaries> {
    const r = await passSummarySelect(dialectOf(this.db), where).execute(this.db);
    const day = (r.rows as Record<string, unknown>[]).map(toPassSummaryRow);
    const month = new Map<string, PassSummaryRow>();
    for (const d of day) {
      const key = `${d.regionCode}|${d.day.slice(0, 7)}`;
      const m = month.get(key) ?? {
        ...d,
        day: `${d.day.slice(0, 7)}-01`,
        issued: 0,
        issuedActive: 0,
        expiringActive: 0,
      };
      m.issued += d.issued;
      m.issuedActive += d.issuedActive;
      m.expiringActive += d.expiringActive;
      month.set(key, m);
    }
    return { day, month: [...month.values()] };
  }

  private async applyPassSummaries(before: PassSummaries, after: PassSummaries): Promise<void> {
    for (const grain of ['day', 'month'] as const)
      await applySummaryDelta(this.db, PASS_SUMMARY_SPECS[grain], before[grain], after[grain]);
  }

  /**
   * Runs `write` (which changes the passes `where` keeps) and moves both summaries by the difference
   * of their contributions before and after, in the caller's transaction or one of its own.
   */
  private withPassSummary(where: RawBuilder<unknown>, write: (db: Executor) => Promise<void>): Promise<void> {
    return withSummaryDelta(
      this.db,
      (db) => new PassesRepository(db).passContributions(where),
      (db, before, after) => new PassesRepository(db).applyPassSummaries(before, after),
      write,
    );
  }

  /**
   * A worker moved to another region (the workers service calls this in the edit's transaction,
   * after the worker's row changed): the worker's passes move with it in the summaries.
   */
  async moveWorkerInSummary(workerId: string, fromRegion: string, toRegion: string): Promise<void> {
    if (fromRegion === toRegion) return;
    const rows = await this.passContributions(sql`p.worker_id = ${workerId}`);
    const at = (regionCode: string): PassSummaries => ({
      day: rows.day.map((r) => ({ ...r, regionCode })),
      month: rows.month.map((r) => ({ ...r, regionCode })),
    });
    await this.applyPassSummaries(at(fromRegion), at(toRegion));
  }

  /** Both summaries as stored (rows of zeros left out), in key order. */
  async passSummaryRows(): Promise<PassSummaries> {
    const read = async (grain: SummaryGrain) => {
      const { table, key } = PASS_SUMMARY_SPECS[grain];
      const r = await sql`select region_code, ${sql.ref(key[1]![1])} as day, issued, issued_active, expiring_active
        from ${sql.table(table)}
        where issued <> 0 or issued_active <> 0 or expiring_active <> 0`.execute(this.db);
      return sortPassSummary((r.rows as Record<string, unknown>[]).map(toPassSummaryRow));
    };
    return { day: await read('day'), month: await read('month') };
  }

  /** Both summaries recomputed from the passes (what `passSummaryRows` must equal), in key order. */
  async recomputedPassSummary(): Promise<PassSummaries> {
    const rows = await this.passContributions(sql`1 = 1`);
    return { day: sortPassSummary(rows.day), month: sortPassSummary(rows.month) };
  }

  /** Rebuilds both summaries from the passes (in the caller's transaction, if any). */
  rebuildPassSummaries(): Promise<void> {
    return rebuildPassSummaries(this.db);
  }

  async compoundsOfPasses(passIds: readonly string[]) {
    const out = new Map<string, { id: string; name: string }[]>();
    if (passIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('passCompounds as pc')
      .innerJoin('compounds as c', 'c.id', 'pc.compoundId')
      .select(['pc.passId', 'c.id', 'c.name'])
      .where('pc.passId', 'in', [...passIds])
      .orderBy('c.name')
      .execute();
    for (const r of rows) {
      const list = out.get(r.passId) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.passId, list);
    }
    return out;
  }

  // ——— revocations ———

  async revocationVersion(): Promise<number> {
    const r = await this.db
      .selectFrom('passRevocations')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    return toInt(r?.v);
  }

  /** Appends a revocation; the list's version is the row's (one past the newest). */
  async insertRevocation(passId: string): Promise<number> {
    const version = (await this.revocationVersion()) + 1;
    await this.db.insertInto('passRevocations').values({ version, passId, revokedAt: nowIso() }).execute();
    return version;
  }

  /** Revoked passes that have not expired (an expired one fails anyway: the list stays short). */
  async revokedIds(at: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('passRevocations as r')
      .innerJoin('passes as p', 'p.id', 'r.passId')
      .select('r.passId')
      .where('p.expiresAt', '>', at)
      .orderBy('r.version')
      .execute();
    return rows.map((r) => r.passId);
  }

  async isRevoked(passId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('passRevocations')
      .select('version')
      .where('passId', '=', passId)
      .executeTakeFirst();
    return r !== undefined;
  }

  // ——— scans ———

  /**
   * Logs scans uploaded from a phone, each once per client id (an upload retried inserts nothing
   * again), and adds the ones inserted to the daily summary by one upsert, in the same transaction
   * (the caller's, or one of its own); answers the client ids inserted. One insert per scan: an
   * upload's size varies, so the online log's cached batch statement (`insertScans`) is not used.
   */
  insertUploadedScans(rows: readonly ScanInsert[]): Promise<Set<string>> {
    return this.inTransaction(async (db) => {
      const inserted = new Set<string>();
      const uploadedAt = nowIso();
      for (const row of rows) {
        const r = await db
          .insertInto('passScans')
          .values({ ...row, uploadedAt })
          .onConflict((oc) => oc.column('clientId').doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) inserted.add(row.clientId);
      }
      if (inserted.size > 0) await addScansToSummary(db, sql`s.client_id in (${sql.join([...inserted])})`);
      return inserted;
    });
  }

  /**
   * The online scan log's batch (passes.scan-log.ts): one insert, and the rows it inserted added to
   * the daily summary by one upsert, in one transaction; answers the client ids inserted.
   */
  insertScans(rows: readonly ScanInsert[]): Promise<Set<string>> {
    if (rows.length === 0) return Promise.resolve(new Set());
    const uploadedAt = nowIso();
    const values = rows.flatMap((r) => SCAN_COLUMNS.map((c) => (c === 'uploadedAt' ? uploadedAt : r[c])));
    return this.inTransaction(async (db) => {
      const result = await db.executeQuery<{ clientId: string }>(
        CompiledQuery.raw(this.scanBatchSql(rows.length), values),
      );
      const inserted = new Set(result.rows.map((r) => r.clientId));
      if (inserted.size > 0) await addScansToSummary(db, sql`s.client_id in (${sql.join([...inserted])})`);
      return inserted;
    });
  }

  /** Runs `fn` in the caller's transaction, or in one of its own. */
  private inTransaction<T>(fn: (db: Executor) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db);
    return this.db.transaction().execute((trx) => fn(trx));
  }

  /**
   * `insert into pass_scans (…) values (…), (…) on conflict (client_id) do nothing returning client_id`
   * for `n` rows, compiled by Kysely once per size (building it per batch cost more than running it).
   */
  private scanBatchSql(n: number): string {
    const adapter = this.db.getExecutor().adapter;
    let bySize = scanBatchSql.get(adapter);
    if (!bySize) scanBatchSql.set(adapter, (bySize = new Map()));
    let text = bySize.get(n);
    if (text === undefined) {
      const marks = Array.from({ length: n }, (_, i) => SCAN_COLUMNS.map((c) => `${i}:${c}`));
      const compiled = this.db
        .insertInto('passScans')
        .values(marks.map((m) => Object.fromEntries(SCAN_COLUMNS.map((c, j) => [c, m[j]])) as never))
        .onConflict((oc) => oc.column('clientId').doNothing())
        .returning('clientId')
        .compile();
      // The values must be bound row by row in SCAN_COLUMNS order, as insertScans passes them.
      if (compiled.parameters.join() !== marks.flat().join()) throw new Error('pass_scans batch: unexpected order');
      text = compiled.sql;
      bySize.set(n, text);
    }
    return text;
  }

  /** The pass a scanned code names (no scope: the scan's own checks come first): its status and worker. */
  passForScan(id: string): Promise<{ id: string; workerId: string; status: string } | undefined> {
    return passForScanStatement.first(this.db, { id });
  }

  scanByClientId(clientId: string) {
    return this.db
      .selectFrom('passScans')
      .select(['id', 'verdict'])
      .where('clientId', '=', clientId)
      .executeTakeFirst();
  }

  scansOfWorker(workerId: string, limit: number) {
    return this.db
      .selectFrom('passScans as s')
      .innerJoin('compounds as c', 'c.id', 's.compoundId')
      .leftJoin('compoundGates as g', 'g.id', 's.gateId')
      .select(['s.id', 'c.name as compoundName', 'g.name as gateName', 's.scannedAt', 's.verdict', 's.offline'])
      .where('s.workerId', '=', workerId)
      .orderBy('s.scannedAt', 'desc')
      .orderBy('s.id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Scans at compounds in the scope within the filters, one row each (for the statistics). */
  scansForStats(scope: SubtreeScope, q: ScanStatsQuery, range: { from?: string; to?: string }) {
    let query = this.db
      .selectFrom('passScans as s')
      .innerJoin('compounds as c', 'c.id', 's.compoundId')
      .leftJoin('compoundGates as g', 'g.id', 's.gateId')
      .select(['s.compoundId', 'c.name as compoundName', 's.gateId', 'g.name as gateName', 's.scannedAt', 's.verdict'])
      .where(underScope('c.managingOrgId', scope));
    if (q.compoundId) query = query.where('s.compoundId', '=', q.compoundId);
    if (range.from) query = query.where('s.scannedAt', '>=', range.from);
    if (range.to) query = query.where('s.scannedAt', '<', range.to);
    return query.limit(200_000).execute();
  }

  /**
   * Scans at compounds managed in the scope (and, with `orgId`, by that organisation or one below it),
   * scanned in `[range.from, range.to)` — the 核验记录 list and the dashboards' scan figures.
   */
  private scans(
    scope: SubtreeScope,
    q: Pick<ScanListQuery, 'orgId' | 'compoundId' | 'verdict'>,
    range: { from?: string; to?: string },
  ) {
    let query = this.db
      .selectFrom('passScans as s')
      .innerJoin('compounds as c', 'c.id', 's.compoundId')
      .where(underScope('c.managingOrgId', scope));
    if (q.orgId) query = query.where(underScope('c.managingOrgId', area(q.orgId)));
    if (q.compoundId) query = query.where('s.compoundId', '=', q.compoundId);
    if (q.verdict) query = query.where('s.verdict', '=', q.verdict);
    if (range.from) query = query.where('s.scannedAt', '>=', range.from);
    if (range.to) query = query.where('s.scannedAt', '<', range.to);
    return query;
  }

  async listScans(
    scope: SubtreeScope,
    q: ScanListQuery,
    range: { from?: string; to?: string },
  ): Promise<Page<ScanRow>> {
    const query = this.scans(scope, q, range)
      .leftJoin('compoundGates as g', 'g.id', 's.gateId')
      .select([
        's.id',
        's.compoundId',
        'c.name as compoundName',
        'g.name as gateName',
        's.scannedAt',
        's.verdict',
        's.offline',
      ]);
    const page = await pageByIdDesc(query, 's.id', q);
    return { items: page.items.map((r) => ({ ...r, offline: toBool(r.offline) })), nextCursor: page.nextCursor };
  }

  async countScansIn(
    scope: SubtreeScope,
    q: Pick<ScanListQuery, 'orgId' | 'compoundId' | 'verdict'>,
    range: { from?: string; to?: string },
  ): Promise<number> {
    const r = await this.scans(scope, q, range)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /**
   * `countScansIn` (every compound, `verdict` optional) for several areas in one statement, in the
   * order given, over the Beijing dates `period.from`…`period.to` (both included): summed from the
   * daily summary (`scan_daily_stats`) over the organisations under each area's organisation.
   */
  async countScansUnder(
    orgIds: readonly string[],
    verdict: string | undefined,
    period: { from: string; to: string },
  ): Promise<number[]> {
    if (orgIds.length === 0) return [];
    let query = this.db
      .selectFrom('scanDailyStats as s')
      .innerJoin('orgClosure as oc', 'oc.descendantId', 's.managingOrgId')
      .where('oc.ancestorId', 'in', [...orgIds])
      .where('s.scannedOn', '>=', period.from)
      .where('s.scannedOn', '<=', period.to);
    if (verdict) query = query.where('s.verdict', '=', verdict);
    const rows = await query
      .select(['oc.ancestorId as orgId', (eb) => eb.fn.sum<number>('s.n').as('n')])
      .groupBy('oc.ancestorId')
      .execute();
    const by = new Map(rows.map((r) => [r.orgId, toInt(r.n)]));
    return orgIds.map((id) => by.get(id) ?? 0);
  }

  // ——— the daily summary (scan_daily_stats, issue 15) ———

  /** Every row of the summary as stored, in key order. */
  async scanSummaryRows(): Promise<ScanSummaryRow[]> {
    const rows = await this.db.selectFrom('scanDailyStats').selectAll().where('n', '>', 0).execute();
    return rows.map(toScanSummaryRow).sort(byScanSummaryKey);
  }

  /** The summary recomputed from the scans, from scratch (what `scanSummaryRows` must equal), in key order. */
  async recomputedScanSummary(): Promise<ScanSummaryRow[]> {
    const r = await scanSummarySelect(dialectOf(this.db), sql`1 = 1`).execute(this.db);
    return (r.rows as Record<string, unknown>[]).map(toScanSummaryRow).sort(byScanSummaryKey);
  }

  /** Rebuilds the summary from the scans (in the caller's transaction, if any). */
  rebuildScanSummary(): Promise<void> {
    return rebuildScanSummary(this.db);
  }

  async countScans(where: { clientIdPrefix?: string; guardUserId?: string }): Promise<number> {
    let q = this.db.selectFrom('passScans').select((eb) => eb.fn.countAll().as('n'));
    if (where.guardUserId) q = q.where('guardUserId', '=', where.guardUserId);
    const r = await q.executeTakeFirst();
    return toInt(r?.n);
  }

  // ——— figures ———

  /** Workers in the area's regions holding a pass, not revoked, valid at `at`. */
  async countRidersWithPass(orgId: string, at: string): Promise<number> {
    const r = await this.db
      .selectFrom('passes as p')
      .innerJoin('workers as w', 'w.id', 'p.workerId')
      .select((eb) => eb.fn.count('p.workerId').distinct().as('n'))
      .where('p.status', '=', 'active')
      .where('p.issuedAt', '<=', at)
      .where('p.expiresAt', '>', at)
      .where(regionUnderOrgs('w.regionCode', area(orgId)))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** Pilot compounds managed in the area that joined in the period. */
  async countCompoundsJoined(orgId: string, from: string, to: string): Promise<number> {
    const r = await this.db
      .selectFrom('compounds as c')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.deletedAt', 'is', null)
      .where('c.pilot', '=', 1)
      .where('c.joinedOn', '>=', from)
      .where('c.joinedOn', '<=', to)
      .where(underScope('c.managingOrgId', area(orgId)))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  // ——— the guard's roster and gates (admin) ———

  /** Passes valid at `at` for the compound: active, not expired, for every pilot compound or listing it. */
  private validPassAt(compoundId: string, at: string) {
    return this.db
      .selectFrom('passes as p')
      .select('p.workerId')
      .where('p.status', '=', 'active')
      .where('p.expiresAt', '>', at)
      .where((eb) =>
        eb.or([
          eb('p.scope', '=', 'all'),
          eb.exists(
            eb
              .selectFrom('passCompounds as pc')
              .select('pc.passId')
              .whereRef('pc.passId', '=', 'p.id')
              .where('pc.compoundId', '=', compoundId),
          ),
        ]),
      );
  }

  /** Workers with a photo holding a pass valid at `at` for the compound (keyset by worker id). */
  rosterOf(compoundId: string, at: string, page: { limit: number; cursor?: string }) {
    const query = this.db
      .selectFrom('workers as w')
      .select(['w.id as id', 'w.photoAttachmentId as photoId'])
      .where('w.deletedAt', 'is', null)
      .where('w.photoAttachmentId', 'is not', null)
      .where('w.id', 'in', this.validPassAt(compoundId, at));
    return pageByIdDesc(query, 'w.id', page);
  }

  /**
   * A worker's photo id when the worker holds a pass valid at `at` — for the compound `compoundId`
   * (a guard's post), or, without one, any pass of a worker in the scope (the administrator).
   */
  async holderPhoto(
    workerId: string,
    at: string,
    where: { compoundId: string } | { scope: SubtreeScope },
  ): Promise<string | null> {
    let q = this.db
      .selectFrom('workers as w')
      .select('w.photoAttachmentId as photoId')
      .where('w.id', '=', workerId)
      .where('w.deletedAt', 'is', null);
    if ('compoundId' in where) q = q.where('w.id', 'in', this.validPassAt(where.compoundId, at));
    else
      q = q
        .where(regionUnderOrgs('w.regionCode', where.scope))
        .where('w.id', 'in', (eb) =>
          eb
            .selectFrom('passes as p')
            .select('p.workerId')
            .where('p.status', '=', 'active')
            .where('p.expiresAt', '>', at),
        );
    const r = await q.executeTakeFirst();
    return r?.photoId ?? null;
  }

  async renameGate(compoundId: string, gateId: string, name: string): Promise<boolean> {
    const r = await this.db
      .updateTable('compoundGates')
      .set({ name })
      .where('id', '=', gateId)
      .where('compoundId', '=', compoundId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Bumps the compound's version (a change of its gates), checking the version the editor had. */
  async touchCompound(id: string, version: number): Promise<void> {
    await updateVersioned(this.db, 'compounds', { id }, version, {});
  }

  /** Whether the region lies under (or is) the region of the Party organisation. */
  async regionUnderOrg(regionCode: string, orgId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('regions as r')
      .select('r.code')
      .where('r.code', '=', regionCode)
      .where(regionUnderOrgs('r.code', area(orgId)))
      .executeTakeFirst();
    return r !== undefined;
  }
}
