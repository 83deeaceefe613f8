import type { ReportStatus, SupervisionStatus } from '@touyan/schemas';
import { definePolicy } from '../../core/policy';
import { actsAsSecretary, actsAsStaff, projectPolicy, type ProjectFacts } from '../projects/projects.policy';

/**
 * Execution's records take their rights from their project (projects.policy: reading needs the
 * project to be visible, 404 otherwise; posting progress needs the team; filing and answering the
 * secretary; rating and supervising staff over the project), narrowed by their own state.
 */

/** Facts of one quarterly report: its project's, its status, and whether its filing window is open today. */
export interface ReportFacts {
  project: ProjectFacts;
  status: ReportStatus;
  fileable: boolean;
}

export type ReportAction = 'file' | 'rate' | 'supervise';

export const reportPolicy = definePolicy<ReportAction, ReportFacts>({
  // Filing refuses a filed report (REPORT_EXISTS) or a closed window (REPORT_NOT_OPEN) with their own codes.
  file: (actor, r) => projectPolicy.can(actor, 'report', r.project) && r.status === 'pending' && r.fileable,
  rate: {
    who: (actor, r) => actsAsStaff(actor, r.project),
    when: (r) => r.status !== 'pending',
    otherwise: 'INVALID_TRANSITION',
  },
  supervise: (actor, r) => projectPolicy.can(actor, 'supervise', r.project),
});

/** Facts of one supervision notice (督办): its project's and its status. */
export interface NoticeFacts {
  project: ProjectFacts;
  status: SupervisionStatus;
}

export const noticePolicy = definePolicy<'answer' | 'close', NoticeFacts>({
  answer: {
    who: (actor, n) => actsAsSecretary(actor, n.project),
    when: (n) => n.status === 'open',
    otherwise: 'INVALID_TRANSITION',
  },
  close: {
    who: (actor, n) => actsAsStaff(actor, n.project),
    when: (n) => n.status !== 'closed',
    otherwise: 'INVALID_TRANSITION',
  },
});
