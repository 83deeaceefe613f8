import { z } from 'zod';
import { msg, optionalText, trimmed, typeMsg } from '../common';

/**
 * The contest rubric (评分细则): weighted criteria, each with a maximum in whole points. A criterion's
 * weight is its share of the full mark, and the full mark is always 100 (百分制), so that stage scores,
 * the daily-work points (also out of 100) and grade thresholds share one scale.
 *
 * Judges score whole points, 0 … max per criterion (no halves): a phone keypad and a paper sheet agree,
 * and a judge's total is then an integer, which keeps zero-spread detection exact.
 */
export const RUBRIC_FULL_MARK = 100;

const criterionCode = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, msg('invalid'));

export const contestCriterionSchema = z.object({
  code: criterionCode,
  name: trimmed(20),
  description: optionalText(200),
  maxPoints: z.coerce.number().int(msg('invalid')).min(1, msg('too_small')).max(100, msg('too_big')),
});
export type ContestCriterion = z.infer<typeof contestCriterionSchema>;

export const rubricSchema = z
  .object({ criteria: z.array(contestCriterionSchema).min(1, msg('required')).max(10, msg('too_big')) })
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>();
    rubric.criteria.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'code'], message: 'invalid' });
      seen.add(c.code);
    });
    const total = rubric.criteria.reduce((s, c) => s + c.maxPoints, 0);
    if (total !== RUBRIC_FULL_MARK) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: total > RUBRIC_FULL_MARK ? 'too_big' : 'too_small' });
    }
  });
export type Rubric = z.infer<typeof rubricSchema>;

/** The default template: 选题精准 20, 攻坚成效 40, 示范带动 20, 汇报表现 20. */
export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    { code: 'topic_precision', name: '选题精准', description: '选题是否聚焦一类共性难题', maxPoints: 20 },
    { code: 'tackling_results', name: '攻坚成效', description: '指标完成情况和实际成效', maxPoints: 40 },
    { code: 'demonstration', name: '示范带动', description: '经验能否复制推广、带动面上工作', maxPoints: 20 },
    { code: 'presentation', name: '汇报表现', description: '现场汇报是否清晰、答辩是否充分', maxPoints: 20 },
  ],
};

/** A criterion's weight as a fraction of the full mark (攻坚成效 40 → 0.4). */
export const criterionWeight = (c: Pick<ContestCriterion, 'maxPoints'>) => c.maxPoints / RUBRIC_FULL_MARK;

/**
 * A judge's score sheet for one project under a given rubric: every criterion present, an integer
 * 0 … its maximum, and no criterion the rubric does not have (a typo must not vanish silently).
 */
export function scoreSheetSchema(rubric: Rubric) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const c of rubric.criteria) {
    // No coercion: z.coerce would turn a blank field ("") or null into 0, a silent score.
    shape[c.code] = z.number(typeMsg).int(msg('invalid')).min(0, msg('too_small')).max(c.maxPoints, msg('too_big'));
  }
  return z.object({ scores: z.strictObject(shape) });
}
export type ScoreSheetBody = { scores: Record<string, number> };

/** A judge's total: the plain sum of the criterion scores (the weights are already in the maxima). */
export function sheetTotal(rubric: Rubric, scores: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const c of rubric.criteria) {
    const v = scores[c.code];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > c.maxPoints) {
      throw new RangeError(`score for criterion ${c.code} is missing or outside 0…${c.maxPoints}: ${String(v)}`);
    }
    total += v;
  }
  for (const code of Object.keys(scores)) {
    if (!rubric.criteria.some((c) => c.code === code)) throw new RangeError(`unknown criterion ${code}`);
  }
  return total;
}
