import {
  scoreSheetSchema,
  sheetTotal,
  type ContestSheetView,
  type PresentationPhase,
  type Rubric,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { nowIso } from '../../core/time';
import { parseInput } from '../../core/validation';
import { ContestPart, factsOf, load, seatOf, type ContestsRepos } from './contests.context';
import { contestPolicy } from './contests.policy';
import { Gate } from './contests.gate';
import type { ContestProjectRow } from './contests.repository';

/**
 * Submission transactions at once on PostgreSQL, of the pool's 10 connections: the rest of a burst
 * waits at the gate, not in the pool's queue in front of every other query (see `Gate`) — the live
 * board keeps updating during a burst of 200 (measured: about one board per 200 ms, against one at
 * the end without the gate, at no measurable cost to the burst). SQLite has one connection and runs
 * each transaction synchronously, so it needs no gate.
 */
export const PG_SUBMIT_CONCURRENCY = 8;

/** Judges' sheets: one per eligible (judge, project), submitted while scoring is open, then locked. */
export class JudgeSheets extends ContestPart {
  private readonly gate = this.store.dialect === 'postgres' ? new Gate(PG_SUBMIT_CONCURRENCY) : null;

  /**
   * The caller's panel seat for the project: 404 unless they judge the contest and are eligible for
   * it (a seat is the judge's own record: whoever holds none, the administrator included, finds none).
   * Reads the contest, the caller's place on the panel and this one project's exclusions — not the
   * whole panel (a submission of 200 judges at once would read it 200 times). `share`: hold the
   * presentation row until the transaction ends (PostgreSQL).
   */
  private async seat(repos: ContestsRepos, ctx: RequestContext, id: string, projectId: string, share = false) {
    const l = await load(repos, ctx, id);
    if (!l.standing.judge) throw notFound();
    const project = await seatOf(repos, id, ctx.actor.userId, projectId, { share });
    if (!project) throw notFound();
    return { ...l, project };
  }

  private view(
    ctx: RequestContext,
    id: string,
    rubric: Rubric,
    project: ContestProjectRow,
    mine: { scores: Record<string, number>; total: number; submittedAt: string } | undefined,
  ): ContestSheetView {
    return {
      contestId: id,
      projectId: project.projectId,
      judgeId: ctx.actor.userId,
      phase: project.phase as PresentationPhase,
      rubric,
      scores: mine?.scores ?? null,
      total: mine?.total ?? null,
      submittedAt: mine?.submittedAt ?? null,
    };
  }

  async sheet(ctx: RequestContext, id: string, projectId: string): Promise<ContestSheetView> {
    const repos = this.store.repos;
    const { rubric, project } = await this.seat(repos, ctx, id, projectId);
    const mine = (await repos.contests.sheets(id, { judgeId: ctx.actor.userId, projectId }))[0];
    return this.view(ctx, id, rubric, project, mine);
  }

  /**
   * Submits the caller's sheet once (then locked); only while scoring for the project is open. A
   * sheet already in is 409 CONTEST_SHEET_LOCKED before anything else is checked (closed scoring,
   * invalid points). The presentation row is read `FOR SHARE` on PostgreSQL: a concurrent close waits
   * for this submission, and submissions do not wait for one another (SQLite runs one write
   * transaction at a time). The reply is built from what the transaction read and wrote, not read
   * again.
   */
  async submit(
    ctx: RequestContext,
    id: string,
    projectId: string,
    body: { scores: Record<string, unknown> },
  ): Promise<ContestSheetView> {
    const judgeId = ctx.actor.userId;
    const tx = () =>
      this.store.tx(async (repos) => {
        const seat = await this.seat(repos, ctx, id, projectId, this.store.dialect === 'postgres');
        const { k, rubric, project } = seat;
        const locked = async () =>
          (await repos.contests.sheets(id, { judgeId, projectId })).length > 0
            ? new AppError('CONTEST_SHEET_LOCKED')
            : null;
        // contestPolicy's `score` (a judge of the panel, while the contest runs), and the project on stage.
        if (!contestPolicy.can(ctx.actor, 'score', factsOf(seat)) || project.phase !== 'presenting') {
          throw (await locked()) ?? new AppError('CONTEST_SCORING_CLOSED');
        }
        let scores: Record<string, number>;
        try {
          scores = parseInput(scoreSheetSchema(rubric), body).scores;
        } catch (err) {
          throw (await locked()) ?? err;
        }
        const total = sheetTotal(rubric, scores);
        const sheet = { contestId: id, projectId, judgeId, scores, total, submittedAt: nowIso() };
        // Stored once: a sheet already in (or going in concurrently) leaves this one out.
        if (!(await repos.contests.insertSheet(sheet))) throw new AppError('CONTEST_SHEET_LOCKED');
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
        return this.view(ctx, id, rubric, project, sheet);
      });
    const reply = await (this.gate ? this.gate.run(tx) : tx());
    this.events.changed(id);
    return reply;
  }
}
