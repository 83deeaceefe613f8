import type { Actor } from '../../core/actor';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which audit entries a user reads: the administrator all; staff those whose organisation lies in
 * the subtree of a staff binding; nobody else (the route needs audit.read).
 */
export const auditReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);
