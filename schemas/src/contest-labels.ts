import type { Dict } from './dicts';

/**
 * The contest's dictionaries, without zod: the judge's phone pages and the big screen show these
 * labels and must not load the schemas (re-exported by ./contests and ./contest/config).
 */

/**
 * draft → ready (judges, projects and order fixed; back to draft with a reason) → running → finished
 * → published.
 */
export const CONTEST_STATUSES = {
  draft: { 'zh-CN': '筹备中', en: 'Draft' },
  ready: { 'zh-CN': '已就绪', en: 'Ready' },
  running: { 'zh-CN': '进行中', en: 'Running' },
  finished: { 'zh-CN': '已结束', en: 'Finished' },
  published: { 'zh-CN': '已发布结果', en: 'Results published' },
} satisfies Dict<string>;
export type ContestStatus = keyof typeof CONTEST_STATUSES;
export const CONTEST_STATUS_CODES = Object.keys(CONTEST_STATUSES) as [ContestStatus, ...ContestStatus[]];

/** One presentation: waiting → presenting (scoring open) → closed (reopen with a reason). */
export const PRESENTATION_PHASES = {
  waiting: { 'zh-CN': '待汇报', en: 'Waiting' },
  presenting: { 'zh-CN': '汇报/评分中', en: 'Presenting / scoring' },
  closed: { 'zh-CN': '评分已截止', en: 'Scoring closed' },
} satisfies Dict<string>;
export type PresentationPhase = keyof typeof PRESENTATION_PHASES;
export const PRESENTATION_PHASE_CODES = Object.keys(PRESENTATION_PHASES) as [PresentationPhase, ...PresentationPhase[]];

/** Grades from best to worst; the order of this object is the order of the grades. */
export const CONTEST_GRADES = {
  good: { 'zh-CN': '好', en: 'Good' },
  fair: { 'zh-CN': '较好', en: 'Fairly good' },
  average: { 'zh-CN': '一般', en: 'Average' },
  poor: { 'zh-CN': '差', en: 'Poor' },
} satisfies Dict<string>;
export type ContestGrade = keyof typeof CONTEST_GRADES;
export const CONTEST_GRADE_CODES = Object.keys(CONTEST_GRADES) as [ContestGrade, ...ContestGrade[]];
