import {
  quarterDueDate,
  type CampaignCreateBody,
  type CampaignStatus,
  type CampaignUpdateBody,
  type CampaignView,
  type Page,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import {
  campaignPolicy,
  campaignReadScope,
  campaignWriteScope,
  type CampaignAction,
  type CampaignFacts,
} from './campaigns.policy';
import type { CampaignRecord, CampaignWrite } from './campaigns.types';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type CampaignsStore = Store<'audit' | 'campaigns' | 'partyOrgs'>;
type CampaignsRepos = CampaignsStore['repos'];

const AUDITED = [
  'name',
  'year',
  'codePrefix',
  'themes',
  'eligibleOrgTypes',
  'criteria',
  'declareFrom',
  'declareTo',
  'reviewDates',
  'reportDueDays',
  'contestDate',
  'description',
  'status',
] as const;

/** Lifecycle of a campaign: draft → published → closed (which status each event needs: campaigns.policy). */
const NEXT: Record<'publish' | 'close', { to: CampaignStatus }> = {
  publish: { to: 'published' },
  close: { to: 'closed' },
};

/**
 * Campaigns (年度书记项目活动). Anyone bound above or below the owning 社工部 node reads it (a county
 * sees its city's campaign); staff of the owning node or above write it.
 */
export class CampaignsService {
  constructor(private readonly store: CampaignsStore) {}

  private readScope = (ctx: RequestContext) => campaignReadScope(ctx.actor);
  private writeScope = (ctx: RequestContext) => campaignWriteScope(ctx.actor);

  /**
   * The facts the campaign policy decides on: the status, and whether the owning node lies in the
   * caller's write scope (one query). Inside a transaction pass its repositories: on SQLite a query
   * on the pool would wait for the transaction.
   */
  private async facts(
    ctx: RequestContext,
    c: CampaignRecord,
    repos: CampaignsRepos = this.store.repos,
  ): Promise<CampaignFacts> {
    const ws = this.writeScope(ctx);
    const inWriteScope =
      ctx.actor.permissions.has('campaign.write') &&
      (ws.all || (ws.orgIds.length > 0 && (await repos.partyOrgs.inScope(ws, c.orgId))));
    return { status: c.status as CampaignStatus, inWriteScope };
  }

  /**
   * The campaign for `action`: 404 outside the caller's read scope (never confirmed); inside it,
   * `campaignPolicy` decides — 403 FORBIDDEN for a reader who may not write it (a county's staff on
   * the city's campaign), the lifecycle's own code when only the status stands in the way.
   */
  private async campaignFor(ctx: RequestContext, repos: CampaignsRepos, id: string, action: CampaignAction) {
    const c = await repos.campaigns.get(this.readScope(ctx), id);
    if (!c) throw notFound();
    const facts = await this.facts(ctx, c, repos);
    campaignPolicy.authorize(ctx.actor, action, facts);
    return { c, facts };
  }

  private toView(ctx: RequestContext, c: CampaignRecord, counts: CampaignView['counts'], facts: CampaignFacts) {
    const today = shanghaiDate();
    const abilities = campaignPolicy.abilities(ctx.actor, facts);
    return {
      id: c.id,
      name: c.name,
      year: c.year,
      codePrefix: c.codePrefix,
      orgId: c.orgId,
      orgName: c.orgName,
      status: c.status as CampaignStatus,
      themes: c.themes,
      eligibleOrgTypes: c.eligibleOrgTypes,
      criteria: c.criteria,
      declareFrom: c.declareFrom,
      declareTo: c.declareTo,
      reviewDates: c.reviewDates,
      reportDueDays: c.reportDueDays,
      reportDueDates: ([1, 2, 3, 4] as const).map((quarter) =>
        quarterDueDate({ year: c.year, quarter }, c.reportDueDays),
      ),
      contestDate: c.contestDate,
      description: c.description,
      windowOpen: c.status === 'published' && today >= c.declareFrom && today <= c.declareTo,
      counts,
      version: c.version,
      abilities,
    } satisfies CampaignView;
  }

  async list(
    ctx: RequestContext,
    f: { year?: number; status?: string; limit: number; cursor?: string },
  ): Promise<Page<CampaignView>> {
    const repos = this.store.repos;
    const { items: rows, nextCursor } = await repos.campaigns.list(this.readScope(ctx), f);
    const counts = await repos.campaigns.counts(rows.map((r) => r.id));
    // Which owning nodes the caller may write: one query for the page, not one per campaign.
    const ws = this.writeScope(ctx);
    const writableOrgs = ctx.actor.permissions.has('campaign.write')
      ? await repos.partyOrgs.idsInScope(ws, [...new Set(rows.map((r) => r.orgId))])
      : new Set<string>();
    const items = rows.map((r) =>
      this.toView(ctx, r, counts.get(r.id)!, {
        status: r.status as CampaignStatus,
        inWriteScope: writableOrgs.has(r.orgId),
      }),
    );
    return { items, nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<CampaignView> {
    const repos = this.store.repos;
    const c = await repos.campaigns.get(this.readScope(ctx), id);
    if (!c) throw notFound();
    const counts = await repos.campaigns.counts([id]);
    return this.toView(ctx, c, counts.get(id)!, await this.facts(ctx, c));
  }

  private toWrite(body: CampaignCreateBody | CampaignUpdateBody): Omit<CampaignWrite, 'orgId' | 'status'> {
    const codes = new Set<string>();
    for (const t of body.themes) {
      if (codes.has(t.code)) throw new AppError('VALIDATION_FAILED', { themes: 'invalid' });
      codes.add(t.code);
    }
    if (new Set(body.criteria.map((c) => c.code)).size !== body.criteria.length) {
      throw new AppError('VALIDATION_FAILED', { criteria: 'invalid' });
    }
    return {
      name: body.name,
      year: body.year,
      codePrefix: body.codePrefix,
      themes: body.themes,
      eligibleOrgTypes: body.eligibleOrgTypes,
      criteria: body.criteria,
      declareFrom: body.declareFrom,
      declareTo: body.declareTo,
      reviewDates: body.reviewDates,
      reportDueDays: body.reportDueDays,
      contestDate: body.contestDate,
      description: body.description,
    };
  }

  async create(ctx: RequestContext, body: CampaignCreateBody): Promise<CampaignView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const org = await repos.partyOrgs.get(this.writeScope(ctx), body.orgId);
      if (!org || org.type !== 'sw_dept') throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
      const w = { ...this.toWrite(body), orgId: org.id, status: 'draft' };
      await repos.campaigns.insert(id, w, ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'campaign',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: org.id,
        changes: diffFields(null, w, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: CampaignUpdateBody): Promise<CampaignView> {
    await this.store.tx(async (repos) => {
      const { c: before } = await this.campaignFor(ctx, repos, id, 'update');
      const w = this.toWrite(body);
      await repos.campaigns.update(id, body.version, w);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'campaign',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: before.orgId,
        changes: diffFields(before, w, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  async setStatus(ctx: RequestContext, id: string, event: 'publish' | 'close', version: number): Promise<CampaignView> {
    await this.store.tx(async (repos) => {
      const { c } = await this.campaignFor(ctx, repos, id, event);
      const step = NEXT[event];
      await repos.campaigns.update(id, version, { status: step.to });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'campaign',
        entityId: id,
        entityLabel: c.name,
        scopeOrgId: c.orgId,
        changes: [{ field: 'status', before: c.status, after: step.to }],
      });
    });
    return this.get(ctx, id);
  }
}
