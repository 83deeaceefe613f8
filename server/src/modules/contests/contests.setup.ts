import { randomBytes } from 'node:crypto';
import {
  DEFAULT_RUBRIC,
  DRAW_ALGORITHM,
  drawOrder,
  rubricSchema,
  seedFromBytes,
  type ContestCreateBody,
  type ContestDrawView,
  type ContestListItem,
  type ContestStatus,
  type ContestUpdateBody,
  type ContestView,
  type Page,
  type Rubric,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import { ContestPart, isManager, load, loadFor, type ContestsRepos } from './contests.context';
import { BEFORE_START, contestManageScope, contestReadScope } from './contests.policy';

const AUDITED = ['name', 'contestDate', 'venue', 'minutesPerTalk', 'rubric', 'config', 'projects', 'judges'] as const;

/**
 * Setting a contest up: staff of the campaign choose the projects, judges, rubric and aggregation
 * rules (editable while the contest is a draft), declare conflicts of interest, and draw the
 * presentation order with a recorded seed.
 */
export class ContestSetup extends ContestPart {
  async list(
    ctx: RequestContext,
    q: { campaignId?: string; status?: ContestStatus; limit: number; cursor?: string },
  ): Promise<Page<ContestListItem>> {
    const { items: rows, nextCursor } = await this.store.repos.contests.list(contestReadScope(ctx.actor), q);
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
    repos: ContestsRepos,
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
    repos: ContestsRepos,
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
      if (!c || !(await isManager(repos, ctx, c.orgId))) {
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
      const { k } = await loadFor(repos, ctx, id, 'update');
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
      await repos.contests.change(id, body.version, ['draft'], patch);
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
      const { k } = await loadFor(repos, ctx, id, 'draw');
      if (k.version !== body.version) throw conflict();
      if (k.drawSeed && !body.reason) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
      const projects = await repos.contests.projects(id);
      if (projects.length === 0) throw new AppError('INVALID_TRANSITION');
      const projectIds = projects.map((p) => p.projectId);
      const seed = seedFromBytes(randomBytes(16));
      const order = drawOrder(projectIds, seed);
      await repos.contests.change(id, body.version, BEFORE_START, {
        drawSeed: seed,
        drawAlgorithm: DRAW_ALGORITHM,
        drawnAt: nowIso(),
      });
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
    await load(repos, ctx, id);
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
      const { k } = await loadFor(repos, ctx, id, 'conflicts');
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
      const { k } = await loadFor(repos, ctx, id, 'conflicts');
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
}
