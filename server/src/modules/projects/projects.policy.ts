import { EDITABLE_STATUSES, type ProjectStatus, type WorkflowActor } from '@touyan/schemas';
import { orgsOfRoles, type Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
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

/** The project's team: bound as secretary or member to its organisation or above (not the administrator). */
export const projectTeamScope = (actor: Actor): SubtreeScope & { all: false } => ({
  all: false,
  orgIds: orgsOfRoles(actor, ['secretary', 'member']),
});

/** Facts of one project for the caller: its status, the workflow actors they are for it, and the team. */
export interface ProjectFacts {
  status: ProjectStatus;
  as: readonly WorkflowActor[];
  /** Its organisation lies in the caller's team scope. */
  team: boolean;
}

/** The declaring secretary (bound to its organisation or above, declaring). */
export const actsAsSecretary = (actor: Actor, p: Pick<ProjectFacts, 'as'>): boolean =>
  p.as.includes('secretary') && actor.permissions.has('project.declare');
/** 社工部 staff over its organisation (or the administrator), managing. */
export const actsAsStaff = (actor: Actor, p: Pick<ProjectFacts, 'as'>): boolean =>
  p.as.includes('staff') && actor.permissions.has('project.manage');

const approved = (p: ProjectFacts) => p.status === 'approved';
/** Only an approved project (立项, not yet closed) takes progress, reports and notices. */
const once = { when: approved, otherwise: 'INVALID_TRANSITION' as const };

export type ProjectAction = 'update' | 'progress' | 'report' | 'rate' | 'supervise';

/**
 * What the caller may do with a project besides its workflow events (those come from the workflow
 * table, `availableEvents`): edit the declaration, post progress, file reports, rate and supervise.
 */
export const projectPolicy = definePolicy<ProjectAction, ProjectFacts>({
  update: {
    who: actsAsSecretary,
    when: (p) => EDITABLE_STATUSES.includes(p.status),
    otherwise: 'INVALID_TRANSITION',
  },
  progress: { who: (actor, p) => p.team && actor.permissions.has('project.progress'), ...once },
  report: { who: actsAsSecretary, ...once },
  rate: { who: actsAsStaff, ...once },
  supervise: { who: actsAsStaff, ...once },
});
