import type { AssessmentStatus } from '@touyan/schemas';
import { orgsOfRoles, type Actor } from '../../core/actor';
import { subtreeScope, type SubtreeScope } from '../../core/scope';
import type { AssessmentScope } from './assessments.repository';

/**
 * Which assessment records a user reaches:
 * - admin: all;
 * - staff (assessment.manage): schemes of 社工部 nodes in their staff subtree and every sheet of them;
 * - secretary (assessment.read only): the sheet of the organisation they are bound to, once the
 *   scheme (of a 社工部 above it) is published; nothing else (404).
 */
export function assessmentManageScope(actor: Actor): SubtreeScope {
  if (actor.isAdmin) return { all: true };
  if (!actor.permissions.has('assessment.manage')) return { all: false, orgIds: [] };
  return subtreeScope(actor, ['staff']);
}

export function assessmentReadScope(actor: Actor): AssessmentScope {
  if (actor.isAdmin) return { managed: { all: true }, ownOrgIds: [] };
  return {
    managed: assessmentManageScope(actor),
    ownOrgIds: actor.permissions.has('assessment.read') ? orgsOfRoles(actor, ['secretary']) : [],
  };
}

export function schemeAbilities(manager: boolean, status: AssessmentStatus): string[] {
  if (!manager) return [];
  return status === 'draft' ? ['update', 'fill', 'addSheet', 'publish', 'export'] : ['unpublish', 'export'];
}

export function sheetAbilities(manager: boolean, status: AssessmentStatus): string[] {
  if (manager && status === 'draft') return ['update', 'export'];
  return ['export'];
}
