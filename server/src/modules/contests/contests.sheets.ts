import { scoreSheetSchema, sheetTotal, type ContestSheetView, type PresentationPhase } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Repos } from '../../store';
import { ContestPart, load, panelOf } from './contests.context';

/** Judges' sheets: one per eligible (judge, project), submitted while scoring is open, then locked. */
export class JudgeSheets extends ContestPart {
  /** The caller's panel seat for the project: 404 unless they judge the contest and are eligible for it. */
  private async seat(repos: Repos, ctx: RequestContext, id: string, projectId: string) {
    const l = await load(repos, ctx, id);
    if (!l.standing.judge) throw notFound();
    const panel = await panelOf(repos, id);
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
}
