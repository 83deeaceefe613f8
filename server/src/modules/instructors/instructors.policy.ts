import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which 党建工作指导员 a user reaches: the administrator all; staff, secretary, member, handler those
 * dispatched by a Party organisation in the subtree of their bindings. Staff dispatch one from a
 * Party organisation of their staff subtree.
 */
export const instructorReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor);
export const instructorWriteScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Facts of a (new) instructor: whether its dispatching organisation is in the write scope. */
export interface InstructorFacts {
  orgInWriteScope: boolean;
}

export const instructorPolicy = definePolicy<'create', InstructorFacts>({
  create: (actor, r) => actor.permissions.has('instructor.write') && r.orgInWriteScope,
});
