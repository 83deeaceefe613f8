import type { AssessmentStatus } from '@touyan/schemas';
import { orgsOfRoles, type Actor } from '../../core/actor';
import { definePolicy, type StagedRule } from '../../core/policy';
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
/** A change to the scheme's content: its managers (else 403), while it is a draft (else 409 ASSESSMENT_PUBLISHED). */
const managesDraft: StagedRule<AssessmentFacts> = {
  who: manages,
  when: (a) => a.status === 'draft',
  otherwise: 'ASSESSMENT_PUBLISHED',
};

/** `publish` / `unpublish` are the draft ⇄ published lifecycle: the wrong status is INVALID_TRANSITION. */
export type SchemeAction = 'update' | 'fill' | 'addSheet' | 'publish' | 'unpublish' | 'export';

export const schemePolicy = definePolicy<SchemeAction, AssessmentFacts>({
  update: managesDraft,
  fill: managesDraft,
  addSheet: managesDraft,
  publish: { who: manages, when: (a) => a.status === 'draft', otherwise: 'INVALID_TRANSITION' },
  unpublish: { who: manages, when: (a) => a.status !== 'draft', otherwise: 'INVALID_TRANSITION' },
  export: manages,
});

/** A sheet: its scheme's managers edit it while the scheme is a draft; whoever reaches it exports it. */
export const sheetPolicy = definePolicy<'update' | 'export', AssessmentFacts>({
  update: managesDraft,
  export: () => true,
});
