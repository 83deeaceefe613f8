import type { Dict } from './dicts';

/**
 * 零工快招 gig hiring (issue 13): the plain values (no zod) the phone pages share with the server —
 * kinds of work, pay units, skills and certificates, the job's and the intention's states, the job's
 * state machine, and how pay compares across units. Named `gig*` throughout: "jobs" is the durable
 * background-job queue.
 */
export const GIG_KINDS = {
  delivery: { 'zh-CN': '配送', en: 'Delivery' },
  loading: { 'zh-CN': '装卸', en: 'Loading' },
  housekeeping: { 'zh-CN': '家政', en: 'Housekeeping' },
  cleaning: { 'zh-CN': '保洁', en: 'Cleaning' },
  catering: { 'zh-CN': '餐饮', en: 'Catering' },
  general: { 'zh-CN': '普工', en: 'General labour' },
  technician: { 'zh-CN': '技工', en: 'Skilled trades' },
  driver: { 'zh-CN': '司机', en: 'Driving' },
  security: { 'zh-CN': '保安', en: 'Security' },
  sales: { 'zh-CN': '促销', en: 'Promotion' },
} satisfies Dict<string>;
export type GigKind = keyof typeof GIG_KINDS;
export const GIG_KIND_CODES = Object.keys(GIG_KINDS) as [GigKind, ...GigKind[]];

export const GIG_PAY_UNITS = {
  hour: { 'zh-CN': '元/小时', en: 'CNY/hour' },
  day: { 'zh-CN': '元/天', en: 'CNY/day' },
  piece: { 'zh-CN': '元/件', en: 'CNY/piece' },
  month: { 'zh-CN': '元/月', en: 'CNY/month' },
} satisfies Dict<string>;
export type GigPayUnit = keyof typeof GIG_PAY_UNITS;
export const GIG_PAY_UNIT_CODES = Object.keys(GIG_PAY_UNITS) as [GigPayUnit, ...GigPayUnit[]];

export const GIG_SKILLS = {
  forklift: { 'zh-CN': '叉车证', en: 'Forklift licence' },
  electrician: { 'zh-CN': '电工证', en: 'Electrician certificate' },
  welder: { 'zh-CN': '焊工证', en: 'Welder certificate' },
  licence_c1: { 'zh-CN': 'C1驾照', en: 'C1 driving licence' },
  licence_b2: { 'zh-CN': 'B2驾照', en: 'B2 driving licence' },
  health: { 'zh-CN': '健康证', en: 'Health certificate' },
  housekeeper: { 'zh-CN': '家政服务员证', en: 'Housekeeper certificate' },
  cook: { 'zh-CN': '厨师证', en: 'Cook certificate' },
  guard: { 'zh-CN': '保安员证', en: 'Security guard certificate' },
  first_aid: { 'zh-CN': '急救证', en: 'First-aid certificate' },
} satisfies Dict<string>;
export type GigSkill = keyof typeof GIG_SKILLS;
export const GIG_SKILL_CODES = Object.keys(GIG_SKILLS) as [GigSkill, ...GigSkill[]];

export const GIG_JOB_STATUSES = {
  pending: { 'zh-CN': '待审核', en: 'Awaiting approval' },
  open: { 'zh-CN': '招聘中', en: 'Open' },
  rejected: { 'zh-CN': '未通过审核', en: 'Not approved' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
} satisfies Dict<string>;
export type GigJobStatus = keyof typeof GIG_JOB_STATUSES;
export const GIG_JOB_STATUS_CODES = Object.keys(GIG_JOB_STATUSES) as [GigJobStatus, ...GigJobStatus[]];

export const GIG_CLOSE_REASONS = {
  filled: { 'zh-CN': '已招满', en: 'Filled' },
  expired: { 'zh-CN': '已过截止日期', en: 'Past its closing date' },
  withdrawn: { 'zh-CN': '已撤下', en: 'Withdrawn' },
} satisfies Dict<string>;
export type GigCloseReason = keyof typeof GIG_CLOSE_REASONS;
export const GIG_CLOSE_REASON_CODES = Object.keys(GIG_CLOSE_REASONS) as [GigCloseReason, ...GigCloseReason[]];

/** Events on a job: staff approve or reject a new employer's first job; filling and expiry are the system's. */
export type GigJobEvent = 'approve' | 'reject' | 'resubmit' | 'close' | 'fill' | 'expire' | 'reopen';

/**
 * The job's state machine (state × event → next state). A new employer's first job starts `pending`
 * (staff approve or reject it); any other job starts `open`. Editing a rejected job resubmits it.
 * `fill` (headcount reached) and `expire` (closing date passed) are fired by the system only.
 */
export const GIG_JOB_TRANSITIONS: Record<GigJobStatus, Partial<Record<GigJobEvent, GigJobStatus>>> = {
  pending: { approve: 'open', reject: 'rejected', close: 'closed' },
  open: { close: 'closed', fill: 'closed', expire: 'closed' },
  rejected: { resubmit: 'pending', close: 'closed' },
  closed: { reopen: 'open' },
};

export function gigJobTransition(from: GigJobStatus, event: GigJobEvent): GigJobStatus | null {
  return GIG_JOB_TRANSITIONS[from][event] ?? null;
}

export const GIG_INTENTION_STATUSES = {
  applied: { 'zh-CN': '已报名', en: 'Applied' },
  hired: { 'zh-CN': '已录用', en: 'Hired' },
  not_hired: { 'zh-CN': '未录用', en: 'Not hired' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
} satisfies Dict<string>;
export type GigIntentionStatus = keyof typeof GIG_INTENTION_STATUSES;
export const GIG_INTENTION_STATUS_CODES = Object.keys(GIG_INTENTION_STATUSES) as [
  GigIntentionStatus,
  ...GigIntentionStatus[],
];

export const GIG_PUSH_SCOPES = {
  top: { 'zh-CN': '推送给最匹配的求职者', en: 'Pushed to the best matches' },
  all: { 'zh-CN': '推送给全部匹配的求职者', en: 'Pushed to every match' },
} satisfies Dict<string>;
export type GigPushScope = keyof typeof GIG_PUSH_SCOPES;
export const GIG_PUSH_SCOPE_CODES = Object.keys(GIG_PUSH_SCOPES) as [GigPushScope, ...GigPushScope[]];

export const GIG_FAIR_MODES = {
  onsite: { 'zh-CN': '现场招聘会', en: 'On site' },
  online: { 'zh-CN': '线上招聘会', en: 'Online' },
} satisfies Dict<string>;
export type GigFairMode = keyof typeof GIG_FAIR_MODES;
export const GIG_FAIR_MODE_CODES = Object.keys(GIG_FAIR_MODES) as [GigFairMode, ...GigFairMode[]];

export const GIG_FAIR_STATUSES = {
  planned: { 'zh-CN': '筹备中', en: 'Planned' },
  held: { 'zh-CN': '已举办', en: 'Held' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
} satisfies Dict<string>;
export type GigFairStatus = keyof typeof GIG_FAIR_STATUSES;
export const GIG_FAIR_STATUS_CODES = Object.keys(GIG_FAIR_STATUSES) as [GigFairStatus, ...GigFairStatus[]];

export const GIG_SMS_STATUSES = {
  pending: { 'zh-CN': '待发送', en: 'Pending' },
  sending: { 'zh-CN': '发送中', en: 'Sending' },
  sent: { 'zh-CN': '已发送', en: 'Sent' },
  failed: { 'zh-CN': '发送失败', en: 'Failed' },
} satisfies Dict<string>;

/** The prefix (and version) of a fair's sign-in code: `TYGF1.<fair id>.<serial>.<signature>`. */
export const GIG_FAIR_CODE_PREFIX = 'TYGF1';
export const GIG_FAIR_CODE_PATTERN = /^TYGF1\.[0-9A-Za-z_-]{10,40}\.\d{1,6}\.[0-9A-Za-z_-]{22}$/;

/** Weekdays are 1 (Monday) … 7 (Sunday), stored as a bit mask (bit d−1). */
export const weekdayMask = (days: readonly number[]): number => days.reduce((m, d) => m | (1 << (d - 1)), 0);
export const weekdaysOf = (mask: number): number[] =>
  [1, 2, 3, 4, 5, 6, 7].filter((d) => (mask & (1 << (d - 1))) !== 0);

/**
 * Pay per day in fen, to compare a job's pay with a worker's minimum across units: an hour is an
 * eighth of a day's work, a month 22 working days; a piece rate compares with nothing (null).
 */
export function payPerDayFen(fen: number, unit: GigPayUnit): number | null {
  switch (unit) {
    case 'hour':
      return fen * 8;
    case 'day':
      return fen;
    case 'month':
      return Math.round(fen / 22);
    default:
      return null;
  }
}

/** "220 元/天" (zh-CN) or "220 CNY/day"; fen shown only when there are any. */
export function formatPay(fen: number, unit: GigPayUnit, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const yuan = fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
  return `${yuan} ${GIG_PAY_UNITS[unit][lang]}`;
}

/** "王**": a worker's name as an employer sees it before the worker shares their contact. */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0]! + '*'.repeat(Math.min(chars.length - 1, 2));
};
