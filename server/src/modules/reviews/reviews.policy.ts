import type { Criterion, MeetingStatus } from '@touyan/schemas';
import { ROLE_PERMISSIONS, type Role } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which review meetings a user reaches:
 * - admin: all;
 * - staff (review.manage): the meetings of campaigns owned by a 社工部 node in their subtree (the
 *   same rule as writing the campaign), which they also manage;
 * - anyone assigned to a meeting (a reviewer, or its chair): that meeting, and no other.
 * Other users reach none (404).
 */
export interface MeetingScope {
  /** Campaign owners whose meetings the user manages. */
  managed: SubtreeScope;
  /** Meetings this user reviews or chairs. */
  assignedUserId: string | null;
}

export function meetingManageScope(actor: Actor): SubtreeScope {
  if (actor.isAdmin) return { all: true };
  if (!actor.permissions.has('review.manage')) return { all: false, orgIds: [] };
  return subtreeScope(actor, ['staff']);
}

export function meetingReadScope(actor: Actor): MeetingScope {
  if (actor.isAdmin) return { managed: { all: true }, assignedUserId: null };
  return { managed: meetingManageScope(actor), assignedUserId: actor.userId };
}

/** How the user stands towards one meeting. */
export interface MeetingStanding {
  /** Staff of the campaign (or the administrator): edits the meeting and its agenda. */
  manager: boolean;
  chair: boolean;
  reviewer: boolean;
}

export function standingOf(
  actor: Actor,
  meeting: { chairUserId: string },
  reviewerIds: readonly string[],
  manager: boolean,
): MeetingStanding {
  return {
    manager,
    chair: meeting.chairUserId === actor.userId,
    reviewer: reviewerIds.includes(actor.userId),
  };
}

/** Staff of the campaign and the chair see every judgement and the pending decisions. */
export const seesAll = (s: MeetingStanding): boolean => s.manager || s.chair;

/** Facts of one meeting for the caller: how they stand towards it, and its status. */
export interface MeetingFacts {
  standing: MeetingStanding;
  status: MeetingStatus;
}

export type MeetingAction = 'update' | 'addItems' | 'removeItems' | 'judge' | 'decide' | 'close' | 'seeAll' | 'minutes';

const open = (m: MeetingFacts) => m.status === 'open';
/** A closed meeting takes no more changes (MEETING_CLOSED). */
const whileOpen = { when: open, otherwise: 'MEETING_CLOSED' as const };
const manages = (actor: Actor, m: MeetingFacts) => m.standing.manager && actor.permissions.has('review.manage');
const leads = (_actor: Actor, m: MeetingFacts) => seesAll(m.standing);

export const meetingPolicy = definePolicy<MeetingAction, MeetingFacts>({
  update: { who: manages, ...whileOpen },
  addItems: { who: manages, ...whileOpen },
  removeItems: { who: manages, ...whileOpen },
  // Judging answers MEETING_CLOSED, then NOT_ASSIGNED to a non-reviewer (reviews.service).
  judge: (actor, m) => open(m) && m.standing.reviewer && actor.permissions.has('review.judge'),
  decide: { who: leads, ...whileOpen },
  close: { who: leads, ...whileOpen },
  seeAll: leads,
  minutes: leads,
});

/** The abilities on a meeting (meetingPolicy), as sent with it. */
export const meetingAbilities = (actor: Actor, standing: MeetingStanding, status: MeetingStatus): string[] =>
  meetingPolicy.abilities(actor, { standing, status });

/** Roles that may be assigned to review (they hold review.judge). */
export const REVIEWER_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) =>
  ROLE_PERMISSIONS[r].includes('review.judge'),
);

/**
 * Problems of a judgement's scores against the campaign's criteria: every criterion is required,
 * no other key is allowed (the 1–5 range is checked by the request schema). Keys are field paths.
 */
export function scoreProblems(
  criteria: readonly Pick<Criterion, 'code'>[],
  scores: Record<string, number>,
): Record<string, 'required' | 'invalid'> {
  const out: Record<string, 'required' | 'invalid'> = {};
  const codes = new Set(criteria.map((c) => c.code));
  for (const c of criteria) if (scores[c.code] === undefined) out[`scores.${c.code}`] = 'required';
  for (const k of Object.keys(scores)) {
    if (!codes.has(k)) out[`scores.${k}`] = 'invalid';
    else if (!Number.isInteger(scores[k]) || scores[k]! < 1 || scores[k]! > 5) out[`scores.${k}`] = 'invalid';
  }
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Mean per criterion (one decimal) and the mean of every score, over the given judgements. */
export function averagesOf(
  criteria: readonly Pick<Criterion, 'code'>[],
  judgements: readonly { scores: Record<string, number> }[],
): { averages: Record<string, number>; overall: number | null } {
  const averages: Record<string, number> = {};
  let sum = 0;
  let n = 0;
  for (const c of criteria) {
    const values = judgements.map((j) => j.scores[c.code]).filter((v): v is number => typeof v === 'number');
    if (values.length === 0) continue;
    const total = values.reduce((a, b) => a + b, 0);
    averages[c.code] = round1(total / values.length);
    sum += total;
    n += values.length;
  }
  return { averages, overall: n ? round1(sum / n) : null };
}
