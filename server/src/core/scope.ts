import type { Role } from '@touyan/schemas';
import type { Actor } from './actor';
import { orgsOfRoles } from './actor';

/**
 * A data scope over the Party-organisation tree: everything, or the subtrees under some nodes.
 * Repositories turn it into a condition inside the query (org_closure), never into SQL text.
 */
export type SubtreeScope = { all: true } | { all: false; orgIds: string[] };

/** Roles whose binding grants its whole subtree (the "本级及以下" rule). */
export const SUBTREE_ROLES: readonly Role[] = ['staff', 'secretary', 'member', 'handler'];

export function subtreeScope(actor: Actor, roles: readonly Role[] = SUBTREE_ROLES): SubtreeScope {
  if (actor.isAdmin) return { all: true };
  return { all: false, orgIds: orgsOfRoles(actor, roles) };
}

export const isEmptyScope = (s: SubtreeScope): boolean => !s.all && s.orgIds.length === 0;
