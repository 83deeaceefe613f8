import {
  compareDeclarations,
  declarationContentSchema,
  declarationProblems,
  PROJECT_EVENTS,
  quarterDueDate,
  quarterOf,
  type ContentChange,
  type DeclarationContent,
  type DeclarationVersionView,
  type Decision,
  type Page,
  type ProjectEvent,
  type ProjectListItem,
  type ProjectListQuery,
  type ProjectRating,
  type ProjectStatus,
  type ProjectView,
  type TargetGroup,
  type TimelineEntry,
  type WorkflowActor,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { FigureRegistry } from '../indicators/indicators.registry';
import type { ReposOf, Store } from '../../store';
import type { CampaignRecord } from '../campaigns/campaigns.types';
import { DemandsService } from '../demands/demands.service';
import { NotificationsService } from '../notifications/notifications.service';
import { claimUploads } from '../attachments/attachments.service';
import {
  declarableCampaignScope,
  projectPolicy,
  projectReadScope,
  projectSecretaryScope,
  projectStaffScope,
  projectTeamScope,
  workflowActors,
  type ProjectFacts,
} from './projects.policy';
import type { ProjectFactScopes, ProjectListRow, ProjectRow } from './projects.repository';
import { availableEvents, nextStatus } from './projects.workflow';

/** A project as its repository reads it, for the modules that read projects through this service. */
export type { ProjectRow } from './projects.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type ProjectsStore = Store<'attachments' | 'audit' | 'campaigns' | 'challenges' | 'partyOrgs' | 'projects'>;
type ProjectsRepos = ProjectsStore['repos'];
/** What review decisions and completion use: the projects' own, and the tables they change on approval. */
export type ProjectDecisionsStore = Store<
  'audit' | 'campaigns' | 'challenges' | 'demands' | 'notifications' | 'partyOrgs' | 'progress' | 'projects' | 'reports'
>;

const parseContent = (json: string): DeclarationContent => declarationContentSchema.parse(JSON.parse(json));

/**
 * Secretary projects from draft to close. Every status change goes through `transition`, which
 * applies the workflow table, records the transition (who, when, why) and audits it.
 */
/** The projects policy's facts about a row, from where the caller stands towards its organisation. */
const factsOf = (row: { status: string }, inStaff: boolean, inSecretary: boolean, inTeam: boolean): ProjectFacts => ({
  status: row.status as ProjectStatus,
  as: workflowActors(inStaff, inSecretary),
  team: inTeam,
});

export class ProjectsService {
  constructor(
    private readonly store: ProjectsStore,
    /** The registered service figures an indicator may be bound to (none: every indicator is manual). */
    private readonly figures: Pick<FigureRegistry, 'has'> = { has: () => false },
  ) {}

  /**
   * An indicator bound to a figure must name a registered one, and its area (when given) must lie in
   * the declaring organisation's subtree (400 on `indicators` otherwise); an area without a figure is dropped.
   */
  private async checkFigures(repos: ReposOf<'partyOrgs'>, orgId: string, content: DeclarationContent) {
    if (content.indicators.some((i) => i.figure !== null && !this.figures.has(i.figure))) {
      throw new AppError('VALIDATION_FAILED', { indicators: 'invalid' });
    }
    for (const i of content.indicators) {
      if (i.figure === null) i.figureOrgId = null;
      else if (i.figureOrgId !== null && !(await repos.partyOrgs.contains(orgId, i.figureOrgId))) {
        throw new AppError('VALIDATION_FAILED', { indicators: 'invalid' });
      }
    }
  }

  // ——— reading ———

  /** The policy's facts for a page of projects: at most three queries however many rows. */
  /** The subtrees behind the facts (`factsOnMany`), as the list's statement evaluates them per row. */
  private factScopes(ctx: RequestContext): ProjectFactScopes {
    const staff = projectStaffScope(ctx.actor);
    const sec = projectSecretaryScope(ctx.actor);
    const team = projectTeamScope(ctx.actor);
    return {
      staff: staff.all || staff.orgIds.length ? staff : null,
      secretary: !sec.all && sec.orgIds.length ? sec : null,
      team: team.orgIds.length ? team : null,
    };
  }

  private async factsOnMany(repos: ReposOf<'partyOrgs'>, ctx: RequestContext, orgIds: string[]) {
    const unique = [...new Set(orgIds)];
    const { staff, secretary, team } = this.factScopes(ctx);
    const none = new Set<string>();
    const [inStaff, inSec, inTeam] = await Promise.all([
      staff ? repos.partyOrgs.idsInScope(staff, unique) : Promise.resolve(none),
      secretary ? repos.partyOrgs.idsInScope(secretary, unique) : Promise.resolve(none),
      team ? repos.partyOrgs.idsInScope(team, unique) : Promise.resolve(none),
    ]);
    return (row: { orgId: string; status: string }): ProjectFacts =>
      factsOf(row, inStaff.has(row.orgId), inSec.has(row.orgId), inTeam.has(row.orgId));
  }

  /** The workflow actors the caller is for this project's organisation. */
  async actorsOn(repos: ReposOf<'partyOrgs'>, ctx: RequestContext, row: { orgId: string }): Promise<WorkflowActor[]> {
    const staff = projectStaffScope(ctx.actor);
    const sec = projectSecretaryScope(ctx.actor);
    const inStaff = staff.all || (staff.orgIds.length > 0 && (await repos.partyOrgs.inScope(staff, row.orgId)));
    const inSec = !sec.all && sec.orgIds.length > 0 && (await repos.partyOrgs.inScope(sec, row.orgId));
    return workflowActors(inStaff, inSec);
  }

  /** The projects policy's facts about one project for the caller (projects.policy `projectPolicy`). */
  async factsOn(
    repos: ReposOf<'partyOrgs'>,
    ctx: RequestContext,
    row: { orgId: string; status: string },
  ): Promise<ProjectFacts> {
    return (await this.factsOnMany(repos, ctx, [row.orgId]))(row);
  }

  /** The workflow events the caller may fire, then the other actions (projects.policy). */
  private abilities(ctx: RequestContext, p: ProjectFacts): string[] {
    return [...availableEvents(p.status, p.as), ...projectPolicy.abilities(ctx.actor, p)];
  }

  private themeName(campaign: Pick<CampaignRecord, 'themes'> | undefined, theme: string): string {
    return campaign?.themes.find((t) => t.code === theme)?.name ?? theme;
  }

  private listItem(row: ProjectListRow, campaign: CampaignRecord | undefined, abilities: string[]): ProjectListItem {
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      status: row.status as ProjectStatus,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      theme: row.theme,
      themeName: this.themeName(campaign, row.theme),
      targetGroup: row.targetGroup as TargetGroup | null,
      orgId: row.orgId,
      orgName: row.orgName,
      regionCode: row.regionCode,
      regionName: row.regionName,
      secretaryName: row.secretaryName,
      versionNo: row.versionNo,
      latestRating: row.latestRating as ProjectRating | null,
      overdueReports: row.overdueReports,
      submittedAt: row.submittedAt,
      approvedAt: row.approvedAt,
      updatedAt: row.updatedAt,
      abilities,
    };
  }

  private async campaigns(repos: ProjectsRepos, ids: string[]): Promise<Map<string, CampaignRecord>> {
    return repos.campaigns.byIds([...new Set(ids)]);
  }

  async list(ctx: RequestContext, q: ProjectListQuery): Promise<Page<ProjectListItem>> {
    const repos = this.store.repos;
    const scope = projectReadScope(ctx.actor);
    // The rows carry the caller's facts (inStaff, inSecretary, inTeam): no scope check after the page.
    const [{ items: rows, nextCursor }, total] = await Promise.all([
      repos.projects.list(scope, q, this.factScopes(ctx)),
      q.withTotal ? repos.projects.count(scope, q) : Promise.resolve(undefined),
    ]);
    const campaigns = await this.campaigns(
      repos,
      rows.map((r) => r.campaignId),
    );
    const items = rows.map((r) =>
      this.listItem(
        r,
        campaigns.get(r.campaignId),
        this.abilities(ctx, factsOf(r, r.inStaff === 1, r.inSecretary === 1, r.inTeam === 1)),
      ),
    );
    return { items, nextCursor, ...(total !== undefined ? { total } : {}) };
  }

  /** Rows for an Excel export of exactly the filtered list. */
  async exportRows(ctx: RequestContext, q: ProjectListQuery): Promise<ProjectListItem[]> {
    const repos = this.store.repos;
    const rows = await repos.projects.all(projectReadScope(ctx.actor), q);
    const campaigns = await this.campaigns(
      repos,
      rows.map((r) => r.campaignId),
    );
    return rows.map((r) => this.listItem(r, campaigns.get(r.campaignId), []));
  }

  /** The project if the caller may see it; 404 otherwise. */
  async row(repos: ReposOf<'projects'>, ctx: RequestContext, id: string): Promise<ProjectRow> {
    const row = await repos.projects.get(projectReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<ProjectView> {
    const repos = this.store.repos;
    const row = await this.row(repos, ctx, id);
    const campaign = await repos.campaigns.get({ all: true }, row.campaignId);
    const facts = await this.factsOn(repos, ctx, row);
    const content = parseContent(row.content);
    const challenge = content.challengeId ? await repos.challenges.get({ all: true }, content.challengeId) : undefined;
    return {
      ...this.listItem(row, campaign, this.abilities(ctx, facts)),
      content,
      challengeTitle: challenge?.title ?? null,
      completionSummary: row.completionSummary,
      terminationReason: row.terminationReason,
      lastDecisionNote: row.lastDecisionNote,
      version: row.version,
    };
  }

  async versions(ctx: RequestContext, id: string): Promise<{ items: DeclarationVersionView[] }> {
    const repos = this.store.repos;
    await this.row(repos, ctx, id);
    const rows = await repos.projects.versions(id);
    return {
      items: rows.map((v) => ({
        versionNo: v.versionNo,
        content: parseContent(v.content),
        submittedAt: v.submittedAt,
        submittedByName: v.submittedByName ?? '',
        decision: v.decision as Decision | null,
        decisionNote: v.decisionNote,
      })),
    };
  }

  async compare(
    ctx: RequestContext,
    id: string,
    a: number,
    b: number,
  ): Promise<{ a: number; b: number; changes: ContentChange[] }> {
    const { items } = await this.versions(ctx, id);
    const va = items.find((v) => v.versionNo === a);
    const vb = items.find((v) => v.versionNo === b);
    if (!va || !vb) throw notFound();
    return { a, b, changes: compareDeclarations(va.content, vb.content) };
  }

  async timeline(ctx: RequestContext, id: string): Promise<{ items: TimelineEntry[] }> {
    const repos = this.store.repos;
    await this.row(repos, ctx, id);
    const rows = await repos.projects.transitions(id);
    return {
      items: rows.map((t) => ({
        id: t.id,
        at: t.at,
        event: t.event as TimelineEntry['event'],
        from: t.fromStatus as ProjectStatus | null,
        to: t.toStatus as ProjectStatus,
        actorName: t.actorName,
        reason: t.reason,
      })),
    };
  }

  // ——— declaring ———

  private async openCampaign(
    repos: ReposOf<'campaigns'>,
    ctx: RequestContext,
    campaignId: string,
  ): Promise<CampaignRecord> {
    const campaign = await repos.campaigns.get(declarableCampaignScope(ctx.actor), campaignId);
    if (!campaign) throw notFound();
    if (campaign.status !== 'published') throw new AppError('CAMPAIGN_NOT_OPEN');
    return campaign;
  }

  /** Opens a draft declaration. Used by the declare form and by claiming a challenge (inside its transaction). */
  async createDraftIn(
    repos: ReposOf<'attachments' | 'audit' | 'campaigns' | 'partyOrgs' | 'projects'>,
    ctx: RequestContext,
    input: { campaignId: string; orgId: string; content: DeclarationContent },
  ): Promise<string> {
    const campaign = await this.openCampaign(repos, ctx, input.campaignId);
    const sec = projectSecretaryScope(ctx.actor);
    const org = await repos.partyOrgs.get(sec, input.orgId);
    if (!org) throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
    await this.checkFigures(repos, org.id, input.content);
    if (!(await repos.partyOrgs.contains(campaign.orgId, org.id)))
      throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
    if (!campaign.eligibleOrgTypes.includes(org.type as CampaignRecord['eligibleOrgTypes'][number])) {
      throw new AppError('ORG_NOT_ELIGIBLE', { orgId: 'invalid' });
    }
    const id = newId();
    await repos.projects.insert({
      id,
      campaignId: campaign.id,
      orgId: org.id,
      regionCode: org.regionCode,
      secretaryUserId: ctx.actor.userId,
      status: 'draft',
      code: null,
      seq: null,
      title: input.content.title,
      theme: input.content.theme,
      targetGroup: input.content.targetGroup,
      challengeId: input.content.challengeId,
      content: JSON.stringify(input.content),
      latestRating: null,
      lastDecisionNote: null,
      completionSummary: null,
      terminationReason: null,
      submittedAt: null,
      approvedAt: null,
      closedAt: null,
      createdBy: ctx.actor.userId,
    });
    // The declaration's uploads become the project's (until then only their uploader reaches them,
    // and the cleanup would remove them after a day).
    await claimUploads(repos, ctx, id, input.content.attachmentIds);
    await repos.projects.insertTransition({
      id: newId(),
      projectId: id,
      event: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      reason: null,
    });
    await repos.audit.record(auditCtx(ctx), {
      action: 'create',
      entityType: 'project',
      entityId: id,
      entityLabel: input.content.title,
      scopeOrgId: org.id,
      changes: [{ field: 'title', before: null, after: input.content.title }],
    });
    return id;
  }

  async create(
    ctx: RequestContext,
    body: { campaignId: string; orgId: string; content: DeclarationContent },
  ): Promise<ProjectView> {
    const id = await this.store.tx((repos) => this.createDraftIn(repos, ctx, body));
    return this.get(ctx, id);
  }

  /** Saves the draft (or a returned declaration being revised). A stale copy gets 409. */
  async save(
    ctx: RequestContext,
    id: string,
    body: { content: DeclarationContent; version: number },
  ): Promise<ProjectView> {
    await this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      projectPolicy.authorize(ctx.actor, 'update', await this.factsOn(repos, ctx, row));
      await this.checkFigures(repos, row.orgId, body.content);
      const before = parseContent(row.content);
      // A claimed challenge stays linked: the claim, not the form, decides it.
      const content = { ...body.content, challengeId: before.challengeId };
      await repos.projects.update(id, body.version, {
        title: content.title,
        theme: content.theme,
        targetGroup: content.targetGroup,
        content: JSON.stringify(content),
      });
      await claimUploads(repos, ctx, id, content.attachmentIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'project',
        entityId: id,
        entityLabel: content.title,
        scopeOrgId: row.orgId,
        changes: compareDeclarations(before, content).map((c) => ({
          field: c.field,
          before: c.before,
          after: c.after,
        })),
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Moves a project along the workflow table inside a transaction: checks the transition and the
   * actor, writes the new status with any extra fields, and records who, when and why.
   */
  async transition(
    repos: ReposOf<'audit' | 'projects'>,
    ctx: RequestContext,
    row: ProjectRow,
    event: ProjectEvent,
    as: readonly WorkflowActor[],
    opts: { reason?: string | null; version?: number; patch?: Parameters<ProjectsRepos['projects']['update']>[2] } = {},
  ): Promise<ProjectStatus> {
    const from = row.status as ProjectStatus;
    const to = nextStatus(from, event, as, opts.reason);
    await repos.projects.update(row.id, opts.version ?? row.version, { status: to, ...opts.patch });
    await repos.projects.insertTransition({
      id: newId(),
      projectId: row.id,
      event,
      fromStatus: from,
      toStatus: to,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      reason: opts.reason?.trim() || null,
    });
    await repos.audit.record(auditCtx(ctx), {
      action: 'update',
      entityType: 'project',
      entityId: row.id,
      entityLabel: row.title,
      scopeOrgId: row.orgId,
      changes: [{ field: 'status', before: from, after: to }],
    });
    row.status = to;
    row.version = (opts.version ?? row.version) + 1;
    return to;
  }

  private async snapshot(repos: ProjectsRepos, ctx: RequestContext, row: ProjectRow, campaign: CampaignRecord) {
    const content = parseContent(row.content);
    const problems = declarationProblems(
      content,
      campaign.themes.map((t) => t.code),
    );
    if (Object.keys(problems).length) throw new AppError('DECLARATION_INCOMPLETE', problems);
    const versionNo = row.versionNo + 1;
    await repos.projects.insertVersion({
      id: newId(),
      projectId: row.id,
      versionNo,
      content: row.content,
      submittedBy: ctx.actor.userId,
    });
    return versionNo;
  }

  /** Secretary and staff events fired from the project page. */
  async fire(
    ctx: RequestContext,
    id: string,
    event: Extract<ProjectEvent, 'submit' | 'withdraw' | 'resubmit' | 'terminate'>,
    body: { version: number; reason?: string },
  ): Promise<ProjectView> {
    await this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      const as = await this.actorsOn(repos, ctx, row);
      const campaign = (await repos.campaigns.get({ all: true }, row.campaignId))!;
      if (row.version !== body.version) throw conflict();
      if (event === 'submit' || event === 'resubmit') {
        nextStatus(row.status as ProjectStatus, event, as);
        if (event === 'submit') {
          const today = shanghaiDate();
          if (campaign.status !== 'published' || today < campaign.declareFrom || today > campaign.declareTo) {
            throw new AppError('DECLARATION_WINDOW_CLOSED');
          }
        }
        const versionNo = await this.snapshot(repos, ctx, row, campaign);
        await this.transition(repos, ctx, row, event, as, {
          reason: body.reason,
          patch: { versionNo, submittedAt: nowIso() },
        });
        return;
      }
      if (event === 'withdraw' && (await repos.projects.isOnOpenAgenda(id))) throw new AppError('INVALID_TRANSITION');
      await this.transition(repos, ctx, row, event, as, {
        reason: body.reason,
        patch: event === 'terminate' ? { terminationReason: body.reason ?? null, closedAt: nowIso() } : {},
      });
    });
    return this.get(ctx, id);
  }
}

/** Review decisions and completion: written as a second class to keep each file small. */
export class ProjectDecisions {
  constructor(
    private readonly store: ProjectDecisionsStore,
    private readonly projects: ProjectsService,
  ) {}

  /**
   * Applies a review meeting's decision to one project inside the meeting's closing transaction:
   * approval gives the project its code (PREFIX-YEAR-SEQ, unique within the campaign), turns the
   * approved version's milestones and indicators into records, and schedules its quarterly reports.
   */
  async apply(
    repos: ReposOf<'audit' | 'campaigns' | 'notifications' | 'progress' | 'projects' | 'reports'>,
    ctx: RequestContext,
    projectId: string,
    decision: Decision,
    note: string | null,
  ) {
    const row = await repos.projects.get(
      { subtree: { all: true }, submitted: { all: false, orgIds: [] }, reviewerUserId: null },
      projectId,
    );
    if (!row) throw notFound();
    const event: ProjectEvent = decision;
    const patch: Parameters<ProjectsRepos['projects']['update']>[2] = {
      lastDecisionNote: decision === 'approve' ? null : note,
    };
    const campaign = (await repos.campaigns.get({ all: true }, row.campaignId))!;
    let code: string | null = null;
    if (decision === 'approve') {
      const seq = await repos.projects.nextSeq(row.campaignId);
      code = `${campaign.codePrefix}-${campaign.year}-${String(seq).padStart(3, '0')}`;
      Object.assign(patch, { seq, code, approvedAt: nowIso() });
    }
    await this.projects.transition(repos, ctx, row, event, ['system'], { reason: note, patch });
    await repos.projects.setVersionDecision(row.id, row.versionNo, decision, note);
    if (decision === 'approve') {
      const content = parseContent(row.content);
      await repos.progress.materialisePlan(
        row.id,
        content.milestones.map((m) => ({ id: newId(), ...m })),
        content.indicators.map(({ figure, ...i }) => ({ id: newId(), ...i, figureKey: figure })),
      );
      await this.scheduleReports(repos, row.id, campaign);
    }
    if (row.secretaryUserId) {
      const kind =
        decision === 'approve' ? 'project_approved' : decision === 'return' ? 'project_returned' : 'project_rejected';
      const title = `${PROJECT_EVENTS[decision]['zh-CN']}：${row.title}`;
      const body =
        decision === 'approve'
          ? `项目编号 ${code}，请按季度报送进展。`
          : `${decision === 'return' ? '修改要求' : '理由'}：${note ?? ''}`;
      await NotificationsService.send(repos, [row.secretaryUserId], { kind, title, body, link: `/projects/${row.id}` });
    }
    return code;
  }

  /** One pending report for each quarter from approval to the end of the campaign year. */
  private async scheduleReports(repos: ReposOf<'reports'>, projectId: string, campaign: CampaignRecord) {
    const approved = quarterOf(shanghaiDate());
    const first = approved.year < campaign.year ? 1 : approved.year > campaign.year ? 5 : approved.quarter;
    for (let quarter = first; quarter <= 4; quarter++) {
      const q = { year: campaign.year, quarter: quarter as 1 | 2 | 3 | 4 };
      await repos.reports.insertPending({
        id: newId(),
        projectId,
        year: q.year,
        quarter: q.quarter,
        dueDate: quarterDueDate(q, campaign.reportDueDays),
      });
    }
  }

  /** Completes an approved project with a summary and final indicator values; a claimed challenge is solved. */
  async complete(
    ctx: RequestContext,
    id: string,
    body: { version: number; summary: string; finalValues: { indicatorId: string; value: number }[] },
  ): Promise<ProjectView> {
    await this.store.tx(async (repos) => {
      const row = await this.projects.row(repos, ctx, id);
      // Final values are entered for the manual indicators; a bound one's value follows the records.
      const all = await repos.projects.indicators(id);
      const indicators = all.filter((i) => i.figureKey === null);
      if (body.finalValues.some((v) => all.some((i) => i.id === v.indicatorId && i.figureKey !== null))) {
        throw new AppError('INDICATOR_BOUND', { finalValues: 'invalid' });
      }
      const given = new Set(body.finalValues.map((v) => v.indicatorId));
      const missing = indicators.filter((i) => !given.has(i.id));
      if (missing.length || body.finalValues.some((v) => !indicators.some((i) => i.id === v.indicatorId))) {
        throw new AppError('VALIDATION_FAILED', { finalValues: 'required' });
      }
      const as = await this.projects.actorsOn(repos, ctx, row);
      await this.projects.transition(repos, ctx, row, 'complete', as, {
        reason: body.summary,
        version: body.version,
        patch: { completionSummary: body.summary, closedAt: nowIso() },
      });
      const today = shanghaiDate();
      for (const v of body.finalValues) {
        await repos.progress.addActual({
          id: newId(),
          indicatorId: v.indicatorId,
          value: v.value,
          recordedOn: today,
          note: '结项最终值',
          recordedBy: ctx.actor.userId,
        });
      }
      if (row.challengeId) {
        // The challenge is solved: the enterprise demands posted as its evidence are resolved with it.
        await repos.challenges.markSolved(row.challengeId);
        await DemandsService.resolveByProjectIn(repos, ctx, {
          challengeId: row.challengeId,
          projectCode: row.code,
          projectTitle: row.title,
          orgName: row.orgName,
          summary: body.summary,
        });
      }
    });
    return this.projects.get(ctx, id);
  }
}
