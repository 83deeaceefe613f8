import { sql, type Selectable } from 'kysely';
import type { Page, VisitedFirmQuery, VisitListQuery } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateBumping, updateVersioned, countEach } from '../../db/repo-helpers';
import { hostOrgScopeCondition, type HostOrgScopeParts } from '../../db/scope-sql';
import type { VisitsTable } from '../../db/types';
import { nowIso } from '../../core/time';

export type VisitRow = Selectable<VisitsTable> & { hostOrgName: string; createdByName: string };
export type VisitInsert = Omit<VisitsTable, 'version' | 'createdAt' | 'updatedAt'>;
export type VisitPatch = Pick<VisitsTable, 'kind' | 'visitedOn' | 'people' | 'findings'>;

/** The visited-firms filter (the list query without paging). */
export type VisitedFirmFilter = Partial<Pick<VisitedFirmQuery, 'kind' | 'from' | 'to' | 'q'>>;

export class VisitsRepository {
  constructor(private readonly db: Executor) {}

  /** Visits of the firms in scope, with the firm's and the author's names. */
  private base(scope: HostOrgScopeParts) {
    return this.db
      .selectFrom('visits as v')
      .innerJoin('hostOrgs as h', 'h.id', 'v.hostOrgId')
      .innerJoin('users as u', 'u.id', 'v.createdBy')
      .selectAll('v')
      .select(['h.name as hostOrgName', 'u.displayName as createdByName'])
      .where('h.deletedAt', 'is', null)
      .where(hostOrgScopeCondition('h', scope));
  }

  private filtered(scope: HostOrgScopeParts, q: VisitListQuery, userId: string) {
    let query = this.base(scope);
    if (q.hostOrgId) query = query.where('v.hostOrgId', '=', q.hostOrgId);
    if (q.kind) query = query.where('v.kind', '=', q.kind);
    if (q.from) query = query.where('v.visitedOn', '>=', q.from);
    if (q.to) query = query.where('v.visitedOn', '<=', q.to);
    if (q.mine) query = query.where('v.createdBy', '=', userId);
    if (q.orgId) {
      const area: HostOrgScopeParts = {
        all: false,
        subtree: { all: false, orgIds: [q.orgId] },
        specialistUserId: null,
        ownHostOrgIds: [],
      };
      query = query.where(hostOrgScopeCondition('h', area));
    }
    if (q.firstPerFirm) {
      // The firm's first recorded visit among those the other filters keep (earliest date, then id).
      const { kind, from, to } = q;
      query = query.where('v.visitedOn', 'is not', null).where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('visits as e')
              .select('e.id')
              .whereRef('e.hostOrgId', '=', 'v.hostOrgId')
              .where('e.visitedOn', 'is not', null)
              .$if(!!kind, (w) => w.where('e.kind', '=', kind!))
              .$if(!!from, (w) => w.where('e.visitedOn', '>=', from!))
              .$if(!!to, (w) => w.where('e.visitedOn', '<=', to!))
              .$if(!!q.mine, (w) => w.where('e.createdBy', '=', userId))
              .where((w) =>
                w.or([
                  w('e.visitedOn', '<', w.ref('v.visitedOn')),
                  w.and([w('e.visitedOn', '=', w.ref('v.visitedOn')), w('e.id', '<', w.ref('v.id'))]),
                ]),
              ),
          ),
        ),
      );
    }
    return query;
  }

  list(scope: HostOrgScopeParts, q: VisitListQuery, userId: string): Promise<Page<VisitRow>> {
    return pageByIdDesc(this.filtered(scope, q, userId), 'v.id', q);
  }

  async count(scope: HostOrgScopeParts, q: VisitListQuery, userId: string): Promise<number> {
    const r = await this.filtered(scope, q, userId)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** `count` of each filter, in one statement (a dashboard figure's area and its counties). */
  countMany(scope: HostOrgScopeParts, qs: readonly VisitListQuery[], userId: string): Promise<number[]> {
    return countEach(
      this.db,
      qs.map((q) => this.filtered(scope, q, userId)),
    );
  }

  get(scope: HostOrgScopeParts, id: string): Promise<VisitRow | undefined> {
    return this.base(scope).where('v.id', '=', id).executeTakeFirst();
  }

  /** Which of these firms lie in the scope (live firms only). */
  async firmsInScope(scope: HostOrgScopeParts, hostOrgIds: readonly string[]): Promise<Set<string>> {
    if (hostOrgIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('hostOrgs as h')
      .select('h.id')
      .where('h.id', 'in', [...new Set(hostOrgIds)])
      .where('h.deletedAt', 'is', null)
      .where(hostOrgScopeCondition('h', scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insert(row: VisitInsert): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto('visits')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async update(id: string, version: number, patch: VisitPatch): Promise<void> {
    await updateVersioned(this.db, 'visits', { id }, version, patch);
  }

  /** An online visit by its link's hash, with the firm's and the specialist's names (no scope: the link is the key). */
  byTokenHash(hash: string) {
    return this.db
      .selectFrom('visits as v')
      .innerJoin('hostOrgs as h', 'h.id', 'v.hostOrgId')
      .innerJoin('users as u', 'u.id', 'v.createdBy')
      .select([
        'v.id',
        'v.hostOrgId',
        'v.note',
        'v.onlineExpiresAt',
        'v.completedAt',
        'v.version',
        'h.name as hostOrgName',
        'h.managingOrgId',
        'u.displayName as specialistName',
      ])
      .where('v.onlineTokenHash', '=', hash)
      .where('v.kind', '=', 'online')
      .executeTakeFirst();
  }

  /**
   * Fills an online visit once: only while it is open (not filled, not expired), in one guarded
   * statement, so two submissions of the same link cannot both count. True when this one did.
   */
  fillOnline(
    id: string,
    fill: { contactName: string; findings: string; visitedOn: string; completedAt: string },
  ): Promise<boolean> {
    return updateBumping(this.db, 'visits', { id }, fill, {
      guard: (eb) => eb.and([eb('completedAt', 'is', null), eb('onlineExpiresAt', '>', fill.completedAt)]),
    });
  }

  /** A specialist's firms (一企一专员) with their last visit and the number of visits. */
  async firmsOfSpecialist(userId: string) {
    const rows = await this.db
      .selectFrom('hostOrgs as h')
      .innerJoin('regions as r', 'r.code', 'h.regionCode')
      .leftJoin('visits as v', (j) => j.onRef('v.hostOrgId', '=', 'h.id').on('v.visitedOn', 'is not', null))
      .select(['h.id as hostOrgId', 'h.name', 'r.name as regionName', 'h.address'])
      .select((eb) => [eb.fn.max('v.visitedOn').as('lastVisitedOn'), eb.fn.count('v.id').as('visitCount')])
      .where('h.specialistUserId', '=', userId)
      .where('h.deletedAt', 'is', null)
      .groupBy(['h.id', 'h.name', 'r.name', 'h.address'])
      // Least recently visited first: the firms a specialist should see next.
      .orderBy(sql`case when max(${sql.ref('v.visitedOn')}) is null then 0 else 1 end`)
      .orderBy((eb) => eb.fn.max('v.visitedOn'))
      .orderBy('h.name')
      .execute();
    return rows.map((r) => ({
      ...r,
      lastVisitedOn: r.lastVisitedOn === null ? null : String(r.lastVisitedOn),
      visitCount: toInt(r.visitCount),
    }));
  }

  /** Recorded visits (an online link not yet answered is no visit) of the firms in scope, filtered. */
  private visitedWhere(scope: HostOrgScopeParts, q: VisitedFirmFilter) {
    let query = this.db
      .selectFrom('visits as v')
      .innerJoin('hostOrgs as h', 'h.id', 'v.hostOrgId')
      .where('v.visitedOn', 'is not', null)
      .where('h.deletedAt', 'is', null)
      .where(hostOrgScopeCondition('h', scope));
    if (q.kind) query = query.where('v.kind', '=', q.kind);
    if (q.from) query = query.where('v.visitedOn', '>=', q.from);
    if (q.to) query = query.where('v.visitedOn', '<=', q.to);
    if (q.q) query = query.where(likeContains(this.db, 'h.name', q.q));
    return query;
  }

  /**
   * The firms visited (走访企业): one row per firm with a recorded visit matching the filter, with
   * the number of such visits and the last one. `countVisitedFirms` counts the same rows.
   */
  async visitedFirms(scope: HostOrgScopeParts, q: VisitedFirmFilter & { limit: number; cursor?: string }) {
    const page = await pageByIdDesc(
      this.visitedWhere(scope, q)
        .innerJoin('regions as r', 'r.code', 'h.regionCode')
        .select(['h.id as id', 'h.name', 'r.name as regionName'])
        .select((eb) => [eb.fn.max('v.visitedOn').as('lastVisitedOn'), eb.fn.count('v.id').as('visitCount')])
        .groupBy(['h.id', 'h.name', 'r.name']),
      'h.id',
      q,
    );
    return {
      ...page,
      items: page.items.map((r) => ({
        hostOrgId: r.id,
        name: r.name,
        regionName: r.regionName,
        lastVisitedOn: String(r.lastVisitedOn),
        visitCount: toInt(r.visitCount),
      })),
    };
  }

  async countVisitedFirms(scope: HostOrgScopeParts, q: VisitedFirmFilter): Promise<number> {
    const r = await this.visitedWhere(scope, q)
      .select((eb) => eb.fn.count('v.hostOrgId').distinct().as('n'))
      .executeTakeFirst();
    return toInt(r?.n);
  }
}
