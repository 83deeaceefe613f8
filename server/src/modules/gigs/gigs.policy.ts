import { gigJobTransition, HOST_ORG_BOUND_ROLES, type GigIntentionStatus, type GigJobStatus } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { hostOrgsOfRoles, orgsOfRoles } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import type { SubtreeScope } from '../../core/scope';

/*
 * 零工快招 (issue 13). Jobs are placed by region and belong to an employer (a host organisation):
 *  - staff reach the jobs whose region lies under the region of a Party organisation they are bound
 *    on (as workers are placed), and post, edit, approve and close them;
 *  - an employer (用工单位) reaches its own organisation's jobs and posts, edits and closes them;
 *  - a worker reads every open job (a public listing, like the 驿家 finder) and the jobs they applied to;
 *  - the administrator everything.
 * Fairs belong to their organising Party organisation (staff subtree); an employer reads the fairs it
 * takes part in; workers read every fair (they sign in on site).
 */

export interface GigJobScope {
  all: boolean;
  /** Jobs whose region lies under the region of one of these Party organisations. */
  regionOrgIds: string[];
  /** Jobs of these employers. */
  hostOrgIds: string[];
  /** Open jobs, and the jobs this worker account registered an intention on. */
  workerUserId: string | null;
}

const hasRole = (actor: Actor, role: string) => actor.bindings.some((b) => b.role === role);
const employerOrgs = (actor: Actor) =>
  hostOrgsOfRoles(
    actor,
    HOST_ORG_BOUND_ROLES.filter((r) => r === 'employer'),
  );

export function gigJobReadScope(actor: Actor): GigJobScope {
  return {
    all: actor.isAdmin,
    regionOrgIds: orgsOfRoles(actor, ['staff']),
    hostOrgIds: employerOrgs(actor),
    workerUserId: hasRole(actor, 'worker') ? actor.userId : null,
  };
}

/** Post, edit, close and see matches: staff over the region, the employer over its own. */
export function gigJobWriteScope(actor: Actor): GigJobScope {
  return {
    all: actor.isAdmin,
    regionOrgIds: orgsOfRoles(actor, ['staff']),
    hostOrgIds: employerOrgs(actor),
    workerUserId: null,
  };
}

/** Approve or reject a new employer's first job: staff over the region. */
export function gigJobApproveScope(actor: Actor): GigJobScope {
  return { all: actor.isAdmin, regionOrgIds: orgsOfRoles(actor, ['staff']), hostOrgIds: [], workerUserId: null };
}

/** Whether the poster is staff (or the administrator) rather than the employer itself. */
export const postsAsStaff = (actor: Actor): boolean => actor.isAdmin || hasRole(actor, 'staff');
export const ownEmployers = employerOrgs;

export interface GigJobFacts {
  status: GigJobStatus;
  writable: boolean;
  approvable: boolean;
  /** The closing date has passed (Asia/Shanghai). */
  closingPast: boolean;
  filled: boolean;
}

const can = (s: GigJobStatus, e: Parameters<typeof gigJobTransition>[1]) => gigJobTransition(s, e) !== null;

export const gigJobPolicy = definePolicy<
  'update' | 'approve' | 'reject' | 'close' | 'reopen' | 'matches' | 'apply',
  GigJobFacts
>({
  update: {
    who: (actor, j) => actor.permissions.has('gig.post') && j.writable,
    when: (j) => j.status !== 'closed',
    otherwise: 'GIG_JOB_STATUS',
  },
  approve: {
    who: (actor, j) => actor.permissions.has('gig.manage') && j.approvable,
    when: (j) => can(j.status, 'approve'),
    otherwise: 'GIG_JOB_STATUS',
  },
  reject: {
    who: (actor, j) => actor.permissions.has('gig.manage') && j.approvable,
    when: (j) => can(j.status, 'reject'),
    otherwise: 'GIG_JOB_STATUS',
  },
  close: {
    who: (actor, j) => actor.permissions.has('gig.post') && j.writable,
    when: (j) => can(j.status, 'close'),
    otherwise: 'GIG_JOB_STATUS',
  },
  reopen: {
    who: (actor, j) => actor.permissions.has('gig.post') && j.writable,
    when: (j) => can(j.status, 'reopen') && !j.filled && !j.closingPast,
    otherwise: 'GIG_JOB_STATUS',
  },
  matches: (actor, j) => actor.permissions.has('gig.post') && j.writable,
  /** A worker for themselves; staff for a worker at a fair's desk. */
  apply: {
    who: (actor) => actor.permissions.has('gig.apply') || actor.permissions.has('gig.manage'),
    when: (j) => j.status === 'open' && !j.closingPast,
    otherwise: 'GIG_JOB_NOT_OPEN',
  },
});

export interface GigIntentionFacts {
  status: GigIntentionStatus;
  /** The caller manages the job (employer, staff over it). */
  manageable: boolean;
  /** The caller is the worker who registered it. */
  own: boolean;
}

export const gigIntentionPolicy = definePolicy<'decide' | 'share' | 'withdraw', GigIntentionFacts>({
  decide: {
    who: (actor, i) => actor.permissions.has('gig.post') && i.manageable,
    when: (i) => i.status === 'applied',
    otherwise: 'GIG_INTENTION_STATUS',
  },
  share: {
    who: (actor, i) => actor.permissions.has('gig.apply') && i.own,
    when: (i) => i.status === 'applied' || i.status === 'hired',
    otherwise: 'GIG_INTENTION_STATUS',
  },
  withdraw: {
    who: (actor, i) => actor.permissions.has('gig.apply') && i.own,
    when: (i) => i.status === 'applied',
    otherwise: 'GIG_INTENTION_STATUS',
  },
});

export interface GigFairScope {
  all: boolean;
  /** Fairs organised by a Party organisation in these subtrees. */
  subtree: SubtreeScope;
  /** Fairs these employers take part in. */
  hostOrgIds: string[];
}

export function gigFairReadScope(actor: Actor): GigFairScope {
  return {
    all: actor.isAdmin || hasRole(actor, 'worker'),
    subtree: { all: false, orgIds: orgsOfRoles(actor, ['staff']) },
    hostOrgIds: employerOrgs(actor),
  };
}

export function gigFairWriteScope(actor: Actor): GigFairScope {
  return { all: actor.isAdmin, subtree: { all: false, orgIds: orgsOfRoles(actor, ['staff']) }, hostOrgIds: [] };
}

/** Whether a Party organisation (by id) is one the caller may organise fairs for: their staff subtree. */
export const fairOrganiserScope = (actor: Actor): SubtreeScope =>
  actor.isAdmin ? { all: true } : { all: false, orgIds: orgsOfRoles(actor, ['staff']) };

export interface GigFairFacts {
  writable: boolean;
}

export const gigFairPolicy = definePolicy<'update' | 'code' | 'attendance', GigFairFacts>({
  update: (actor, f) => actor.permissions.has('gig.manage') && f.writable,
  code: (actor, f) => actor.permissions.has('gig.manage') && f.writable,
  attendance: (actor, f) => actor.permissions.has('gig.manage') && f.writable,
});

/** Push records: staff over the job's region, the administrator. */
export const gigPushScope = gigJobApproveScope;

/**
 * The areas the staff home's 零工快招 card breaks its figures down by: the Party organisations the
 * staff member is bound on; for the administrator, the top organisations (`roots`).
 */
export function gigHomeAreas(actor: Actor): { roots: boolean; orgIds: string[] } {
  return { roots: actor.isAdmin, orgIds: orgsOfRoles(actor, ['staff']) };
}
