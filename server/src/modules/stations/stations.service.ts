import {
  bearingDeg,
  boundingBox,
  CHECK_IN_DEDUPE_MINUTES,
  CHECK_IN_RATING_DAYS,
  compassPoint,
  distanceM,
  isOpenAt,
  shanghaiClock,
  type CheckInBody,
  type CheckInListQuery,
  type CheckInView,
  type NearbyStationList,
  type OpeningHours,
  type Page,
  type RatingBody,
  type StationAmenity,
  type StationCodeView,
  type StationCreateBody,
  type StationListQuery,
  type StationNearbyQuery,
  type StationStatus,
  type StationUpdateBody,
  type StationUpkeepBody,
  type StationUsageQuery,
  type StationUsageView,
  type StationView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { now } from '../../core/clock';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { Store } from '../../store';
import type { StationCodes } from './stations.code';
import {
  stationHostOrgScope,
  stationManagerPickScope,
  stationManageScope,
  stationPolicy,
  stationReadScope,
  stationUpkeepScope,
  type StationFacts,
} from './stations.policy';
import type { CheckInRow, StationRow } from './stations.repository';

/** The repositories this service declares (services.ts gives it `store.view(…)` of exactly these). */
export type StationsStore = Store<'audit' | 'stations'>;
type StationsRepos = StationsStore['repos'];

const AUDITED = [
  'name',
  'address',
  'regionCode',
  'lat',
  'lng',
  'hours',
  'amenities',
  'managerUserId',
  'hostOrgId',
  'openedOn',
  'status',
  'phone',
  'note',
] as const;

const parseHours = (json: string): OpeningHours => JSON.parse(json) as OpeningHours;

/**
 * 惠新驿家 stations (issue 12): the ledger (staff, by region), a station manager's upkeep of their own
 * station (hours, amenities, its code), the finder of the nearest open stations, check-ins by
 * scanning the station's signed code (verified workers; the same worker at the same station within
 * 10 minutes is one check-in), one rating per check-in, and usage per station, day and hour.
 */
export class StationsService {
  constructor(
    private readonly store: StationsStore,
    private readonly codes: StationCodes,
  ) {}

  private async facts(repos: StationsRepos, ctx: RequestContext, ids: string[]) {
    const [manageable, keepable] = await Promise.all([
      repos.stations.idsInScope(stationManageScope(ctx.actor), ids),
      repos.stations.idsInScope(stationUpkeepScope(ctx.actor), ids),
    ]);
    return (id: string): StationFacts => ({ manageable: manageable.has(id), keepable: keepable.has(id) });
  }

  private async views(repos: StationsRepos, ctx: RequestContext, rows: StationRow[]): Promise<StationView[]> {
    const ids = rows.map((r) => r.id);
    const [amenities, ratings, facts] = await Promise.all([
      repos.stations.amenitiesOf(ids),
      repos.stations.ratingsOf(ids),
      this.facts(repos, ctx, ids),
    ]);
    const at = now();
    return rows.map((r) => {
      const hours = parseHours(r.hours);
      const rating = ratings.get(r.id);
      return {
        id: r.id,
        name: r.name,
        address: r.address,
        regionCode: r.regionCode,
        regionName: r.regionName,
        lat: Number(r.lat),
        lng: Number(r.lng),
        hours,
        amenities: (amenities.get(r.id) ?? []).sort() as StationAmenity[],
        managerUserId: r.managerUserId,
        managerName: r.managerName,
        hostOrgId: r.hostOrgId,
        hostOrgName: r.hostOrgName,
        openedOn: String(r.openedOn),
        status: r.status as StationStatus,
        phone: r.phone,
        note: r.note,
        openNow: r.status === 'open' && isOpenAt(hours, at),
        ratingAvg: rating?.avg === null || rating === undefined ? null : Math.round(rating.avg * 100) / 100,
        ratingCount: rating?.count ?? 0,
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        abilities: stationPolicy.abilities(ctx.actor, facts(r.id)),
      };
    });
  }

  async list(ctx: RequestContext, q: StationListQuery): Promise<Page<StationView>> {
    const repos = this.store.repos;
    const scope = stationReadScope(ctx.actor);
    const page = await repos.stations.list(scope, q);
    return {
      items: await this.views(repos, ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repos.stations.count(scope, q) } : {}),
    };
  }

  /** The ledger export: the stations of the filter in the caller's ledger scope. */
  async exportRows(ctx: RequestContext, q: StationListQuery): Promise<StationView[]> {
    const repos = this.store.repos;
    return this.views(repos, ctx, await repos.stations.all(stationManageScope(ctx.actor), q));
  }

  async get(ctx: RequestContext, id: string): Promise<StationView> {
    const repos = this.store.repos;
    const row = await repos.stations.get(stationReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.views(repos, ctx, [row]))[0]!;
  }

  /** The stations among `ids` the caller reads. */
  visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.stations.idsInScope(stationReadScope(ctx.actor), ids);
  }

  /**
   * The ledger's links, where set or changed (a link kept as it was is not judged again): the host
   * organisation must be live and in the keeper's scope (404 naming the field, as a reference); the
   * manager an active account holding the station-manager role on an organisation in the keeper's
   * subtree (400 `station_manager_role`). The reference check before the handler has already
   * resolved both through the caller's read scope.
   */
  private async checkLinks(
    repos: StationsRepos,
    ctx: RequestContext,
    body: Pick<StationCreateBody, 'managerUserId' | 'hostOrgId'>,
    before?: { managerUserId: string | null; hostOrgId: string | null },
  ): Promise<void> {
    if (body.hostOrgId && body.hostOrgId !== before?.hostOrgId)
      if (!(await repos.stations.hostOrgLiveIn(stationHostOrgScope(ctx.actor), body.hostOrgId)))
        throw new AppError('NOT_FOUND', { hostOrgId: 'not_found' });
    if (body.managerUserId && body.managerUserId !== before?.managerUserId)
      if (!(await repos.stations.isStationManagerIn(stationManagerPickScope(ctx.actor), body.managerUserId)))
        throw new AppError('VALIDATION_FAILED', { managerUserId: 'station_manager_role' });
  }

  async create(ctx: RequestContext, body: StationCreateBody): Promise<StationView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      if (!(await repos.stations.regionInScope(stationManageScope(ctx.actor), body.regionCode)))
        throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
      await this.checkLinks(repos, ctx, body);
      await repos.stations.insert(
        {
          id,
          name: body.name,
          address: body.address,
          regionCode: body.regionCode,
          lat: body.lat,
          lng: body.lng,
          hours: JSON.stringify(body.hours),
          managerUserId: body.managerUserId,
          hostOrgId: body.hostOrgId,
          openedOn: body.openedOn,
          status: body.status,
          phone: body.phone,
          note: body.note,
          createdBy: ctx.actor.userId,
        },
        body.amenities,
      );
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'station',
        entityId: id,
        entityLabel: body.name,
        changes: diffFields(null, body, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  private async load(repos: StationsRepos, ctx: RequestContext, id: string) {
    const row = await repos.stations.get(stationReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    const facts = (await this.facts(repos, ctx, [id]))(id);
    const amenities = (await repos.stations.amenitiesOf([id])).get(id) ?? [];
    return { row, facts, before: { ...row, hours: parseHours(row.hours), amenities: amenities.sort() } };
  }

  async update(ctx: RequestContext, id: string, body: StationUpdateBody): Promise<StationView> {
    await this.store.tx(async (repos) => {
      const { facts, before } = await this.load(repos, ctx, id);
      stationPolicy.authorize(ctx.actor, 'update', facts);
      if (!(await repos.stations.regionInScope(stationManageScope(ctx.actor), body.regionCode)))
        throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
      await this.checkLinks(repos, ctx, body, before);
      const { version, amenities, ...rest } = body;
      await repos.stations.update(id, version, { ...rest, hours: JSON.stringify(body.hours) });
      await repos.stations.setAmenities(id, amenities);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'station',
        entityId: id,
        entityLabel: body.name,
        changes: diffFields(before, { ...body, amenities: [...amenities].sort() }, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  /** A station manager keeps their own station's hours and amenities current (staff too, by region). */
  async upkeep(ctx: RequestContext, id: string, body: StationUpkeepBody): Promise<StationView> {
    await this.store.tx(async (repos) => {
      const { row, facts, before } = await this.load(repos, ctx, id);
      stationPolicy.authorize(ctx.actor, 'upkeep', facts);
      await repos.stations.update(id, body.version, { hours: JSON.stringify(body.hours) });
      await repos.stations.setAmenities(id, body.amenities);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'station',
        entityId: id,
        entityLabel: row.name,
        changes: diffFields(before, { hours: body.hours, amenities: [...body.amenities].sort() }, [
          'hours',
          'amenities',
        ]),
      });
    });
    return this.get(ctx, id);
  }

  async code(ctx: RequestContext, id: string): Promise<StationCodeView> {
    const { row, facts } = await this.load(this.store.repos, ctx, id);
    stationPolicy.authorize(ctx.actor, 'code', facts);
    return { stationId: id, name: row.name, serial: row.codeSerial, code: this.codes.issue(id, row.codeSerial) };
  }

  /** A new code (a print was lost or copied): the serial goes up, and every earlier code answers 410. */
  async reissueCode(ctx: RequestContext, id: string): Promise<StationCodeView> {
    const serial = await this.store.tx(async (repos) => {
      const { row, facts } = await this.load(repos, ctx, id);
      stationPolicy.authorize(ctx.actor, 'code', facts);
      const next = await repos.stations.bumpSerial(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'reissue_code',
        entityType: 'station',
        entityId: id,
        entityLabel: row.name,
        changes: [{ field: 'codeSerial', before: row.codeSerial, after: next }],
      });
      return { next, name: row.name };
    });
    return { stationId: id, name: serial.name, serial: serial.next, code: this.codes.issue(id, serial.next) };
  }

  /**
   * The nearest open stations: the bounding box of the radius narrows through the (lat, lng) index,
   * then the exact (haversine) distance orders and cuts; open-now by each station's hours at the
   * current instant (Asia/Shanghai), holidays first.
   */
  async nearby(q: StationNearbyQuery): Promise<NearbyStationList> {
    const repos = this.store.repos;
    const here = { lat: q.lat, lng: q.lng };
    const radiusM = q.radiusKm * 1000;
    const rows = await repos.stations.inBox(boundingBox(here, radiusM), q.amenity);
    const at = now();
    const near = rows
      .map((r) => {
        const there = { lat: Number(r.lat), lng: Number(r.lng) };
        const hours = parseHours(r.hours);
        return { r, there, hours, d: distanceM(here, there), open: isOpenAt(hours, at) };
      })
      .filter((x) => x.d <= radiusM && (!q.openNow || x.open))
      .sort((a, b) => a.d - b.d || a.r.id.localeCompare(b.r.id))
      .slice(0, q.limit);
    const ids = near.map((x) => x.r.id);
    const [amenities, ratings] = await Promise.all([repos.stations.amenitiesOf(ids), repos.stations.ratingsOf(ids)]);
    return {
      searchedKm: q.radiusKm,
      items: near.map(({ r, there, hours, d, open }) => {
        const deg = bearingDeg(here, there);
        const rating = ratings.get(r.id);
        return {
          id: r.id,
          name: r.name,
          address: r.address,
          lat: there.lat,
          lng: there.lng,
          amenities: (amenities.get(r.id) ?? []).sort() as StationAmenity[],
          hours,
          status: r.status as StationStatus,
          phone: r.phone,
          openNow: open,
          distanceM: Math.round(d),
          bearingDeg: Math.round(deg),
          direction: compassPoint(deg),
          ratingAvg: rating?.avg == null ? null : Math.round(rating.avg * 100) / 100,
          ratingCount: rating?.count ?? 0,
        };
      }),
    };
  }

  private checkInView(r: CheckInRow, created: boolean): CheckInView {
    return {
      id: r.id,
      stationId: r.stationId,
      stationName: r.stationName,
      workerName: r.workerName,
      platform: r.platform,
      at: r.at,
      rating: r.rating,
      comment: r.comment,
      created,
    };
  }

  /**
   * A verified worker checks in by the station's code: signature (400), current serial (410 after a
   * reissue), station open for service (409). A second scan by the same worker at the same station
   * within CHECK_IN_DEDUPE_MINUTES answers the first check-in (`created: false`).
   */
  async checkIn(ctx: RequestContext, body: CheckInBody): Promise<CheckInView> {
    const named = this.codes.verify(body.code);
    if (!named) throw new AppError('STATION_CODE_INVALID');
    const result = await this.store.tx(async (repos) => {
      const station = await repos.stations.forCheckIn(named.stationId);
      if (!station) throw new AppError('STATION_CODE_INVALID');
      if (named.serial !== station.codeSerial) throw new AppError('STATION_CODE_REVOKED');
      if (station.status !== 'open') throw new AppError('STATION_NOT_OPEN');
      const worker = await repos.stations.verifiedWorkerOf(ctx.actor.userId);
      if (!worker) throw new AppError('WORKER_NOT_VERIFIED');
      const at = now();
      const since = new Date(at.getTime() - CHECK_IN_DEDUPE_MINUTES * 60_000).toISOString();
      const last = await repos.stations.lastCheckIn(worker.id, station.id, since);
      if (last) return { id: last.id, created: false };
      const id = newId();
      const clock = shanghaiClock(at);
      await repos.stations.insertCheckIn({
        id,
        stationId: station.id,
        workerId: worker.id,
        userId: ctx.actor.userId,
        at: at.toISOString(),
        localDate: clock.date,
        localHour: Math.floor(clock.minute / 60),
        codeSerial: station.codeSerial,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'check_in',
        entityType: 'station',
        entityId: station.id,
        entityLabel: station.name,
        changes: [{ field: 'worker', before: null, after: worker.name }],
      });
      return { id, created: true };
    });
    const row = await this.store.repos.stations.checkIn(result.id);
    return this.checkInView(row!, result.created);
  }

  /** The worker rates their own check-in, once, within CHECK_IN_RATING_DAYS (anyone else's: 404). */
  async rate(ctx: RequestContext, id: string, body: RatingBody): Promise<CheckInView> {
    await this.store.tx(async (repos) => {
      const row = await repos.stations.checkIn(id);
      if (!row || row.userId !== ctx.actor.userId) throw new AppError('NOT_FOUND');
      const at = nowIso();
      const open = Date.parse(at) - Date.parse(row.at) <= CHECK_IN_RATING_DAYS * 86_400_000;
      if (!open || !(await repos.stations.rate(id, body.rating, body.comment, at)))
        throw new AppError('CHECK_IN_RATING_CLOSED');
      await repos.audit.record(auditCtx(ctx), {
        action: 'rate',
        entityType: 'station',
        entityId: row.stationId,
        entityLabel: row.stationName,
        changes: diffFields(null, body, ['rating', 'comment']),
      });
    });
    return this.checkInView((await this.store.repos.stations.checkIn(id))!, false);
  }

  /** A station's check-ins (today's on the manager's page), for those who keep it. */
  async checkIns(ctx: RequestContext, id: string, q: CheckInListQuery): Promise<Page<CheckInView>> {
    const repos = this.store.repos;
    const { facts } = await this.load(repos, ctx, id);
    stationPolicy.authorize(ctx.actor, 'upkeep', facts);
    const page = await repos.stations.checkInsOf(id, q);
    return { items: page.items.map((r) => this.checkInView(r, true)), nextCursor: page.nextCursor };
  }

  /** Check-ins per station, per day and per hour of the stations the caller keeps. */
  async usage(ctx: RequestContext, q: StationUsageQuery): Promise<StationUsageView> {
    const repos = this.store.repos;
    const scope = stationUpkeepScope(ctx.actor);
    if (q.stationId && (await repos.stations.idsInScope(scope, [q.stationId])).size === 0)
      throw new AppError('NOT_FOUND');
    return repos.stations.usage(scope, q);
  }
}
