import { z } from 'zod';
import { msg } from '../common';
import type { Dict } from '../dicts';
import { cleanFraction } from './stats';

export { CONTEST_GRADES, CONTEST_GRADE_CODES, type ContestGrade } from '../contest-labels';

export const AGGREGATION_METHODS = {
  mean: { 'zh-CN': '算术平均', en: 'Plain mean' },
  trimmed: { 'zh-CN': '去掉一个最高分和一个最低分后平均', en: 'Trimmed mean (drop highest and lowest)' },
  zscore: { 'zh-CN': '评委标准分校正后平均', en: 'Mean of per-judge z-score normalised totals' },
} satisfies Dict<string>;
export type AggregationMethod = keyof typeof AGGREGATION_METHODS;
export const AGGREGATION_METHOD_CODES = Object.keys(AGGREGATION_METHODS) as [AggregationMethod, ...AggregationMethod[]];

/** Why a judge did not score a project. */
export const EXCLUSION_REASONS = {
  same_org: { 'zh-CN': '本单位项目回避', en: 'Own organisation' },
  declared_conflict: { 'zh-CN': '申报利益冲突回避', en: 'Declared conflict of interest' },
} satisfies Dict<string>;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;
export const EXCLUSION_REASON_CODES = Object.keys(EXCLUSION_REASONS) as [ExclusionReason, ...ExclusionReason[]];

/** Every flag the engine can raise, with the words the result page shows next to it. */
export const CONTEST_FLAGS = {
  dropped_high: { 'zh-CN': '去掉的最高分', en: 'Dropped as the highest' },
  dropped_low: { 'zh-CN': '去掉的最低分', en: 'Dropped as the lowest' },
  below_trim_min: { 'zh-CN': '评委人数不足，未去掉最高最低分', en: 'Too few judges to trim; plain mean' },
  zero_spread: { 'zh-CN': '该评委所打总分全部相同，未作标准分校正', en: 'Judge gave identical totals; not normalised' },
  too_few: { 'zh-CN': '该评委评分项目过少，未作标准分校正', en: 'Judge scored too few projects; not normalised' },
  clamped: { 'zh-CN': '校正分超出0–100，按边界计', en: 'Normalised total outside 0–100; clamped' },
  no_judge_normalised: {
    'zh-CN': '没有评委满足校正条件，全部按原始分计算',
    en: 'No judge could be normalised; raw totals used',
  },
  no_ratings: { 'zh-CN': '无季度评定，只计现场得分', en: 'No quarterly ratings; stage score only' },
  no_sheets: { 'zh-CN': '无有效评分，不参与排名和定等', en: 'No eligible score sheet; not ranked or graded' },
} satisfies Dict<string>;
export type ContestFlag = keyof typeof CONTEST_FLAGS;

const points = z.number().min(0, msg('too_small')).max(100, msg('too_big'));
const fraction = z.number().min(0, msg('too_small')).max(1, msg('too_big'));

export const dailyWorkConfigSchema = z
  .object({
    enabled: z.boolean(),
    /** Share of the final score taken by daily work, e.g. 0.3; the stage score counts for 1 − weight. */
    weight: fraction,
    /** Points for each quarterly rating, out of 100. */
    points: z.object({ on_track: points, lagging: points, at_risk: points }),
  })
  .refine((d) => !d.enabled || (d.weight > 0 && d.weight < 1), { path: ['weight'], message: 'invalid' });

export const gradingConfigSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('thresholds'),
    /** Lowest final score (2-decimal value) for 好, 较好 and 一般; below `average` is 差. */
    thresholds: z
      .object({ good: points, fair: points, average: points })
      .refine((t) => t.good > t.fair && t.fair > t.average, { message: 'invalid' }),
  }),
  z.object({
    mode: z.literal('quotas'),
    /** Most projects, as a fraction of the graded ones, in each grade (e.g. 好 at most 0.3). */
    quotas: z
      .object({ good: fraction, fair: fraction, average: fraction })
      .refine((q) => cleanFraction(q.good + q.fair + q.average) <= 1, { message: 'too_big' }),
  }),
]);

export const aggregationConfigSchema = z.object({
  method: z.enum(AGGREGATION_METHOD_CODES).default('trimmed'),
  /** Trimmed mean: drop the single highest and lowest only with at least this many judges (≥ 3). */
  trimMinJudges: z.number().int(msg('invalid')).min(3, msg('too_small')).max(50, msg('too_big')).default(5),
  /** Z-score: a judge is normalised only after scoring at least this many projects. */
  zMinProjects: z.number().int(msg('invalid')).min(2, msg('too_small')).max(50, msg('too_big')).default(3),
  dailyWork: dailyWorkConfigSchema.default({
    enabled: false,
    weight: 0.3,
    points: { on_track: 100, lagging: 70, at_risk: 40 },
  }),
  grading: gradingConfigSchema.default({ mode: 'thresholds', thresholds: { good: 90, fair: 80, average: 60 } }),
});
export type AggregationConfig = z.output<typeof aggregationConfigSchema>;
export type AggregationConfigInput = z.input<typeof aggregationConfigSchema>;
export type GradingConfig = AggregationConfig['grading'];

/** Trimmed mean (≥ 5 judges), no daily-work share, grades 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, else 差. */
export const DEFAULT_AGGREGATION_CONFIG: AggregationConfig = aggregationConfigSchema.parse({});
