import { PARTY_ORG_CHILD_TYPES, type PartyOrgType } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * The Party-organisation tree: staff, secretary, member and handler read the subtrees of their
 * bindings, the administrator all; staff write their staff subtree. Nobody but the administrator
 * moves or deletes a node they are bound to (their own root) or adds a tree root.
 */
export const partyOrgReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor);
export const partyOrgWriteScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Only the administrator adds a top node (a 社工部 with no parent). */
export const mayCreateRoot = (actor: Actor): boolean => actor.isAdmin;

/** Facts of one node: its place in the tree and whether it lies in the caller's write scope. */
export interface PartyOrgFacts {
  id: string;
  type: PartyOrgType;
  parentId: string | null;
  childCount: number;
  inWriteScope: boolean;
}

export type PartyOrgAction = 'update' | 'createChild' | 'move' | 'delete';

const writes = (actor: Actor, n: PartyOrgFacts) => n.inWriteScope && actor.permissions.has('partyOrg.write');
const isOwnRoot = (actor: Actor, n: PartyOrgFacts) => !actor.isAdmin && actor.bindings.some((b) => b.orgId === n.id);
/** Moving (and removing) needs a node under a parent that is not the caller's own root. */
const detachable = (actor: Actor, n: PartyOrgFacts) => writes(actor, n) && !isOwnRoot(actor, n) && !!n.parentId;

export const partyOrgPolicy = definePolicy<PartyOrgAction, PartyOrgFacts>({
  update: writes,
  createChild: (actor, n) => writes(actor, n) && PARTY_ORG_CHILD_TYPES[n.type].length > 0,
  move: detachable,
  delete: (actor, n) => detachable(actor, n) && n.childCount === 0,
});
