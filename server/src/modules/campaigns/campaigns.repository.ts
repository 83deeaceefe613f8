import type { Selectable } from 'kysely';
import type { Criterion, Page, PartyOrgType, Theme } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { prepare } from '../../db/prepared';
import { underScope } from '../../db/scope-sql';
import { pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import type { CampaignsTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';
import type { CampaignRecord, CampaignWrite } from './campaigns.types';

const parse = (r: Selectable<CampaignsTable> & { orgName: string }): CampaignRecord => ({
  ...r,
  themes: JSON.parse(r.themes) as Theme[],
  eligibleOrgTypes: JSON.parse(r.eligibleOrgTypes) as PartyOrgType[],
  criteria: JSON.parse(r.criteria) as Criterion[],
  reviewDates: JSON.parse(r.reviewDates) as string[],
});

type CampaignColumns = Omit<Selectable<CampaignsTable>, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy'>;

function serialise(w: Partial<CampaignWrite>): Partial<CampaignColumns> {
  const { themes, eligibleOrgTypes, criteria, reviewDates, ...rest } = w;
  return {
    ...rest,
    ...(themes ? { themes: JSON.stringify(themes) } : {}),
    ...(eligibleOrgTypes ? { eligibleOrgTypes: JSON.stringify(eligibleOrgTypes) } : {}),
    ...(criteria ? { criteria: JSON.stringify(criteria) } : {}),
    ...(reviewDates ? { reviewDates: JSON.stringify(reviewDates) } : {}),
  };
}

/**
 * Campaigns belong to a 社工部 node. A user sees the campaigns of that node's subtree they are in
 * — a county sees its city's campaign — so the scope test runs upwards: the campaign's node must be
 * an ancestor-or-self of one of the user's nodes, or inside their subtree.
 */
function withOrgName(db: Executor) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('partyOrgs as o', 'o.id', 'c.orgId')
    .selectAll('c')
    .select('o.name as orgName');
}

/** Prepared (db/prepared.ts): every project list page reads its campaigns. */
const byIdsStatement = prepare((db, ids: string[]) => withOrgName(db).where('c.id', 'in', ids));

export class CampaignsRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: SubtreeScope) {
    let q = withOrgName(this.db);
    if (!scope.all) {
      const ids = scope.orgIds.length ? scope.orgIds : ['-'];
      q = q.where((eb) =>
        eb.or([
          eb('c.orgId', 'in', eb.selectFrom('orgClosure').select('ancestorId').where('descendantId', 'in', ids)),
          underScope('c.orgId', scope),
        ]),
      );
    }
    return q;
  }

  async get(scope: SubtreeScope, id: string): Promise<CampaignRecord | undefined> {
    const r = await this.base(scope).where('c.id', '=', id).executeTakeFirst();
    return r && parse(r);
  }

  /** Several campaigns by id, unscoped (the caller already holds rows that reference them). */
  async byIds(ids: string[]): Promise<Map<string, CampaignRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await byIdsStatement.execute(this.db, ids);
    return new Map(rows.map((r) => [r.id, parse(r)]));
  }

  async list(
    scope: SubtreeScope,
    f: { year?: number; status?: string; limit: number; cursor?: string },
  ): Promise<Page<CampaignRecord>> {
    let q = this.base(scope);
    if (f.year) q = q.where('c.year', '=', f.year);
    if (f.status) q = q.where('c.status', '=', f.status);
    const page = await pageByIdDesc(q, 'c.id', f);
    return { items: page.items.map(parse), nextCursor: page.nextCursor };
  }

  async insert(id: string, w: CampaignWrite, by: string | null) {
    const now = nowIso();
    await this.db
      .insertInto('campaigns')
      .values({ id, ...(serialise(w) as CampaignColumns), createdAt: now, updatedAt: now, createdBy: by })
      .execute();
  }

  async update(id: string, version: number, w: Partial<CampaignWrite>) {
    await updateVersioned(this.db, 'campaigns', { id }, version, serialise(w));
  }

  /** Declared (submitted at least once), approved, and challenge counts per campaign. */
  async counts(ids: string[]): Promise<Map<string, { declared: number; approved: number; challenges: number }>> {
    const out = new Map<string, { declared: number; approved: number; challenges: number }>();
    if (ids.length === 0) return out;
    for (const id of ids) out.set(id, { declared: 0, approved: 0, challenges: 0 });
    const projects = await this.db
      .selectFrom('projects')
      .where('campaignId', 'in', ids)
      .select((eb) => [
        'campaignId',
        eb.fn.count<number>(eb.case().when('versionNo', '>', 0).then(1).end()).as('declared'),
        eb.fn
          .count<number>(eb.case().when('status', 'in', ['approved', 'completed', 'terminated']).then(1).end())
          .as('approved'),
      ])
      .groupBy('campaignId')
      .execute();
    for (const p of projects)
      Object.assign(out.get(p.campaignId)!, { declared: toInt(p.declared), approved: toInt(p.approved) });
    const challenges = await this.db
      .selectFrom('challenges')
      .where('campaignId', 'in', ids)
      .select((eb) => ['campaignId', eb.fn.countAll().as('n')])
      .groupBy('campaignId')
      .execute();
    for (const c of challenges) out.get(c.campaignId)!.challenges = toInt(c.n);
    return out;
  }
}
