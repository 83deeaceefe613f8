import type { Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import { regionUnderOrgs } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';
import type { WorkersTable } from '../../db/types';
import { nowIso } from '../../core/time';

export type WorkerRow = Selectable<WorkersTable> & {
  regionName: string;
  partyOrgName: string | null;
  verifiedByName: string | null;
};
export type WorkerInsert = Omit<WorkersTable, 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type WorkerPatch = Partial<
  Pick<
    WorkersTable,
    | 'name'
    | 'mobileEnc'
    | 'mobileHash'
    | 'idNumberEnc'
    | 'idNumberHash'
    | 'idNumberMasked'
    | 'platform'
    | 'occupation'
    | 'regionCode'
    | 'partyMember'
    | 'partyOrgId'
    | 'photoAttachmentId'
    | 'status'
    | 'verifiedBy'
    | 'verifiedAt'
    | 'rejectReason'
  >
>;

/** The list's filter, as the service resolved it (search text turned into lookup hashes where it is a number). */
export interface WorkerFilter {
  q?: string;
  mobileHash?: string;
  idNumberHash?: string;
  status?: string;
  platform?: string;
  occupation?: string;
  regionCode?: string;
  partyMember?: boolean;
  /** Workers in the area of this Party organisation (its region and those below). */
  orgId?: string;
  /** Verified at or after / before these instants. */
  verifiedFrom?: string;
  verifiedTo?: string;
}

/**
 * The workers' table (issue 12). Every read carries the region scope (`regionUnderOrgs`): a worker
 * belongs to the region they work in, and a user reaches the regions of the Party organisations
 * they are bound on, and those below.
 */
export class WorkersRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: SubtreeScope) {
    return this.db
      .selectFrom('workers as w')
      .innerJoin('regions as r', 'r.code', 'w.regionCode')
      .leftJoin('partyOrgs as po', 'po.id', 'w.partyOrgId')
      .leftJoin('users as vu', 'vu.id', 'w.verifiedBy')
      .selectAll('w')
      .select(['r.name as regionName', 'po.name as partyOrgName', 'vu.displayName as verifiedByName'])
      .where('w.deletedAt', 'is', null)
      .where(regionUnderOrgs('w.regionCode', scope));
  }

  private filtered(scope: SubtreeScope, f: WorkerFilter) {
    let query = this.base(scope);
    if (f.q) {
      const text = f.q;
      query = query.where((eb) =>
        eb.or([
          likeContains(this.db, 'w.name', text),
          ...(f.mobileHash ? [eb('w.mobileHash', '=', f.mobileHash)] : []),
          ...(f.idNumberHash ? [eb('w.idNumberHash', '=', f.idNumberHash)] : []),
        ]),
      );
    }
    if (f.status) query = query.where('w.status', '=', f.status);
    if (f.platform) query = query.where('w.platform', '=', f.platform);
    if (f.occupation) query = query.where('w.occupation', '=', f.occupation);
    if (f.partyMember !== undefined) query = query.where('w.partyMember', '=', f.partyMember ? 1 : 0);
    if (f.regionCode) {
      const code = f.regionCode;
      query = query.where((eb) =>
        eb(
          'w.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    if (f.orgId) query = query.where(regionUnderOrgs('w.regionCode', { all: false, orgIds: [f.orgId] }));
    if (f.verifiedFrom) query = query.where('w.verifiedAt', '>=', f.verifiedFrom);
    if (f.verifiedTo) query = query.where('w.verifiedAt', '<=', f.verifiedTo);
    return query;
  }

  list(scope: SubtreeScope, f: WorkerFilter, page: { limit: number; cursor?: string }): Promise<Page<WorkerRow>> {
    return pageByIdDesc(this.filtered(scope, f), 'w.id', page);
  }

  async count(scope: SubtreeScope, f: WorkerFilter): Promise<number> {
    const r = await this.filtered(scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /**
   * `count` for each of several organisations at once (`f.orgId` unset): one GROUP BY — a worker
   * counts for every given organisation whose region its region lies under, as `count` with that
   * `orgId` counts it.
   */
  async countUnderOrgs(scope: SubtreeScope, f: WorkerFilter, orgIds: readonly string[]) {
    if (orgIds.length === 0) return new Map<string, number>();
    const rows = await this.filtered(scope, { ...f, orgId: undefined })
      .clearSelect()
      .innerJoin('regionClosure as area', 'area.descendantCode', 'w.regionCode')
      .innerJoin('partyOrgs as areaOrg', 'areaOrg.regionCode', 'area.ancestorCode')
      .where('areaOrg.id', 'in', [...orgIds])
      .select(['areaOrg.id as orgId', (eb) => eb.fn.countAll().as('n')])
      .groupBy('areaOrg.id')
      .execute();
    return new Map(rows.map((r) => [r.orgId, toInt(r.n)]));
  }

  /** Every row the filter keeps, newest first (the export), at most `max`. */
  all(scope: SubtreeScope, f: WorkerFilter, max: number): Promise<WorkerRow[]> {
    return this.filtered(scope, f).orderBy('w.id', 'desc').limit(max).execute();
  }

  get(scope: SubtreeScope, id: string): Promise<WorkerRow | undefined> {
    return this.base(scope).where('w.id', '=', id).executeTakeFirst();
  }

  /** Which of these ids are workers in the scope. */
  async idsInScope(scope: SubtreeScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('workers as w')
      .select('w.id')
      .where('w.id', 'in', [...new Set(ids)])
      .where('w.deletedAt', 'is', null)
      .where(regionUnderOrgs('w.regionCode', scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The worker linked to this account (no scope: it is the caller's own). */
  ofUser(userId: string): Promise<WorkerRow | undefined> {
    return this.base({ all: true }).where('w.userId', '=', userId).executeTakeFirst();
  }

  /** The worker registered with this ID number (its lookup hash), if any. */
  async idByIdNumberHash(hash: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('workers').select('id').where('idNumberHash', '=', hash).executeTakeFirst();
    return r?.id;
  }

  /** Whether the region code exists and lies in the scope. */
  async regionInScope(scope: SubtreeScope, code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('regions as r')
      .select('r.code')
      .where('r.code', '=', code)
      .where(regionUnderOrgs('r.code', scope))
      .executeTakeFirst();
    return !!r;
  }

  /** The regions under the given Party organisations' regions (theirs included), broadest first. */
  regionsUnderOrgs(orgIds: readonly string[]) {
    if (orgIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('regions as r')
      .select(['r.code', 'r.name', 'r.level'])
      .where(regionUnderOrgs('r.code', { all: false, orgIds: [...orgIds] }))
      .orderBy('r.level')
      .orderBy('r.code')
      .limit(500)
      .execute();
  }

  /** The live Party organisations in the subtrees of the given ones, by name. */
  partyOrgsUnder(orgIds: readonly string[]) {
    if (orgIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('partyOrgs as po')
      .innerJoin('orgClosure as oc', 'oc.descendantId', 'po.id')
      .select(['po.id', 'po.name'])
      .where('oc.ancestorId', 'in', [...orgIds])
      .where('po.deletedAt', 'is', null)
      .orderBy('po.name')
      .limit(500)
      .execute();
  }

  async insert(row: WorkerInsert): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto('workers')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  /** A versioned update; with `fromStatus`, only while the row is still in one of those states. */
  async update(id: string, version: number, patch: WorkerPatch, fromStatus?: readonly string[]): Promise<void> {
    await updateVersioned(this.db, 'workers', { id }, version, patch, {
      ...(fromStatus ? { guard: (eb) => eb('status', 'in', [...fromStatus]) } : {}),
    });
  }
}
