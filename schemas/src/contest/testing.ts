/** Test fixtures for the contest engine (not exported from the package). */
import type { AggregateInput, ScoreSheet } from './aggregate';
import { DEFAULT_RUBRIC, type Rubric } from './rubric';

/**
 * Criterion scores under `rubric` that add up to `total`: each criterion gets floor(total × max / 100),
 * then the remainder is added criterion by criterion up to each maximum. 85 → 17 + 34 + 17 + 17.
 */
export function scoresFor(total: number, rubric: Rubric = DEFAULT_RUBRIC): Record<string, number> {
  const scores: Record<string, number> = {};
  let left = total;
  for (const c of rubric.criteria) {
    scores[c.code] = Math.floor((total * c.maxPoints) / 100);
    left -= scores[c.code]!;
  }
  for (const c of rubric.criteria) {
    const add = Math.min(left, c.maxPoints - scores[c.code]!);
    scores[c.code]! += add;
    left -= add;
  }
  if (left !== 0) throw new Error(`cannot spread ${total}`);
  return scores;
}

/** Sheets from a table { projectId: { judgeId: total } }. */
export function sheetsFrom(table: Record<string, Record<string, number>>): ScoreSheet[] {
  return Object.entries(table).flatMap(([projectId, byJudge]) =>
    Object.entries(byJudge).map(([judgeId, total]) => ({ judgeId, projectId, scores: scoresFor(total) })),
  );
}

/** An input with the default rubric, judges and projects taken from the table unless given. */
export function inputFrom(
  table: Record<string, Record<string, number>>,
  extra: Partial<Omit<AggregateInput, 'sheets'>> = {},
): AggregateInput {
  const judgeIds = [...new Set(Object.values(table).flatMap((t) => Object.keys(t)))].sort();
  return {
    rubric: DEFAULT_RUBRIC,
    judgeIds,
    projects: Object.keys(table).map((id) => ({ id })),
    sheets: sheetsFrom(table),
    ...extra,
  };
}
