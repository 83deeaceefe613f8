import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  optionalText,
  refId,
  trimmed,
  versionSchema,
  requiredNumber,
} from './common';
import { itemsOf, pageOf } from './contract';
import type { Dict } from './dicts';
import { indicatorBindingView } from './indicators';
import { PROJECT_RATING_CODES } from './projects';
import { addDays, quarterEnd, type QuarterRef } from './quarters';

// Answers (output schemas): plain types, unlike the request validators, which trim and transform.
const text = z.string().nullable();
const int = z.number().int();
const abilities = z.array(z.string());
/** A quarter of a year, as `QuarterRef`. */
const quarterRefView = z.object({ year: int, quarter: z.literal([1, 2, 3, 4]) });

// ——— Attachments (answer of an upload; listed on the records they are attached to) ———

export const attachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: int,
  /** Where the file is read: GET /api/attachments/:id. */
  url: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;
const attachmentList = z.array(attachmentView);

// ——— Progress, milestones, indicators ———

export const milestoneParams = z.object({ id: idSchema, milestoneId: idSchema });
export const indicatorParams = z.object({ id: idSchema, indicatorId: idSchema });

export const progressCreateBody = z.object({
  text: trimmed(5000),
  attachmentIds: z.array(refId('attachment')).max(20).default([]),
});
export type ProgressCreateBody = z.infer<typeof progressCreateBody>;
export const progressListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: cursorSchema,
});
export const progressView = z.object({
  id: z.string(),
  text: z.string(),
  attachments: attachmentList,
  authorName: z.string(),
  at: z.string(),
  /**
   * The quarter a filed quarterly report reports on, when this post is that report in the feed
   * (posted on filing, usually in the following quarter); null for an ordinary post.
   */
  report: quarterRefView.nullable(),
});
export type ProgressView = z.infer<typeof progressView>;
export const progressPage = pageOf(progressView);

export const milestoneCompleteBody = z.object({
  evidence: trimmed(2000),
  completedOn: dateSchema,
  attachmentIds: z.array(refId('attachment')).max(20).default([]),
  version: versionSchema,
});
export type MilestoneCompleteBody = z.infer<typeof milestoneCompleteBody>;
export const milestoneView = z.object({
  id: z.string(),
  name: z.string(),
  dueDate: z.string(),
  completedOn: text,
  evidence: text,
  attachments: attachmentList,
  overdue: z.boolean(),
  version: int,
});
export type MilestoneView = z.infer<typeof milestoneView>;
export const milestoneList = itemsOf(milestoneView);

export const indicatorActualBody = z.object({
  value: requiredNumber((n) => n.min(0).max(1e9)),
  recordedOn: dateSchema,
  note: optionalText(500),
});
export type IndicatorActualBody = z.infer<typeof indicatorActualBody>;
export const indicatorView = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  /** Latest recorded value (baseline when none). */
  actual: z.number(),
  /** (actual − baseline) / (target − baseline), 0–1+ ; null when target equals baseline. */
  progress: z.number().nullable(),
  history: z.array(z.object({ value: z.number(), recordedOn: z.string(), note: text, byName: z.string() })),
  /**
   * Bound to a service figure: `actual` is counted from the records on every read (history stays
   * empty) and `binding.link` lists the rows counted; null for an indicator entered by hand.
   */
  binding: indicatorBindingView.nullable(),
  /** The indicator's version (its area is set with it: PUT …/indicators/:indicatorId/area). */
  version: z.number().int(),
});
export type IndicatorView = z.infer<typeof indicatorView>;
export const indicatorList = itemsOf(indicatorView);

// ——— Quarterly reports (季度分析) ———

export const REPORT_STATUSES = {
  pending: { 'zh-CN': '待报送', en: 'Pending' },
  filed: { 'zh-CN': '已报送', en: 'Filed' },
  rated: { 'zh-CN': '已评定', en: 'Rated' },
} satisfies Dict<string>;
export type ReportStatus = keyof typeof REPORT_STATUSES;
export const REPORT_STATUS_CODES = Object.keys(REPORT_STATUSES) as [ReportStatus, ...ReportStatus[]];

export const quarterlyReportBody = z.object({
  year: requiredNumber((n) => n.int().min(2020).max(2100)),
  quarter: requiredNumber((n) => n.int().min(1).max(4)),
  progress: trimmed(5000),
  crux: trimmed(3000),
  nextPlan: trimmed(3000),
  indicatorValues: z
    .array(z.object({ indicatorId: refId('indicator'), value: requiredNumber((n) => n.min(0).max(1e9)) }))
    .default([]),
  attachmentIds: z.array(refId('attachment')).max(20).default([]),
});
export type QuarterlyReportBody = z.infer<typeof quarterlyReportBody>;

export const reportRateBody = z.object({
  rating: z.enum(PROJECT_RATING_CODES),
  comment: trimmed(2000),
  version: versionSchema,
});
export type ReportRateBody = z.infer<typeof reportRateBody>;

/**
 * A quarter's report may be filed from the first day of the quarter's last month (e.g. Q1 from
 * 03-01), so a project can report on a quarter that is nearly over but not on one just begun.
 */
export function reportOpensOn(q: QuarterRef): string {
  return `${quarterEnd(q).slice(0, 8)}01`;
}

/** A report is overdue while it is pending after its due date (dates in Asia/Shanghai). */
export const reportOverdue = (status: string, dueDate: string, today: string): boolean =>
  status === 'pending' && dueDate < today;

/** Filed after the due date: stays visible on the report after it is filed. */
export const filedLate = (dueDate: string, filedOn: string | null): boolean => !!filedOn && filedOn > dueDate;

/** Reminder window: a pending report due today or within the next `days` days. */
export const reportDueSoon = (status: string, dueDate: string, today: string, days = 3): boolean =>
  status === 'pending' && dueDate >= today && dueDate <= addDays(today, days);

const ratingView = z.enum(PROJECT_RATING_CODES).nullable();

export const quarterlyReportView = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  projectCode: text,
  year: int,
  quarter: int,
  dueDate: z.string(),
  status: z.enum(REPORT_STATUS_CODES),
  /** First day the report may be filed (the first day of the quarter's last month). */
  opensOn: z.string(),
  overdue: z.boolean(),
  /** Filed after its due date. */
  filedLate: z.boolean(),
  progress: text,
  crux: text,
  nextPlan: text,
  indicatorValues: z.array(
    z.object({ indicatorId: z.string(), name: z.string(), unit: z.string(), value: z.number() }),
  ),
  attachments: attachmentList,
  filedAt: text,
  filedByName: text,
  rating: ratingView,
  ratingComment: text,
  ratedByName: text,
  ratedAt: text,
  version: int,
  abilities,
});
export type QuarterlyReportView = z.infer<typeof quarterlyReportView>;
export const quarterlyReportList = itemsOf(quarterlyReportView);

/** A campaign's quarter at a glance: one row per approved project. */
export const quarterOverviewQuery = z.object({
  campaignId: idSchema,
  year: z.coerce.number().int().min(2020).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});
export const quarterOverview = z.object({
  campaignId: z.string(),
  year: int,
  quarter: int,
  dueDate: z.string(),
  totals: z.object({
    projects: int,
    pending: int,
    filed: int,
    rated: int,
    overdue: int,
    onTrack: int,
    lagging: int,
    atRisk: int,
  }),
  rows: z.array(
    z.object({
      projectId: z.string(),
      code: text,
      title: z.string(),
      orgName: z.string(),
      regionName: z.string(),
      secretaryName: z.string(),
      reportId: text,
      /** 'missing': no report is due for this quarter (e.g. approved after it). */
      status: z.enum([...REPORT_STATUS_CODES, 'missing']),
      dueDate: text,
      overdue: z.boolean(),
      filedAt: text,
      filedLate: z.boolean(),
      rating: ratingView,
      openSupervision: int,
    }),
  ),
});
export type QuarterOverview = z.infer<typeof quarterOverview>;

// ——— Supervision notices (督办) ———

export const SUPERVISION_STATUSES = {
  open: { 'zh-CN': '待答复', en: 'Awaiting answer' },
  answered: { 'zh-CN': '已答复', en: 'Answered' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
} satisfies Dict<string>;
export type SupervisionStatus = keyof typeof SUPERVISION_STATUSES;
export const SUPERVISION_STATUS_CODES = Object.keys(SUPERVISION_STATUSES) as [
  SupervisionStatus,
  ...SupervisionStatus[],
];

export const supervisionCreateBody = z.object({
  reportId: refId('report')
    .nullish()
    .transform((v) => v ?? null),
  content: trimmed(2000),
  answerBy: dateSchema,
});
export type SupervisionCreateBody = z.infer<typeof supervisionCreateBody>;
export const supervisionAnswerBody = z.object({ answer: trimmed(3000), version: versionSchema });
export type SupervisionAnswerBody = z.infer<typeof supervisionAnswerBody>;
export const supervisionCloseBody = z.object({ comment: optionalText(1000), version: versionSchema });
export type SupervisionCloseBody = z.infer<typeof supervisionCloseBody>;
export const supervisionView = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  reportId: text,
  content: z.string(),
  answerBy: z.string(),
  issuedByName: z.string(),
  issuedAt: z.string(),
  answer: text,
  answeredByName: text,
  answeredAt: text,
  closeComment: text,
  status: z.enum(SUPERVISION_STATUS_CODES),
  overdue: z.boolean(),
  version: int,
  abilities,
});
export type SupervisionView = z.infer<typeof supervisionView>;
export const supervisionList = itemsOf(supervisionView);

// ——— Attachments ———

export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;
/** The largest file any upload takes (defined with the plain values: the light pages check it too). */
export { ATTACHMENT_MAX_BYTES } from './dicts';
/** What the file picker offers (the server decides by content, not by this list). */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
