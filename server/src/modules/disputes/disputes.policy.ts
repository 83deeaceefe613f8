import { allowedDisputeEvents, disputeTransition, type DisputeEvent, type DisputeFacts } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { orgsOfRoles } from '../../core/actor';
import { AppError } from '../../core/errors';
import { definePolicy } from '../../core/policy';

/*
 * Who reaches which dispute records (issue 14). A centre serves a region; its cases and
 * consultations are placed in it:
 *  - staff reach the centres (and their cases) whose region lies in or below the region of a Party
 *    organisation they are bound on;
 *  - a mediator reaches the centres they serve (dispute_mediators), and only those;
 *  - the administrator everything;
 *  - a worker reaches only their own cases, through `/dispute-cases/mine` (never the lists).
 * Writes (intake, stage records, consultations) take the same reach with `dispute.write`; centres
 * and their mediators are configured by staff (`dispute.manage`).
 */
export interface DisputeScope {
  all: boolean;
  /** Centres whose region lies under the region of one of these Party organisations. */
  regionOrgIds: string[];
  /** Centres this user serves as a mediator. */
  mediatorUserId: string | null;
}

const hasRole = (actor: Actor, role: string) => actor.bindings.some((b) => b.role === role);

export function disputeReadScope(actor: Actor): DisputeScope {
  return {
    all: actor.isAdmin,
    regionOrgIds: orgsOfRoles(actor, ['staff']),
    mediatorUserId: hasRole(actor, 'mediator') ? actor.userId : null,
  };
}

/** Centres: created and configured by staff over the region (the administrator anywhere). */
export function centreManageScope(actor: Actor): DisputeScope {
  return { all: actor.isAdmin, regionOrgIds: orgsOfRoles(actor, ['staff']), mediatorUserId: null };
}

export const reachesNothing = (s: DisputeScope): boolean => !s.all && s.regionOrgIds.length === 0 && !s.mediatorUserId;
export const isWorkerAccount = (actor: Actor): boolean => hasRole(actor, 'worker');

/** Facts of one centre. */
export interface CentreFacts {
  manageable: boolean;
}
export const centrePolicy = definePolicy<'update', CentreFacts>({
  update: (actor, c) => actor.permissions.has('dispute.manage') && c.manageable,
});

/** Facts of one consultation (read by the caller, hence in their reach). */
export const consultationPolicy = definePolicy<'update', Record<string, never>>({
  update: (actor) => actor.permissions.has('dispute.write'),
});

/** Facts of one case (read by the caller): its workflow facts. */
export interface CaseFacts {
  workflow: DisputeFacts;
}

const writes = (actor: Actor) => actor.permissions.has('dispute.write');

/**
 * What the caller may do on a case: the workflow events the table allows now (DISPUTE_WORKFLOW), and
 * `evidence` (add files) while it is open — all with `dispute.write` (the case is in their reach).
 */
export function caseAbilities(actor: Actor, f: CaseFacts): string[] {
  if (!writes(actor)) return [];
  const events: string[] = allowedDisputeEvents(f.workflow);
  return f.workflow.status === 'closed' ? events : [...events, 'evidence'];
}

/** Throws 403 without `dispute.write`, 409 INVALID_TRANSITION when the table does not allow the event now. */
export function authorizeEvent(actor: Actor, f: CaseFacts, event: DisputeEvent): void {
  if (!writes(actor)) throw new AppError('FORBIDDEN');
  if (disputeTransition(f.workflow, event) === undefined) throw new AppError('INVALID_TRANSITION');
}

export function authorizeEvidence(actor: Actor, f: CaseFacts): void {
  if (!writes(actor)) throw new AppError('FORBIDDEN');
  if (f.workflow.status === 'closed') throw new AppError('INVALID_TRANSITION');
}
