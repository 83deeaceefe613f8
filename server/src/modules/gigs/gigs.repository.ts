import { sql, type Compilable, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Page } from '@touyan/schemas';
import { conflict } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { Executor } from '../../db/closure';
import { dialectOf, likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateVersioned, countEach } from '../../db/repo-helpers';
import { regionUnderOrgs, underScope } from '../../db/scope-sql';
import type {
  DB,
  GigFairsTable,
  GigIntentionsTable,
  GigJobsTable,
  GigPreferencesTable,
  GigPushesTable,
  RegionsTable,
  SmsOutboxTable,
  WorkersTable,
} from '../../db/types';
import type { GigFairScope, GigJobScope } from './gigs.policy';

export type GigJobRow = Selectable<GigJobsTable> & {
  hostOrgName: string;
  regionName: string;
  fairTitle: string | null;
};
export type GigJobInsert = Omit<
  GigJobsTable,
  'version' | 'hiredCount' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'closeReason' | 'rejectReason'
>;
export type GigJobPatch = Partial<
  Omit<GigJobsTable, 'id' | 'version' | 'createdAt' | 'createdBy' | 'hiredCount' | 'deletedAt' | 'updatedAt'>
>;
export type GigPreferenceRow = Selectable<GigPreferencesTable> & { regionName: string | null; kinds: string[] };
export type GigPreferenceWrite = Omit<GigPreferencesTable, 'workerId' | 'version' | 'createdAt' | 'updatedAt'>;
export type GigIntentionRow = Selectable<GigIntentionsTable> & {
  jobTitle: string;
  hostOrgId: string;
  hostOrgName: string;
  jobRegionCode: string;
  workerName: string;
  workerUserId: string | null;
  workerMobileEnc: string;
};
export type GigPushRow = Selectable<GigPushesTable> & { jobTitle: string; workerName: string };
export type GigFairRow = Selectable<GigFairsTable> & { regionName: string; organiserName: string };
export type SmsRow = Selectable<SmsOutboxTable>;

/** A worker as the gig module sees them (read from the workers' table, never written here). */
export interface GigWorker {
  id: string;
  name: string;
  status: string;
  userId: string | null;
  regionCode: string;
  regionName: string;
  mobileEnc: string;
}

/** A worker with preferences who may match a job (the push and the employer's match list). */
export interface GigCandidate extends Selectable<GigPreferencesTable> {
  name: string;
  userId: string | null;
  regionName: string;
  mobileEnc: string;
  /** The worker wants this job's kind by name (else they take any kind: `*`). */
  kindHit: number;
  /** The job lies in the worker's region (preferred place, else their registration's). */
  inRegion: number;
}

export interface GigJobFilter {
  q?: string;
  status?: string;
  kind?: string;
  hostOrgId?: string;
  fairId?: string;
  regionCode?: string;
  orgId?: string;
}
export interface GigIntentionFilter {
  jobId?: string;
  fairId?: string;
  status?: string;
  orgId?: string;
  from?: string;
  to?: string;
}
export interface GigPushFilter {
  jobId?: string;
  fairId?: string;
  orgId?: string;
  from?: string;
  to?: string;
}
export interface GigFairFilter {
  q?: string;
  status?: string;
  mode?: string;
  orgId?: string;
  heldFrom?: string;
  heldTo?: string;
}

type JobEb = ExpressionBuilder<DB & { j: GigJobsTable }, 'j'>;

/** The jobs' scope condition over the job aliased `j`. */
function jobScopeCondition(eb: JobEb, scope: GigJobScope, opts: { ownOnly?: boolean } = {}): Expression<SqlBool> {
  if (scope.all) return sql<boolean>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.regionOrgIds.length) ors.push(regionUnderOrgs('j.regionCode', { all: false, orgIds: scope.regionOrgIds }));
  if (scope.hostOrgIds.length) ors.push(eb('j.hostOrgId', 'in', scope.hostOrgIds));
  if (scope.workerUserId) {
    if (!opts.ownOnly) ors.push(eb('j.status', '=', 'open'));
    ors.push(
      eb(
        'j.id',
        'in',
        eb
          .selectFrom('gigIntentions as si')
          .innerJoin('workers as sw', 'sw.id', 'si.workerId')
          .select('si.jobId')
          .where('sw.userId', '=', scope.workerUserId),
      ),
    );
  }
  return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
}

type FairEb = ExpressionBuilder<DB & { f: GigFairsTable }, 'f'>;
/** A job's candidates: preferences `p` with their worker `w` (and region `r`). */
type CandidateFrom = DB & { p: GigPreferencesTable; w: WorkersTable; r: RegionsTable };
function fairScopeCondition(eb: FairEb, scope: GigFairScope): Expression<SqlBool> {
  if (scope.all) return sql<boolean>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.subtree.all || scope.subtree.orgIds.length) ors.push(underScope('f.organiserOrgId', scope.subtree));
  if (scope.hostOrgIds.length)
    ors.push(
      eb(
        'f.id',
        'in',
        eb.selectFrom('gigFairEmployers as fe').select('fe.fairId').where('fe.hostOrgId', 'in', scope.hostOrgIds),
      ),
    );
  return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
}

/** YYYY-MM of a business-date column (a date on PostgreSQL, text on SQLite). */
function monthOf(db: Executor, column: string) {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM')`
    : sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

const parseList = <T extends string>(json: string): T[] => JSON.parse(json) as T[];

/**
 * 零工快招's tables (issue 13): jobs, preferences, intentions, pushes, the SMS outbox and job fairs.
 * Reads of other modules' tables (workers, host organisations, regions, role bindings) are joins only.
 */
export class GigsRepository {
  constructor(private readonly db: Executor) {}

  // ——— jobs ———

  private jobBase(scope: GigJobScope) {
    return this.db
      .selectFrom('gigJobs as j')
      .innerJoin('hostOrgs as h', 'h.id', 'j.hostOrgId')
      .innerJoin('regions as r', 'r.code', 'j.regionCode')
      .leftJoin('gigFairs as f', 'f.id', 'j.fairId')
      .selectAll('j')
      .select(['h.name as hostOrgName', 'r.name as regionName', 'f.title as fairTitle'])
      .where('j.deletedAt', 'is', null)
      .where((eb) => jobScopeCondition(eb, scope));
  }

  private jobsFiltered(scope: GigJobScope, f: GigJobFilter) {
    let q = this.jobBase(scope);
    if (f.q)
      q = q.where((eb) => eb.or([likeContains(this.db, 'j.title', f.q!), likeContains(this.db, 'h.name', f.q!)]));
    if (f.status) q = q.where('j.status', '=', f.status);
    if (f.kind) q = q.where('j.kind', '=', f.kind);
    if (f.hostOrgId) q = q.where('j.hostOrgId', '=', f.hostOrgId);
    if (f.fairId) q = q.where('j.fairId', '=', f.fairId);
    if (f.regionCode)
      q = q.where('j.regionCode', 'in', (eb) =>
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', f.regionCode!),
      );
    if (f.orgId) q = q.where(regionUnderOrgs('j.regionCode', { all: false, orgIds: [f.orgId] }));
    return q;
  }

  listJobs(scope: GigJobScope, f: GigJobFilter, page: { limit: number; cursor?: string }): Promise<Page<GigJobRow>> {
    return pageByIdDesc(this.jobsFiltered(scope, f), 'j.id', page);
  }

  async countJobs(scope: GigJobScope, f: GigJobFilter): Promise<number> {
    const r = await this.jobsFiltered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  getJob(scope: GigJobScope, id: string): Promise<GigJobRow | undefined> {
    return this.jobBase(scope).where('j.id', '=', id).executeTakeFirst();
  }

  async jobIdsInScope(scope: GigJobScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('gigJobs as j')
      .select('j.id')
      .where('j.id', 'in', [...new Set(ids)])
      .where('j.deletedAt', 'is', null)
      .where((eb) => jobScopeCondition(eb, scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertJob(row: GigJobInsert): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto('gigJobs')
      .values({ ...row, closeReason: null, rejectReason: null, createdAt: now, updatedAt: now })
      .execute();
  }

  /** A versioned update; with `fromStatus`, only while the job is still in one of those states. */
  async updateJob(id: string, version: number, patch: GigJobPatch, fromStatus?: readonly string[]): Promise<void> {
    await updateVersioned(this.db, 'gigJobs', { id }, version, patch, {
      ...(fromStatus ? { guard: (eb) => eb('status', 'in', [...fromStatus]) } : {}),
    });
  }

  /** Whether the employer has had a job approved (or published by staff) before: not a new employer. */
  async employerKnown(hostOrgId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('gigJobs')
      .select('id')
      .where('hostOrgId', '=', hostOrgId)
      .where('approvedAt', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  /**
   * One more hire, in one guarded statement (open, not yet filled): the new count and the headcount,
   * or undefined when the job is no longer open or already full.
   */
  async hireOne(id: string): Promise<{ hiredCount: number; headcount: number } | undefined> {
    return this.db
      .updateTable('gigJobs')
      .set((eb) => ({ hiredCount: eb('hiredCount', '+', 1), version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where((eb) => eb('hiredCount', '<', eb.ref('headcount')))
      .returning(['hiredCount', 'headcount'])
      .executeTakeFirst();
  }

  /** Closes a job the system closes (filled, expired) if still open; true when this call did. */
  async closeBySystem(id: string, reason: 'filled' | 'expired'): Promise<boolean> {
    const r = await this.db
      .updateTable('gigJobs')
      .set((eb) => ({ status: 'closed', closeReason: reason, version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Open jobs whose closing date has passed. */
  openPastClosing(today: string) {
    return this.db
      .selectFrom('gigJobs')
      .select(['id', 'title', 'regionCode'])
      .where('status', '=', 'open')
      .where('closingOn', '<', today)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .limit(10_000)
      .execute();
  }

  /** Open jobs not past their closing date (the daily push). */
  async openJobIds(today: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('gigJobs')
      .select('id')
      .where('status', '=', 'open')
      .where('closingOn', '>=', today)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .limit(10_000)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Intentions and pushes per job. */
  async jobCounts(ids: readonly string[]): Promise<Map<string, { intentions: number; pushes: number }>> {
    const out = new Map<string, { intentions: number; pushes: number }>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    for (const id of unique) out.set(id, { intentions: 0, pushes: 0 });
    const [intentions, pushes] = await Promise.all([
      this.db
        .selectFrom('gigIntentions')
        .select((eb) => ['jobId', eb.fn.countAll().as('n')])
        .where('jobId', 'in', unique)
        .where('status', '!=', 'withdrawn')
        .groupBy('jobId')
        .execute(),
      this.db
        .selectFrom('gigPushes')
        .select((eb) => ['jobId', eb.fn.countAll().as('n')])
        .where('jobId', 'in', unique)
        .groupBy('jobId')
        .execute(),
    ]);
    for (const r of intentions) out.get(r.jobId)!.intentions = toInt(r.n);
    for (const r of pushes) out.get(r.jobId)!.pushes = toInt(r.n);
    return out;
  }

  /** The accounts bound as employer (用工单位) of a host organisation. */
  async employerUsers(hostOrgId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('roleBindings')
      .select('userId')
      .where('role', '=', 'employer')
      .where('hostOrgId', '=', hostOrgId)
      .execute();
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Staff bound on a Party organisation whose region holds this region (who approve a job there). */
  async staffOverRegion(regionCode: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('roleBindings as b')
      .innerJoin('partyOrgs as po', 'po.id', 'b.orgId')
      .innerJoin('regionClosure as rc', 'rc.ancestorCode', 'po.regionCode')
      .select('b.userId')
      .where('b.role', '=', 'staff')
      .where('rc.descendantCode', '=', regionCode)
      .execute();
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Whether a region exists and lies under the region of one of these Party organisations (all: exists). */
  async regionUnder(orgIds: readonly string[] | 'all', code: string): Promise<boolean> {
    let q = this.db.selectFrom('regions as r').select('r.code').where('r.code', '=', code);
    if (orgIds !== 'all') q = q.where(regionUnderOrgs('r.code', { all: false, orgIds: [...orgIds] }));
    return !!(await q.executeTakeFirst());
  }

  /** Whether region `inner` lies in (or is) region `outer`. */
  async regionWithin(inner: string, outer: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('regionClosure')
      .select('descendantCode')
      .where('ancestorCode', '=', outer)
      .where('descendantCode', '=', inner)
      .executeTakeFirst();
    return !!r;
  }

  /** A host organisation's name and region (the employer's own, when it posts). */
  hostOrg(id: string) {
    return this.db
      .selectFrom('hostOrgs')
      .select(['id', 'name', 'regionCode'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  }

  // ——— workers and preferences ———

  private workerBase() {
    return this.db
      .selectFrom('workers as w')
      .innerJoin('regions as r', 'r.code', 'w.regionCode')
      .select(['w.id', 'w.name', 'w.status', 'w.userId', 'w.regionCode', 'r.name as regionName', 'w.mobileEnc'])
      .where('w.deletedAt', 'is', null);
  }

  /** The worker registration of an account. */
  workerOfUser(userId: string): Promise<GigWorker | undefined> {
    return this.workerBase().where('w.userId', '=', userId).executeTakeFirst();
  }

  /** A worker in the region scope of these Party organisations (staff registering at a fair's desk). */
  workerInRegions(orgIds: readonly string[] | 'all', id: string): Promise<GigWorker | undefined> {
    let q = this.workerBase().where('w.id', '=', id);
    if (orgIds !== 'all') q = q.where(regionUnderOrgs('w.regionCode', { all: false, orgIds: [...orgIds] }));
    return q.executeTakeFirst();
  }

  /** Workers by id in the region scope of these Party organisations. */
  async workersInRegions(orgIds: readonly string[] | 'all', ids: readonly string[]): Promise<Map<string, GigWorker>> {
    const out = new Map<string, GigWorker>();
    if (ids.length === 0) return out;
    let q = this.workerBase().where('w.id', 'in', [...new Set(ids)]);
    if (orgIds !== 'all') q = q.where(regionUnderOrgs('w.regionCode', { all: false, orgIds: [...orgIds] }));
    for (const w of await q.execute()) out.set(w.id, w);
    return out;
  }

  /** The preferences of several workers (those who have any). */
  async preferencesOf(workerIds: readonly string[]): Promise<Map<string, GigPreferenceRow>> {
    const out = new Map<string, GigPreferenceRow>();
    if (workerIds.length === 0) return out;
    const unique = [...new Set(workerIds)];
    const rows = await this.db
      .selectFrom('gigPreferences as p')
      .leftJoin('regions as r', 'r.code', 'p.regionCode')
      .selectAll('p')
      .select('r.name as regionName')
      .where('p.workerId', 'in', unique)
      .execute();
    const kinds = await this.db
      .selectFrom('gigPreferenceKinds')
      .select(['workerId', 'kind'])
      .where('workerId', 'in', unique)
      .where('kind', '!=', '*')
      .orderBy('kind')
      .execute();
    for (const r of rows) out.set(r.workerId, { ...r, kinds: [] });
    for (const k of kinds) out.get(k.workerId)?.kinds.push(k.kind);
    return out;
  }

  async preferenceOf(workerId: string): Promise<GigPreferenceRow | undefined> {
    const row = await this.db
      .selectFrom('gigPreferences as p')
      .leftJoin('regions as r', 'r.code', 'p.regionCode')
      .selectAll('p')
      .select('r.name as regionName')
      .where('p.workerId', '=', workerId)
      .executeTakeFirst();
    if (!row) return undefined;
    const kinds = await this.db
      .selectFrom('gigPreferenceKinds')
      .select('kind')
      .where('workerId', '=', workerId)
      .orderBy('kind')
      .execute();
    return { ...row, kinds: kinds.map((k) => k.kind).filter((k) => k !== '*') };
  }

  /**
   * Saves a worker's preferences: the first save inserts (version 1), later ones need the current
   * version (409 otherwise). The wanted kinds are rewritten (`*` for any).
   */
  async savePreference(workerId: string, row: GigPreferenceWrite, kinds: readonly string[], version?: number) {
    const now = nowIso();
    const exists = await this.db
      .selectFrom('gigPreferences')
      .select('version')
      .where('workerId', '=', workerId)
      .executeTakeFirst();
    if (!exists) {
      if (version !== undefined) throw conflict();
      await this.db
        .insertInto('gigPreferences')
        .values({ workerId, ...row, createdAt: now, updatedAt: now })
        .execute();
    } else {
      if (version === undefined) throw conflict();
      const r = await this.db
        .updateTable('gigPreferences')
        .set((eb) => ({ ...row, version: eb('version', '+', 1), updatedAt: now }))
        .where('workerId', '=', workerId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw conflict();
    }
    await this.db.deleteFrom('gigPreferenceKinds').where('workerId', '=', workerId).execute();
    await this.db
      .insertInto('gigPreferenceKinds')
      .values((kinds.length ? kinds : ['*']).map((kind) => ({ workerId, kind })))
      .execute();
  }

  /** The widest maximum distance (km) any worker asks for; null when nobody set preferences. */
  async widestDistanceKm(): Promise<number | null> {
    const r = await this.db
      .selectFrom('gigPreferences')
      .select((eb) => eb.fn.max('maxDistanceKm').as('km'))
      .executeTakeFirst();
    return r?.km === null || r?.km === undefined ? null : Number(r.km);
  }

  /**
   * Verified workers with preferences who could match a job: wanting its kind (or any), and either
   * placed inside the box around the job (both have coordinates: the service computes the exact
   * distance) or, without coordinates on either side, looking for work in a region that holds the
   * job's. The two ways are two branches of a `UNION ALL` (disjoint: a worker with coordinates is in
   * the first or nowhere), so each is planned on its own: the box walks the `(lat, lng,
   * max_distance_km, worker_id)` index and checks each worker's own distance on the index entry
   * before looking anything up; the region branch walks the `lat is null` end of the same index. An `OR` of the two in
   * one WHERE left SQLite reading every row of the latitude band (about 1 s at 1,000,000 workers).
   */
  async candidatesForJob(
    job: { kind: string; regionCode: string; lat: number | null; lng: number | null },
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null,
    max: number,
  ): Promise<GigCandidate[]> {
    return (await this.db.executeQuery(this.candidatesQuery(job, box, max))).rows;
  }

  /** The statement of `candidatesForJob` (the bench shows its plan). */
  candidatesQuery(
    job: { kind: string; regionCode: string; lat: number | null; lng: number | null },
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null,
    max: number,
  ): Compilable<GigCandidate> {
    const byRegion = (eb: ExpressionBuilder<CandidateFrom, 'p' | 'w'>) =>
      eb(
        eb.fn.coalesce('p.regionCode', 'w.regionCode'),
        'in',
        eb.selectFrom('regionClosure').select('ancestorCode').where('descendantCode', '=', job.regionCode),
      );
    const base = () =>
      this.db
        .selectFrom('gigPreferences as p')
        // CROSS JOIN (with the keys in WHERE, the same as the inner joins) keeps SQLite's join order:
        // the preferences first, through the box index, then their worker and region by key. PostgreSQL
        // reorders a cross join like any other.
        .crossJoin('workers as w')
        .crossJoin('regions as r')
        .whereRef('w.id', '=', 'p.workerId')
        .whereRef('r.code', '=', 'w.regionCode')
        .selectAll('p')
        .select((eb) => [
          'w.name',
          'w.userId',
          'w.mobileEnc',
          'r.name as regionName',
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('gigPreferenceKinds as k2')
                  .select('k2.workerId')
                  .whereRef('k2.workerId', '=', 'p.workerId')
                  .where('k2.kind', '=', job.kind),
              ),
            )
            .then(1)
            .else(0)
            .end()
            .as('kindHit'),
          eb.case().when(byRegion(eb)).then(1).else(0).end().as('inRegion'),
        ])
        .where('w.status', '=', 'verified')
        .where('w.deletedAt', 'is', null)
        // A lookup in the (worker, kind) key per row: an IN over the kinds table would read every
        // worker who takes any kind (most of them) before the box narrows anything.
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('gigPreferenceKinds as k')
              .select('k.workerId')
              .whereRef('k.workerId', '=', 'p.workerId')
              .where('k.kind', 'in', [job.kind, '*']),
          ),
        );
    if (!box || job.lat === null || job.lng === null) {
      return base()
        .where((eb) => byRegion(eb))
        .orderBy('p.workerId')
        .limit(max) as Compilable<GigCandidate>;
    }
    // The box (the widest distance any worker allows) rides the index; then each worker's own
    // distance, as a box of their own (the service computes the exact distance).
    const kmPerLng =
      111 * Math.cos((Math.min(89, Math.max(Math.abs(box.minLat), Math.abs(box.maxLat))) * Math.PI) / 180);
    const num = (v: number) => sql`cast(${v} as double precision)`;
    const own = sql<SqlBool>`${sql.ref('p.lat')} between ${num(job.lat)} - ${sql.ref('p.maxDistanceKm')} / 111.0 and ${num(job.lat)} + ${sql.ref('p.maxDistanceKm')} / 111.0 and ${sql.ref('p.lng')} between ${num(job.lng)} - ${sql.ref('p.maxDistanceKm')} / ${num(kmPerLng)} and ${num(job.lng)} + ${sql.ref('p.maxDistanceKm')} / ${num(kmPerLng)}`;
    const inBox = base()
      .where('p.lat', '>=', box.minLat)
      .where('p.lat', '<=', box.maxLat)
      .where('p.lng', '>=', box.minLng)
      .where('p.lng', '<=', box.maxLng)
      .where(own);
    const noPlace = base()
      .where('p.lat', 'is', null)
      .where((eb) => byRegion(eb));
    // Materialised, so the order and the limit apply to the candidates found: pushed into the
    // branches (a subquery), they let SQLite's planner weigh reading a branch in worker order and
    // stopping at the limit against the box, and with the statistics of a 1,000,000-worker registry
    // it took that for about half of the jobs (every worker read: 1 s of CPU a match).
    return this.db
      .with(
        (cte) => cte('c').materialized(),
        () => inBox.unionAll(noPlace),
      )
      .selectFrom('c')
      .selectAll()
      .orderBy('c.workerId')
      .limit(max) as Compilable<GigCandidate>;
  }

  /**
   * Open jobs, not past closing, that could suit a worker: of a wanted kind (any when none), and in
   * the box around the worker (jobs with coordinates) or in the worker's region (jobs without, or
   * any job when the worker gives no position).
   */
  candidateJobs(
    w: { kinds: readonly string[]; regionCode: string },
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null,
    today: string,
    max: number,
  ) {
    let q = this.jobBase({ all: true, regionOrgIds: [], hostOrgIds: [], workerUserId: null })
      .select((eb) =>
        eb
          .case()
          .when(
            'j.regionCode',
            'in',
            eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', w.regionCode),
          )
          .then(1)
          .else(0)
          .end()
          .as('inRegion'),
      )
      .where('j.status', '=', 'open')
      .where('j.closingOn', '>=', today);
    if (w.kinds.length) q = q.where('j.kind', 'in', [...w.kinds]);
    q = q.where((eb) => {
      const inRegion = eb(
        'j.regionCode',
        'in',
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', w.regionCode),
      );
      if (!box) return inRegion;
      return eb.or([
        eb.and([
          eb('j.lat', '>=', box.minLat),
          eb('j.lat', '<=', box.maxLat),
          eb('j.lng', '>=', box.minLng),
          eb('j.lng', '<=', box.maxLng),
        ]),
        eb.and([eb('j.lat', 'is', null), inRegion]),
      ]);
    });
    return q.orderBy('j.closingOn').orderBy('j.id').limit(max).execute();
  }

  // ——— intentions ———

  private intentionBase() {
    return this.db
      .selectFrom('gigIntentions as i')
      .innerJoin('gigJobs as j', 'j.id', 'i.jobId')
      .innerJoin('hostOrgs as h', 'h.id', 'j.hostOrgId')
      .innerJoin('workers as w', 'w.id', 'i.workerId')
      .selectAll('i')
      .select([
        'j.title as jobTitle',
        'j.hostOrgId',
        'h.name as hostOrgName',
        'j.regionCode as jobRegionCode',
        'w.name as workerName',
        'w.userId as workerUserId',
        'w.mobileEnc as workerMobileEnc',
      ]);
  }

  /** Intentions on the jobs the caller manages (staff, employer), or the worker's own. */
  private intentionsScoped(scope: GigJobScope) {
    return this.intentionBase().where((eb) => {
      const own = scope.workerUserId ? [eb('w.userId', '=', scope.workerUserId)] : [];
      const managed = { ...scope, workerUserId: null };
      if (scope.all) return sql<boolean>`1 = 1`;
      return eb.or([jobScopeCondition(eb as unknown as JobEb, managed), ...own]);
    });
  }

  private intentionsFiltered(scope: GigJobScope, f: GigIntentionFilter) {
    let q = this.intentionsScoped(scope);
    if (f.jobId) q = q.where('i.jobId', '=', f.jobId);
    if (f.fairId) q = q.where('i.fairId', '=', f.fairId);
    if (f.status) q = q.where('i.status', '=', f.status);
    if (f.orgId) q = q.where(regionUnderOrgs('j.regionCode', { all: false, orgIds: [f.orgId] }));
    if (f.from) q = q.where('i.localDate', '>=', f.from);
    if (f.to) q = q.where('i.localDate', '<=', f.to);
    return q;
  }

  listIntentions(scope: GigJobScope, f: GigIntentionFilter, page: { limit: number; cursor?: string }) {
    return pageByIdDesc(this.intentionsFiltered(scope, f), 'i.id', page);
  }

  async countIntentions(scope: GigJobScope, f: GigIntentionFilter): Promise<number> {
    const r = await this.intentionsFiltered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `countIntentions` of each filter, in one statement (a dashboard figure's area and its counties). */
  countIntentionsMany(scope: GigJobScope, fs: readonly GigIntentionFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      fs.map((f) => this.intentionsFiltered(scope, f)),
    );
  }

  getIntention(scope: GigJobScope, id: string): Promise<GigIntentionRow | undefined> {
    return this.intentionsScoped(scope).where('i.id', '=', id).executeTakeFirst();
  }

  intentionOf(jobId: string, workerId: string) {
    return this.db
      .selectFrom('gigIntentions')
      .select(['id', 'status'])
      .where('jobId', '=', jobId)
      .where('workerId', '=', workerId)
      .executeTakeFirst();
  }

  /** The worker's intentions on these jobs. */
  async intentionsOfWorker(workerId: string, jobIds: readonly string[]) {
    const out = new Map<string, { id: string; status: string }>();
    if (jobIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('gigIntentions')
      .select(['id', 'jobId', 'status'])
      .where('workerId', '=', workerId)
      .where('jobId', 'in', [...new Set(jobIds)])
      .execute();
    for (const r of rows) out.set(r.jobId, { id: r.id, status: r.status });
    return out;
  }

  /** Inserts an intention unless the worker has one on the job (then false). */
  async insertIntention(row: Omit<GigIntentionsTable, 'version' | 'updatedAt' | 'createdAt'>): Promise<boolean> {
    const now = nowIso();
    const r = await this.db
      .insertInto('gigIntentions')
      .values({ ...row, createdAt: now, updatedAt: now })
      .onConflict((oc) => oc.columns(['jobId', 'workerId']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Inserts intentions, skipping workers who hold one on the job already: the rows inserted. */
  async insertIntentions(rows: Omit<GigIntentionsTable, 'version' | 'updatedAt' | 'createdAt'>[]) {
    if (rows.length === 0) return [];
    const now = nowIso();
    return this.db
      .insertInto('gigIntentions')
      .values(rows.map((r) => ({ ...r, createdAt: now, updatedAt: now })))
      .onConflict((oc) => oc.columns(['jobId', 'workerId']).doNothing())
      .returning(['id', 'workerId'])
      .execute();
  }

  async updateIntention(
    id: string,
    version: number,
    patch: Partial<Pick<GigIntentionsTable, 'status' | 'contactShared' | 'decidedAt' | 'decidedBy' | 'note'>>,
    fromStatus: readonly string[],
  ): Promise<void> {
    await updateVersioned(this.db, 'gigIntentions', { id }, version, patch, {
      guard: (eb) => eb('status', 'in', [...fromStatus]),
    });
  }

  // ——— pushes ———

  /** Records pushes, once per job and worker: the workers newly pushed by this call. */
  async insertPushes(rows: Omit<GigPushesTable, 'id' | 'createdAt'>[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const now = nowIso();
    const done = await this.db
      .insertInto('gigPushes')
      .values(rows.map((r) => ({ ...r, id: newId(), createdAt: now })))
      .onConflict((oc) => oc.columns(['jobId', 'workerId']).doNothing())
      .returning('workerId')
      .execute();
    return new Set(done.map((d) => d.workerId));
  }

  /** When each of these workers was pushed this job. */
  async pushedAt(jobId: string, workerIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (workerIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('gigPushes')
      .select(['workerId', 'createdAt'])
      .where('jobId', '=', jobId)
      .where('workerId', 'in', [...new Set(workerIds)])
      .execute();
    for (const r of rows) out.set(r.workerId, r.createdAt);
    return out;
  }

  private pushesFiltered(scope: GigJobScope, f: GigPushFilter) {
    let q = this.db
      .selectFrom('gigPushes as p')
      .innerJoin('gigJobs as j', 'j.id', 'p.jobId')
      .innerJoin('workers as w', 'w.id', 'p.workerId')
      .selectAll('p')
      .select(['j.title as jobTitle', 'w.name as workerName'])
      .where((eb) => jobScopeCondition(eb as unknown as JobEb, scope, { ownOnly: true }));
    if (f.jobId) q = q.where('p.jobId', '=', f.jobId);
    if (f.fairId) q = q.where('j.fairId', '=', f.fairId);
    if (f.orgId) q = q.where(regionUnderOrgs('j.regionCode', { all: false, orgIds: [f.orgId] }));
    if (f.from) q = q.where('p.localDate', '>=', f.from);
    if (f.to) q = q.where('p.localDate', '<=', f.to);
    return q;
  }

  listPushes(
    scope: GigJobScope,
    f: GigPushFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<GigPushRow>> {
    return pageByIdDesc(this.pushesFiltered(scope, f), 'p.id', page);
  }

  async countPushes(scope: GigJobScope, f: GigPushFilter): Promise<number> {
    const r = await this.pushesFiltered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `countPushes` of each filter, in one statement (a dashboard figure's area and its counties). */
  countPushesMany(scope: GigJobScope, fs: readonly GigPushFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      fs.map((f) => this.pushesFiltered(scope, f)),
    );
  }

  /** The filtered push records, newest first, at most `max` (the export). */
  exportPushes(scope: GigJobScope, f: GigPushFilter, max: number): Promise<GigPushRow[]> {
    return this.pushesFiltered(scope, f).orderBy('p.id', 'desc').limit(max).execute();
  }

  /** The list's count per month (YYYY-MM of the business date): the staff home's figures. */
  async pushesByMonth(scope: GigJobScope, f: GigPushFilter): Promise<Map<string, number>> {
    const month = monthOf(this.db, 'p.localDate');
    const rows = await this.pushesFiltered(scope, f)
      .clearSelect()
      .select((eb) => [month.as('month'), eb.fn.countAll().as('n')])
      .groupBy(month)
      .execute();
    return new Map(rows.map((r) => [String(r.month), toInt(r.n)]));
  }

  /** The intention list's count per month of registration. */
  async intentionsByMonth(scope: GigJobScope, f: GigIntentionFilter): Promise<Map<string, number>> {
    const month = monthOf(this.db, 'i.localDate');
    const rows = await this.intentionsFiltered(scope, f)
      .clearSelect()
      .select((eb) => [month.as('month'), eb.fn.countAll().as('n')])
      .groupBy(month)
      .execute();
    return new Map(rows.map((r) => [String(r.month), toInt(r.n)]));
  }

  /** The fair list's count per month the fairs were held in. */
  async fairsByMonth(scope: GigFairScope, f: GigFairFilter): Promise<Map<string, number>> {
    const month = monthOf(this.db, 'f.heldOn');
    const rows = await this.fairsFiltered(scope, f)
      .clearSelect()
      .select((eb) => [month.as('month'), eb.fn.countAll().as('n')])
      .groupBy(month)
      .execute();
    return new Map(rows.map((r) => [String(r.month), toInt(r.n)]));
  }

  /** Names of Party organisations (the home's areas). */
  async orgNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('partyOrgs')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .orderBy('name')
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The top Party organisations (no parent): the administrator's areas on the home. */
  async rootOrgIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('partyOrgs')
      .select('id')
      .where('parentId', 'is', null)
      .where('deletedAt', 'is', null)
      .orderBy('name')
      .limit(20)
      .execute();
    return rows.map((r) => r.id);
  }

  // ——— SMS outbox ———

  /** Queues messages, once per idempotency key. */
  async enqueueSms(
    rows: Omit<SmsOutboxTable, 'id' | 'attempts' | 'claimedAt' | 'sentAt' | 'providerId' | 'lastError'>[],
  ) {
    if (rows.length === 0) return;
    await this.db
      .insertInto('smsOutbox')
      .values(rows.map((r) => ({ ...r, id: newId() })))
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .execute();
  }

  /**
   * Claims up to `limit` messages due now (pending and due, or left `sending` by a process that
   * stopped before `staleBefore`) in one statement; each claimed row counts an attempt. On
   * PostgreSQL a concurrent claimer re-checks the outer condition on the locked row and skips it.
   */
  claimSms(at: string, staleBefore: string, limit: number): Promise<SmsRow[]> {
    const due = (eb: ExpressionBuilder<DB, 'smsOutbox'>) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('nextAttemptAt', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('claimedAt', '<', staleBefore)]),
      ]);
    return this.db
      .updateTable('smsOutbox')
      .set((eb) => ({ status: 'sending', claimedAt: at, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) =>
        eb.selectFrom('smsOutbox').select('id').where(due).orderBy('nextAttemptAt').orderBy('id').limit(limit),
      )
      .where(due)
      .returningAll()
      .execute();
  }

  /** Records the outcome of one claimed send, if the claim is still this one. */
  async smsOutcome(
    id: string,
    claimedAt: string,
    patch: Partial<Pick<SmsOutboxTable, 'status' | 'sentAt' | 'providerId' | 'lastError' | 'nextAttemptAt'>>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('smsOutbox')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('claimedAt', '=', claimedAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  smsByKeyPrefix(prefix: string) {
    return this.db
      .selectFrom('smsOutbox')
      .selectAll()
      .where('idempotencyKey', 'like', `${prefix.replace(/[%_\\]/g, '')}%`)
      .orderBy('id')
      .execute();
  }

  async nextSmsDue(): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('smsOutbox')
      .select((eb) => eb.fn.min('nextAttemptAt').as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return (r?.at as string | null | undefined) ?? undefined;
  }

  // ——— fairs ———

  private fairBase(scope: GigFairScope) {
    return this.db
      .selectFrom('gigFairs as f')
      .innerJoin('regions as r', 'r.code', 'f.regionCode')
      .innerJoin('partyOrgs as po', 'po.id', 'f.organiserOrgId')
      .selectAll('f')
      .select(['r.name as regionName', 'po.name as organiserName'])
      .where('f.deletedAt', 'is', null)
      .where((eb) => fairScopeCondition(eb, scope));
  }

  private fairsFiltered(scope: GigFairScope, f: GigFairFilter) {
    let q = this.fairBase(scope);
    if (f.q) q = q.where(() => likeContains(this.db, 'f.title', f.q!));
    if (f.status) q = q.where('f.status', '=', f.status);
    if (f.mode) q = q.where('f.mode', '=', f.mode);
    if (f.orgId) q = q.where(underScope('f.organiserOrgId', { all: false, orgIds: [f.orgId] }));
    if (f.heldFrom) q = q.where('f.heldOn', '>=', f.heldFrom);
    if (f.heldTo) q = q.where('f.heldOn', '<=', f.heldTo);
    return q;
  }

  listFairs(
    scope: GigFairScope,
    f: GigFairFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<GigFairRow>> {
    return pageByIdDesc(this.fairsFiltered(scope, f), 'f.id', page);
  }

  async countFairs(scope: GigFairScope, f: GigFairFilter): Promise<number> {
    const r = await this.fairsFiltered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `countFairs` of each filter, in one statement (a dashboard figure's area and its counties). */
  countFairsMany(scope: GigFairScope, fs: readonly GigFairFilter[]): Promise<number[]> {
    return countEach(
      this.db,
      fs.map((f) => this.fairsFiltered(scope, f)),
    );
  }

  getFair(scope: GigFairScope, id: string): Promise<GigFairRow | undefined> {
    return this.fairBase(scope).where('f.id', '=', id).executeTakeFirst();
  }

  async fairIdsInScope(scope: GigFairScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('gigFairs as f')
      .select('f.id')
      .where('f.id', 'in', [...new Set(ids)])
      .where('f.deletedAt', 'is', null)
      .where((eb) => fairScopeCondition(eb, scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertFair(row: Omit<GigFairsTable, 'version' | 'codeSerial' | 'createdAt' | 'updatedAt' | 'deletedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('gigFairs')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async updateFair(
    id: string,
    version: number,
    patch: Partial<Omit<GigFairsTable, 'id' | 'version' | 'codeSerial' | 'createdAt' | 'createdBy'>>,
  ) {
    await updateVersioned(this.db, 'gigFairs', { id }, version, patch);
  }

  async setFairEmployers(fairId: string, hostOrgIds: readonly string[]) {
    await this.db.deleteFrom('gigFairEmployers').where('fairId', '=', fairId).execute();
    if (hostOrgIds.length)
      await this.db
        .insertInto('gigFairEmployers')
        .values(hostOrgIds.map((hostOrgId) => ({ fairId, hostOrgId })))
        .execute();
  }

  async fairEmployers(ids: readonly string[]): Promise<Map<string, { hostOrgId: string; name: string }[]>> {
    const out = new Map<string, { hostOrgId: string; name: string }[]>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('gigFairEmployers as fe')
      .innerJoin('hostOrgs as h', 'h.id', 'fe.hostOrgId')
      .select(['fe.fairId', 'fe.hostOrgId', 'h.name'])
      .where('fe.fairId', 'in', [...new Set(ids)])
      .orderBy('h.name')
      .execute();
    for (const r of rows) out.set(r.fairId, [...(out.get(r.fairId) ?? []), { hostOrgId: r.hostOrgId, name: r.name }]);
    return out;
  }

  /** The filtered intentions, newest first, at most `max` (the export). */
  exportIntentions(scope: GigJobScope, f: GigIntentionFilter, max: number): Promise<GigIntentionRow[]> {
    return this.intentionsFiltered(scope, f).orderBy('i.id', 'desc').limit(max).execute();
  }

  /** When this account's worker signed in at each of these fairs. */
  async signInsOfUser(userId: string, fairIds: readonly string[]): Promise<Map<string, string>> {
    if (fairIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('gigFairSignIns')
      .select(['fairId', 'at'])
      .where('userId', '=', userId)
      .where('fairId', 'in', [...new Set(fairIds)])
      .execute();
    return new Map(rows.map((r) => [r.fairId, r.at]));
  }

  /** Positions, attendance, intentions and hires per fair. */
  async fairStats(ids: readonly string[]) {
    const out = new Map<string, { positions: number; attendance: number; intentions: number; hires: number }>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    for (const id of unique) out.set(id, { positions: 0, attendance: 0, intentions: 0, hires: 0 });
    const [positions, attendance, intentions] = await Promise.all([
      this.db
        .selectFrom('gigJobs')
        .select((eb) => ['fairId', eb.fn.countAll().as('n')])
        .where('fairId', 'in', unique)
        .where('deletedAt', 'is', null)
        .groupBy('fairId')
        .execute(),
      this.db
        .selectFrom('gigFairSignIns')
        .select((eb) => ['fairId', eb.fn.countAll().as('n')])
        .where('fairId', 'in', unique)
        .groupBy('fairId')
        .execute(),
      this.db
        .selectFrom('gigIntentions')
        .select((eb) => [
          'fairId',
          eb.fn.countAll().as('n'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'hired').then(1).else(0).end()).as('hired'),
        ])
        .where('fairId', 'in', unique)
        .where('status', '!=', 'withdrawn')
        .groupBy('fairId')
        .execute(),
    ]);
    for (const r of positions) out.get(r.fairId!)!.positions = toInt(r.n);
    for (const r of attendance) out.get(r.fairId)!.attendance = toInt(r.n);
    for (const r of intentions) {
      const s = out.get(r.fairId!)!;
      s.intentions = toInt(r.n);
      s.hires = toInt(r.hired);
    }
    return out;
  }

  /** The fair a sign-in names, its row locked on PostgreSQL so one worker's two scans queue. */
  async fairForSignIn(id: string) {
    let q = this.db
      .selectFrom('gigFairs')
      .select(['id', 'title', 'status', 'heldOn', 'codeSerial'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null);
    if (dialectOf(this.db) === 'postgres') q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** Records a sign-in once per worker and fair; the sign-in's id, and whether this call made it. */
  async signIn(row: { fairId: string; workerId: string; userId: string; at: string }) {
    const id = newId();
    const r = await this.db
      .insertInto('gigFairSignIns')
      .values({ id, ...row })
      .onConflict((oc) => oc.columns(['fairId', 'workerId']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return { id, created: true };
    const first = await this.db
      .selectFrom('gigFairSignIns')
      .select('id')
      .where('fairId', '=', row.fairId)
      .where('workerId', '=', row.workerId)
      .executeTakeFirstOrThrow();
    return { id: first.id, created: false };
  }

  private signInBase() {
    return this.db
      .selectFrom('gigFairSignIns as s')
      .innerJoin('gigFairs as f', 'f.id', 's.fairId')
      .innerJoin('workers as w', 'w.id', 's.workerId')
      .select(['s.id', 's.fairId', 'f.title as fairTitle', 'w.name as workerName', 's.at']);
  }

  signInById(id: string) {
    return this.signInBase().where('s.id', '=', id).executeTakeFirst();
  }

  attendance(fairId: string, page: { limit: number; cursor?: string }) {
    return pageByIdDesc(this.signInBase().where('s.fairId', '=', fairId), 's.id', page);
  }

  /** Whether the worker signed in at the fair. */
  async signedIn(fairId: string, workerId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('gigFairSignIns')
      .select('id')
      .where('fairId', '=', fairId)
      .where('workerId', '=', workerId)
      .executeTakeFirst();
    return !!r;
  }
}

export { parseList };
