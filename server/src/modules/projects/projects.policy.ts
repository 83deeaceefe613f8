import type { WorkflowActor } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which projects a user reaches:
 * - admin: all;
 * - secretary, member (the declaring side): those of their own organisation (and below), drafts included;
 * - staff: those declared by a Party organisation in their subtrees, except a draft never submitted —
 *   it stays with the declaring side until its first submission (once submitted, a draft returned
 *   for re-declaration or withdrawn stays visible);
 * - reviewer/judge: only projects on the agenda of a review meeting they are assigned to.
 * Other roles reach none.
 */
export interface ProjectScope {
  /** Subtrees where every project is reached, drafts included. */
  subtree: SubtreeScope;
  /** Subtrees where projects are reached once submitted (staff). */
  submitted: SubtreeScope;
  reviewerUserId: string | null;
}

export function projectReadScope(actor: Actor): ProjectScope {
  if (actor.isAdmin) return { subtree: { all: true }, submitted: { all: false, orgIds: [] }, reviewerUserId: null };
  return {
    subtree: subtreeScope(actor, ['secretary', 'member']),
    submitted: subtreeScope(actor, ['staff']),
    reviewerUserId: actor.bindings.some((b) => b.role === 'judge' || b.role === 'staff') ? actor.userId : null,
  };
}

/** Staff act on projects of their subtrees; the administrator everywhere. */
export const projectStaffScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Secretaries act on projects of the organisations they are bound to as secretary. */
export const projectSecretaryScope = (actor: Actor): SubtreeScope =>
  actor.isAdmin ? { all: false, orgIds: [] } : subtreeScope(actor, ['secretary']);

/** Campaigns a user declares in: the administrator any; a secretary those their organisations reach. */
export const declarableCampaignScope = (actor: Actor): SubtreeScope =>
  actor.isAdmin ? { all: true } : projectSecretaryScope(actor);

/** The workflow actors this user is for one project (given which scopes contain it). */
export function workflowActors(inStaffScope: boolean, inSecretaryScope: boolean): WorkflowActor[] {
  const out: WorkflowActor[] = [];
  if (inSecretaryScope) out.push('secretary');
  if (inStaffScope) out.push('staff');
  return out;
}
