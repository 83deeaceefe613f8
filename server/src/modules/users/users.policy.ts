import { GRANTABLE_BY_STAFF, type ErrorCode, type Role } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Users and role bindings. Staff see a user when any of the user's role bindings lies in their staff
 * subtree (the administrator sees all), but manage them (profile, disable, password, roles, unlock)
 * only when every binding does — a user who also holds a binding above or beside them (city staff,
 * the administrator) is read-only to them, or county staff could take over a city account.
 */
export const userReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Facts of one user: each role binding, and whether its organisation lies in the caller's scope. */
export interface UserFacts {
  bindings: readonly { role: string; inScope: boolean }[];
}

export type UserAction = 'update' | 'grantRole' | 'revokeRole' | 'resetPassword' | 'unlock';

const manages = (actor: Actor, u: UserFacts): boolean =>
  actor.permissions.has('user.write') &&
  (actor.isAdmin || (u.bindings.length > 0 && u.bindings.every((b) => b.role !== 'admin' && b.inScope)));

export const userPolicy = definePolicy<UserAction, UserFacts>({
  update: manages,
  grantRole: manages,
  revokeRole: manages,
  resetPassword: manages,
  unlock: manages,
});

/** Only the administrator creates an account with no role (staff would lose sight of it at once). */
export const mayCreateWithoutRoles = (actor: Actor): boolean => actor.isAdmin;

/**
 * Why the caller may not grant this role (null when they may): staff grant only the roles staff
 * grant, on a node of their scope (`orgInScope`); a binding with no node is the administrator's
 * role, granted by the administrator only.
 */
export function grantRefusal(
  actor: Actor,
  g: { role: Role; orgId: string | null; orgInScope: boolean },
): ErrorCode | null {
  if (!actor.isAdmin && !GRANTABLE_BY_STAFF.includes(g.role)) return 'ROLE_NOT_GRANTABLE';
  if (g.orgId === null) return actor.isAdmin && g.role === 'admin' ? null : 'ROLE_NOT_GRANTABLE';
  return g.orgInScope ? null : 'ROLE_NOT_GRANTABLE';
}

/**
 * Why the caller may not remove this binding (null when they may): staff remove only bindings on a
 * node of their scope, and never a user's last one (the account would leave every scope but the
 * administrator's): they disable the account instead.
 */
export function revokeRefusal(actor: Actor, b: { inScope: boolean; last: boolean }): ErrorCode | null {
  if (actor.isAdmin) return null;
  if (!b.inScope) return 'ROLE_NOT_GRANTABLE';
  return b.last ? 'LAST_ROLE' : null;
}
