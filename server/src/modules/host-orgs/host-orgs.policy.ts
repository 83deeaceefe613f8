import type { Actor } from '../../core/actor';
import { hostOrgsOfRoles } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which host organisations a user reaches:
 * - admin: all;
 * - staff, secretary, member, handler: those managed by, or covered by, a Party organisation in
 *   the subtree of their bindings;
 * - enterprise specialist: the enterprises assigned to them (一企一专员);
 * - enterprise contact, employer: their own organisation only.
 * Other roles reach none.
 */
export interface HostOrgScope {
  all: boolean;
  subtree: SubtreeScope;
  specialistUserId: string | null;
  ownHostOrgIds: string[];
}

export const ALL_HOST_ORGS: HostOrgScope = {
  all: true,
  subtree: { all: true },
  specialistUserId: null,
  ownHostOrgIds: [],
};

export function hostOrgReadScope(actor: Actor): HostOrgScope {
  if (actor.isAdmin) return ALL_HOST_ORGS;
  return {
    all: false,
    subtree: subtreeScope(actor),
    specialistUserId: actor.bindings.some((b) => b.role === 'specialist') ? actor.userId : null,
    ownHostOrgIds: hostOrgsOfRoles(actor, ['contact', 'employer']),
  };
}

/** Writes: admin anywhere, staff within their subtree. */
export function hostOrgWriteScope(actor: Actor): HostOrgScope {
  return {
    all: actor.isAdmin,
    subtree: subtreeScope(actor, ['staff']),
    specialistUserId: null,
    ownHostOrgIds: [],
  };
}

/**
 * The Party organisations whose host organisations (by managing organisation) the caller may update:
 * the condition behind the `update` ability, evaluated in the statement that reads the rows
 * (`managingWritable`); null when the caller may not write at all.
 */
export function hostOrgUpdateScope(actor: Actor): SubtreeScope | null {
  if (!actor.permissions.has('hostOrg.write')) return null;
  const ws = hostOrgWriteScope(actor);
  return ws.all ? { all: true } : ws.subtree;
}

/** Facts of one host organisation: whether its managing organisation lies in the caller's write scope. */
export interface HostOrgFacts {
  managingInWriteScope: boolean;
}

export const hostOrgPolicy = definePolicy<'update', HostOrgFacts>({
  update: (actor, h) => actor.permissions.has('hostOrg.write') && h.managingInWriteScope,
});
