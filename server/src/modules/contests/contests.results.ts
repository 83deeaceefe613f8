import {
  aggregate,
  legend,
  round2,
  type AggregateResult,
  type ContestBoard,
  type ContestGrade,
  type ContestResultsView,
  type ContestSheetRow,
  type ContestStatus,
  type OverrideBody,
  type PresentationPhase,
  type ProjectRating,
  beijingDate,
  type Locale,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { now } from '../../core/clock';
import { nowIso } from '../../core/time';
import { notFound } from '../../core/errors';
import {
  ContestPart,
  load,
  loadFor,
  loadUnscoped,
  panelOf,
  submittedCounts,
  type ContestData,
  type Loaded,
  type Panel,
  type ContestsRepos,
} from './contests.context';
import type { ContestProjectRow, SheetRow } from './contests.repository';

/** Which ratings daily work used: as they stand, or as frozen on the day the results were published. */
function dailyWorkNote(l: ContestData, locale: Locale): string[] {
  if (!l.config.dailyWork.enabled) return [];
  const year = l.k.campaignYear;
  if (!l.dailyWork) {
    return [
      locale === 'zh-CN'
        ? `日常工作取${year}年度各季度报告的现有评价；结果发布时固定，此后的评价或改评不影响已发布结果。`
        : `Daily work takes the ratings of the ${year} quarterly reports as they stand; they are fixed when the results are published, and later ratings do not change published results.`,
    ];
  }
  const day = beijingDate(l.dailyWork.asOf);
  return [
    locale === 'zh-CN'
      ? `日常工作取${year}年度各季度报告截至结果发布日（${day}）的评价；此后的评价或改评不影响本结果。`
      : `Daily work takes the ratings of the ${year} quarterly reports as of publication (${day}); later ratings do not change these results.`,
  ];
}

/** The results table: the engine's scores, ranks and grades per project, overrides applied and shown. */
function resultRows(panel: Panel, derivation: AggregateResult): ContestResultsView['rows'] {
  const byId = new Map(panel.projects.map((p) => [p.projectId, p]));
  return derivation.projects.map((r) => {
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
}

/**
 * What one viewer of the board sees, cut from the board as staff see it (`ContestResults.fullBoard`):
 * staff of the campaign (`manager`) see it all; anyone else sees no score until the results are
 * published (ranks and grades only exist once published). The one visibility rule of the board,
 * for GET …/board and the live stream alike.
 */
export function boardView(full: ContestBoard, manager: boolean): ContestBoard {
  if (manager || full.status === 'published') return full;
  return { ...full, projects: full.projects.map((p) => ({ ...p, score: null, rank: null, grade: null })) };
}

/**
 * Scores, ranks and grades from the engine (`@touyan/schemas` contest) with their derivation, the
 * overrides, every judge's sheet for staff, and the board the big screen shows.
 */
export class ContestResults extends ContestPart {
  /**
   * The engine over the panel's sheets (optionally only some projects). Daily work takes the ratings
   * of the campaign's year (a 2025 contest may be held in January 2026, after the Q4 reports): as
   * they stand now until publication, then as frozen at publication. `sheets`: the contest's
   * sheets when already read.
   */
  private async compute(
    repos: ContestsRepos,
    l: ContestData,
    panel: Panel,
    only?: (p: ContestProjectRow) => boolean,
    sheets?: SheetRow[],
  ): Promise<AggregateResult> {
    const projects = only ? panel.projects.filter(only) : panel.projects;
    const ids = new Set(projects.map((p) => p.projectId));
    const ratings = !l.config.dailyWork.enabled
      ? new Map<string, string[]>()
      : l.dailyWork
        ? new Map(Object.entries(l.dailyWork.ratings))
        : await repos.contests.ratings([...ids], l.k.campaignYear, nowIso());
    const counted = (sheets ?? (await repos.contests.sheets(l.k.id))).filter(
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
        sheets: counted.map((s) => ({ judgeId: s.judgeId, projectId: s.projectId, scores: s.scores })),
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
    return this.resultsOf(repos, ctx, await loadFor(repos, ctx, id, 'results'));
  }

  private async resultsOf(repos: ContestsRepos, ctx: RequestContext, l: Loaded): Promise<ContestResultsView> {
    const id = l.k.id;
    const panel = await panelOf(repos, id);
    let derivation = await this.compute(repos, l, panel);
    const rows = resultRows(panel, derivation);
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
      legend: [...legend(l.config, ctx.locale, l.rubric), ...dailyWorkNote(l, ctx.locale)],
      rows,
      derivation,
      judges,
    };
  }

  /** Every judge's sheet (staff of the campaign only). */
  async sheets(ctx: RequestContext, id: string): Promise<{ items: ContestSheetRow[] }> {
    const repos = this.store.repos;
    await loadFor(repos, ctx, id, 'sheets');
    return { items: await this.sheetRows(repos, id) };
  }

  /** What the Excel export holds (staff of the campaign only): the contest's name, results and every sheet. */
  async exportData(
    ctx: RequestContext,
    id: string,
  ): Promise<{ name: string; results: ContestResultsView; sheets: ContestSheetRow[] }> {
    const repos = this.store.repos;
    const l = await loadFor(repos, ctx, id, 'export');
    return { name: l.k.name, results: await this.resultsOf(repos, ctx, l), sheets: await this.sheetRows(repos, id) };
  }

  private async sheetRows(repos: ContestsRepos, id: string): Promise<ContestSheetRow[]> {
    const title = new Map((await repos.contests.projects(id)).map((p) => [p.projectId, p.title]));
    const rows = await repos.contests.sheets(id);
    return rows.map((s) => ({
      judgeId: s.judgeId,
      judgeName: s.judgeName,
      projectId: s.projectId,
      projectTitle: title.get(s.projectId) ?? '',
      scores: s.scores,
      total: s.total,
      submittedAt: s.submittedAt,
    }));
  }

  /** Overrides (or clears, with both null) a project's final score and/or grade, with a reason. */
  async override(ctx: RequestContext, id: string, projectId: string, body: OverrideBody): Promise<ContestResultsView> {
    await this.store.tx(async (repos) => {
      const { k } = await loadFor(repos, ctx, id, 'override');
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
   * results are published; ranks and grades only once published) — as this caller may see it.
   */
  async board(ctx: RequestContext, id: string): Promise<ContestBoard> {
    return (await this.viewerBoard(ctx, id)).board;
  }

  /** The board as this caller may see it, and whether they see it as staff of the campaign. */
  async viewerBoard(ctx: RequestContext, id: string): Promise<{ board: ContestBoard; manager: boolean }> {
    const repos = this.store.repos;
    const l = await load(repos, ctx, id);
    return { board: boardView(await this.fullBoard(repos, l), l.standing.manager), manager: l.standing.manager };
  }

  /** Whether the caller still reaches the contest (404 / throws otherwise), and as staff of its campaign. */
  async boardAccess(ctx: RequestContext, id: string): Promise<{ manager: boolean }> {
    return { manager: (await load(this.store.repos, ctx, id)).standing.manager };
  }

  /**
   * The board as staff see it, computed once for every viewer of the live stream (each gets
   * `boardView` of it); undefined when the contest is gone. Nobody's access is checked here.
   */
  async liveBoard(id: string): Promise<ContestBoard | undefined> {
    const repos = this.store.repos;
    const c = await loadUnscoped(repos, id);
    return c && this.fullBoard(repos, c);
  }

  /** The board with every score staff may see: closed projects' scores, and once published all results. */
  private async fullBoard(repos: ContestsRepos, l: ContestData): Promise<ContestBoard> {
    const id = l.k.id;
    const panel = await panelOf(repos, id);
    const sheets = await repos.contests.sheets(id);
    const counts = submittedCounts(panel, sheets);
    const published = l.k.status === 'published';
    const scores = new Map<string, { score: number | null; rank: number | null; grade: ContestGrade | null }>();
    if (published) {
      for (const r of resultRows(panel, await this.compute(repos, l, panel, undefined, sheets))) {
        scores.set(r.projectId, { score: r.finalScore, rank: r.rank, grade: r.grade });
      }
    } else if (panel.projects.some((p) => p.phase === 'closed')) {
      const partial = await this.compute(repos, l, panel, (p) => p.phase === 'closed', sheets);
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
        score: scores.get(p.projectId)?.score ?? null,
        rank: scores.get(p.projectId)?.rank ?? null,
        grade: scores.get(p.projectId)?.grade ?? null,
      })),
    };
  }
}
