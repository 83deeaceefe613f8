import { RUBRIC_FULL_MARK } from './rubric';
import { compareIds, mean, populationSd } from './stats';

/** Why a judge's totals were left as they are under z-score normalisation. */
export type NotNormalisedReason = 'too_few' | 'zero_spread';

/** One judge over all the projects they scored (eligible sheets only). */
export interface JudgeStats {
  judgeId: string;
  /** Number of projects this judge scored. */
  count: number;
  /** Mean and population standard deviation of this judge's totals; null when they scored nothing. */
  mean: number | null;
  sd: number | null;
  /** Z-score method only: the totals were normalised. Always false under the other methods. */
  normalised: boolean;
  /** Z-score method only: why not (fewer than `zMinProjects` wins over zero spread). */
  reason: NotNormalisedReason | null;
}

/** The scale normalised totals are mapped back onto. */
export interface Panel {
  /** Mean and population sd of every raw total given by the normalised judges, pooled. */
  mean: number;
  sd: number;
  judgeCount: number;
  totalCount: number;
}

export interface Normalised {
  z: number;
  /** panel.mean + z × panel.sd, clamped to 0 … 100. */
  value: number;
  clamped: boolean;
}

/** Spread below this counts as none; totals are integers, so real spread is never this small. */
const ZERO_SPREAD = 1e-9;

/**
 * Per-judge statistics, and under the z-score method which judges are normalised and the panel scale.
 * A judge is normalised when they scored at least `minProjects` projects and their totals differ;
 * otherwise they keep raw totals and carry the reason. The panel is null when no judge qualifies.
 */
export function judgeStatistics(
  judgeIds: readonly string[],
  totals: readonly { judgeId: string; total: number }[],
  options: { zscore: boolean; minProjects: number },
): { judges: JudgeStats[]; panel: Panel | null } {
  const byJudge = new Map<string, number[]>(judgeIds.map((id) => [id, []]));
  for (const t of totals) byJudge.get(t.judgeId)?.push(t.total);

  const judges: JudgeStats[] = [...byJudge.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([judgeId, values]) => {
      const sd = populationSd(values);
      let reason: NotNormalisedReason | null = null;
      if (options.zscore) {
        if (values.length < options.minProjects) reason = 'too_few';
        else if (sd === null || sd < ZERO_SPREAD) reason = 'zero_spread';
      }
      return {
        judgeId,
        count: values.length,
        mean: mean(values),
        sd,
        normalised: options.zscore && reason === null,
        reason,
      };
    });

  if (!options.zscore) return { judges, panel: null };
  const normalisedJudges = judges.filter((j) => j.normalised);
  const pooled = normalisedJudges.flatMap((j) => byJudge.get(j.judgeId) ?? []);
  const panelMean = mean(pooled);
  const panelSd = populationSd(pooled);
  const panel =
    panelMean === null || panelSd === null
      ? null
      : { mean: panelMean, sd: panelSd, judgeCount: normalisedJudges.length, totalCount: pooled.length };
  return { judges, panel };
}

/** z = (total − judge mean) / judge sd, mapped to panel.mean + z × panel.sd and kept within 0 … 100. */
export function normaliseTotal(total: number, judge: JudgeStats, panel: Panel): Normalised {
  if (!judge.normalised || judge.mean === null || judge.sd === null) {
    throw new Error(`judge ${judge.judgeId} is not normalised`);
  }
  const z = (total - judge.mean) / judge.sd;
  const mapped = panel.mean + z * panel.sd;
  const value = Math.min(RUBRIC_FULL_MARK, Math.max(0, mapped));
  return { z, value, clamped: value !== mapped };
}
