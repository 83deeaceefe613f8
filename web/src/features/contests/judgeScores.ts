import type { ContestCriterion } from '@touyan/schemas';

/** Why a typed score cannot be submitted. */
export type ScoreProblem = 'overMax' | 'notWhole';

/** A score as typed on the judge's phone: its value (kept even when too high) and what is wrong with it. */
export interface TypedScore {
  /** The whole number typed, or null (empty box, or not a whole number). */
  value: number | null;
  problem: ScoreProblem | null;
}

/** Full-width digits (a Chinese keyboard's ０–９) read as ASCII digits. */
const asciiDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * Reads what the judge typed into a criterion's box. Nothing is changed behind their back: 25 in a
 * 20-point item stays 25 and is flagged `overMax`; 1.5 or letters are flagged `notWhole`.
 */
export function readScore(text: string, maxPoints: number): TypedScore {
  const s = asciiDigits(text.trim());
  if (s === '') return { value: null, problem: null };
  if (!/^\d{1,6}$/.test(s)) return { value: null, problem: 'notWhole' };
  const value = Number(s);
  return { value, problem: value > maxPoints ? 'overMax' : null };
}

/** The problem of each criterion's score (typed text wins over the stored value); complete: no box is empty. */
export function checkSheet(
  criteria: readonly Pick<ContestCriterion, 'code' | 'maxPoints'>[],
  draft: Record<string, number | null | undefined>,
  texts: Record<string, string | undefined>,
): { problems: Record<string, ScoreProblem>; complete: boolean } {
  const problems: Record<string, ScoreProblem> = {};
  let complete = true;
  for (const c of criteria) {
    const text = texts[c.code] ?? (typeof draft[c.code] === 'number' ? String(draft[c.code]) : '');
    const r = readScore(text, c.maxPoints);
    if (r.problem) problems[c.code] = r.problem;
    if (r.value === null && !r.problem) complete = false;
  }
  return { problems, complete };
}
