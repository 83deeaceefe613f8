import type { AssessmentStatus } from '@touyan/schemas';
import { orgsOfRoles, type Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
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

/** Facts of a scheme or sheet for the caller: whether they manage its scheme, and the scheme's status. */
export interface AssessmentFacts {
  manager: boolean;
  status: AssessmentStatus;
}

const manages = (_actor: Actor, a: AssessmentFacts) => a.manager;
const managesDraft = (actor: Actor, a: AssessmentFacts) => manages(actor, a) && a.status === 'draft';

export const schemePolicy = definePolicy<
  'update' | 'fill' | 'addSheet' | 'publish' | 'unpublish' | 'export',
  AssessmentFacts
>({
  update: managesDraft,
  fill: managesDraft,
  addSheet: managesDraft,
  publish: managesDraft,
  unpublish: (actor, a) => manages(actor, a) && a.status !== 'draft',
  export: manages,
});

/** A sheet: its scheme's managers edit it while the scheme is a draft; whoever reaches it exports it. */
export const sheetPolicy = definePolicy<'update' | 'export', AssessmentFacts>({
  update: managesDraft,
  export: () => true,
});

export const schemeAbilities = (actor: Actor, manager: boolean, status: AssessmentStatus): string[] =>
  schemePolicy.abilities(actor, { manager, status });

export const sheetAbilities = (actor: Actor, manager: boolean, status: AssessmentStatus): string[] =>
  sheetPolicy.abilities(actor, { manager, status });
