import { z } from 'zod';
import { cursorSchema, dateSchema, idSchema, limitSchema, msg, optionalText, trimmed, versionSchema } from './common';
import type { Criterion } from './campaigns';
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
  chairUserId: idSchema,
  reviewerIds: z.array(idSchema).min(1, msg('required')).max(30),
  note: optionalText(1000),
};
export const meetingCreateBody = z.object({ ...meetingFields, campaignId: idSchema });
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
export const agendaAddBody = z.object({ projectIds: z.array(idSchema).min(1, msg('required')).max(100) });
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

export interface AgendaItemView {
  id: string;
  projectId: string;
  projectTitle: string;
  projectStatus: ProjectStatus;
  orgName: string;
  versionNo: number;
  /** Judgements this user may see: all for staff and the chair, only their own for a reviewer. */
  judgements: JudgementView[];
  /** Mean per criterion over the judgements shown. */
  averages: Record<string, number>;
  decision: Decision | null;
  decisionNote: string | null;
  projectCode: string | null;
}

export interface MeetingView {
  id: string;
  campaignId: string;
  campaignName: string;
  title: string;
  meetingDate: string;
  place: string;
  chairUserId: string;
  chairName: string;
  reviewers: { id: string; name: string }[];
  note: string | null;
  status: MeetingStatus;
  closedAt: string | null;
  criteria: Criterion[];
  items: AgendaItemView[];
  version: number;
  abilities: string[];
}

export interface MeetingListItem {
  id: string;
  campaignName: string;
  title: string;
  meetingDate: string;
  place: string;
  status: MeetingStatus;
  itemCount: number;
  decidedCount: number;
  abilities: string[];
}
