import { z } from 'zod';
import { cursorSchema, dateSchema, idSchema, optionalText, refId, trimmed, versionSchema } from './common';
import type { Dict } from './dicts';
import { PROJECT_RATING_CODES, type ProjectRating } from './projects';
import { addDays, quarterEnd, type QuarterRef } from './quarters';

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
export interface ProgressView {
  id: string;
  text: string;
  attachments: AttachmentView[];
  authorName: string;
  at: string;
  /**
   * The quarter a filed quarterly report reports on, when this post is that report in the feed
   * (posted on filing, usually in the following quarter); null for an ordinary post.
   */
  report: QuarterRef | null;
}

export const milestoneCompleteBody = z.object({
  evidence: trimmed(2000),
  completedOn: dateSchema,
  attachmentIds: z.array(refId('attachment')).max(20).default([]),
  version: versionSchema,
});
export type MilestoneCompleteBody = z.infer<typeof milestoneCompleteBody>;
export interface MilestoneView {
  id: string;
  name: string;
  dueDate: string;
  completedOn: string | null;
  evidence: string | null;
  attachments: AttachmentView[];
  overdue: boolean;
  version: number;
}

export const indicatorActualBody = z.object({
  value: z.coerce.number().min(0).max(1e9),
  recordedOn: dateSchema,
  note: optionalText(500),
});
export type IndicatorActualBody = z.infer<typeof indicatorActualBody>;
export interface IndicatorView {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  /** Latest recorded value (baseline when none). */
  actual: number;
  /** (actual − baseline) / (target − baseline), 0–1+ ; null when target equals baseline. */
  progress: number | null;
  history: { value: number; recordedOn: string; note: string | null; byName: string }[];
}

// ——— Quarterly reports (季度分析) ———

export const REPORT_STATUSES = {
  pending: { 'zh-CN': '待报送', en: 'Pending' },
  filed: { 'zh-CN': '已报送', en: 'Filed' },
  rated: { 'zh-CN': '已评定', en: 'Rated' },
} satisfies Dict<string>;
export type ReportStatus = keyof typeof REPORT_STATUSES;

export const quarterlyReportBody = z.object({
  year: z.coerce.number().int().min(2020).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
  progress: trimmed(5000),
  crux: trimmed(3000),
  nextPlan: trimmed(3000),
  indicatorValues: z
    .array(z.object({ indicatorId: refId('indicator'), value: z.coerce.number().min(0).max(1e9) }))
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

export interface QuarterlyReportView {
  id: string;
  projectId: string;
  projectTitle: string;
  projectCode: string | null;
  year: number;
  quarter: number;
  dueDate: string;
  status: ReportStatus;
  /** First day the report may be filed (the first day of the quarter's last month). */
  opensOn: string;
  overdue: boolean;
  /** Filed after its due date. */
  filedLate: boolean;
  progress: string | null;
  crux: string | null;
  nextPlan: string | null;
  indicatorValues: { indicatorId: string; name: string; unit: string; value: number }[];
  attachments: AttachmentView[];
  filedAt: string | null;
  filedByName: string | null;
  rating: ProjectRating | null;
  ratingComment: string | null;
  ratedByName: string | null;
  ratedAt: string | null;
  version: number;
  abilities: string[];
}

/** A campaign's quarter at a glance: one row per approved project. */
export const quarterOverviewQuery = z.object({
  campaignId: idSchema,
  year: z.coerce.number().int().min(2020).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});
export interface QuarterOverview {
  campaignId: string;
  year: number;
  quarter: number;
  dueDate: string;
  totals: {
    projects: number;
    pending: number;
    filed: number;
    rated: number;
    overdue: number;
    onTrack: number;
    lagging: number;
    atRisk: number;
  };
  rows: {
    projectId: string;
    code: string | null;
    title: string;
    orgName: string;
    regionName: string;
    secretaryName: string;
    reportId: string | null;
    /** 'missing': no report is due for this quarter (e.g. approved after it). */
    status: ReportStatus | 'missing';
    dueDate: string | null;
    overdue: boolean;
    filedAt: string | null;
    filedLate: boolean;
    rating: ProjectRating | null;
    openSupervision: number;
  }[];
}

// ——— Supervision notices (督办) ———

export const SUPERVISION_STATUSES = {
  open: { 'zh-CN': '待答复', en: 'Awaiting answer' },
  answered: { 'zh-CN': '已答复', en: 'Answered' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
} satisfies Dict<string>;
export type SupervisionStatus = keyof typeof SUPERVISION_STATUSES;

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
export interface SupervisionView {
  id: string;
  projectId: string;
  projectTitle: string;
  reportId: string | null;
  content: string;
  answerBy: string;
  issuedByName: string;
  issuedAt: string;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  closeComment: string | null;
  status: SupervisionStatus;
  overdue: boolean;
  version: number;
  abilities: string[];
}

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
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** What the file picker offers (the server decides by content, not by this list). */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';

export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  url: string;
  uploadedAt: string;
}
