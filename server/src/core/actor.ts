import { permissionsOf, type Locale, type Permission, type Role } from '@touyan/schemas';

export interface Binding {
  id: string;
  role: Role;
  orgId: string | null;
  hostOrgId: string | null;
}

/** Who is making the request, with what roles, bound where. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  bindings: Binding[];
  permissions: Set<Permission>;
  isAdmin: boolean;
}

export function makeActor(user: { id: string; username: string; displayName: string }, bindings: Binding[]): Actor {
  const roles = bindings.map((b) => b.role);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    bindings,
    permissions: permissionsOf(roles),
    isAdmin: roles.includes('admin'),
  };
}

export const can = (actor: Actor, p: Permission): boolean => actor.permissions.has(p);

/** The org nodes of the bindings whose role is in `roles`. */
export function orgsOfRoles(actor: Actor, roles: readonly Role[]): string[] {
  return [...new Set(actor.bindings.filter((b) => roles.includes(b.role) && b.orgId).map((b) => b.orgId as string))];
}

export function hostOrgsOfRoles(actor: Actor, roles: readonly Role[]): string[] {
  return [
    ...new Set(actor.bindings.filter((b) => roles.includes(b.role) && b.hostOrgId).map((b) => b.hostOrgId as string)),
  ];
}

/** What a service needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  requestId: string;
  locale: Locale;
}
