import type { WorkflowActor } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which projects a user reaches:
 * - admin: all; staff: those declared by a Party organisation in their subtrees;
 * - secretary, member: those of their own organisation (and below);
 * - reviewer/judge: only projects on the agenda of a review meeting they are assigned to.
 * Other roles reach none.
 */
export interface ProjectScope {
  subtree: SubtreeScope;
  reviewerUserId: string | null;
}

export function projectReadScope(actor: Actor): ProjectScope {
  if (actor.isAdmin) return { subtree: { all: true }, reviewerUserId: null };
  return {
    subtree: subtreeScope(actor, ['staff', 'secretary', 'member']),
    reviewerUserId: actor.bindings.some((b) => b.role === 'judge' || b.role === 'staff') ? actor.userId : null,
  };
}

/** Staff act on projects of their subtrees; the administrator everywhere. */
export const projectStaffScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Secretaries act on projects of the organisations they are bound to as secretary. */
export const projectSecretaryScope = (actor: Actor): SubtreeScope =>
  actor.isAdmin ? { all: false, orgIds: [] } : subtreeScope(actor, ['secretary']);

/** The workflow actors this user is for one project (given which scopes contain it). */
export function workflowActors(inStaffScope: boolean, inSecretaryScope: boolean): WorkflowActor[] {
  const out: WorkflowActor[] = [];
  if (inSecretaryScope) out.push('secretary');
  if (inStaffScope) out.push('staff');
  return out;
}
