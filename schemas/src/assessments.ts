import { z } from 'zod';
import { boolQuery, cursorSchema, idSchema, limitSchema, msg, refId, trimmed, versionSchema } from './common';
import { CONTEST_GRADE_CODES, type ContestGrade } from './contest/config';
import { pageOf } from './contract';
import type { Dict } from './dicts';

/**
 * The annual Party-building assessment (年度党建工作考核). A 社工部 defines a scheme per year for its
 * area: items with maximum points (百分制), exactly one of them filled from the year-end contest
 * results (书记项目) through a mapping, the others entered by hand; each Party organisation has one
 * sheet per scheme, totalled and graded by the scheme's thresholds once every item is entered.
 */

export const ASSESSMENT_FULL_MARK = 100;

export const ASSESSMENT_ITEM_SOURCES = {
  contest: { 'zh-CN': '比武结果', en: 'Contest results' },
  manual: { 'zh-CN': '人工录入', en: 'Entered by hand' },
} satisfies Dict<string>;
export type AssessmentItemSource = keyof typeof ASSESSMENT_ITEM_SOURCES;
export const ASSESSMENT_ITEM_SOURCE_CODES = Object.keys(ASSESSMENT_ITEM_SOURCES) as [
  AssessmentItemSource,
  ...AssessmentItemSource[],
];

export const ASSESSMENT_STATUSES = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  published: { 'zh-CN': '已发布', en: 'Published' },
} satisfies Dict<string>;
export type AssessmentStatus = keyof typeof ASSESSMENT_STATUSES;
export const ASSESSMENT_STATUS_CODES = Object.keys(ASSESSMENT_STATUSES) as [AssessmentStatus, ...AssessmentStatus[]];

export const ASSESSMENT_GRADES = {
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', en: 'Good' },
  pass: { 'zh-CN': '合格', en: 'Pass' },
  fail: { 'zh-CN': '不合格', en: 'Fail' },
} satisfies Dict<string>;
export type AssessmentGrade = keyof typeof ASSESSMENT_GRADES;
export const ASSESSMENT_GRADE_CODES = Object.keys(ASSESSMENT_GRADES) as [AssessmentGrade, ...AssessmentGrade[]];

/** Points carry at most two decimals (score × factor may give 17.46). */
export const roundPoints = (v: number): number => Math.round(v * 100) / 100;
const points = (max = 1000) =>
  z
    .number(msg('invalid'))
    .min(0, msg('too_small'))
    .max(max, msg('too_big'))
    .refine((v) => roundPoints(v) === v, msg('invalid'));

const itemCode = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, msg('invalid'));

export const assessmentItemSchema = z.object({
  code: itemCode,
  name: trimmed(20),
  maxPoints: z.number(msg('invalid')).int(msg('invalid')).min(1, msg('too_small')).max(100, msg('too_big')),
  source: z.enum(['contest', 'manual']),
});
export type AssessmentItem = z.infer<typeof assessmentItemSchema>;

export const assessmentMappingSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('grade'),
    points: z.object(
      Object.fromEntries(CONTEST_GRADE_CODES.map((g) => [g, points(100)])) as Record<
        ContestGrade,
        ReturnType<typeof points>
      >,
    ),
  }),
  z.object({
    mode: z.literal('score'),
    /** Contest final score (out of 100) × factor, capped at the item's maximum. */
    factor: z.number(msg('invalid')).gt(0, msg('too_small')).max(10, msg('too_big')),
  }),
]);
export type AssessmentMapping = z.infer<typeof assessmentMappingSchema>;

/** Minimum totals for 优秀 / 良好 / 合格; anything lower is 不合格. */
export const assessmentThresholdsSchema = z.object({
  excellent: points(ASSESSMENT_FULL_MARK),
  good: points(ASSESSMENT_FULL_MARK),
  pass: points(ASSESSMENT_FULL_MARK),
});
export type AssessmentThresholds = z.infer<typeof assessmentThresholdsSchema>;

export const DEFAULT_ASSESSMENT_ITEMS: AssessmentItem[] = [
  { code: 'project', name: '书记项目', maxPoints: 20, source: 'contest' },
  { code: 'organisation', name: '组织建设', maxPoints: 25, source: 'manual' },
  { code: 'team', name: '队伍建设', maxPoints: 20, source: 'manual' },
  { code: 'role', name: '作用发挥', maxPoints: 20, source: 'manual' },
  { code: 'support', name: '基础保障', maxPoints: 15, source: 'manual' },
];
export const DEFAULT_ASSESSMENT_MAPPING: AssessmentMapping = {
  mode: 'grade',
  points: { good: 20, fair: 16, average: 12, poor: 8 },
};
export const DEFAULT_ASSESSMENT_THRESHOLDS: AssessmentThresholds = { excellent: 90, good: 80, pass: 60 };

const rulesShape = {
  items: z.array(assessmentItemSchema).min(2, msg('required')).max(12, msg('too_big')),
  mapping: assessmentMappingSchema,
  thresholds: assessmentThresholdsSchema,
};

/** The scheme's rules, checked together: items (sum 100, one contest item), the mapping, the thresholds. */
function checkRules(
  r: { items: AssessmentItem[]; mapping: AssessmentMapping; thresholds: AssessmentThresholds },
  ctx: z.RefinementCtx,
) {
  {
    const seen = new Set<string>();
    r.items.forEach((it, i) => {
      if (seen.has(it.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: 'invalid' });
      seen.add(it.code);
    });
    const total = r.items.reduce((s, it) => s + it.maxPoints, 0);
    if (total !== ASSESSMENT_FULL_MARK) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: total > ASSESSMENT_FULL_MARK ? 'too_big' : 'too_small',
      });
    }
    const contest = r.items.filter((it) => it.source === 'contest');
    if (contest.length !== 1) ctx.addIssue({ code: 'custom', path: ['items'], message: 'invalid' });
    const max = contest[0]?.maxPoints ?? 0;
    if (r.mapping.mode === 'grade') {
      for (const g of CONTEST_GRADE_CODES) {
        if (r.mapping.points[g] > max) {
          ctx.addIssue({ code: 'custom', path: ['mapping', 'points', g], message: 'too_big' });
        }
      }
    }
    const t = r.thresholds;
    if (!(t.excellent > t.good)) ctx.addIssue({ code: 'custom', path: ['thresholds', 'good'], message: 'too_big' });
    if (!(t.good > t.pass)) ctx.addIssue({ code: 'custom', path: ['thresholds', 'pass'], message: 'too_big' });
  }
}

export const assessmentSchemeBody = z
  .object({
    orgId: refId('partyOrg'),
    year: z.number(msg('invalid')).int(msg('invalid')).min(2000, msg('too_small')).max(2100, msg('too_big')),
    name: trimmed(60),
    ...rulesShape,
  })
  .superRefine(checkRules);
export type AssessmentSchemeBody = z.infer<typeof assessmentSchemeBody>;

export const assessmentSchemeUpdateBody = z
  .object({
    name: trimmed(60),
    ...rulesShape,
    version: versionSchema,
  })
  .superRefine(checkRules);
export type AssessmentSchemeUpdateBody = z.infer<typeof assessmentSchemeUpdateBody>;

export const assessmentStatusBody = z.object({ status: z.enum(ASSESSMENT_STATUS_CODES), version: versionSchema });
export const assessmentFillBody = z.object({ contestId: refId('contest') });
export const assessmentSheetCreateBody = z.object({ partyOrgId: refId('partyOrg') });

export const assessmentSheetValuesBody = z.object({
  /** Manual items only: code → points (0 … the item's maximum) or null (not entered). */
  values: z.record(itemCode, points(100).nullable()),
  version: versionSchema,
});
export type AssessmentSheetValuesBody = z.infer<typeof assessmentSheetValuesBody>;

export const assessmentSchemeListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(ASSESSMENT_STATUS_CODES).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const assessmentSheetListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  grade: z.enum(ASSESSMENT_GRADE_CODES).optional(),
  /** Only the sheets of this organisation and those below it (a dashboard's county). */
  orgId: idSchema.optional(),
  /** 1: only sheets with every item entered; 0: only incomplete ones. */
  complete: z.enum(['1', '0']).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** The grade of a total, by the scheme's thresholds. */
export function assessmentGrade(total: number, t: AssessmentThresholds): AssessmentGrade {
  if (total >= t.excellent) return 'excellent';
  if (total >= t.good) return 'good';
  if (total >= t.pass) return 'pass';
  return 'fail';
}

/** The contest item's points for a project's final grade or score. Null when the project has none. */
export function contestItemPoints(
  mapping: AssessmentMapping,
  maxPoints: number,
  result: { grade: ContestGrade | null; score: number | null },
): number | null {
  if (mapping.mode === 'grade') {
    return result.grade === null ? null : Math.min(maxPoints, mapping.points[result.grade]);
  }
  return result.score === null ? null : Math.min(maxPoints, roundPoints(result.score * mapping.factor));
}

/** Sum of entered items; graded only once every item is entered. */
export function sheetOutcome(
  items: readonly AssessmentItem[],
  values: Record<string, number | null>,
  thresholds: AssessmentThresholds,
): { total: number; complete: boolean; grade: AssessmentGrade | null } {
  let total = 0;
  let complete = true;
  for (const it of items) {
    const v = values[it.code];
    if (v === null || v === undefined) complete = false;
    else total += v;
  }
  total = roundPoints(total);
  return { total, complete, grade: complete ? assessmentGrade(total, thresholds) : null };
}

// ——— replies ———

const int = z.number().int();
const text = z.string().nullable();
const pointsView = z.number();
const contestGradeView = z.enum(CONTEST_GRADE_CODES).nullable();

export const assessmentSchemeView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: int,
  name: z.string(),
  items: z.array(
    z.object({ code: z.string(), name: z.string(), maxPoints: int, source: z.enum(ASSESSMENT_ITEM_SOURCE_CODES) }),
  ),
  mapping: z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('grade'),
      points: z.object({ good: pointsView, fair: pointsView, average: pointsView, poor: pointsView }),
    }),
    z.object({ mode: z.literal('score'), factor: z.number() }),
  ]),
  thresholds: z.object({ excellent: pointsView, good: pointsView, pass: pointsView }),
  status: z.enum(ASSESSMENT_STATUS_CODES),
  sheetCount: int,
  version: int,
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type AssessmentSchemeView = z.infer<typeof assessmentSchemeView>;
export const assessmentSchemePage = pageOf(assessmentSchemeView);

export const assessmentContestSource = z.object({
  contestId: z.string(),
  contestName: z.string(),
  projectId: z.string(),
  projectCode: text,
  projectTitle: z.string(),
  grade: contestGradeView,
  score: z.number().nullable(),
  points: pointsView.nullable(),
  filledAt: z.string(),
});
export type AssessmentContestSource = z.infer<typeof assessmentContestSource>;

export const assessmentSheetView = z.object({
  id: z.string(),
  schemeId: z.string(),
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  values: z.record(z.string(), pointsView.nullable()),
  contestSource: assessmentContestSource.nullable(),
  total: pointsView,
  complete: z.boolean(),
  grade: z.enum(ASSESSMENT_GRADE_CODES).nullable(),
  version: int,
  updatedAt: z.string(),
  updatedByName: text,
  abilities: z.array(z.string()),
});
export type AssessmentSheetView = z.infer<typeof assessmentSheetView>;

export const assessmentSheetPage = pageOf(assessmentSheetView);

/**
 * 考核结果 across schemes (the dashboards' grade figures, issue 15): the sheets of the published
 * schemes of one year that the caller manages, optionally of one grade and of one organisation and
 * those below it, best total first.
 */
export const assessmentResultQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  grade: z.enum(ASSESSMENT_GRADE_CODES).optional(),
  orgId: idSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type AssessmentResultQuery = z.infer<typeof assessmentResultQuery>;

export const assessmentResultView = z.object({
  id: z.string(),
  schemeId: z.string(),
  schemeName: z.string(),
  year: int,
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  total: pointsView,
  complete: z.boolean(),
  grade: z.enum(ASSESSMENT_GRADE_CODES).nullable(),
});
export type AssessmentResultView = z.infer<typeof assessmentResultView>;
export const assessmentResultPage = pageOf(assessmentResultView);
export type AssessmentResultPage = z.infer<typeof assessmentResultPage>;
export type AssessmentSheetPage = z.infer<typeof assessmentSheetPage>;

export const assessmentFillResult = z.object({
  schemeId: z.string(),
  contestId: z.string(),
  /** Sheets created for organisations that had none. */
  created: int,
  /** Sheets whose contest item changed. */
  updated: int,
  unchanged: int,
  /** Projects not used: no final grade/score yet, or the organisation is outside the scheme's area. */
  skipped: z.array(
    z.object({ projectId: z.string(), title: z.string(), reason: z.enum(['no_result', 'outside_area']) }),
  ),
});
export type AssessmentFillResult = z.infer<typeof assessmentFillResult>;
