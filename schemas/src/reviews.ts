import { z } from 'zod';
import {
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
import type { Criterion, TargetGroup } from './campaigns';
import type { Dict } from './dicts';
import type { ProjectStatus } from './projects';

export const MEETING_STATUSES = {
  open: { 'zh-CN': '进行中', en: 'Open' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
} satisfies Dict<string>;
export type MeetingStatus = keyof typeof MEETING_STATUSES;

export const DECISIONS = {
  approve: { 'zh-CN': '批准立项', en: 'Approve' },
  return: { 'zh-CN': '退回重新申报', en: 'Return for re-declaration' },
  reject: { 'zh-CN': '不予立项', en: 'Reject' },
} satisfies Dict<string>;
export type Decision = keyof typeof DECISIONS;
export const DECISION_CODES = Object.keys(DECISIONS) as [Decision, ...Decision[]];

const meetingFields = {
  title: trimmed(80),
  meetingDate: dateSchema,
  place: trimmed(100),
  chairUserId: refId('user'),
  reviewerIds: z.array(refId('user')).min(1, msg('required')).max(30),
  note: optionalText(1000),
};
export const meetingCreateBody = z.object({ ...meetingFields, campaignId: refId('campaign') });
export const meetingUpdateBody = z.object({ ...meetingFields, version: versionSchema });
export type MeetingCreateBody = z.infer<typeof meetingCreateBody>;
export type MeetingUpdateBody = z.infer<typeof meetingUpdateBody>;

export const meetingListQuery = z.object({
  campaignId: idSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** Put submitted declarations on the agenda (or take one off before the meeting closes). */
export const agendaAddBody = z.object({ projectIds: z.array(refId('project')).min(1, msg('required')).max(100) });
export const agendaItemParams = z.object({ id: idSchema, itemId: idSchema });

/** A reviewer's judgement on one agenda item: 1–5 per criterion of the campaign, with a comment. */
export const judgementBody = z.object({
  scores: z.record(z.string().max(32), z.coerce.number().int().min(1, msg('too_small')).max(5, msg('too_big'))),
  comment: optionalText(2000),
});
export type JudgementBody = z.infer<typeof judgementBody>;

/** The chair's decision; a return needs the required changes, a rejection a reason. */
export const decisionBody = z
  .object({ decision: z.enum(DECISION_CODES), note: optionalText(2000) })
  .superRefine((v, ctx) => {
    if (v.decision !== 'approve' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  });
export type DecisionBody = z.infer<typeof decisionBody>;

export const meetingCloseBody = z.object({ version: versionSchema });

export interface JudgementView {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string | null;
  at: string;
}

/** The declaration as the reviewers see it on the agenda (the submitted version's essentials). */
export interface AgendaDeclaration {
  themeName: string;
  targetGroup: TargetGroup | null;
  problem: string;
  objectives: string;
  measures: string;
  reachCount: number | null;
  reachUnit: string;
  reachRationale: string;
  indicators: { name: string; unit: string; baseline: number; target: number }[];
  fundingFen: number | null;
}

export interface AgendaItemView {
  id: string;
  position: number;
  projectId: string;
  projectTitle: string;
  projectStatus: ProjectStatus;
  orgName: string;
  regionName: string;
  secretaryName: string;
  submittedAt: string | null;
  versionNo: number;
  declaration: AgendaDeclaration;
  /** Judgements this user may see: all for staff and the chair, only their own for a reviewer. */
  judgements: JudgementView[];
  /** Mean per criterion over the judgements shown (one decimal). */
  averages: Record<string, number>;
  /** Mean of every score shown, or null when there is none. */
  overall: number | null;
  /** How many reviewers have judged this item (null when the user sees only their own). */
  judgementCount: number | null;
  /** The chair's decision: shown to staff and the chair, and to everyone once the meeting is closed. */
  decision: Decision | null;
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  projectCode: string | null;
}

export interface MeetingView {
  id: string;
  campaignId: string;
  campaignName: string;
  campaignOrgName: string;
  title: string;
  meetingDate: string;
  place: string;
  chairUserId: string;
  chairName: string;
  /** Everyone assigned to judge (the chair is always among them). */
  reviewers: { id: string; name: string }[];
  note: string | null;
  status: MeetingStatus;
  closedAt: string | null;
  criteria: Criterion[];
  items: AgendaItemView[];
  version: number;
  createdAt: string;
  /**
   * What this user may do: update, addItems, removeItems (staff of the campaign, while open);
   * judge (assigned reviewer, while open); decide, close (chair or staff, while open);
   * seeAll (all judgements and pending decisions); minutes (export and print the minutes).
   */
  abilities: string[];
}

export interface MeetingListItem {
  id: string;
  campaignId: string;
  campaignName: string;
  title: string;
  meetingDate: string;
  place: string;
  chairName: string;
  reviewerCount: number;
  status: MeetingStatus;
  itemCount: number;
  decidedCount: number;
  /** Items the user has judged, when they are a reviewer of the meeting; null otherwise. */
  judgedByMe: number | null;
  abilities: string[];
}

/** One review of a project (for the project page): the meeting, and what the user may see of it. */
export interface ProjectReviewView {
  itemId: string;
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  place: string;
  status: MeetingStatus;
  closedAt: string | null;
  versionNo: number;
  criteria: Criterion[];
  judgements: JudgementView[];
  averages: Record<string, number>;
  overall: number | null;
  decision: Decision | null;
  decisionNote: string | null;
  /** The user can open the meeting page. */
  canOpen: boolean;
}
