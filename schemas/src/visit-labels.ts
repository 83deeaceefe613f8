import type { Dict } from './dicts';

/** 走访 kinds (issue 11). An online visit (线上访企) is filled in by the enterprise from a link. */
export const VISIT_KINDS = {
  daily: { 'zh-CN': '日常走访', en: 'Routine visit' },
  research: { 'zh-CN': '集中调研', en: 'Research visit' },
  forum: { 'zh-CN': '政企座谈', en: 'Government–enterprise forum' },
  online: { 'zh-CN': '线上访企', en: 'Online visit' },
} satisfies Dict<string>;
export type VisitKind = keyof typeof VISIT_KINDS;
export const VISIT_KIND_CODES = Object.keys(VISIT_KINDS) as [VisitKind, ...VisitKind[]];
/** The kinds a specialist or staff member logs themselves. */
export const LOGGED_VISIT_KINDS = ['daily', 'research', 'forum'] as const satisfies readonly VisitKind[];

export const VISIT_STATUSES = {
  recorded: { 'zh-CN': '已记录', en: 'Recorded' },
  awaiting: { 'zh-CN': '待企业填写', en: 'Awaiting the enterprise' },
  expired: { 'zh-CN': '链接已过期', en: 'Link expired' },
} satisfies Dict<string>;
export type VisitStatus = keyof typeof VISIT_STATUSES;
export const VISIT_STATUS_CODES = Object.keys(VISIT_STATUSES) as [VisitStatus, ...VisitStatus[]];

/** Days an online-visit link stays open. */
export const ONLINE_VISIT_DAYS = 7;

/** Most photos on one visit. */
export const VISIT_PHOTOS_MAX = 9;
