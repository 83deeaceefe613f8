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
  requiredNumber,
} from './common';
import { criterionView, TARGET_GROUP_CODES } from './campaigns';
import { pageOf } from './contract';
import type { Dict } from './dicts';
import { PROJECT_STATUS_CODES } from './projects';

export const MEETING_STATUSES = {
  open: { 'zh-CN': '进行中', en: 'Open' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
} satisfies Dict<string>;
export type MeetingStatus = keyof typeof MEETING_STATUSES;
export const MEETING_STATUS_CODES = Object.keys(MEETING_STATUSES) as [MeetingStatus, ...MeetingStatus[]];

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
  scores: z.record(
    z.string().max(32),
    requiredNumber((n) => n.int().min(1, msg('too_small')).max(5, msg('too_big'))),
  ),
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

const textView = z.string().nullable();
const countView = z.number().int();
const meetingStatusView = z.enum(MEETING_STATUS_CODES);
const decisionView = z.enum(DECISION_CODES).nullable();
/** Scores or means by criterion code. */
const byCriterion = z.record(z.string(), z.number());

export const judgementView = z.object({
  reviewerId: z.string(),
  reviewerName: z.string(),
  scores: byCriterion,
  comment: textView,
  at: z.string(),
});
export type JudgementView = z.infer<typeof judgementView>;

/** The declaration as the reviewers see it on the agenda (the submitted version's essentials). */
export const agendaDeclaration = z.object({
  themeName: z.string(),
  targetGroup: z.enum(TARGET_GROUP_CODES).nullable(),
  problem: z.string(),
  objectives: z.string(),
  measures: z.string(),
  reachCount: countView.nullable(),
  reachUnit: z.string(),
  reachRationale: z.string(),
  indicators: z.array(z.object({ name: z.string(), unit: z.string(), baseline: z.number(), target: z.number() })),
  fundingFen: countView.nullable(),
});
export type AgendaDeclaration = z.infer<typeof agendaDeclaration>;

export const agendaItemView = z.object({
  id: z.string(),
  position: countView,
  projectId: z.string(),
  projectTitle: z.string(),
  projectStatus: z.enum(PROJECT_STATUS_CODES),
  orgName: z.string(),
  regionName: z.string(),
  secretaryName: z.string(),
  submittedAt: textView,
  versionNo: countView,
  declaration: agendaDeclaration,
  /** Judgements this user may see: all for staff and the chair, only their own for a reviewer. */
  judgements: z.array(judgementView),
  /** Mean per criterion over the judgements shown (one decimal). */
  averages: byCriterion,
  /** Mean of every score shown, or null when there is none. */
  overall: z.number().nullable(),
  /** How many reviewers have judged this item (null when the user sees only their own). */
  judgementCount: countView.nullable(),
  /** The chair's decision: shown to staff and the chair, and to everyone once the meeting is closed. */
  decision: decisionView,
  decisionNote: textView,
  decidedByName: textView,
  decidedAt: textView,
  projectCode: textView,
});
export type AgendaItemView = z.infer<typeof agendaItemView>;

export const meetingView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  campaignOrgName: z.string(),
  title: z.string(),
  meetingDate: z.string(),
  place: z.string(),
  chairUserId: z.string(),
  chairName: z.string(),
  /** Everyone assigned to judge (the chair is always among them). */
  reviewers: z.array(z.object({ id: z.string(), name: z.string() })),
  note: textView,
  status: meetingStatusView,
  closedAt: textView,
  criteria: z.array(criterionView),
  items: z.array(agendaItemView),
  version: countView,
  createdAt: z.string(),
  /**
   * What this user may do: update, addItems, removeItems (staff of the campaign, while open);
   * judge (assigned reviewer, while open); decide, close (chair or staff, while open);
   * seeAll (all judgements and pending decisions); minutes (export and print the minutes).
   */
  abilities: z.array(z.string()),
});
export type MeetingView = z.infer<typeof meetingView>;

export const meetingListItem = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  title: z.string(),
  meetingDate: z.string(),
  place: z.string(),
  chairName: z.string(),
  reviewerCount: countView,
  status: meetingStatusView,
  itemCount: countView,
  decidedCount: countView,
  /** Items the user has judged, when they are a reviewer of the meeting; null otherwise. */
  judgedByMe: countView.nullable(),
  abilities: z.array(z.string()),
});
export type MeetingListItem = z.infer<typeof meetingListItem>;
export const meetingPage = pageOf(meetingListItem);

/** One review of a project (for the project page): the meeting, and what the user may see of it. */
export const projectReviewView = z.object({
  itemId: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  place: z.string(),
  status: meetingStatusView,
  closedAt: textView,
  versionNo: countView,
  criteria: z.array(criterionView),
  judgements: z.array(judgementView),
  averages: byCriterion,
  overall: z.number().nullable(),
  decision: decisionView,
  decisionNote: textView,
  /** The user can open the meeting page. */
  canOpen: z.boolean(),
});
export type ProjectReviewView = z.infer<typeof projectReviewView>;
export const projectReviewsView = z.object({ items: z.array(projectReviewView) });
