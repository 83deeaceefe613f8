import { orgsOfRoles, type Actor } from '../../core/actor';
import { isEmptyScope, type SubtreeScope } from '../../core/scope';
import type { ContestScope } from '../contests/contests.policy';
import type { MeetingScope } from '../reviews/reviews.policy';

/**
 * 工作台: which parts of the home a user sees, and the scopes of the parts that are not another
 * module's list (those use projects.policy, reviews.policy, contests.policy directly):
 * - staff (and the administrator): the area's figures;
 * - secretary: their organisations' projects and the campaigns open to them;
 * - member: the projects of the organisations they are bound to (not below);
 * - judge: only their own assignments (panels and meetings), never a managed area.
 */
export interface HomeSections {
  staff: boolean;
  secretary: boolean;
  member: boolean;
  judge: boolean;
}

export function homeSections(actor: Actor): HomeSections {
  const has = (role: string) => actor.bindings.some((b) => b.role === role);
  return {
    staff: actor.isAdmin || has('staff'),
    secretary: has('secretary'),
    member: has('member'),
    judge: has('judge'),
  };
}

/** The organisations whose types decide which campaigns a secretary may declare in. */
export const secretaryOrgIds = (actor: Actor): string[] => orgsOfRoles(actor, ['secretary']);

/** A member's team projects: those of the organisations they are bound to. */
export const memberProjectScope = (actor: Actor): SubtreeScope => ({
  all: false,
  orgIds: orgsOfRoles(actor, ['member']),
});

const NONE: SubtreeScope = { all: false, orgIds: [] };

/** A judge's contests: the panels they sit on, nothing managed. */
export const judgeContestScope = (actor: Actor): ContestScope => ({ managed: NONE, judgeUserId: actor.userId });

/** A judge's meetings: the ones they review or chair, nothing managed. */
export const judgeMeetingScope = (actor: Actor): MeetingScope => ({ managed: NONE, assignedUserId: actor.userId });

/** A scope that reaches nothing needs no query. */
export const reachesNothing = (scope: SubtreeScope): boolean => isEmptyScope(scope);
