import {
  declarationContentSchema,
  type CampaignStatus,
  type ChallengeAttachDemandsBody,
  type ChallengeCreateBody,
  type ChallengeFromDemandsBody,
  type ChallengePage,
  type ChallengeStatus,
  type ChallengeUpdateBody,
  type ChallengeView,
  type PartyOrgType,
  type TargetGroup,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, conflict, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import type { CampaignRecord } from '../campaigns/campaigns.types';
import type { DemandsService } from '../demands/demands.service';
import type { ProjectsService } from '../projects/projects.service';
import {
  boardPolicy,
  challengePolicy,
  challengeReadScope,
  challengeWriteScope,
  claimantOrgIds,
  type BoardFacts,
  type ChallengeFacts,
} from './challenges.policy';
import type { ChallengeFilter, ChallengeRow } from './challenges.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type ChallengesStore = Store<
  'attachments' | 'audit' | 'campaigns' | 'challenges' | 'demands' | 'partyOrgs' | 'projects' | 'regions'
>;
type ChallengesRepos = ChallengesStore['repos'];

/** The fields staff edit (status changes only by claiming or by the project completing). */
const EDITABLE = [
  'title',
  'description',
  'theme',
  'targetGroup',
  'regionCode',
  'evidence',
  'evidenceCount',
  'claimDeadline',
] as const;
const AUDITED = [...EDITABLE, 'status'] as const;

/** What the caller is, once per request: the basis of every row's abilities. */
interface Caller {
  /** Campaign ids whose board the caller writes. */
  writes: (campaign: CampaignRecord) => Promise<boolean>;
  /** The caller's secretary-bound organisations (id, name, type). */
  secretaryOrgs: { id: string; name: string; type: string }[];
}

/**
 * The challenge board (难题揭榜). A challenge hangs on a campaign: whoever sees the campaign sees its
 * board; staff who write the campaign post and edit its challenges; a secretary claims one for an
 * eligible Party organisation of their own, which opens a draft declaration linked to it.
 */
export class ChallengesService {
  constructor(
    private readonly store: ChallengesStore,
    private readonly projects: ProjectsService,
    /** Demands posted as a challenge's evidence (揭榜) are linked and read through it. */
    private readonly demands: DemandsService,
  ) {}

  /** Readers: bound above, at or below the campaign's 社工部 node (as for the campaign itself). */
  private readScope = (ctx: RequestContext) => challengeReadScope(ctx.actor);
  private writeScope = (ctx: RequestContext) => challengeWriteScope(ctx.actor);

  private async caller(repos: ChallengesRepos, ctx: RequestContext): Promise<Caller> {
    const cache = new Map<string, boolean>();
    const ws = this.writeScope(ctx);
    const canWrite = ctx.actor.permissions.has('challenge.write');
    const writes = async (c: CampaignRecord) => {
      if (!canWrite) return false;
      if (ws.all) return true;
      if (ws.orgIds.length === 0) return false;
      if (!cache.has(c.orgId)) cache.set(c.orgId, await repos.partyOrgs.inScope(ws, c.orgId));
      return cache.get(c.orgId)!;
    };
    let secretaryOrgs: Caller['secretaryOrgs'] = [];
    const ids = claimantOrgIds(ctx.actor);
    if (ids.length > 0) {
      secretaryOrgs = (await repos.partyOrgs.byIds({ all: true }, ids)).map((o) => ({
        id: o.id,
        name: o.name,
        type: o.type,
      }));
    }
    return { writes, secretaryOrgs };
  }

  /** The caller's own organisations that may declare in this campaign. */
  private async claimOrgs(repos: ChallengesRepos, caller: Caller, c: CampaignRecord) {
    const out: { id: string; name: string }[] = [];
    for (const o of caller.secretaryOrgs) {
      if (!c.eligibleOrgTypes.includes(o.type as PartyOrgType)) continue;
      if (await repos.partyOrgs.contains(c.orgId, o.id)) out.push({ id: o.id, name: o.name });
    }
    return out;
  }

  private async toView(
    repos: ChallengesRepos,
    ctx: RequestContext,
    caller: Caller,
    row: ChallengeRow,
    campaign: CampaignRecord,
    today: string,
    evidenceDemands: ChallengeView['evidenceDemands'],
  ): Promise<ChallengeView> {
    const status = row.status as ChallengeStatus;
    const deadlinePassed = row.claimDeadline < today;
    const facts: ChallengeFacts = {
      status,
      campaignStatus: campaign.status as CampaignStatus,
      deadlinePassed,
      campaignInWriteScope: await caller.writes(campaign),
      // At most every organisation of the caller's; narrowed to the eligible ones only when it matters.
      claimOrgCount: caller.secretaryOrgs.length,
    };
    const claimOrgs = challengePolicy.can(ctx.actor, 'claim', facts)
      ? await this.claimOrgs(repos, caller, campaign)
      : [];
    const abilities = challengePolicy.abilities(ctx.actor, { ...facts, claimOrgCount: claimOrgs.length });
    return {
      id: row.id,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      title: row.title,
      description: row.description,
      theme: row.theme,
      themeName: campaign.themes.find((t) => t.code === row.theme)?.name ?? row.theme,
      targetGroup: row.targetGroup as TargetGroup,
      regionCode: row.regionCode,
      regionName: row.regionName,
      evidence: row.evidence,
      evidenceCount: row.evidenceCount,
      claimDeadline: row.claimDeadline,
      status,
      claimedByOrgId: row.claimedByOrgId,
      claimedByOrgName: row.claimedByOrgName,
      claimedAt: row.claimedAt,
      projectId: row.projectId,
      projectCode: row.projectCode,
      deadlinePassed,
      claimOrgs,
      evidenceDemands,
      createdAt: row.createdAt,
      version: row.version,
      abilities,
    };
  }

  private async views(repos: ChallengesRepos, ctx: RequestContext, rows: ChallengeRow[]): Promise<ChallengeView[]> {
    const caller = await this.caller(repos, ctx);
    const campaigns = new Map<string, CampaignRecord>();
    for (const id of new Set(rows.map((r) => r.campaignId))) {
      const c = await repos.campaigns.get({ all: true }, id);
      if (c) campaigns.set(id, c);
    }
    const today = shanghaiDate();
    const evidence = await this.demands.evidenceIn(
      repos,
      ctx,
      rows.map((r) => r.id),
    );
    const out: ChallengeView[] = [];
    for (const r of rows)
      out.push(await this.toView(repos, ctx, caller, r, campaigns.get(r.campaignId)!, today, evidence.get(r.id)!));
    return out;
  }

  async list(ctx: RequestContext, q: ChallengeFilter): Promise<ChallengePage> {
    const repos = this.store.repos;
    const scope = this.readScope(ctx);
    const [{ items: rows, nextCursor }, counts] = await Promise.all([
      repos.challenges.list(scope, q),
      repos.challenges.countByStatus(scope, q),
    ]);
    return {
      items: await this.views(repos, ctx, rows),
      nextCursor,
      counts: { open: counts.get('open') ?? 0, claimed: counts.get('claimed') ?? 0, solved: counts.get('solved') ?? 0 },
    };
  }

  async get(ctx: RequestContext, id: string): Promise<ChallengeView> {
    const repos = this.store.repos;
    const row = await repos.challenges.get(this.readScope(ctx), id);
    if (!row) throw notFound();
    return (await this.views(repos, ctx, [row]))[0]!;
  }

  /**
   * The campaign whose board the caller posts on or edits: 404 outside their read scope; inside it,
   * `boardPolicy` decides (403 for a reader who does not write the campaign, CAMPAIGN_NOT_OPEN once
   * it is closed).
   */
  private async board(
    repos: ChallengesRepos,
    ctx: RequestContext,
    campaignId: string,
  ): Promise<{ c: CampaignRecord; facts: BoardFacts }> {
    const c = await repos.campaigns.get(this.readScope(ctx), campaignId);
    if (!c) throw notFound();
    const facts: BoardFacts = {
      campaignStatus: c.status as CampaignStatus,
      campaignInWriteScope: await (await this.caller(repos, ctx)).writes(c),
    };
    boardPolicy.authorize(ctx.actor, 'post', facts);
    return { c, facts };
  }

  /** Theme within the campaign's scope, a known region, and a deadline not already past. */
  private async checkFields(
    repos: ChallengesRepos,
    c: CampaignRecord,
    body: ChallengeCreateBody | ChallengeUpdateBody,
    previousDeadline?: string,
  ) {
    const fields: Record<string, string> = {};
    if (!c.themes.some((t) => t.code === body.theme)) fields.theme = 'invalid';
    if (!(await repos.regions.get(body.regionCode))) fields.regionCode = 'invalid';
    if (body.claimDeadline !== previousDeadline && body.claimDeadline < shanghaiDate())
      fields.claimDeadline = 'invalid';
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
  }

  async create(ctx: RequestContext, body: ChallengeCreateBody): Promise<ChallengeView> {
    const id = newId();
    await this.store.tx((repos) => this.createIn(repos, ctx, id, body));
    return this.get(ctx, id);
  }

  /**
   * 发布到揭榜: posts a new challenge from one or several similar enterprise demands, in one
   * transaction — the challenge as `create` posts it (the web pre-fills it from the demands; the
   * evidence count defaults to the number of demands), then the demands linked as its evidence
   * (DemandsService.postToBoardIn: managed by the caller, not yet resolved, on no challenge, one
   * county under the campaign's node), with the demands named in the challenge's audit entry.
   */
  async fromDemands(ctx: RequestContext, body: ChallengeFromDemandsBody): Promise<ChallengeView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const { demandIds, ...challenge } = body;
      const c = await this.createIn(repos, ctx, id, {
        ...challenge,
        evidenceCount: challenge.evidenceCount ?? new Set(demandIds).size,
      });
      const titles = await this.demands.postToBoardIn(repos, ctx, demandIds, {
        id,
        title: body.title,
        campaignOrgId: c.orgId,
      });
      await this.recordEvidence(repos, ctx, { id, title: body.title, campaignOrgId: c.orgId }, titles);
    });
    return this.get(ctx, id);
  }

  /**
   * Attaches demands to an open challenge as further evidence (the board's writers, while it is
   * open; with its version). The evidence count rises to the number of linked demands when it was
   * lower (it may count more: "43 demands of this kind collected in visits").
   */
  async attachDemands(ctx: RequestContext, id: string, body: ChallengeAttachDemandsBody): Promise<ChallengeView> {
    await this.store.tx(async (repos) => {
      const row = await repos.challenges.get(this.readScope(ctx), id);
      if (!row) throw notFound();
      const { facts } = await this.board(repos, ctx, row.campaignId);
      challengePolicy.authorize(ctx.actor, 'update', {
        ...facts,
        status: row.status as ChallengeStatus,
        deadlinePassed: row.claimDeadline < shanghaiDate(),
        claimOrgCount: 0,
      });
      if (row.version !== body.version) throw conflict();
      const link = { id, title: row.title, campaignOrgId: row.campaignOrgId };
      const titles = await this.demands.postToBoardIn(repos, ctx, body.demandIds, link);
      const linked = (await this.demands.evidenceIn(repos, ctx, [id])).get(id)!.total;
      const evidenceCount = Math.max(row.evidenceCount ?? 0, linked);
      await repos.challenges.update(id, body.version, { evidenceCount });
      await this.recordEvidence(repos, ctx, link, titles, { before: row.evidenceCount, after: evidenceCount });
    });
    return this.get(ctx, id);
  }

  private async recordEvidence(
    repos: ChallengesRepos,
    ctx: RequestContext,
    c: { id: string; title: string; campaignOrgId: string },
    titles: string[],
    count?: { before: number | null; after: number },
  ) {
    await repos.audit.record(auditCtx(ctx), {
      action: 'update',
      entityType: 'challenge',
      entityId: c.id,
      entityLabel: c.title,
      scopeOrgId: c.campaignOrgId,
      changes: [
        { field: 'evidenceDemands', before: null, after: titles },
        ...(count && count.before !== count.after
          ? [{ field: 'evidenceCount', before: count.before, after: count.after }]
          : []),
      ],
    });
  }

  /** Posts a challenge inside the caller's transaction; returns its campaign. */
  private async createIn(
    repos: ChallengesRepos,
    ctx: RequestContext,
    id: string,
    body: ChallengeCreateBody,
  ): Promise<CampaignRecord> {
    const { c } = await this.board(repos, ctx, body.campaignId);
    await this.checkFields(repos, c, body);
    const row = {
      id,
      campaignId: c.id,
      title: body.title,
      description: body.description,
      theme: body.theme,
      targetGroup: body.targetGroup,
      regionCode: body.regionCode,
      evidence: body.evidence,
      evidenceCount: body.evidenceCount,
      claimDeadline: body.claimDeadline,
      status: 'open',
      claimedByOrgId: null,
      claimedByUserId: null,
      claimedAt: null,
      projectId: null,
      createdBy: ctx.actor.userId,
    };
    await repos.challenges.insert(row);
    await repos.audit.record(auditCtx(ctx), {
      action: 'create',
      entityType: 'challenge',
      entityId: id,
      entityLabel: body.title,
      scopeOrgId: c.orgId,
      changes: diffFields(null, row, AUDITED),
    });
    return c;
  }

  async update(ctx: RequestContext, id: string, body: ChallengeUpdateBody): Promise<ChallengeView> {
    await this.store.tx(async (repos) => {
      const before = await repos.challenges.get(this.readScope(ctx), id);
      if (!before) throw notFound();
      const { c, facts } = await this.board(repos, ctx, before.campaignId);
      challengePolicy.authorize(ctx.actor, 'update', {
        ...facts,
        status: before.status as ChallengeStatus,
        deadlinePassed: before.claimDeadline < shanghaiDate(),
        claimOrgCount: 0,
      });
      await this.checkFields(repos, c, body, before.claimDeadline);
      const patch = {
        title: body.title,
        description: body.description,
        theme: body.theme,
        targetGroup: body.targetGroup,
        regionCode: body.regionCode,
        evidence: body.evidence,
        evidenceCount: body.evidenceCount,
        claimDeadline: body.claimDeadline,
      };
      await repos.challenges.update(id, body.version, patch);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'challenge',
        entityId: id,
        entityLabel: body.title,
        scopeOrgId: c.orgId,
        changes: diffFields(before, patch, EDITABLE),
      });
    });
    return this.get(ctx, id);
  }

  /**
   * 揭榜: in one transaction, checks the challenge is still open and its deadline not passed, opens a
   * draft declaration prefilled from it (the projects service checks the campaign is published and
   * the organisation is the secretary's own and of an eligible kind), then marks it claimed. Of two
   * secretaries racing, one wins; the other gets 409 and nothing of theirs is kept.
   */
  async claim(ctx: RequestContext, id: string, body: { orgId: string; version: number }): Promise<ChallengeView> {
    if (claimantOrgIds(ctx.actor).length === 0) throw forbidden();
    await this.store.tx(async (repos) => {
      const row = await repos.challenges.get(this.readScope(ctx), id);
      if (!row) throw notFound();
      if (row.status !== 'open' || row.claimDeadline < shanghaiDate()) throw new AppError('CHALLENGE_NOT_OPEN');
      if (row.version !== body.version) throw conflict();
      const content = declarationContentSchema.parse({
        title: row.title,
        theme: row.theme,
        targetGroup: row.targetGroup,
        problem: row.description,
        challengeId: row.id,
      });
      const projectId = await this.projects.createDraftIn(repos, ctx, {
        campaignId: row.campaignId,
        orgId: body.orgId,
        content,
      });
      const claim = { claimedByOrgId: body.orgId, claimedByUserId: ctx.actor.userId, claimedAt: nowIso(), projectId };
      await repos.challenges.claim(id, body.version, claim);
      const orgName = (await repos.partyOrgs.namesOf([body.orgId])).get(body.orgId) ?? null;
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'challenge',
        entityId: id,
        entityLabel: row.title,
        scopeOrgId: row.campaignOrgId,
        changes: [
          { field: 'status', before: row.status, after: 'claimed' },
          { field: 'claimedByOrgName', before: null, after: orgName },
          { field: 'claimedByUserName', before: null, after: ctx.actor.displayName },
        ],
      });
    });
    return this.get(ctx, id);
  }
}
