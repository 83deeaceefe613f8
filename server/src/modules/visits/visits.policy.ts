import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope } from '../../core/scope';
import type { HostOrgScopeParts } from '../../db/scope-sql';
import { hostOrgReadScope } from '../host-orgs/host-orgs.policy';

/**
 * Visits (走访) belong to a firm: a user sees a firm's visits when they reach the firm
 * (host-orgs policy: staff and the declaring side by subtree, the specialist their firms, the
 * enterprise contact their own firm).
 */
export const visitReadScope = (actor: Actor): HostOrgScopeParts => hostOrgReadScope(actor);

/**
 * The firms a user may log visits for: the specialist assigned to the firm (一企一专员), staff over
 * its managing or covering Party organisation, the administrator anywhere.
 */
export function visitWriteScope(actor: Actor): HostOrgScopeParts {
  return {
    all: actor.isAdmin,
    subtree: subtreeScope(actor, ['staff']),
    specialistUserId: actor.bindings.some((b) => b.role === 'specialist') ? actor.userId : null,
    ownHostOrgIds: [],
  };
}

const isStaff = (actor: Actor) => actor.isAdmin || actor.bindings.some((b) => b.role === 'staff');

/** Facts of one visit (or of a firm about to get one). */
export interface VisitFacts {
  /** The firm lies in the caller's write scope (above). */
  firmWritable: boolean;
  /** The caller logged it. */
  isCreator: boolean;
  kind: string;
}

/** Logging needs the firm in write scope; editing is for its author or staff over the firm, never an online visit. */
export const visitPolicy = definePolicy<'create' | 'update', VisitFacts>({
  create: (actor, v) => actor.permissions.has('visit.write') && v.firmWritable,
  update: {
    who: (actor, v) => actor.permissions.has('visit.write') && v.firmWritable && (v.isCreator || isStaff(actor)),
    when: (v) => v.kind !== 'online',
    otherwise: 'VISIT_NOT_EDITABLE',
  },
});
