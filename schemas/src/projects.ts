import { z } from 'zod';
import {
  boolQuery,
  dateSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  trimmed,
  versionSchema,
  requiredNumber,
} from './common';
import { TARGET_GROUP_CODES } from './campaigns';
import { figureBindingFields } from './indicators';
import { pageOf } from './contract';
import type { Dict } from './dicts';
import type { Role } from './roles';

// ——— Workflow ———

export const PROJECT_STATUSES = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已申报', en: 'Submitted' },
  in_review: { 'zh-CN': '研判中', en: 'In review' },
  returned: { 'zh-CN': '退回重新申报', en: 'Returned for re-declaration' },
  rejected: { 'zh-CN': '不予立项', en: 'Rejected' },
  approved: { 'zh-CN': '已立项（实施中）', en: 'Approved (in progress)' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  terminated: { 'zh-CN': '已终止', en: 'Terminated' },
} satisfies Dict<string>;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;
export const PROJECT_STATUS_CODES = Object.keys(PROJECT_STATUSES) as [ProjectStatus, ...ProjectStatus[]];

export const PROJECT_EVENTS = {
  submit: { 'zh-CN': '提交申报', en: 'Submit' },
  withdraw: { 'zh-CN': '撤回申报', en: 'Withdraw' },
  schedule: { 'zh-CN': '列入研判会', en: 'Put on a review agenda' },
  unschedule: { 'zh-CN': '移出研判会', en: 'Take off the agenda' },
  approve: { 'zh-CN': '批准立项', en: 'Approve' },
  return: { 'zh-CN': '退回重新申报', en: 'Return for re-declaration' },
  reject: { 'zh-CN': '不予立项', en: 'Reject' },
  resubmit: { 'zh-CN': '重新申报', en: 'Resubmit' },
  complete: { 'zh-CN': '完成结项', en: 'Complete' },
  terminate: { 'zh-CN': '终止项目', en: 'Terminate' },
} satisfies Dict<string>;
export type ProjectEvent = keyof typeof PROJECT_EVENTS;

/**
 * Who may fire an event. `secretary` means the secretary bound to the declaring organisation;
 * `staff` means 社工部 staff whose scope covers it; `system` means only another workflow (e.g. the
 * review meeting closing) fires it.
 */
export type WorkflowActor = 'secretary' | 'staff' | 'system';

export interface Transition {
  from: ProjectStatus;
  event: ProjectEvent;
  to: ProjectStatus;
  by: readonly WorkflowActor[];
  /** What must hold, in words (the service checks it; the table documents it). */
  guard: string;
  /** A reason is mandatory for this event. */
  reasonRequired?: boolean;
}

/** The project workflow: state × event → next state, who may fire it, and its guard. */
export const PROJECT_WORKFLOW: readonly Transition[] = [
  { from: 'draft', event: 'submit', to: 'submitted', by: ['secretary'], guard: '申报时间窗口内，且申报书必填内容完整' },
  { from: 'submitted', event: 'withdraw', to: 'draft', by: ['secretary'], guard: '尚未列入研判会' },
  { from: 'submitted', event: 'schedule', to: 'in_review', by: ['staff'], guard: '研判会未结束' },
  { from: 'in_review', event: 'unschedule', to: 'submitted', by: ['staff'], guard: '研判会未结束' },
  { from: 'in_review', event: 'approve', to: 'approved', by: ['system'], guard: '研判会主持人作出决定并结束会议' },
  {
    from: 'in_review',
    event: 'return',
    to: 'returned',
    by: ['system'],
    guard: '研判会主持人作出决定并结束会议',
    reasonRequired: true,
  },
  {
    from: 'in_review',
    event: 'reject',
    to: 'rejected',
    by: ['system'],
    guard: '研判会主持人作出决定并结束会议',
    reasonRequired: true,
  },
  {
    from: 'returned',
    event: 'resubmit',
    to: 'submitted',
    by: ['secretary'],
    guard: '申报书必填内容完整（形成新版本）',
  },
  {
    from: 'approved',
    event: 'complete',
    to: 'completed',
    by: ['secretary', 'staff'],
    guard: '填写结项总结和各指标最终值',
    reasonRequired: false,
  },
  {
    from: 'approved',
    event: 'terminate',
    to: 'terminated',
    by: ['staff'],
    guard: '说明终止原因',
    reasonRequired: true,
  },
];

export function findTransition(from: ProjectStatus, event: ProjectEvent): Transition | undefined {
  return PROJECT_WORKFLOW.find((t) => t.from === from && t.event === event);
}

/** States in which the declaration content may be edited. */
export const EDITABLE_STATUSES: readonly ProjectStatus[] = ['draft', 'returned'];

// ——— Declaration content (one version of the 申报书) ———

export const milestoneSchema = z.object({
  name: trimmed(60),
  dueDate: dateSchema,
});
export const indicatorSchema = z
  .object({
    name: trimmed(40),
    unit: trimmed(10),
    baseline: requiredNumber((n) => n.min(0).max(1e9)),
    target: requiredNumber((n) => n.min(0).max(1e9)),
    /** Bound to a service figure (its actual follows the records), or null: entered by hand. */
    ...figureBindingFields,
  })
  .refine((i) => !i.figureFrom || !i.figureTo || i.figureFrom <= i.figureTo, {
    message: 'invalid',
    path: ['figureTo'],
  });
export const teamMemberSchema = z.object({
  name: trimmed(20),
  role: optionalText(30),
  userId: refId('user')
    .nullish()
    .transform((v) => v ?? null),
});

/** The declaration form. Drafts may be partial; submitting checks completeness (see `declarationProblems`). */
export const declarationContentSchema = z.object({
  title: trimmed(80),
  theme: z.string().max(32).default(''),
  targetGroup: z
    .enum(TARGET_GROUP_CODES)
    .nullish()
    .transform((v) => v ?? null),
  problem: z.string().trim().max(3000).default(''),
  challengeId: refId('challenge')
    .nullish()
    .transform((v) => v ?? null),
  reachCount: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .nullish()
    .transform((v) => v ?? null),
  reachUnit: z.string().trim().max(10).default(''),
  reachRationale: z.string().trim().max(2000).default(''),
  objectives: z.string().trim().max(3000).default(''),
  measures: z.string().trim().max(5000).default(''),
  milestones: z.array(milestoneSchema).max(30).default([]),
  indicators: z.array(indicatorSchema).max(20).default([]),
  team: z.array(teamMemberSchema).max(30).default([]),
  partners: z.array(trimmed(40)).max(20).default([]),
  fundingFen: z.coerce
    .number()
    .int()
    .min(0)
    .max(1e12)
    .nullish()
    .transform((v) => v ?? null),
  fundingSource: z.string().trim().max(200).default(''),
  attachmentIds: z.array(refId('attachment')).max(20).default([]),
});
export type DeclarationContent = z.infer<typeof declarationContentSchema>;

/** Field-level problems that keep a declaration from being submitted (keys of FIELD_MESSAGES). */
export function declarationProblems(
  c: DeclarationContent,
  themes: readonly string[],
): Record<string, 'required' | 'invalid'> {
  const p: Record<string, 'required' | 'invalid'> = {};
  if (!c.theme) p.theme = 'required';
  else if (!themes.includes(c.theme)) p.theme = 'invalid';
  if (!c.targetGroup) p.targetGroup = 'required';
  if (!c.problem) p.problem = 'required';
  if (c.reachCount === null) p.reachCount = 'required';
  if (!c.reachRationale) p.reachRationale = 'required';
  if (!c.objectives) p.objectives = 'required';
  if (!c.measures) p.measures = 'required';
  if (c.milestones.length === 0) p.milestones = 'required';
  if (c.indicators.length === 0) p.indicators = 'required';
  return p;
}

/** Labels of the content fields, for the version comparison. */
export const DECLARATION_FIELDS = {
  title: { 'zh-CN': '项目名称', en: 'Title' },
  theme: { 'zh-CN': '选题方向', en: 'Theme' },
  targetGroup: { 'zh-CN': '服务对象', en: 'Target group' },
  problem: { 'zh-CN': '拟解决的问题', en: 'Problem addressed' },
  challengeId: { 'zh-CN': '揭榜难题', en: 'Claimed challenge' },
  reachCount: { 'zh-CN': '覆盖数量', en: 'Reach' },
  reachUnit: { 'zh-CN': '覆盖单位', en: 'Reach unit' },
  reachRationale: { 'zh-CN': '全局性说明', en: 'Why it solves a class of problems' },
  objectives: { 'zh-CN': '目标', en: 'Objectives' },
  measures: { 'zh-CN': '主要措施', en: 'Measures' },
  milestones: { 'zh-CN': '节点安排', en: 'Milestones' },
  indicators: { 'zh-CN': '量化指标', en: 'Indicators' },
  team: { 'zh-CN': '项目团队', en: 'Team' },
  partners: { 'zh-CN': '协同部门', en: 'Partner departments' },
  fundingFen: { 'zh-CN': '经费（分）', en: 'Funding (fen)' },
  fundingSource: { 'zh-CN': '经费来源', en: 'Funding source' },
  attachmentIds: { 'zh-CN': '附件', en: 'Attachments' },
} satisfies Dict<keyof DeclarationContent>;

export interface ContentChange {
  field: keyof DeclarationContent;
  before: unknown;
  after: unknown;
}

/** Field-by-field comparison of two versions of a declaration. */
export function compareDeclarations(a: DeclarationContent, b: DeclarationContent): ContentChange[] {
  const out: ContentChange[] = [];
  for (const field of Object.keys(DECLARATION_FIELDS) as (keyof DeclarationContent)[]) {
    if (JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null)) {
      out.push({ field, before: a[field] ?? null, after: b[field] ?? null });
    }
  }
  return out;
}

// ——— Requests ———

/** Creating a draft: the declaring organisation and the campaign; content may be partial. */
export const projectCreateBody = z.object({
  campaignId: refId('campaign'),
  orgId: refId('partyOrg'),
  content: declarationContentSchema,
});
export const projectSaveBody = z.object({ content: declarationContentSchema, version: versionSchema });
export const projectEventBody = z.object({
  version: versionSchema,
  reason: z.string().trim().max(2000).optional(),
});
export const projectCompleteBody = z.object({
  version: versionSchema,
  summary: trimmed(5000),
  /** One value per manual indicator (the server checks every one is given); bound ones follow the records. */
  finalValues: z
    .array(z.object({ indicatorId: refId('indicator'), value: requiredNumber((n) => n.min(0).max(1e9)) }))
    .max(20),
});
export const versionCompareQuery = z.object({ a: z.coerce.number().int().min(1), b: z.coerce.number().int().min(1) });

export const PROJECT_RATINGS = {
  on_track: { 'zh-CN': '进展顺利', en: 'On track' },
  lagging: { 'zh-CN': '进度滞后', en: 'Lagging' },
  at_risk: { 'zh-CN': '存在风险', en: 'At risk' },
} satisfies Dict<string>;
export type ProjectRating = keyof typeof PROJECT_RATINGS;
export const PROJECT_RATING_CODES = Object.keys(PROJECT_RATINGS) as [ProjectRating, ...ProjectRating[]];

/** How a quarterly report stands against its due date (the project list's `report` filter, the dashboards). */
export const REPORT_TIMELINESS = {
  on_time: { 'zh-CN': '按时报送', en: 'Filed on time' },
  late: { 'zh-CN': '逾期报送', en: 'Filed late' },
  missing: { 'zh-CN': '逾期未报', en: 'Missing (past due)' },
} satisfies Dict<string>;
export type ReportTimeliness = keyof typeof REPORT_TIMELINESS;
export const REPORT_TIMELINESS_CODES = Object.keys(REPORT_TIMELINESS) as [ReportTimeliness, ...ReportTimeliness[]];

/** A 督办 notice still open (awaiting or answered) or closed (the project list's `supervision` filter). */
export const SUPERVISION_STATES = {
  open: { 'zh-CN': '督办未办结', en: 'Supervision open' },
  closed: { 'zh-CN': '督办已办结', en: 'Supervision closed' },
} satisfies Dict<string>;
export type SupervisionState = keyof typeof SUPERVISION_STATES;
export const SUPERVISION_STATE_CODES = Object.keys(SUPERVISION_STATES) as [SupervisionState, ...SupervisionState[]];

export const projectListQuery = z.object({
  campaignId: idSchema.optional(),
  theme: z.string().max(32).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  status: z.enum(PROJECT_STATUS_CODES).optional(),
  targetGroup: z.enum(TARGET_GROUP_CODES).optional(),
  /** The latest quarterly rating. */
  rating: z.enum(PROJECT_RATING_CODES).optional(),
  overdue: boolQuery,
  /**
   * Quarterly reports: a project with a report due between `reportFrom` and `reportTo` (both included,
   * either optional) that was filed on time / filed late / is still pending past its due date
   * (`report`), or was rated `reportRating`. Any of the four alone narrows the list.
   */
  reportFrom: dateSchema.optional(),
  reportTo: dateSchema.optional(),
  report: z.enum(REPORT_TIMELINESS_CODES).optional(),
  reportRating: z.enum(PROJECT_RATING_CODES).optional(),
  /** 督办: a project with a notice issued between these dates (Beijing) that is now open / closed. */
  supervision: z.enum(SUPERVISION_STATE_CODES).optional(),
  supervisionFrom: dateSchema.optional(),
  supervisionTo: dateSchema.optional(),
  q: z.string().trim().max(60).optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  /** `code|id` after an approved (coded) project, `id` after one without a code (see the list's order). */
  cursor: z
    .string()
    .max(100)
    .regex(/^(?:[A-Z]{2,6}-\d{4}-\d{3,6}\|)?[0-9A-Za-z_-]{10,40}$/, msg('invalid'))
    .optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

// ——— Replies ———

const textView = z.string().nullable();
const countView = z.number().int();

/** A declaration as the API answers it (the stored content, read through `declarationContentSchema`). */
export const declarationContentView = z.object({
  title: z.string(),
  theme: z.string(),
  targetGroup: z.enum(TARGET_GROUP_CODES).nullable(),
  problem: z.string(),
  challengeId: textView,
  reachCount: countView.nullable(),
  reachUnit: z.string(),
  reachRationale: z.string(),
  objectives: z.string(),
  measures: z.string(),
  milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
  indicators: z.array(
    z.object({
      name: z.string(),
      unit: z.string(),
      baseline: z.number(),
      target: z.number(),
      figure: textView,
      figureFrom: textView,
      figureTo: textView,
      figureOrgId: textView,
    }),
  ),
  team: z.array(z.object({ name: z.string(), role: textView, userId: textView })),
  partners: z.array(z.string()),
  fundingFen: countView.nullable(),
  fundingSource: z.string(),
  attachmentIds: z.array(z.string()),
});

export const projectListItem = z.object({
  id: z.string(),
  code: textView,
  title: z.string(),
  status: z.enum(PROJECT_STATUS_CODES),
  campaignId: z.string(),
  campaignName: z.string(),
  theme: z.string(),
  themeName: z.string(),
  targetGroup: z.enum(TARGET_GROUP_CODES).nullable(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  secretaryName: z.string(),
  versionNo: countView,
  latestRating: z.enum(PROJECT_RATING_CODES).nullable(),
  overdueReports: countView,
  submittedAt: textView,
  approvedAt: textView,
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type ProjectListItem = z.infer<typeof projectListItem>;
export const projectPage = pageOf(projectListItem);

const PROJECT_EVENT_CODES = Object.keys(PROJECT_EVENTS) as [ProjectEvent, ...ProjectEvent[]];
export const timelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  event: z.enum([...PROJECT_EVENT_CODES, 'create', 'save']),
  from: z.enum(PROJECT_STATUS_CODES).nullable(),
  to: z.enum(PROJECT_STATUS_CODES),
  actorName: z.string(),
  reason: textView,
});
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const timelineView = z.object({ items: z.array(timelineEntry) });

export const projectView = projectListItem.extend({
  content: declarationContentView,
  challengeTitle: textView,
  completionSummary: textView,
  terminationReason: textView,
  /** Required changes of the latest return, or the reason of a rejection. */
  lastDecisionNote: textView,
  version: countView,
});
export type ProjectView = z.infer<typeof projectView>;

export const declarationVersionView = z.object({
  versionNo: countView,
  content: declarationContentView,
  submittedAt: z.string(),
  submittedByName: z.string(),
  /** The review decision this version received, if any. */
  decision: z.enum(['approve', 'return', 'reject']).nullable(),
  decisionNote: textView,
});
export type DeclarationVersionView = z.infer<typeof declarationVersionView>;
export const declarationVersionsView = z.object({ items: z.array(declarationVersionView) });

const DECLARATION_FIELD_CODES = Object.keys(DECLARATION_FIELDS) as [
  keyof DeclarationContent,
  ...(keyof DeclarationContent)[],
];
/** Two versions compared field by field (`before`/`after` are the fields' values, of any shape). */
export const versionComparisonView = z.object({
  a: countView,
  b: countView,
  changes: z.array(z.object({ field: z.enum(DECLARATION_FIELD_CODES), before: z.unknown(), after: z.unknown() })),
});

/** Roles that act as the declaring secretary (the project's own team may read). */
export const PROJECT_OWNER_ROLES: readonly Role[] = ['secretary'];
