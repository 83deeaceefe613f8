import type { Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { pageByIdDesc, updateBumping, updateVersioned } from '../../db/repo-helpers';
import type { ChallengesTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { AppError } from '../../core/errors';
import { nowIso } from '../../core/time';

export type ChallengeRow = Selectable<ChallengesTable> & {
  campaignName: string;
  campaignOrgId: string;
  regionName: string;
  claimedByOrgName: string | null;
  projectCode: string | null;
};

export interface ChallengeFilter {
  campaignId?: string;
  status?: string;
  theme?: string;
  targetGroup?: string;
  regionCode?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * Challenges are posted on a campaign; whoever sees the campaign sees its board (the campaign's
 * scope is checked by the caller through CampaignsRepository.get/list).
 */
export class ChallengesRepository {
  constructor(private readonly db: Executor) {}

  private base() {
    return this.db
      .selectFrom('challenges as h')
      .innerJoin('campaigns as c', 'c.id', 'h.campaignId')
      .innerJoin('regions as r', 'r.code', 'h.regionCode')
      .leftJoin('partyOrgs as o', 'o.id', 'h.claimedByOrgId')
      .leftJoin('projects as p', 'p.id', 'h.projectId')
      .selectAll('h')
      .select([
        'c.name as campaignName',
        'c.orgId as campaignOrgId',
        'r.name as regionName',
        'o.name as claimedByOrgName',
        'p.code as projectCode',
      ]);
  }

  /** A challenge of a campaign the scope can see (upwards or downwards, as for campaigns). */
  async get(scope: SubtreeScope, id: string): Promise<ChallengeRow | undefined> {
    let q = this.base().where('h.id', '=', id);
    if (!scope.all) q = q.where('h.campaignId', 'in', this.visibleCampaigns(scope));
    return (await q.executeTakeFirst()) as ChallengeRow | undefined;
  }

  private visibleCampaigns(scope: { orgIds: string[] }) {
    const ids = scope.orgIds.length ? scope.orgIds : ['-'];
    return this.db
      .selectFrom('campaigns as vc')
      .select('vc.id')
      .where((eb) =>
        eb.or([
          eb('vc.orgId', 'in', eb.selectFrom('orgClosure').select('ancestorId').where('descendantId', 'in', ids)),
          eb('vc.orgId', 'in', eb.selectFrom('orgClosure').select('descendantId').where('ancestorId', 'in', ids)),
        ]),
      );
  }

  private filtered(scope: SubtreeScope, f: Omit<ChallengeFilter, 'limit' | 'cursor'>) {
    let q = this.base();
    if (!scope.all) q = q.where('h.campaignId', 'in', this.visibleCampaigns(scope));
    if (f.campaignId) q = q.where('h.campaignId', '=', f.campaignId);
    if (f.status) q = q.where('h.status', '=', f.status);
    if (f.theme) q = q.where('h.theme', '=', f.theme);
    if (f.targetGroup) q = q.where('h.targetGroup', '=', f.targetGroup);
    if (f.regionCode) {
      const code = f.regionCode;
      q = q.where((eb) =>
        eb(
          'h.regionCode',
          'in',
          eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', code),
        ),
      );
    }
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([likeContains(this.db, 'h.title', text), likeContains(this.db, 'h.description', text)]),
      );
    }
    return q;
  }

  async list(scope: SubtreeScope, f: ChallengeFilter): Promise<Page<ChallengeRow>> {
    return (await pageByIdDesc(this.filtered(scope, f), 'h.id', f)) as Page<ChallengeRow>;
  }

  /** How many challenges of each status match the filter (the status filter itself ignored). */
  async countByStatus(scope: SubtreeScope, f: Omit<ChallengeFilter, 'limit' | 'cursor'>): Promise<Map<string, number>> {
    const rows = await this.filtered(scope, { ...f, status: undefined })
      .clearSelect()
      .select((eb) => ['h.status', eb.fn.countAll().as('n')])
      .groupBy('h.status')
      .execute();
    return new Map(rows.map((r) => [r.status, toInt(r.n)]));
  }

  async insert(row: Omit<Selectable<ChallengesTable>, 'version' | 'createdAt' | 'updatedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('challenges')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async update(id: string, version: number, patch: Partial<Omit<Selectable<ChallengesTable>, 'id' | 'version'>>) {
    await updateVersioned(this.db, 'challenges', { id }, version, patch);
  }

  /**
   * Marks an open challenge claimed, guarded by its version and status: of two secretaries racing
   * for it, exactly one update matches; the other gets CHALLENGE_NOT_OPEN.
   */
  async claim(
    id: string,
    version: number,
    c: { claimedByOrgId: string; claimedByUserId: string; claimedAt: string; projectId: string },
  ) {
    await updateVersioned(
      this.db,
      'challenges',
      { id },
      version,
      { ...c, status: 'claimed' },
      { guard: (eb) => eb('status', '=', 'open'), otherwise: () => new AppError('CHALLENGE_NOT_OPEN') },
    );
  }

  /** The claiming project was completed: the challenge is solved (whatever its version). */
  async markSolved(id: string) {
    await updateBumping(this.db, 'challenges', { id }, { status: 'solved' });
  }
}
