import { randomBytes } from 'node:crypto';
import {
  aggregate,
  aggregationConfigSchema,
  DEFAULT_RUBRIC,
  DRAW_ALGORITHM,
  drawOrder,
  legend,
  round2,
  rubricSchema,
  scoreSheetSchema,
  seedFromBytes,
  sheetTotal,
  type AggregateResult,
  type AggregationConfig,
  type ContestBoard,
  type ContestCreateBody,
  type ContestDrawView,
  type ContestExclusionView,
  type ContestGrade,
  type ContestListItem,
  type ContestProjectView,
  type ContestResultsView,
  type ContestSheetRow,
  type ContestSheetView,
  type ContestStatus,
  type ContestUpdateBody,
  type ContestView,
  type Exclusion,
  type OverrideBody,
  type Page,
  type PresentationPhase,
  type ProjectRating,
  type Rubric,
  type RubricTemplateBody,
  type RubricTemplateUpdateBody,
  type RubricTemplateView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, conflict, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { now } from '../../core/clock';
import { nowIso } from '../../core/time';
import { parseInput } from '../../core/validation';
import type { Repos, Store } from '../../store';
import type { ContestEvents } from './contests.events';
import {
  BEFORE_START,
  contestAbilities,
  contestManageScope,
  contestReadScope,
  type ContestStanding,
} from './contests.policy';
import type { ContestProjectRow, ContestRow, SheetRow } from './contests.repository';

interface Loaded {
  k: ContestRow;
  standing: ContestStanding;
  rubric: Rubric;
  config: AggregationConfig;
}

/** The panel of one contest: judges, projects, and who is excluded from which project. */
interface Panel {
  judges: { id: string; name: string }[];
  projects: ContestProjectRow[];
  /** One entry per (judge, project) excluded, for the engine. */
  exclusions: Exclusion[];
  /** Every exclusion with its details (a declared conflict on a same-org pair is listed too). */
  details: ContestExclusionView[];
  eligible: (judgeId: string, projectId: string) => boolean;
  eligibleCount: (projectId: string) => number;
}

const AUDITED = ['name', 'contestDate', 'venue', 'minutesPerTalk', 'rubric', 'config', 'projects', 'judges'] as const;

/**
 * The year-end contest (比武打擂): staff of the campaign set it up (projects, judges, rubric,
 * aggregation rules), draw the presentation order with a recorded seed, and run the day from the
 * host console (an explicit state machine); judges submit one locked sheet per project; the engine
 * (`@touyan/schemas` contest) computes scores, ranks and grades; the board is pushed to the big screen.
 */
export class ContestsService {
  constructor(
    private readonly store: Store,
    readonly events: ContestEvents,
  ) {}

  // ——— loading ———

  private async isManager(repos: Repos, ctx: RequestContext, campaignOrgId: string): Promise<boolean> {
    const s = contestManageScope(ctx.actor);
    if (s.all) return true;
    return s.orgIds.length > 0 && repos.partyOrgs.inScope(s, campaignOrgId);
  }

  /** The contest if the caller reaches it (404 otherwise), with how they stand towards it. */
  private async load(repos: Repos, ctx: RequestContext, id: string): Promise<Loaded> {
    const k = await repos.contests.get(contestReadScope(ctx.actor), id);
    if (!k) throw notFound();
    const manager = await this.isManager(repos, ctx, k.campaignOrgId);
    const judges = await repos.contests.judges(id);
    const judge = ctx.actor.permissions.has('contest.score') && judges.some((j) => j.id === ctx.actor.userId);
    return {
      k,
      standing: { manager, judge },
      rubric: rubricSchema.parse(JSON.parse(k.rubric)),
      config: aggregationConfigSchema.parse(JSON.parse(k.config)),
    };
  }

  private async loadManaged(repos: Repos, ctx: RequestContext, id: string): Promise<Loaded> {
    const l = await this.load(repos, ctx, id);
    if (!l.standing.manager) {
      // A judge reaches the contest but not the host console.
      throw ctx.actor.permissions.has('contest.manage') ? notFound() : forbidden();
    }
    return l;
  }

  private async panel(repos: Repos, contestId: string): Promise<Panel> {
    const judges = await repos.contests.judges(contestId);
    const projects = await repos.contests.projects(contestId);
    const judgeIds = new Set(judges.map((j) => j.id));
    const projectIds = new Set(projects.map((p) => p.projectId));
    const judgeName = new Map(judges.map((j) => [j.id, j.name]));
    const byOrg = new Map<string, string[]>();
    for (const p of projects) byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p.projectId]);
    const excluded = new Map<string, Exclusion>();
    const details: ContestExclusionView[] = [];
    const key = (j: string, p: string) => `${j}|${p}`;
    for (const pair of await repos.contests.relatedPairs([...judgeIds], [...byOrg.keys()])) {
      for (const projectId of byOrg.get(pair.orgId) ?? []) {
        const k = key(pair.judgeId, projectId);
        if (excluded.has(k)) continue;
        excluded.set(k, { judgeId: pair.judgeId, projectId, reason: 'same_org' });
        details.push({
          judgeId: pair.judgeId,
          judgeName: judgeName.get(pair.judgeId) ?? '',
          projectId,
          reason: 'same_org',
          conflictId: null,
          note: null,
        });
      }
    }
    for (const c of await repos.contests.conflicts(contestId)) {
      if (!judgeIds.has(c.judgeId) || !projectIds.has(c.projectId)) continue;
      const k = key(c.judgeId, c.projectId);
      if (!excluded.has(k))
        excluded.set(k, { judgeId: c.judgeId, projectId: c.projectId, reason: 'declared_conflict' });
      details.push({
        judgeId: c.judgeId,
        judgeName: judgeName.get(c.judgeId) ?? '',
        projectId: c.projectId,
        reason: 'declared_conflict',
        conflictId: c.id,
        note: c.reason,
      });
    }
    return {
      judges,
      projects,
      exclusions: [...excluded.values()],
      details,
      eligible: (j, p) => judgeIds.has(j) && projectIds.has(p) && !excluded.has(key(j, p)),
      eligibleCount: (p) => judges.filter((j) => !excluded.has(key(j.id, p))).length,
    };
  }

  private counts(panel: Panel, sheets: SheetRow[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of sheets) {
      if (panel.eligible(s.judgeId, s.projectId)) out.set(s.projectId, (out.get(s.projectId) ?? 0) + 1);
    }
    return out;
  }

  private async view(repos: Repos, ctx: RequestContext, l: Loaded): Promise<ContestView> {
    const { k, standing } = l;
    const panel = await this.panel(repos, k.id);
    const sheets = await repos.contests.sheets(k.id);
    const counts = this.counts(panel, sheets);
    const me = ctx.actor.userId;
    const mine = new Set(sheets.filter((s) => s.judgeId === me).map((s) => s.projectId));
    const projects: ContestProjectView[] = panel.projects.map((p) => ({
      projectId: p.projectId,
      title: p.title,
      code: p.code,
      orgId: p.orgId,
      orgName: p.orgName,
      position: p.position,
      phase: p.phase as PresentationPhase,
      startedAt: p.startedAt,
      endsAt: p.endsAt,
      closedAt: p.closedAt,
      eligibleJudges: panel.eligibleCount(p.projectId),
      submitted: counts.get(p.projectId) ?? 0,
      mine: standing.judge ? { eligible: panel.eligible(me, p.projectId), submitted: mine.has(p.projectId) } : null,
    }));
    return {
      id: k.id,
      campaignId: k.campaignId,
      campaignName: k.campaignName,
      campaignOrgId: k.campaignOrgId,
      name: k.name,
      contestDate: k.contestDate,
      venue: k.venue,
      minutesPerTalk: k.minutesPerTalk,
      rubric: l.rubric,
      config: l.config,
      status: k.status as ContestStatus,
      drawSeed: k.drawSeed,
      drawAlgorithm: k.drawAlgorithm,
      drawnAt: k.drawnAt,
      currentProjectId: k.currentProjectId,
      startedAt: k.startedAt,
      finishedAt: k.finishedAt,
      publishedAt: k.publishedAt,
      judges: panel.judges,
      projects,
      exclusions: standing.manager ? panel.details : panel.details.filter((d) => d.judgeId === me),
      version: k.version,
      createdAt: k.createdAt,
      abilities: contestAbilities(standing, k.status as ContestStatus),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<ContestView> {
    const repos = this.store.repos;
    return this.view(repos, ctx, await this.load(repos, ctx, id));
  }

  async list(
    ctx: RequestContext,
    q: { campaignId?: string; status?: ContestStatus; limit: number; cursor?: string },
  ): Promise<Page<ContestListItem>> {
    const { rows, nextCursor } = await this.store.repos.contests.list(contestReadScope(ctx.actor), q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        name: r.name,
        contestDate: r.contestDate,
        venue: r.venue,
        status: r.status as ContestStatus,
        projectCount: r.projectCount,
        judgeCount: r.judgeCount,
      })),
      nextCursor,
    };
  }

  // ——— set-up ———

  /** Projects (approved or completed, of the campaign) and judges (users with the judge role). */
  private async people(
    repos: Repos,
    campaignId: string,
    body: Pick<ContestCreateBody, 'projectIds' | 'judgeIds'>,
  ): Promise<{ projectIds: string[]; judges: Map<string, string> }> {
    const projectIds = [...new Set(body.projectIds)];
    const judgeIds = [...new Set(body.judgeIds)];
    const eligible = await repos.contests.eligibleProjects(campaignId, projectIds);
    const judges = await repos.contests.judgeUsers(judgeIds);
    const fields: Record<string, string> = {};
    body.projectIds.forEach((p, i) => {
      if (!eligible.has(p)) fields[`projectIds.${i}`] = 'invalid';
    });
    body.judgeIds.forEach((u, i) => {
      if (!judges.has(u)) fields[`judgeIds.${i}`] = 'invalid';
    });
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    return { projectIds, judges };
  }

  private async rubricOf(
    repos: Repos,
    ctx: RequestContext,
    body: Pick<ContestCreateBody, 'rubric' | 'rubricTemplateId'>,
  ): Promise<Rubric> {
    if (body.rubric) return body.rubric;
    if (body.rubricTemplateId) {
      const readable = await repos.contests.templates(contestManageScope(ctx.actor));
      const t = readable.find((x) => x.id === body.rubricTemplateId);
      if (!t) throw new AppError('VALIDATION_FAILED', { rubricTemplateId: 'invalid' });
      return rubricSchema.parse(JSON.parse(t.rubric));
    }
    return DEFAULT_RUBRIC;
  }

  private snapshot(
    row: { name: string; contestDate: string; venue: string; minutesPerTalk: number; rubric: string; config: string },
    projects: string[],
    judges: string[],
  ) {
    return { ...row, projects: projects.join('、'), judges: judges.join('、') };
  }

  async create(ctx: RequestContext, body: ContestCreateBody): Promise<ContestView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const c = await repos.campaigns.get(contestManageScope(ctx.actor), body.campaignId);
      if (!c || !(await this.isManager(repos, ctx, c.orgId))) {
        throw new AppError('VALIDATION_FAILED', { campaignId: 'invalid' });
      }
      const { projectIds, judges } = await this.people(repos, c.id, body);
      const row = {
        name: body.name,
        contestDate: body.contestDate,
        venue: body.venue,
        minutesPerTalk: body.minutesPerTalk,
        rubric: JSON.stringify(await this.rubricOf(repos, ctx, body)),
        config: JSON.stringify(body.config),
      };
      await repos.contests.insert({ id, campaignId: c.id, createdBy: ctx.actor.userId, ...row });
      await repos.contests.setProjects(id, projectIds);
      await repos.contests.setJudges(id, [...judges.keys()]);
      const titles = (await repos.contests.projects(id)).map((p) => p.title);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'contest',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: c.orgId,
        changes: diffFields(null, this.snapshot(row, titles, [...judges.values()]), AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  /** Changes the set-up while the contest is a draft; a changed set of projects clears the draw. */
  async update(ctx: RequestContext, id: string, body: ContestUpdateBody): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const { k } = await this.loadManaged(repos, ctx, id);
      if (k.status !== 'draft') throw new AppError('INVALID_TRANSITION');
      if (k.version !== body.version) throw conflict();
      const { projectIds, judges } = await this.people(repos, k.campaignId, body);
      const beforeProjects = await repos.contests.projects(id);
      const beforeJudges = await repos.contests.judges(id);
      const sameProjects =
        beforeProjects.length === projectIds.length && beforeProjects.every((p) => projectIds.includes(p.projectId));
      const row = {
        name: body.name,
        contestDate: body.contestDate,
        venue: body.venue,
        minutesPerTalk: body.minutesPerTalk,
        rubric: JSON.stringify(
          body.rubric ?? (body.rubricTemplateId ? await this.rubricOf(repos, ctx, body) : JSON.parse(k.rubric)),
        ),
        config: JSON.stringify(body.config),
      };
      const patch = sameProjects ? row : { ...row, drawSeed: null, drawAlgorithm: null, drawnAt: null };
      if (!(await repos.contests.change(id, body.version, ['draft'], patch))) throw conflict();
      if (!sameProjects) await repos.contests.setProjects(id, projectIds);
      await repos.contests.setJudges(id, [...judges.keys()]);
      const titles = (await repos.contests.projects(id)).map((p) => p.title);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'contest',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: k.campaignOrgId,
        changes: diffFields(
          this.snapshot(
            k,
            beforeProjects.map((p) => p.title),
            beforeJudges.map((j) => j.name),
          ),
          this.snapshot(row, titles, [...judges.values()]),
          AUDITED,
        ),
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  // ——— the draw ———

  /**
   * Draws (or redraws) the presentation order: a fresh seed from 16 cryptographically random bytes,
   * the order from the engine's `drawOrder(projectIds, seed)`; the seed, algorithm and order are
   * recorded in the draw history. Only before the contest starts; a redraw needs a reason.
   */
  async draw(ctx: RequestContext, id: string, body: { version: number; reason: string | null }): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const { k } = await this.loadManaged(repos, ctx, id);
      if (!BEFORE_START.includes(k.status as ContestStatus)) throw new AppError('INVALID_TRANSITION');
      if (k.version !== body.version) throw conflict();
      if (k.drawSeed && !body.reason) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
      const projects = await repos.contests.projects(id);
      if (projects.length === 0) throw new AppError('INVALID_TRANSITION');
      const projectIds = projects.map((p) => p.projectId);
      const seed = seedFromBytes(randomBytes(16));
      const order = drawOrder(projectIds, seed);
      if (
        !(await repos.contests.change(id, body.version, BEFORE_START, {
          drawSeed: seed,
          drawAlgorithm: DRAW_ALGORITHM,
          drawnAt: nowIso(),
        }))
      ) {
        throw conflict();
      }
      for (const [i, pid] of order.entries()) await repos.contests.setPosition(id, pid, i + 1);
      await repos.contests.insertDraw({
        contestId: id,
        seed,
        algorithm: DRAW_ALGORITHM,
        projectIds,
        order,
        reason: body.reason,
        drawnBy: ctx.actor.userId,
        drawnByName: ctx.actor.displayName,
      });
      const title = new Map(projects.map((p) => [p.projectId, p.title]));
      const before = [...projects].filter((p) => p.position !== null).sort((a, b) => a.position! - b.position!);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'contest',
        entityId: id,
        entityLabel: k.name,
        scopeOrgId: k.campaignOrgId,
        changes: [
          { field: 'drawSeed', before: k.drawSeed, after: seed },
          {
            field: 'order',
            before: before.length ? before.map((p) => p.title).join('、') : null,
            after: order.map((p) => title.get(p)).join('、'),
          },
          ...(body.reason ? [{ field: 'redrawReason', before: null, after: body.reason }] : []),
        ],
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  /** The draw history, each draw re-run from its seed to show that it reproduces. */
  async draws(ctx: RequestContext, id: string): Promise<{ items: ContestDrawView[] }> {
    const repos = this.store.repos;
    await this.load(repos, ctx, id);
    const rows = await repos.contests.draws(id);
    return {
      items: rows.map((r) => ({
        id: r.id,
        seed: r.seed,
        algorithm: r.algorithm,
        order: r.drawOrder,
        reason: r.reason,
        drawnByName: r.drawnByName,
        drawnAt: r.drawnAt,
        reproduced:
          r.algorithm === DRAW_ALGORITHM &&
          JSON.stringify(drawOrder(r.projectIds, r.seed)) === JSON.stringify(r.drawOrder),
      })),
    };
  }

  // ——— conflicts of interest ———

  async addConflict(
    ctx: RequestContext,
    id: string,
    body: { judgeId: string; projectId: string; reason: string },
  ): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const { k } = await this.loadManaged(repos, ctx, id);
      if (k.status === 'finished' || k.status === 'published') throw new AppError('INVALID_TRANSITION');
      const judges = await repos.contests.judges(id);
      const projects = await repos.contests.projects(id);
      const judge = judges.find((j) => j.id === body.judgeId);
      const project = projects.find((p) => p.projectId === body.projectId);
      const fields: Record<string, string> = {};
      if (!judge) fields.judgeId = 'invalid';
      if (!project) fields.projectId = 'invalid';
      if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
      if ((await repos.contests.sheets(id, { judgeId: body.judgeId, projectId: body.projectId })).length) {
        throw new AppError('CONTEST_SHEET_LOCKED');
      }
      if (!(await repos.contests.insertConflict({ contestId: id, ...body, createdBy: ctx.actor.userId }))) {
        throw new AppError('VALIDATION_FAILED', { projectId: 'invalid' });
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'contest',
        entityId: id,
        entityLabel: `${k.name}｜${project!.title}`,
        scopeOrgId: k.campaignOrgId,
        changes: [{ field: 'conflict', before: null, after: `${judge!.name}：${body.reason}` }],
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  async removeConflict(ctx: RequestContext, id: string, conflictId: string, reason: string): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const { k } = await this.loadManaged(repos, ctx, id);
      if (k.status === 'finished' || k.status === 'published') throw new AppError('INVALID_TRANSITION');
      const c = (await repos.contests.conflicts(id)).find((x) => x.id === conflictId);
      if (!c) throw notFound();
      const judge = (await repos.contests.judges(id)).find((j) => j.id === c.judgeId);
      const project = (await repos.contests.projects(id)).find((p) => p.projectId === c.projectId);
      await repos.contests.deleteConflict(id, conflictId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'contest',
        entityId: id,
        entityLabel: `${k.name}｜${project?.title ?? c.projectId}`,
        scopeOrgId: k.campaignOrgId,
        changes: [
          { field: 'conflict', before: `${judge?.name ?? c.judgeId}：${c.reason}`, after: null },
          { field: 'removeReason', before: null, after: reason },
        ],
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  // ——— the host console (state machine) ———

  /**
   * One host action: the contest must be in one of `from` (409 INVALID_TRANSITION) and at the given
   * version (409 VERSION_CONFLICT); `act` runs in the same transaction after the contest row is
   * changed (and so held), and returns the audit changes.
   */
  private async act(
    ctx: RequestContext,
    id: string,
    version: number,
    from: readonly ContestStatus[],
    patch: (l: Loaded, repos: Repos) => Promise<Parameters<Repos['contests']['change']>[3]>,
    after: (l: Loaded, repos: Repos) => Promise<{ field: string; before: unknown; after: unknown }[]>,
  ): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const l = await this.loadManaged(repos, ctx, id);
      if (!from.includes(l.k.status as ContestStatus)) throw new AppError('INVALID_TRANSITION');
      if (l.k.version !== version) throw conflict();
      const p = await patch(l, repos);
      if (!(await repos.contests.change(id, version, from, p))) throw conflict();
      const changes = await after(l, repos);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'contest',
        entityId: id,
        entityLabel: l.k.name,
        scopeOrgId: l.k.campaignOrgId,
        changes: changes.map((c) => ({
          field: c.field,
          before: (c.before ?? null) as string | null,
          after: (c.after ?? null) as string | null,
        })),
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  /** draft → ready: the order is drawn, there are projects and judges; set-up is fixed from now on. */
  ready(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      version,
      ['draft'],
      async ({ k }, repos) => {
        const judges = await repos.contests.judges(id);
        const projects = await repos.contests.projects(id);
        if (!k.drawSeed || judges.length === 0 || projects.length === 0) throw new AppError('INVALID_TRANSITION');
        return { status: 'ready' };
      },
      async () => [{ field: 'status', before: 'draft', after: 'ready' }],
    );
  }

  /** ready → running. */
  start(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      version,
      ['ready'],
      async () => ({ status: 'running', startedAt: nowIso() }),
      async () => [{ field: 'status', before: 'ready', after: 'running' }],
    );
  }

  /**
   * The next presenter in drawn order starts (start time and countdown end recorded); the current
   * one's scoring must be closed first. With nobody left, the contest finishes (running → finished).
   */
  next(ctx: RequestContext, id: string, version: number) {
    let nextId: string | null = null;
    let startedAt = '';
    return this.act(
      ctx,
      id,
      version,
      ['running'],
      async (_l, repos) => {
        const projects = await repos.contests.projects(id);
        if (projects.some((p) => p.phase === 'presenting')) throw new AppError('INVALID_TRANSITION');
        const next = projects.find((p) => p.phase === 'waiting');
        if (!next) return { status: 'finished', finishedAt: nowIso(), currentProjectId: null };
        nextId = next.projectId;
        startedAt = nowIso();
        return { currentProjectId: next.projectId };
      },
      async ({ k }, repos) => {
        if (!nextId) return [{ field: 'status', before: 'running', after: 'finished' }];
        const endsAt = new Date(Date.parse(startedAt) + k.minutesPerTalk * 60_000).toISOString();
        if (!(await repos.contests.setPhase(id, nextId, 'waiting', 'presenting', { startedAt, endsAt }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        const title = (await repos.contests.projects(id)).find((p) => p.projectId === nextId)?.title;
        return [{ field: 'presenting', before: null, after: title }];
      },
    );
  }

  /** Closes scoring for the project on stage (presenting → closed). */
  close(ctx: RequestContext, id: string, projectId: string, version: number) {
    return this.act(
      ctx,
      id,
      version,
      ['running'],
      async () => ({}),
      async (_l, repos) => {
        const p = (await repos.contests.projects(id)).find((x) => x.projectId === projectId);
        if (!p) throw notFound();
        if (!(await repos.contests.setPhase(id, projectId, 'presenting', 'closed', { closedAt: nowIso() }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        return [{ field: `phase.${p.title}`, before: 'presenting', after: 'closed' }];
      },
    );
  }

  /**
   * Reopens scoring for a closed project, with a reason (judges who have not submitted may then
   * submit; submitted sheets stay locked). A finished contest goes back to running.
   */
  reopen(ctx: RequestContext, id: string, projectId: string, version: number, reason: string) {
    return this.act(
      ctx,
      id,
      version,
      ['running', 'finished'],
      async ({ k }) => (k.status === 'finished' ? { status: 'running', finishedAt: null } : {}),
      async ({ k }, repos) => {
        const p = (await repos.contests.projects(id)).find((x) => x.projectId === projectId);
        if (!p) throw notFound();
        if (!(await repos.contests.setPhase(id, projectId, 'closed', 'presenting', { closedAt: null }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        return [
          { field: `phase.${p.title}`, before: 'closed', after: 'presenting' },
          { field: 'reopenReason', before: null, after: reason },
          ...(k.status === 'finished' ? [{ field: 'status', before: 'finished', after: 'running' }] : []),
        ];
      },
    );
  }

  /** finished → published: results become visible to the judges. */
  publish(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      version,
      ['finished'],
      async () => ({ status: 'published', publishedAt: nowIso() }),
      async () => [{ field: 'status', before: 'finished', after: 'published' }],
    );
  }

  // ——— judges' sheets ———

  /** The caller's panel seat for the project: 404 unless they judge the contest and are eligible for it. */
  private async seat(repos: Repos, ctx: RequestContext, id: string, projectId: string) {
    const l = await this.load(repos, ctx, id);
    if (!l.standing.judge) throw notFound();
    const panel = await this.panel(repos, id);
    const project = panel.projects.find((p) => p.projectId === projectId);
    if (!project || !panel.eligible(ctx.actor.userId, projectId)) throw notFound();
    return { ...l, project };
  }

  async sheet(ctx: RequestContext, id: string, projectId: string): Promise<ContestSheetView> {
    const repos = this.store.repos;
    const { rubric, project } = await this.seat(repos, ctx, id, projectId);
    const mine = (await repos.contests.sheets(id, { judgeId: ctx.actor.userId, projectId }))[0];
    return {
      contestId: id,
      projectId,
      judgeId: ctx.actor.userId,
      phase: project.phase as PresentationPhase,
      rubric,
      scores: mine?.scores ?? null,
      total: mine?.total ?? null,
      submittedAt: mine?.submittedAt ?? null,
    };
  }

  /** Submits the caller's sheet once (then locked); only while scoring for the project is open. */
  async submit(ctx: RequestContext, id: string, projectId: string, body: { scores: Record<string, unknown> }) {
    await this.store.tx(async (repos) => {
      const { k, rubric, project } = await this.seat(repos, ctx, id, projectId);
      if ((await repos.contests.sheets(id, { judgeId: ctx.actor.userId, projectId })).length) {
        throw new AppError('CONTEST_SHEET_LOCKED');
      }
      if (k.status !== 'running' || project.phase !== 'presenting') throw new AppError('CONTEST_SCORING_CLOSED');
      const { scores } = parseInput(scoreSheetSchema(rubric), body);
      // Holds the presentation row: a concurrent close waits for this submission (PostgreSQL).
      if (!(await repos.contests.setPhase(id, projectId, 'presenting', 'presenting'))) {
        throw new AppError('CONTEST_SCORING_CLOSED');
      }
      const total = sheetTotal(rubric, scores);
      if (!(await repos.contests.insertSheet({ contestId: id, projectId, judgeId: ctx.actor.userId, scores, total }))) {
        throw new AppError('CONTEST_SHEET_LOCKED');
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'contest',
        entityId: id,
        entityLabel: `${k.name}｜${project.title}`,
        scopeOrgId: k.campaignOrgId,
        changes: [
          ...rubric.criteria.map((c) => ({ field: `score.${c.code}`, before: null, after: scores[c.code]! })),
          { field: 'total', before: null, after: total },
        ],
      });
    });
    this.events.changed(id);
    return this.sheet(ctx, id, projectId);
  }

  // ——— results ———

  private async compute(
    repos: Repos,
    l: Loaded,
    panel: Panel,
    only?: (p: ContestProjectRow) => boolean,
  ): Promise<AggregateResult> {
    const projects = only ? panel.projects.filter(only) : panel.projects;
    const ids = new Set(projects.map((p) => p.projectId));
    const ratings = l.config.dailyWork.enabled
      ? await repos.contests.ratings([...ids], Number(l.k.contestDate.slice(0, 4)))
      : new Map<string, string[]>();
    const sheets = (await repos.contests.sheets(l.k.id)).filter(
      (s) => ids.has(s.projectId) && panel.eligible(s.judgeId, s.projectId),
    );
    return aggregate(
      {
        rubric: l.rubric,
        judgeIds: panel.judges.map((j) => j.id),
        projects: projects.map((p) => ({
          id: p.projectId,
          order: p.position,
          ratings: (ratings.get(p.projectId) ?? []) as ProjectRating[],
        })),
        sheets: sheets.map((s) => ({ judgeId: s.judgeId, projectId: s.projectId, scores: s.scores })),
        exclusions: panel.exclusions.filter((x) => ids.has(x.projectId)),
      },
      l.config,
    );
  }

  /**
   * Results: the engine's scores, ranks and grades with the derivation; overrides shown marked.
   * Staff of the campaign any time; judges once published (judges anonymised, no criterion scores).
   */
  async results(ctx: RequestContext, id: string): Promise<ContestResultsView> {
    const repos = this.store.repos;
    const l = await this.load(repos, ctx, id);
    if (!l.standing.manager && l.k.status !== 'published') throw new AppError('CONTEST_RESULTS_UNPUBLISHED');
    const panel = await this.panel(repos, id);
    let derivation = await this.compute(repos, l, panel);
    const byId = new Map(panel.projects.map((p) => [p.projectId, p]));
    const rows = derivation.projects.map((r) => {
      const p = byId.get(r.projectId)!;
      const computedScore = r.finalScore === null ? null : round2(r.finalScore);
      const override =
        p.overrideReason !== null
          ? {
              score: p.overrideScore,
              grade: p.overrideGrade as ContestGrade | null,
              reason: p.overrideReason,
              byName: p.overriddenByName,
              at: p.overriddenAt!,
            }
          : null;
      return {
        projectId: r.projectId,
        title: p.title,
        orgName: p.orgName,
        position: p.position,
        stageScore: r.stageScore === null ? null : round2(r.stageScore),
        computedScore,
        computedGrade: r.grade,
        rank: r.rank,
        finalScore: override?.score ?? computedScore,
        grade: override?.grade ?? r.grade,
        override,
      };
    });
    let judges = panel.judges;
    if (!l.standing.manager) {
      // Published results show how each score was reached, not which judge gave what.
      let json = JSON.stringify(derivation);
      judges = panel.judges.map((j, i) => {
        json = json.split(j.id).join(`judge-${i + 1}`);
        return { id: `judge-${i + 1}`, name: `评委${i + 1}` };
      });
      derivation = JSON.parse(json) as AggregateResult;
      for (const p of derivation.projects) for (const r of p.rows) r.scores = {};
    }
    return {
      contestId: id,
      status: l.k.status as ContestStatus,
      rubric: l.rubric,
      config: l.config,
      legend: legend(l.config, ctx.locale, l.rubric),
      rows,
      derivation,
      judges,
    };
  }

  /** Every judge's sheet (staff of the campaign only). */
  async sheets(ctx: RequestContext, id: string): Promise<{ items: ContestSheetRow[] }> {
    const repos = this.store.repos;
    await this.loadManaged(repos, ctx, id);
    const title = new Map((await repos.contests.projects(id)).map((p) => [p.projectId, p.title]));
    const rows = await repos.contests.sheets(id);
    return {
      items: rows.map((s) => ({
        judgeId: s.judgeId,
        judgeName: s.judgeName,
        projectId: s.projectId,
        projectTitle: title.get(s.projectId) ?? '',
        scores: s.scores,
        total: s.total,
        submittedAt: s.submittedAt,
      })),
    };
  }

  /** Overrides (or clears, with both null) a project's final score and/or grade, with a reason. */
  async override(ctx: RequestContext, id: string, projectId: string, body: OverrideBody): Promise<ContestResultsView> {
    await this.store.tx(async (repos) => {
      const { k } = await this.loadManaged(repos, ctx, id);
      if (k.status !== 'finished' && k.status !== 'published') throw new AppError('INVALID_TRANSITION');
      const p = (await repos.contests.projects(id)).find((x) => x.projectId === projectId);
      if (!p) throw notFound();
      await repos.contests.setOverride(id, projectId, {
        score: body.score,
        grade: body.grade,
        reason: body.reason,
        by: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'contest',
        entityId: id,
        entityLabel: `${k.name}｜${p.title}`,
        scopeOrgId: k.campaignOrgId,
        changes: [
          { field: 'overrideScore', before: p.overrideScore, after: body.score },
          { field: 'overrideGrade', before: p.overrideGrade, after: body.grade },
          { field: 'overrideReason', before: p.overrideReason, after: body.reason },
        ],
      });
    });
    this.events.changed(id);
    return this.results(ctx, id);
  }

  // ——— the board ———

  /**
   * The public state for the big screen: the presenter and countdown, how many eligible judges
   * submitted, and the scores of projects whose scoring is closed (hidden from judges until the
   * results are published; ranks and grades only once published).
   */
  async board(ctx: RequestContext, id: string): Promise<ContestBoard> {
    const repos = this.store.repos;
    const l = await this.load(repos, ctx, id);
    const panel = await this.panel(repos, id);
    const counts = this.counts(panel, await repos.contests.sheets(id));
    const published = l.k.status === 'published';
    const showScores = l.standing.manager || published;
    const scores = new Map<string, { score: number | null; rank: number | null; grade: ContestGrade | null }>();
    if (published) {
      for (const r of (await this.results(ctx, id)).rows) {
        scores.set(r.projectId, { score: r.finalScore, rank: r.rank, grade: r.grade });
      }
    } else if (showScores && panel.projects.some((p) => p.phase === 'closed')) {
      const partial = await this.compute(repos, l, panel, (p) => p.phase === 'closed');
      for (const r of partial.projects) {
        scores.set(r.projectId, {
          score: r.finalScore === null ? null : round2(r.finalScore),
          rank: null,
          grade: null,
        });
      }
    }
    const cur = panel.projects.find((p) => p.projectId === l.k.currentProjectId);
    return {
      contestId: id,
      name: l.k.name,
      status: l.k.status as ContestStatus,
      version: l.k.version,
      serverTime: now().toISOString(),
      minutesPerTalk: l.k.minutesPerTalk,
      current: cur
        ? {
            projectId: cur.projectId,
            title: cur.title,
            orgName: cur.orgName,
            position: cur.position,
            phase: cur.phase as PresentationPhase,
            startedAt: cur.startedAt,
            endsAt: cur.endsAt,
            eligibleJudges: panel.eligibleCount(cur.projectId),
            submitted: counts.get(cur.projectId) ?? 0,
          }
        : null,
      projects: panel.projects.map((p) => ({
        projectId: p.projectId,
        title: p.title,
        orgName: p.orgName,
        position: p.position,
        phase: p.phase as PresentationPhase,
        eligibleJudges: panel.eligibleCount(p.projectId),
        submitted: counts.get(p.projectId) ?? 0,
        score: showScores ? (scores.get(p.projectId)?.score ?? null) : null,
        rank: scores.get(p.projectId)?.rank ?? null,
        grade: scores.get(p.projectId)?.grade ?? null,
      })),
    };
  }

  // ——— rubric templates ———

  private templateView(
    t: { id: string; orgId: string; orgName: string; name: string; rubric: string; version: number; updatedAt: string },
    writable: boolean,
  ): RubricTemplateView {
    return {
      id: t.id,
      orgId: t.orgId,
      orgName: t.orgName,
      name: t.name,
      rubric: rubricSchema.parse(JSON.parse(t.rubric)),
      version: t.version,
      updatedAt: t.updatedAt,
      abilities: writable ? ['update', 'delete'] : [],
    };
  }

  private async writableTemplate(repos: Repos, ctx: RequestContext, id: string) {
    const t = await repos.contests.template(id);
    const scope = contestManageScope(ctx.actor);
    if (!t || !(scope.all || (scope.orgIds.length > 0 && (await repos.partyOrgs.inScope(scope, t.orgId))))) {
      throw notFound();
    }
    return t;
  }

  /** Templates of the caller's 社工部 nodes and their subtrees, and of the nodes above (reusable). */
  async templates(ctx: RequestContext): Promise<{ items: RubricTemplateView[] }> {
    const repos = this.store.repos;
    const scope = contestManageScope(ctx.actor);
    const rows = await repos.contests.templates(scope);
    const items: RubricTemplateView[] = [];
    for (const t of rows) {
      const writable = scope.all || (await repos.partyOrgs.inScope(scope, t.orgId));
      items.push(this.templateView(t, writable));
    }
    return { items };
  }

  async createTemplate(ctx: RequestContext, body: RubricTemplateBody): Promise<RubricTemplateView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const scope = contestManageScope(ctx.actor);
      const org = await repos.partyOrgs.get(scope, body.orgId);
      if (!org || org.type !== 'sw_dept') throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
      const rubric = JSON.stringify(body.rubric);
      await repos.contests.insertTemplate({
        id,
        orgId: body.orgId,
        name: body.name,
        rubric,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.orgId,
        changes: diffFields(null, { name: body.name, rubric }, ['name', 'rubric']),
      });
    });
    const t = await this.store.repos.contests.template(id);
    return this.templateView(t!, true);
  }

  async updateTemplate(ctx: RequestContext, id: string, body: RubricTemplateUpdateBody): Promise<RubricTemplateView> {
    await this.store.tx(async (repos) => {
      const t = await this.writableTemplate(repos, ctx, id);
      const row = { name: body.name, rubric: JSON.stringify(body.rubric) };
      if (!(await repos.contests.updateTemplate(id, body.version, row))) throw conflict();
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: t.orgId,
        changes: diffFields(t, row, ['name', 'rubric']),
      });
    });
    const t = await this.store.repos.contests.template(id);
    return this.templateView(t!, true);
  }

  async deleteTemplate(ctx: RequestContext, id: string): Promise<void> {
    await this.store.tx(async (repos) => {
      const t = await this.writableTemplate(repos, ctx, id);
      await repos.contests.deleteTemplate(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: t.name,
        scopeOrgId: t.orgId,
        changes: diffFields({ name: t.name, rubric: t.rubric }, null, ['name', 'rubric']),
      });
    });
  }
}
