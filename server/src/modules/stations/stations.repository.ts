import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Page, StationListQuery } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { hostOrgScopeCondition, underScope, type HostOrgScopeParts } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';
import { dialectOf, likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateVersioned, countEach } from '../../db/repo-helpers';
import type { DB, StationCheckInsTable, StationsTable } from '../../db/types';
import { nowIso } from '../../core/time';
import type { StationScope } from './stations.policy';

export type StationRow = Selectable<StationsTable> & {
  regionName: string;
  managerName: string | null;
  hostOrgName: string | null;
};
export type StationInsert = Omit<StationsTable, 'version' | 'codeSerial' | 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type StationPatch = Partial<
  Pick<
    StationsTable,
    | 'name'
    | 'address'
    | 'regionCode'
    | 'lat'
    | 'lng'
    | 'hours'
    | 'managerUserId'
    | 'hostOrgId'
    | 'openedOn'
    | 'status'
    | 'phone'
    | 'note'
  >
>;
export type CheckInRow = Selectable<StationCheckInsTable> & {
  stationName: string;
  workerName: string;
  platform: string;
};

/** The stations' scope condition over the station aliased `s`. */
function stationScopeCondition(eb: ExpressionBuilder<DB & { s: StationsTable }, 's'>, scope: StationScope) {
  if (scope.all) return sql<boolean>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.regionOrgIds.length > 0)
    ors.push(
      eb(
        's.regionCode',
        'in',
        eb
          .selectFrom('regionClosure as rc')
          .innerJoin('partyOrgs as po', 'po.regionCode', 'rc.ancestorCode')
          .select('rc.descendantCode')
          .where('po.id', 'in', scope.regionOrgIds),
      ),
    );
  if (scope.managerUserId) ors.push(eb('s.managerUserId', '=', scope.managerUserId));
  return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
}

/** Stations holding every one of the amenities. */
function withAmenities(eb: ExpressionBuilder<DB & { s: StationsTable }, 's'>, amenities: readonly string[]) {
  return eb.and(
    amenities.map((a) =>
      eb.exists(
        eb
          .selectFrom('stationAmenities as sa')
          .select('sa.stationId')
          .whereRef('sa.stationId', '=', 's.id')
          .where('sa.amenity', '=', a),
      ),
    ),
  );
}

export interface StationFilter {
  q?: string;
  regionCode?: string;
  status?: string;
  amenity?: readonly string[];
  orgId?: string;
  openedFrom?: string;
  openedTo?: string;
  usedFrom?: string;
  usedTo?: string;
}

export class StationsRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: StationScope) {
    return this.db
      .selectFrom('stations as s')
      .innerJoin('regions as r', 'r.code', 's.regionCode')
      .leftJoin('users as u', 'u.id', 's.managerUserId')
      .leftJoin('hostOrgs as h', 'h.id', 's.hostOrgId')
      .selectAll('s')
      .select(['r.name as regionName', 'u.displayName as managerName', 'h.name as hostOrgName'])
      .where('s.deletedAt', 'is', null)
      .where((eb) => stationScopeCondition(eb, scope));
  }

  private filtered(scope: StationScope, q: StationFilter) {
    let query = this.base(scope);
    if (q.q)
      query = query.where((eb) =>
        eb.or([likeContains(this.db, 's.name', q.q!), likeContains(this.db, 's.address', q.q!)]),
      );
    if (q.regionCode)
      query = query.where('s.regionCode', 'in', (eb) =>
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', q.regionCode!),
      );
    if (q.status) query = query.where('s.status', '=', q.status);
    if (q.amenity?.length) query = query.where((eb) => withAmenities(eb, q.amenity!));
    if (q.orgId)
      query = query.where((eb) =>
        stationScopeCondition(eb, { all: false, regionOrgIds: [q.orgId!], managerUserId: null }),
      );
    if (q.openedFrom) query = query.where('s.openedOn', '>=', q.openedFrom);
    if (q.openedTo) query = query.where('s.openedOn', '<=', q.openedTo);
    if (q.usedFrom || q.usedTo)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('stationCheckIns as ci')
            .select('ci.id')
            .whereRef('ci.stationId', '=', 's.id')
            .$if(!!q.usedFrom, (x) => x.where('ci.localDate', '>=', q.usedFrom!))
            .$if(!!q.usedTo, (x) => x.where('ci.localDate', '<=', q.usedTo!)),
        ),
      );
    return query;
  }

  list(scope: StationScope, q: StationListQuery): Promise<Page<StationRow>> {
    return pageByIdDesc(this.filtered(scope, q), 's.id', q);
  }

  /** Every station of the filter (the export), by name. */
  all(scope: StationScope, q: StationFilter): Promise<StationRow[]> {
    return this.filtered(scope, q).orderBy('s.name').orderBy('s.id').limit(10_000).execute();
  }

  async count(scope: StationScope, q: StationFilter): Promise<number> {
    const r = await this.filtered(scope, q)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `count` of each filter, in one statement (a dashboard figure's area and its counties). */
  countMany(scope: StationScope, qs: readonly StationFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      qs.map((q) => this.filtered(scope, q)),
    );
  }

  get(scope: StationScope, id: string): Promise<StationRow | undefined> {
    return this.base(scope).where('s.id', '=', id).executeTakeFirst();
  }

  /** Whether a region lies in the scope's regions (a station placed there would be in scope). */
  async regionInScope(scope: StationScope, regionCode: string): Promise<boolean> {
    if (scope.all) return true;
    if (scope.regionOrgIds.length === 0) return false;
    const r = await this.db
      .selectFrom('regionClosure as rc')
      .innerJoin('partyOrgs as po', 'po.regionCode', 'rc.ancestorCode')
      .select('rc.descendantCode')
      .where('po.id', 'in', scope.regionOrgIds)
      .where('rc.descendantCode', '=', regionCode)
      .executeTakeFirst();
    return !!r;
  }

  /**
   * Whether a user may be named a station's manager: an active account holding the station-manager
   * role on a Party organisation inside the scope (role bindings are read here, never written).
   */
  async isStationManagerIn(scope: SubtreeScope, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('roleBindings as b')
      .innerJoin('users as u', 'u.id', 'b.userId')
      .select('b.id')
      .where('b.userId', '=', userId)
      .where('b.role', '=', 'station_manager')
      .where('u.disabled', '=', 0)
      .where(underScope('b.orgId', scope))
      .executeTakeFirst();
    return !!r;
  }

  /** Whether a host organisation is live (not deleted) and inside the scope (host organisations are read here, never written). */
  async hostOrgLiveIn(scope: HostOrgScopeParts, id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('hostOrgs as h')
      .select('h.id')
      .where('h.id', '=', id)
      .where('h.deletedAt', 'is', null)
      .where(hostOrgScopeCondition('h', scope))
      .executeTakeFirst();
    return !!r;
  }

  async idsInScope(scope: StationScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('stations as s')
      .select('s.id')
      .where('s.id', 'in', [...new Set(ids)])
      .where('s.deletedAt', 'is', null)
      .where((eb) => stationScopeCondition(eb, scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Open stations inside a bounding box (the (lat, lng) index narrows the rows; the service computes
   * the exact distance), holding every amenity asked for.
   */
  inBox(box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, amenities: readonly string[]) {
    let q = this.db
      .selectFrom('stations as s')
      .select(['s.id', 's.name', 's.address', 's.lat', 's.lng', 's.hours', 's.status', 's.phone'])
      .where('s.lat', '>=', box.minLat)
      .where('s.lat', '<=', box.maxLat)
      .where('s.lng', '>=', box.minLng)
      .where('s.lng', '<=', box.maxLng)
      .where('s.deletedAt', 'is', null)
      .where('s.status', '=', 'open');
    if (amenities.length) q = q.where((eb) => withAmenities(eb, amenities));
    return q.limit(5000).execute();
  }

  async amenitiesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('stationAmenities')
      .select(['stationId', 'amenity'])
      .where('stationId', 'in', [...new Set(ids)])
      .execute();
    for (const r of rows) out.set(r.stationId, [...(out.get(r.stationId) ?? []), r.amenity]);
    return out;
  }

  async ratingsOf(ids: readonly string[]): Promise<Map<string, { avg: number | null; count: number }>> {
    const out = new Map<string, { avg: number | null; count: number }>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('stationCheckIns')
      .select((eb) => ['stationId', eb.fn.avg<number>('rating').as('avg'), eb.fn.count<number>('rating').as('n')])
      .where('stationId', 'in', [...new Set(ids)])
      .where('rating', 'is not', null)
      .groupBy('stationId')
      .execute();
    for (const r of rows) out.set(r.stationId, { avg: r.avg === null ? null : Number(r.avg), count: toInt(r.n) });
    return out;
  }

  async insert(row: StationInsert, amenities: readonly string[]): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto('stations')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
    await this.setAmenities(row.id, amenities);
  }

  async update(id: string, version: number, patch: StationPatch): Promise<void> {
    await updateVersioned(this.db, 'stations', { id }, version, patch);
  }

  async setAmenities(id: string, amenities: readonly string[]): Promise<void> {
    await this.db.deleteFrom('stationAmenities').where('stationId', '=', id).execute();
    if (amenities.length)
      await this.db
        .insertInto('stationAmenities')
        .values(amenities.map((amenity) => ({ stationId: id, amenity })))
        .execute();
  }

  /** Bumps the code serial (a reissue) and answers the new one. */
  async bumpSerial(id: string): Promise<number> {
    await this.db
      .updateTable('stations')
      .set((eb) => ({ codeSerial: eb('codeSerial', '+', 1), updatedAt: nowIso() }))
      .where('id', '=', id)
      .execute();
    const r = await this.db.selectFrom('stations').select('codeSerial').where('id', '=', id).executeTakeFirstOrThrow();
    return r.codeSerial;
  }

  /** The station a check-in names, its row locked on PostgreSQL so one worker's two scans queue. */
  async forCheckIn(id: string) {
    let q = this.db
      .selectFrom('stations')
      .select(['id', 'name', 'status', 'codeSerial', 'regionCode'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null);
    if (dialectOf(this.db) === 'postgres') q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** The verified worker registration of a user (the workers table is read here, never written). */
  verifiedWorkerOf(userId: string) {
    return this.db
      .selectFrom('workers')
      .select(['id', 'name', 'platform'])
      .where('userId', '=', userId)
      .where('status', '=', 'verified')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  /** Users holding a verified worker registration in a region or below (the demo's check-ins). */
  async verifiedWorkerUsers(regionCode: string, limit = 200): Promise<string[]> {
    const rows = await this.db
      .selectFrom('workers')
      .select('userId')
      .where('status', '=', 'verified')
      .where('deletedAt', 'is', null)
      .where('userId', 'is not', null)
      .where('regionCode', 'in', (eb) =>
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', regionCode),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.userId!);
  }

  /** The worker's latest check-in at the station since `since`, if any (the dedupe window). */
  lastCheckIn(workerId: string, stationId: string, since: string) {
    return this.db
      .selectFrom('stationCheckIns')
      .select('id')
      .where('workerId', '=', workerId)
      .where('stationId', '=', stationId)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .executeTakeFirst();
  }

  async insertCheckIn(row: Omit<StationCheckInsTable, 'rating' | 'comment' | 'ratedAt'>): Promise<void> {
    await this.db
      .insertInto('stationCheckIns')
      .values({ ...row, rating: null, comment: null, ratedAt: null })
      .execute();
  }

  private checkInBase() {
    return this.db
      .selectFrom('stationCheckIns as c')
      .innerJoin('stations as s', 's.id', 'c.stationId')
      .innerJoin('workers as w', 'w.id', 'c.workerId')
      .selectAll('c')
      .select(['s.name as stationName', 'w.name as workerName', 'w.platform']);
  }

  checkIn(id: string): Promise<CheckInRow | undefined> {
    return this.checkInBase().where('c.id', '=', id).executeTakeFirst();
  }

  checkInsOf(stationId: string, q: { from?: string; to?: string; limit: number; cursor?: string }) {
    let query = this.checkInBase().where('c.stationId', '=', stationId);
    if (q.from) query = query.where('c.localDate', '>=', q.from);
    if (q.to) query = query.where('c.localDate', '<=', q.to);
    return pageByIdDesc(query, 'c.id', q);
  }

  /** Rates a check-in once (guarded: not yet rated). True when this call did. */
  async rate(id: string, rating: number, comment: string | null, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('stationCheckIns')
      .set({ rating, comment, ratedAt: at })
      .where('id', '=', id)
      .where('rating', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Check-ins of the stations in scope, between two dates (Asia/Shanghai), optionally of one station or region. */
  private usageBase(scope: StationScope, q: { stationId?: string; regionCode?: string; from: string; to: string }) {
    let query = this.db
      .selectFrom('stationCheckIns as c')
      .innerJoin('stations as s', 's.id', 'c.stationId')
      .where('s.deletedAt', 'is', null)
      .where((eb) => stationScopeCondition(eb, scope))
      .where('c.localDate', '>=', q.from)
      .where('c.localDate', '<=', q.to);
    if (q.stationId) query = query.where('c.stationId', '=', q.stationId);
    if (q.regionCode)
      query = query.where('s.regionCode', 'in', (eb) =>
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', q.regionCode!),
      );
    return query;
  }

  async usage(scope: StationScope, q: { stationId?: string; regionCode?: string; from: string; to: string }) {
    const base = () => this.usageBase(scope, q);
    const totals = await base()
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.avg<number>('c.rating').as('avg'),
        eb.fn.count<number>('c.rating').as('rated'),
      ])
      .executeTakeFirst();
    const byStation = await base()
      .select((eb) => ['s.id', 's.name', eb.fn.countAll().as('n'), eb.fn.avg<number>('c.rating').as('avg')])
      .groupBy(['s.id', 's.name'])
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('s.name')
      .limit(200)
      .execute();
    const byDay = await base()
      .select((eb) => ['c.localDate', eb.fn.countAll().as('n')])
      .groupBy('c.localDate')
      .orderBy('c.localDate')
      .execute();
    const byHour = await base()
      .select((eb) => ['c.localHour', eb.fn.countAll().as('n')])
      .groupBy('c.localHour')
      .orderBy('c.localHour')
      .execute();
    const avg = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
    return {
      total: toInt(totals?.n),
      ratingAvg: avg(totals?.avg),
      ratingCount: toInt(totals?.rated),
      byStation: byStation.map((r) => ({ stationId: r.id, name: r.name, count: toInt(r.n), ratingAvg: avg(r.avg) })),
      byDay: byDay.map((r) => ({ date: String(r.localDate), count: toInt(r.n) })),
      byHour: byHour.map((r) => ({ hour: toInt(r.localHour), count: toInt(r.n) })),
    };
  }
}
