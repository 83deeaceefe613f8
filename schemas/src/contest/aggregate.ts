import type { ProjectRating } from '../projects';
import {
  aggregationConfigSchema,
  type AggregationConfig,
  type AggregationConfigInput,
  type AggregationMethod,
  type ContestFlag,
  type ContestGrade,
  type ExclusionReason,
} from './config';
import { rankAndGrade, type GradingDerivation, type Rankable } from './ranking';
import { sheetTotal, type Rubric } from './rubric';
import { compareIds, mean } from './stats';
import { judgeStatistics, normaliseTotal, type JudgeStats, type NotNormalisedReason, type Panel } from './zscore';

/** One judge's locked sheet for one project. */
export interface ScoreSheet {
  judgeId: string;
  projectId: string;
  scores: Record<string, number>;
}

/** A judge who did not score a project; carried into the derivation so the page can say why. */
export interface Exclusion {
  judgeId: string;
  projectId: string;
  reason: ExclusionReason;
}

export interface ContestProjectInput {
  id: string;
  /** Presentation order from the draw (1 = first); breaks display order among tied projects. */
  order?: number | null;
  /** Ratings of the project's rated quarterly reports in the contest year; unrated reports left out. */
  ratings?: readonly ProjectRating[];
}

export interface AggregateInput {
  rubric: Rubric;
  judgeIds: readonly string[];
  projects: readonly ContestProjectInput[];
  /** Eligible sheets only: never a sheet of an excluded judge for that project. */
  sheets: readonly ScoreSheet[];
  exclusions?: readonly Exclusion[];
}

/** One judge's total for one project, and what happened to it on the way to the stage score. */
export interface JudgeTotalRow {
  judgeId: string;
  scores: Record<string, number>;
  /** Raw total: the sum of the criterion scores. */
  total: number;
  /** Z-score method: the judge's z for this total and the mapped value; null when not normalised. */
  z: number | null;
  normalised: number | null;
  clamped: boolean;
  /** Z-score method: why this judge kept raw totals. */
  notNormalised: NotNormalisedReason | null;
  /** The value that enters the project's mean: the normalised total, else the raw total. */
  value: number;
  /** Trimmed method: this value was dropped as the single highest or lowest. */
  dropped: 'high' | 'low' | null;
}

export interface DailyWorkDerivation {
  ratings: ProjectRating[];
  /** Points of each rating, same order. */
  points: number[];
  /** Mean of `points`; null when the project has no rated report. */
  meanPoints: number | null;
  /** The configured share, and the share actually applied (0 without ratings). */
  weight: number;
  appliedWeight: number;
}

export interface ProjectResult {
  projectId: string;
  order: number | null;
  /** Eligible judges' totals, by judge id. */
  rows: JudgeTotalRow[];
  excluded: Exclusion[];
  /** Trimmed method: true when the highest and lowest were dropped (enough judges). */
  trimmed: boolean;
  /** Mean of the `value`s of the rows not dropped; null without any eligible sheet. */
  stageScore: number | null;
  /** Null when daily work is off. */
  dailyWork: DailyWorkDerivation | null;
  /** (1 − appliedWeight) × stage + appliedWeight × daily-work points. */
  finalScore: number | null;
  flags: ContestFlag[];
  rank: number | null;
  grade: ContestGrade | null;
}

export interface AggregateResult {
  method: AggregationMethod;
  config: AggregationConfig;
  /** Ranked projects in rank order (ties by presentation order, then id), then unranked ones by id. */
  projects: ProjectResult[];
  judges: JudgeStats[];
  /** Z-score method: the scale normalised totals were mapped onto; null otherwise or if nobody qualified. */
  panel: Panel | null;
  flags: ContestFlag[];
  grading: GradingDerivation;
}

/** The input contradicts itself (unknown ids, duplicate or ineligible sheets, scores off the rubric). */
export class ContestInputError extends Error {
  override name = 'ContestInputError';
}

const pairKey = (judgeId: string, projectId: string) => `${judgeId}\u0000${projectId}`;

function checkInput(input: AggregateInput): void {
  const fail = (m: string) => {
    throw new ContestInputError(m);
  };
  const projectIds = new Set(input.projects.map((p) => p.id));
  const judgeIds = new Set(input.judgeIds);
  if (projectIds.size !== input.projects.length) fail('duplicate project id');
  if (judgeIds.size !== input.judgeIds.length) fail('duplicate judge id');
  const excluded = new Set<string>();
  for (const x of input.exclusions ?? []) {
    if (!projectIds.has(x.projectId) || !judgeIds.has(x.judgeId))
      fail(`exclusion of unknown ${x.judgeId}/${x.projectId}`);
    excluded.add(pairKey(x.judgeId, x.projectId));
  }
  const seen = new Set<string>();
  for (const s of input.sheets) {
    const key = pairKey(s.judgeId, s.projectId);
    if (!projectIds.has(s.projectId) || !judgeIds.has(s.judgeId)) fail(`sheet of unknown ${s.judgeId}/${s.projectId}`);
    if (seen.has(key)) fail(`two sheets of judge ${s.judgeId} for project ${s.projectId}`);
    if (excluded.has(key)) fail(`judge ${s.judgeId} is excluded from project ${s.projectId} but has a sheet`);
    seen.add(key);
  }
}

/** Marks the single lowest and single highest: totals ordered low → high, equal ones by judge id. */
function trim(rows: JudgeTotalRow[]): void {
  const ordered = [...rows].sort((a, b) => a.value - b.value || compareIds(a.judgeId, b.judgeId));
  ordered[0]!.dropped = 'low';
  ordered[ordered.length - 1]!.dropped = 'high';
}

/**
 * Computes every project's score, rank and grade, with the derivation of each number. The config is
 * validated (and defaulted) here; a bad config throws a ZodError, a contradictory input a ContestInputError.
 */
export function aggregate(input: AggregateInput, configInput: AggregationConfigInput = {}): AggregateResult {
  const config = aggregationConfigSchema.parse(configInput);
  checkInput(input);
  let totals: (ScoreSheet & { total: number })[];
  try {
    totals = input.sheets.map((s) => ({ ...s, total: sheetTotal(input.rubric, s.scores) }));
  } catch (e) {
    throw new ContestInputError(e instanceof Error ? e.message : String(e));
  }
  const zscore = config.method === 'zscore';
  const { judges, panel } = judgeStatistics(input.judgeIds, totals, { zscore, minProjects: config.zMinProjects });
  const judgeById = new Map(judges.map((j) => [j.judgeId, j]));
  const flags: ContestFlag[] = zscore && panel === null ? ['no_judge_normalised'] : [];
  const daily = config.dailyWork;

  const projects: ProjectResult[] = input.projects.map((p) => {
    const rows: JudgeTotalRow[] = totals
      .filter((t) => t.projectId === p.id)
      .sort((a, b) => compareIds(a.judgeId, b.judgeId))
      .map((t) => {
        const judge = judgeById.get(t.judgeId)!;
        const n = zscore && panel && judge.normalised ? normaliseTotal(t.total, judge, panel) : null;
        return {
          judgeId: t.judgeId,
          scores: { ...t.scores },
          total: t.total,
          z: n?.z ?? null,
          normalised: n?.value ?? null,
          clamped: n?.clamped ?? false,
          notNormalised: judge.reason,
          value: n?.value ?? t.total,
          dropped: null,
        };
      });
    const projectFlags: ContestFlag[] = [];
    const trimmed = config.method === 'trimmed' && rows.length >= config.trimMinJudges;
    if (trimmed) trim(rows);
    if (config.method === 'trimmed' && !trimmed && rows.length > 0) projectFlags.push('below_trim_min');
    for (const r of rows) {
      if (r.dropped) projectFlags.push(r.dropped === 'high' ? 'dropped_high' : 'dropped_low');
      if (r.notNormalised) projectFlags.push(r.notNormalised);
      if (r.clamped) projectFlags.push('clamped');
    }
    const stageScore = mean(rows.filter((r) => r.dropped === null).map((r) => r.value));
    if (stageScore === null) projectFlags.push('no_sheets');

    let dailyWork: DailyWorkDerivation | null = null;
    let finalScore = stageScore;
    if (daily.enabled) {
      const ratings = [...(p.ratings ?? [])];
      const points = ratings.map((r) => daily.points[r]);
      const meanPoints = mean(points);
      const appliedWeight = meanPoints === null ? 0 : daily.weight;
      dailyWork = { ratings, points, meanPoints, weight: daily.weight, appliedWeight };
      if (meanPoints === null) projectFlags.push('no_ratings');
      else if (stageScore !== null) finalScore = (1 - appliedWeight) * stageScore + appliedWeight * meanPoints;
    }

    return {
      projectId: p.id,
      order: p.order ?? null,
      rows,
      excluded: (input.exclusions ?? [])
        .filter((x) => x.projectId === p.id)
        .sort((a, b) => compareIds(a.judgeId, b.judgeId)),
      trimmed,
      stageScore,
      dailyWork,
      finalScore,
      flags: [...new Set(projectFlags)],
      rank: null,
      grade: null,
    };
  });

  const rankable: Rankable[] = projects.flatMap((p) =>
    p.finalScore === null || p.stageScore === null
      ? []
      : [
          {
            projectId: p.projectId,
            order: p.order,
            finalScore: p.finalScore,
            stageScore: p.stageScore,
            dailyPoints: p.dailyWork?.meanPoints ?? null,
          },
        ],
  );
  const { placements, grading } = rankAndGrade(rankable, config.grading);
  const byId = new Map(projects.map((p) => [p.projectId, p]));
  const ranked = placements.map((pl) => Object.assign(byId.get(pl.projectId)!, { rank: pl.rank, grade: pl.grade }));
  const unranked = projects.filter((p) => p.rank === null).sort((a, b) => compareIds(a.projectId, b.projectId));

  return { method: config.method, config, projects: [...ranked, ...unranked], judges, panel, flags, grading };
}
