import type { ContestGrade, GradingConfig } from './config';
import { cleanFraction, compareIds, round2 } from './stats';

/** What ranking looks at for one project that has a final score. */
export interface Rankable {
  projectId: string;
  /** Presentation order (1 = first on stage); orders equal ranks for display only. */
  order: number | null;
  finalScore: number;
  stageScore: number;
  /** Mean daily-work points; null when daily work is off or the project has no ratings. */
  dailyPoints: number | null;
}

type Cut = Record<Exclude<ContestGrade, 'poor'>, number>;

export type GradingDerivation =
  | { mode: 'thresholds'; graded: number; thresholds: Cut; counts: Record<ContestGrade, number> }
  | {
      mode: 'quotas';
      graded: number;
      quotas: Cut;
      /** Most projects at this grade or better: floor(n × cumulative quota), e.g. 好+较好 ≤ floor(n × 0.7). */
      caps: Cut;
      counts: Record<ContestGrade, number>;
    };

export interface Placement {
  projectId: string;
  /** Competition ranking: tied projects share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  grade: ContestGrade;
}

const desc = (a: number, b: number) => (a > b ? -1 : a < b ? 1 : 0);

/**
 * Rank order, compared on the 2-decimal values people see: higher final score; then higher stage
 * score; then higher daily-work points, a project without any coming after one with some. Zero means
 * tied on all three, and tied projects share a rank.
 */
export function compareForRank(a: Rankable, b: Rankable): number {
  return (
    desc(round2(a.finalScore), round2(b.finalScore)) ||
    desc(round2(a.stageScore), round2(b.stageScore)) ||
    desc(
      a.dailyPoints === null ? -Infinity : round2(a.dailyPoints),
      b.dailyPoints === null ? -Infinity : round2(b.dailyPoints),
    )
  );
}

/** Display order: rank order, then presentation order (unknown last), then project id. */
function compareForDisplay(a: Rankable, b: Rankable): number {
  return (
    compareForRank(a, b) ||
    (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
    compareIds(a.projectId, b.projectId)
  );
}

const GRADED: Exclude<ContestGrade, 'poor'>[] = ['good', 'fair', 'average'];

/**
 * Ranks the projects and gives each a grade.
 * - Thresholds: 好 when the 2-decimal final score ≥ good, 较好 ≥ fair, 一般 ≥ average, else 差.
 * - Quotas (cumulative, counted down the ranking): 好 for at most floor(n × good) projects, 好 and 较好
 *   together at most floor(n × (good + fair)), the three together at most floor(n × (good + fair +
 *   average)); the rest 差. Quotas that add up to 1 therefore never force a 差 by rounding. Projects
 *   sharing a rank share a grade: if the whole tied group does not fit under a cap it takes the
 *   lower grade, so no cap is ever exceeded.
 */
export function rankAndGrade(
  entries: readonly Rankable[],
  grading: GradingConfig,
): { placements: Placement[]; grading: GradingDerivation } {
  const sorted = [...entries].sort(compareForDisplay);
  const ranks: number[] = [];
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    ranks.push(prev && compareForRank(prev, e) === 0 ? ranks[i - 1]! : i + 1);
  });

  const n = sorted.length;
  const counts: Record<ContestGrade, number> = { good: 0, fair: 0, average: 0, poor: 0 };
  const grades: ContestGrade[] = [];
  let derivation: GradingDerivation;

  if (grading.mode === 'thresholds') {
    const t = grading.thresholds;
    for (const e of sorted) {
      const s = round2(e.finalScore);
      grades.push(GRADED.find((g) => s >= t[g]) ?? 'poor');
    }
    derivation = { mode: 'thresholds', graded: n, thresholds: { ...t }, counts };
  } else {
    const q = grading.quotas;
    const caps: Cut = { good: 0, fair: 0, average: 0 };
    let cumulative = 0;
    for (const g of GRADED) {
      cumulative = cleanFraction(cumulative + q[g]);
      caps[g] = Math.floor(cleanFraction(n * cumulative));
    }
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && ranks[j] === ranks[i]) j++; // [i, j) share a rank
      const grade = GRADED.find((g) => j <= caps[g]) ?? 'poor';
      for (let k = i; k < j; k++) grades.push(grade);
      i = j;
    }
    derivation = { mode: 'quotas', graded: n, quotas: { ...q }, caps, counts };
  }

  for (const g of grades) counts[g]++;
  const placements = sorted.map((e, i) => ({ projectId: e.projectId, rank: ranks[i]!, grade: grades[i]! }));
  return { placements, grading: derivation };
}
