import {
  OPEN_DEMAND_STATUSES,
  findDemandTransition,
  HOST_ORG_BOUND_ROLES,
  UNRATED_CLOSE_WORKDAYS,
  type DemandStatus,
  type DemandWorkflowEvent,
} from '@touyan/schemas';
import { hostOrgsOfRoles, type Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Who reaches which demands (诉求):
 * - administrator: all;
 * - staff: demands of host organisations whose managing Party organisation lies under their staff
 *   bindings;
 * - handler (部门经办人): demands routed to one of their departments (lead or assist, now or before);
 * - enterprise specialist: demands of the firms assigned to them (host_orgs.specialist_user_id);
 * - enterprise contact: their own firm's (HOST_ORG_BOUND_ROLES binding).
 */
export interface DemandScope {
  all: boolean;
  staff: SubtreeScope;
  handlerUserId: string | null;
  specialistUserId: string | null;
  ownHostOrgIds: string[];
}

const has = (actor: Actor, role: string) => actor.bindings.some((b) => b.role === role);

export function demandReadScope(actor: Actor): DemandScope {
  if (actor.isAdmin)
    return { all: true, staff: { all: true }, handlerUserId: null, specialistUserId: null, ownHostOrgIds: [] };
  return {
    all: false,
    staff: subtreeScope(actor, ['staff']),
    handlerUserId: has(actor, 'handler') ? actor.userId : null,
    specialistUserId: has(actor, 'specialist') ? actor.userId : null,
    ownHostOrgIds: hostOrgsOfRoles(actor, HOST_ORG_BOUND_ROLES),
  };
}

/** Staff writes (close, re-route, routing configuration): the administrator anywhere, staff in their subtree. */
export const demandStaffScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Departments and routes are seen by staff and handlers bound above or at their node. */
export const departmentReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff', 'handler']);

/** What the service resolved about one demand for the caller. */
export interface DemandFacts {
  status: DemandStatus;
  /** The firm's managing organisation lies in the caller's staff scope. */
  staffOver: boolean;
  /** The caller is a handler of the current lead department. */
  leadHandler: boolean;
  /** The firm is the caller's own (enterprise contact). */
  ownFirm: boolean;
  /** Working days since resolution (for closing unrated). */
  workdaysSinceResolved: number;
}

const handles = (actor: Actor, d: DemandFacts) => actor.permissions.has('demand.handle') && d.leadHandler;
const manages = (actor: Actor, d: DemandFacts) => actor.permissions.has('demand.manage') && d.staffOver;
/** The state allows the event (DEMAND_WORKFLOW). */
const allows = (event: DemandWorkflowEvent) => (d: DemandFacts) => !!findDemandTransition(d.status, event);

export type DemandPolicyAction = 'accept' | 'reply' | 'resolve' | 'transfer' | 'return' | 'rate' | 'reroute' | 'close';

export const demandPolicy = definePolicy<DemandPolicyAction, DemandFacts>({
  accept: { who: handles, when: allows('accept'), otherwise: 'INVALID_TRANSITION' },
  reply: { who: handles, when: allows('reply'), otherwise: 'INVALID_TRANSITION' },
  resolve: { who: handles, when: allows('resolve'), otherwise: 'INVALID_TRANSITION' },
  transfer: { who: handles, when: allows('transfer'), otherwise: 'INVALID_TRANSITION' },
  return: { who: handles, when: allows('return'), otherwise: 'INVALID_TRANSITION' },
  rate: {
    who: (actor, d) => actor.permissions.has('demand.rate') && d.ownFirm,
    when: allows('rate'),
    otherwise: 'INVALID_TRANSITION',
  },
  reroute: {
    who: manages,
    when: allows('reroute'),
    otherwise: 'INVALID_TRANSITION',
  },
  close: {
    who: manages,
    when: (d) => allows('close')(d) && d.workdaysSinceResolved >= UNRATED_CLOSE_WORKDAYS,
    otherwise: 'DEMAND_NOT_CLOSABLE',
  },
});

/** Creating a demand for a firm: staff over it, its specialist, or its own contact. */
export interface CreateFacts {
  staffOver: boolean;
  specialist: boolean;
  ownFirm: boolean;
}
export const demandCreatePolicy = definePolicy<'create', CreateFacts>({
  create: (actor, f) =>
    actor.permissions.has('demand.create') &&
    (f.staffOver || (f.specialist && has(actor, 'specialist')) || (f.ownFirm && has(actor, 'contact'))),
});

/** Departments and routes: staff with demand.configure whose scope covers the department's node. */
export const departmentPolicy = definePolicy<'update', { inStaffScope: boolean }>({
  update: (actor, f) => actor.permissions.has('demand.configure') && f.inStaffScope,
});

/** What posting a demand to the challenge board (揭榜) depends on. */
export interface DemandBoardFacts {
  status: DemandStatus;
  staffOver: boolean;
  /** The demand already backs a challenge (a demand backs one at most). */
  onChallenge: boolean;
}

/**
 * Posting demands to the challenge board: staff over the firm who also post challenges
 * (`challenge.write`; whether they write the chosen campaign's board is the challenges service's
 * check), while the demand is not yet resolved (DEMAND_NOT_OPEN) and backs no challenge yet
 * (DEMAND_ON_CHALLENGE).
 */
export const demandBoardPolicy = definePolicy<'post_to_board', DemandBoardFacts>({
  post_to_board: {
    who: (actor, d) =>
      actor.permissions.has('challenge.write') && actor.permissions.has('demand.manage') && d.staffOver,
    when: (d) => OPEN_DEMAND_STATUSES.includes(d.status) && !d.onChallenge,
    otherwise: 'DEMAND_NOT_OPEN',
  },
});
