import { z } from 'zod';
import {
  boolQuery,
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  trimmed,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import type { Dict } from './dicts';
import {
  DEMAND_CATEGORY_CODES,
  DEMAND_SOURCE_CODES,
  DEMAND_STATUS_CODES,
  OPEN_DEMAND_STATUSES,
  VISIT_DEMAND_DESCRIPTION_MAX,
  VISIT_DEMANDS_MAX,
  type DemandStatus,
} from './demand-labels';

export * from './demand-labels';

// ——— Enterprise demands (企业诉求) tracked to resolution: 接诉即办 ———

export const DEMAND_RATINGS = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basic: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  unsatisfied: { 'zh-CN': '不满意', en: 'Unsatisfied' },
} satisfies Dict<string>;
export type DemandRating = keyof typeof DEMAND_RATINGS;
export const DEMAND_RATING_CODES = Object.keys(DEMAND_RATINGS) as [DemandRating, ...DemandRating[]];

export const DEMAND_EVENTS = {
  create: { 'zh-CN': '受理登记', en: 'Registered' },
  route: { 'zh-CN': '分办', en: 'Routed' },
  accept: { 'zh-CN': '签收', en: 'Signed for' },
  reply: { 'zh-CN': '首次答复', en: 'First reply' },
  resolve: { 'zh-CN': '办结', en: 'Resolved' },
  rate: { 'zh-CN': '评价', en: 'Rated' },
  reopen: { 'zh-CN': '不满意重办', en: 'Reopened (unsatisfied)' },
  transfer: { 'zh-CN': '转办', en: 'Transferred' },
  return: { 'zh-CN': '退回', en: 'Returned' },
  reroute: { 'zh-CN': '重新分办', en: 'Re-routed' },
  close: { 'zh-CN': '关闭（未评价）', en: 'Closed (not rated)' },
  escalate: { 'zh-CN': '超期督办', en: 'Escalated (overdue)' },
  escalate_leader: { 'zh-CN': '提级至联系领导', en: 'Escalated to the leader contact' },
  board: { 'zh-CN': '发布到揭榜', en: 'Posted to the challenge board' },
  project_resolve: { 'zh-CN': '揭榜项目解决', en: 'Solved by the claiming project' },
} satisfies Dict<string>;
export type DemandEventKind = keyof typeof DEMAND_EVENTS;
export const DEMAND_EVENT_CODES = Object.keys(DEMAND_EVENTS) as [DemandEventKind, ...DemandEventKind[]];

/**
 * Who fires a demand event: `handler` = a handler (经办人) of the current lead department (主办);
 * `contact` = the enterprise contact of the demand's firm; `staff` = 社工部 staff over the firm;
 * `system` = the service itself (escalation; a demand on the challenge board resolved when the project
 * that claimed the challenge is completed).
 */
export type DemandActor = 'handler' | 'contact' | 'staff' | 'system';

export type DemandWorkflowEvent =
  'accept' | 'reply' | 'resolve' | 'rate' | 'reopen' | 'transfer' | 'return' | 'reroute' | 'close' | 'project_resolve';

export interface DemandTransition {
  from: DemandStatus;
  event: DemandWorkflowEvent;
  to: DemandStatus;
  by: readonly DemandActor[];
  /** What must hold, in words (the service checks it; the table documents it). */
  guard: string;
  reasonRequired?: boolean;
}

const BEFORE_RESOLUTION: readonly DemandStatus[] = ['received', 'accepted', 'in_progress'];

/** The demand workflow (接诉即办): state × event → next state, who may fire it, and its guard. */
export const DEMAND_WORKFLOW: readonly DemandTransition[] = [
  { from: 'received', event: 'accept', to: 'accepted', by: ['handler'], guard: '主办部门经办人签收' },
  { from: 'accepted', event: 'reply', to: 'in_progress', by: ['handler'], guard: '首次答复企业', reasonRequired: true },
  {
    from: 'in_progress',
    event: 'resolve',
    to: 'resolved',
    by: ['handler'],
    guard: '填写办理结果',
    reasonRequired: true,
  },
  {
    from: 'resolved',
    event: 'rate',
    to: 'closed',
    by: ['contact'],
    guard: '满意或基本满意；或第二次不满意（已重办过一次）',
  },
  {
    from: 'resolved',
    event: 'reopen',
    to: 'in_progress',
    by: ['contact'],
    guard: '不满意且此前未重办过（仅一次）',
  },
  ...BEFORE_RESOLUTION.map((from): DemandTransition => ({
    from,
    event: 'transfer',
    to: 'received',
    by: ['handler'],
    guard: '办结前，主办部门转交其他部门，须说明理由；重新计算期限',
    reasonRequired: true,
  })),
  ...BEFORE_RESOLUTION.map((from): DemandTransition => ({
    from,
    event: 'return',
    to: 'returned',
    by: ['handler'],
    guard: '办结前，经办人退回社工部重新分办，须说明理由',
    reasonRequired: true,
  })),
  {
    from: 'returned',
    event: 'reroute',
    to: 'received',
    by: ['staff'],
    guard: '社工部工作人员重新指定主办部门；重新计算期限',
  },
  {
    from: 'received',
    event: 'reroute',
    to: 'received',
    by: ['staff'],
    guard: '尚未签收时，社工部工作人员改派主办部门',
  },
  {
    from: 'resolved',
    event: 'close',
    to: 'closed',
    by: ['staff'],
    guard: '办结后企业超过 5 个工作日未评价',
  },
  ...OPEN_DEMAND_STATUSES.map((from): DemandTransition => ({
    from,
    event: 'project_resolve',
    to: 'resolved',
    by: ['system'],
    guard: '诉求所在的揭榜难题由揭榜项目完成结项（难题已解决）；企业随后照常评价',
  })),
];

/** Working days after resolution without a rating before staff may close a demand unrated. */
export const UNRATED_CLOSE_WORKDAYS = 5;

export function findDemandTransition(from: DemandStatus, event: DemandWorkflowEvent): DemandTransition | undefined {
  return DEMAND_WORKFLOW.find((t) => t.from === from && t.event === event);
}

/** Steps with a deadline: sign (签收), first reply (首次答复), resolution (办结). */
export const DEMAND_STEPS = {
  sign: { 'zh-CN': '签收', en: 'Sign-off' },
  reply: { 'zh-CN': '首次答复', en: 'First reply' },
  resolve: { 'zh-CN': '办结', en: 'Resolution' },
} satisfies Dict<string>;
export type DemandStep = keyof typeof DEMAND_STEPS;

/** Default working days per step when no route names them. */
export const DEFAULT_DEMAND_DAYS = { signDays: 1, replyDays: 3, resolveDays: 15 } as const;

// ——— Working-day calendar overrides ———

export const CALENDAR_DAY_KINDS = {
  holiday: { 'zh-CN': '放假', en: 'Holiday' },
  workday: { 'zh-CN': '调休上班', en: 'Working day' },
} satisfies Dict<string>;
export type CalendarDayKind = keyof typeof CALENDAR_DAY_KINDS;

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarDaySchema = z.object({
  date: dateSchema,
  kind: z.enum(['holiday', 'workday']),
  name: trimmed(40),
});
export const workCalendarBody = z.object({ days: z.array(calendarDaySchema).max(400) });
export type WorkCalendarBody = z.infer<typeof workCalendarBody>;
export const workCalendarView = z.object({
  year: z.number().int(),
  days: z.array(calendarDaySchema),
  /** Whether the built-in official calendar (chinese-days) knows this year. */
  builtIn: z.boolean(),
});
export type WorkCalendarView = z.infer<typeof workCalendarView>;

// ——— Departments and routing ———

const daysSchema = (max: number) => z.number().int().min(1, msg('invalid')).max(max, msg('invalid'));

export const departmentBody = z.object({
  name: trimmed(60),
  /** The county's Party-organisation node the department belongs to (its scope). */
  orgId: refId('partyOrg'),
  active: z.boolean().default(true),
  /** Handlers (经办人) of the department. */
  memberIds: z.array(refId('user')).max(100).default([]),
});
export type DepartmentBody = z.infer<typeof departmentBody>;
export const departmentUpdateBody = departmentBody.extend({ version: versionSchema });
export type DepartmentUpdateBody = z.infer<typeof departmentUpdateBody>;
export const departmentListQuery = z.object({
  orgId: refId('partyOrg').optional(),
  active: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});

export const departmentView = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  active: z.boolean(),
  members: z.array(z.object({ userId: z.string(), displayName: z.string() })),
  version: z.number().int(),
  abilities: z.array(z.enum(['update'])),
});
export type DepartmentView = z.infer<typeof departmentView>;
export const departmentPage = pageOf(departmentView);

export const demandRouteBody = z.object({
  orgId: refId('partyOrg'),
  category: z.enum(DEMAND_CATEGORY_CODES),
  departmentId: refId('department'),
  signDays: daysSchema(30).default(DEFAULT_DEMAND_DAYS.signDays),
  replyDays: daysSchema(60).default(DEFAULT_DEMAND_DAYS.replyDays),
  resolveDays: daysSchema(250).default(DEFAULT_DEMAND_DAYS.resolveDays),
});
export type DemandRouteBody = z.infer<typeof demandRouteBody>;
export const demandRouteUpdateBody = demandRouteBody.extend({ version: versionSchema });
export type DemandRouteUpdateBody = z.infer<typeof demandRouteUpdateBody>;
export const demandRouteListQuery = z.object({
  orgId: refId('partyOrg').optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export const demandRouteView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  category: z.enum(DEMAND_CATEGORY_CODES),
  departmentId: z.string(),
  departmentName: z.string(),
  signDays: z.number().int(),
  replyDays: z.number().int(),
  resolveDays: z.number().int(),
  version: z.number().int(),
  abilities: z.array(z.enum(['update'])),
});
export type DemandRouteView = z.infer<typeof demandRouteView>;
export const demandRoutePage = pageOf(demandRouteView);

// ——— Demands ———

const fenSchema = z.number().int().min(0).max(1e13);

export const demandCreateBody = z.object({
  hostOrgId: refId('hostOrg'),
  category: z.enum(DEMAND_CATEGORY_CODES),
  source: z.enum(DEMAND_SOURCE_CODES),
  title: trimmed(80),
  description: z.string().trim().min(1, msg('required')).max(3000, msg('too_long')),
  /** Amount asked (融资 funding applications), in fen. */
  amountAskedFen: fenSchema.nullish().transform((v) => v ?? null),
  /** The visit (走访) that raised it, if any. */
  visitId: refId('visit')
    .nullish()
    .transform((v) => v ?? null),
  /** Staff may name the lead department instead of the route's. */
  leadDepartmentId: refId('department')
    .nullish()
    .transform((v) => v ?? null),
  assistDepartmentIds: z.array(refId('department')).max(10).default([]),
});
export type DemandCreateBody = z.infer<typeof demandCreateBody>;

/**
 * A demand raised with a visit (走访时登记的诉求): the firm and the visit come from the visit itself,
 * never from the client. An amount asked only for 融资 (factor_finance).
 */
export const visitDemandItem = z
  .object({
    category: z.enum(DEMAND_CATEGORY_CODES),
    title: trimmed(80),
    description: trimmed(VISIT_DEMAND_DESCRIPTION_MAX),
    amountAskedFen: fenSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.amountAskedFen !== null && v.category !== 'factor_finance')
      ctx.addIssue({ code: 'custom', path: ['amountAskedFen'], message: 'amount_finance_only' });
  });
export type VisitDemandItem = z.infer<typeof visitDemandItem>;
export const visitDemandItems = z.array(visitDemandItem).max(VISIT_DEMANDS_MAX, msg('too_many')).default([]);

export const demandVersionBody = z.object({ version: versionSchema });
export const demandNoteBody = z.object({ version: versionSchema, note: trimmed(2000) });
export type DemandNoteBody = z.infer<typeof demandNoteBody>;
export const demandResolveBody = demandNoteBody.extend({
  amountGrantedFen: fenSchema.nullish().transform((v) => v ?? null),
});
export type DemandResolveBody = z.infer<typeof demandResolveBody>;
export const demandRateBody = z.object({
  version: versionSchema,
  rating: z.enum(DEMAND_RATING_CODES),
  note: optionalText(1000),
});
export type DemandRateBody = z.infer<typeof demandRateBody>;
export const demandTransferBody = demandNoteBody.extend({ departmentId: refId('department') });
export type DemandTransferBody = z.infer<typeof demandTransferBody>;
export const demandRerouteBody = z.object({
  version: versionSchema,
  departmentId: refId('department'),
  assistDepartmentIds: z.array(refId('department')).max(10).default([]),
  note: optionalText(1000),
});
export type DemandRerouteBody = z.infer<typeof demandRerouteBody>;

/** The figures' record filters (see ARCHITECTURE.md "Demand figures"); the list accepts them too. */
export const DEMAND_MEASURES = ['sign_due', 'signed_on_time', 'resolved', 'rated', 'satisfied'] as const;
export type DemandMeasure = (typeof DEMAND_MEASURES)[number];

export const demandListQuery = z.object({
  status: z.enum(DEMAND_STATUS_CODES).optional(),
  category: z.enum(DEMAND_CATEGORY_CODES).optional(),
  /** A category group (要素保障 = every factor_* category). */
  categoryGroup: z.enum(['factor']).optional(),
  /** Only demands still being handled (OPEN_DEMAND_STATUSES): not resolved, nor closed; these may go to the challenge board. */
  open: boolQuery,
  departmentId: refId('department').optional(),
  hostOrgId: refId('hostOrg').optional(),
  /** Firms whose managing Party organisation is this one or lies below it (a bound indicator's area). */
  orgId: idSchema.optional(),
  overdue: boolQuery,
  measure: z.enum(DEMAND_MEASURES).optional(),
  /** Received on or after / before (Asia/Shanghai dates). */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  q: z.string().trim().max(50).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type DemandListQuery = z.infer<typeof demandListQuery>;
export const demandExportQuery = demandListQuery.omit({ limit: true, cursor: true });
export type DemandExportQuery = z.infer<typeof demandExportQuery>;

export const DEMAND_ACTIONS = [
  'accept',
  'reply',
  'resolve',
  'transfer',
  'return',
  'rate',
  'reroute',
  'close',
  /** Staff who write a challenge board over the firm: the demand is open and on no challenge yet. */
  'post_to_board',
] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

const departmentRef = z.object({ id: z.string(), name: z.string() });

export const demandView = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  /** The firm's region (GB/T 2260), e.g. to pre-fill a challenge posted from the demand. */
  hostOrgRegionCode: z.string(),
  category: z.enum(DEMAND_CATEGORY_CODES),
  source: z.enum(DEMAND_SOURCE_CODES),
  visitId: z.string().nullable(),
  challengeId: z.string().nullable(),
  /** The challenge (揭榜) the demand is evidence of. */
  challenge: z.object({ id: z.string(), title: z.string(), status: z.enum(['open', 'claimed', 'solved']) }).nullable(),
  title: z.string(),
  description: z.string(),
  amountAskedFen: z.number().int().nullable(),
  amountGrantedFen: z.number().int().nullable(),
  status: z.enum(DEMAND_STATUS_CODES),
  leadDepartment: departmentRef.nullable(),
  assistDepartments: z.array(departmentRef),
  receivedOn: z.string(),
  signDueOn: z.string().nullable(),
  replyDueOn: z.string().nullable(),
  resolveDueOn: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  result: z.string().nullable(),
  ratedAt: z.string().nullable(),
  rating: z.enum(DEMAND_RATING_CODES).nullable(),
  closedAt: z.string().nullable(),
  reopenedCount: z.number().int(),
  escalatedAt: z.string().nullable(),
  /** The step now overdue, if any. */
  overdueStep: z.enum(['sign', 'reply', 'resolve']).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: z.array(z.enum(DEMAND_ACTIONS)),
});
export type DemandView = z.infer<typeof demandView>;
export const demandPage = pageOf(demandView);
export type DemandPage = z.infer<typeof demandPage>;

export const demandEventView = z.object({
  id: z.string(),
  kind: z.enum(DEMAND_EVENT_CODES),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  fromDepartmentName: z.string().nullable(),
  toDepartmentName: z.string().nullable(),
  at: z.string(),
});
export type DemandEventView = z.infer<typeof demandEventView>;
export const demandDetailView = demandView.extend({ timeline: z.array(demandEventView) });
export type DemandDetailView = z.infer<typeof demandDetailView>;

export const demandStatsQuery = z.object({
  groupBy: z.enum(['department', 'region']).default('department'),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type DemandStatsQuery = z.infer<typeof demandStatsQuery>;
export const demandStatsRow = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  signDue: z.number().int(),
  signedOnTime: z.number().int(),
  resolved: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  /** signedOnTime / signDue, null when nothing was due. */
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  meanHoursToFirstReply: z.number().nullable(),
  meanHoursToResolution: z.number().nullable(),
});
export type DemandStatsRow = z.infer<typeof demandStatsRow>;
export const demandStatsView = z.object({ rows: z.array(demandStatsRow), total: demandStatsRow });
export type DemandStatsView = z.infer<typeof demandStatsView>;
