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
import { subtreeScope, type SubtreeScope } from '../../core/scope';
import { shanghaiDate } from '../../core/time';
import type { Repos, Store } from '../../store';
import type { CampaignRecord, CampaignWrite } from './campaigns.repository';

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

/** Lifecycle of a campaign: draft → published → closed. */
const NEXT: Record<'publish' | 'close', { from: CampaignStatus; to: CampaignStatus }> = {
  publish: { from: 'draft', to: 'published' },
  close: { from: 'published', to: 'closed' },
};

/**
 * Campaigns (年度书记项目活动). Anyone bound above or below the owning 社工部 node reads it (a county
 * sees its city's campaign); staff of the owning node or above write it.
 */
export class CampaignsService {
  constructor(private readonly store: Store) {}

  private readScope = (ctx: RequestContext): SubtreeScope =>
    subtreeScope(ctx.actor, ['staff', 'secretary', 'member', 'judge']);
  private writeScope = (ctx: RequestContext): SubtreeScope => subtreeScope(ctx.actor, ['staff']);

  /** Inside a transaction pass its repositories: on SQLite a query on the pool would wait for the transaction. */
  private async writable(ctx: RequestContext, c: CampaignRecord, repos: Repos = this.store.repos): Promise<boolean> {
    if (!ctx.actor.permissions.has('campaign.write')) return false;
    const ws = this.writeScope(ctx);
    return ws.all || (ws.orgIds.length > 0 && (await repos.partyOrgs.inScope(ws, c.orgId)));
  }

  private toView(c: CampaignRecord, counts: CampaignView['counts'], writable: boolean): CampaignView {
    const today = shanghaiDate();
    const abilities: string[] = [];
    if (writable) {
      abilities.push('update', 'postChallenge', 'manageReviews');
      if (c.status === 'draft') abilities.push('publish');
      if (c.status === 'published') abilities.push('close');
    }
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
    };
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
    const items = rows.map((r) => this.toView(r, counts.get(r.id)!, writableOrgs.has(r.orgId)));
    return { items, nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<CampaignView> {
    const repos = this.store.repos;
    const c = await repos.campaigns.get(this.readScope(ctx), id);
    if (!c) throw notFound();
    const counts = await repos.campaigns.counts([id]);
    return this.toView(c, counts.get(id)!, await this.writable(ctx, c));
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
      const before = await repos.campaigns.get(this.writeScope(ctx), id);
      if (!before || !(await this.writable(ctx, before, repos))) throw notFound();
      if (before.status === 'closed') throw new AppError('CAMPAIGN_NOT_OPEN');
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
      const c = await repos.campaigns.get(this.writeScope(ctx), id);
      if (!c || !(await this.writable(ctx, c, repos))) throw notFound();
      const step = NEXT[event];
      if (c.status !== step.from) throw new AppError('INVALID_TRANSITION');
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
