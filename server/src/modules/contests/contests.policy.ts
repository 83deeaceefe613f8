import type { ContestStatus } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy, type StagedRule } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/** Which contests a user reaches: managed campaigns (staff subtree) or contests they judge. */
export interface ContestScope {
  managed: SubtreeScope;
  judgeUserId: string | null;
}

/**
 * Which contests a user reaches:
 * - admin: all;
 * - staff (contest.manage): contests of campaigns owned by a 社工部 node in their staff subtree,
 *   which they also manage;
 * - judges (contest.score): the contests they are on the panel of, and no other (404).
 */
export function contestManageScope(actor: Actor): SubtreeScope {
  if (actor.isAdmin) return { all: true };
  if (!actor.permissions.has('contest.manage')) return { all: false, orgIds: [] };
  return subtreeScope(actor, ['staff']);
}

export function contestReadScope(actor: Actor): ContestScope {
  if (actor.isAdmin) return { managed: { all: true }, judgeUserId: null };
  return {
    managed: contestManageScope(actor),
    judgeUserId: actor.permissions.has('contest.score') ? actor.userId : null,
  };
}

export interface ContestStanding {
  manager: boolean;
  judge: boolean;
}

/** Statuses before the contest starts (set-up may still change the order). */
export const BEFORE_START: readonly ContestStatus[] = ['draft', 'ready'];

/** Facts of one contest for the caller: how they stand towards it, and its status. */
export interface ContestFacts {
  standing: ContestStanding;
  status: ContestStatus;
}

export type ContestAction =
  | 'update'
  | 'ready'
  | 'draw'
  | 'toDraft'
  | 'start'
  | 'next'
  | 'close'
  | 'reopen'
  | 'publish'
  | 'conflicts'
  | 'override'
  | 'results'
  | 'sheets'
  | 'export'
  | 'score';

const manages = (_actor: Actor, k: ContestFacts) => k.standing.manager;
/**
 * An organisers' action of the host console's state machine: staff of the campaign may take it
 * (else 403 FORBIDDEN), in the statuses it belongs to (else 409 INVALID_TRANSITION).
 */
const managesIn = (...statuses: readonly ContestStatus[]): StagedRule<ContestFacts> => ({
  who: manages,
  when: (k) => statuses.includes(k.status),
  otherwise: 'INVALID_TRANSITION',
});
const CLOSED: readonly ContestStatus[] = ['finished', 'published'];
const OPEN: readonly ContestStatus[] = ['draft', 'ready', 'running'];

export const contestPolicy = definePolicy<ContestAction, ContestFacts>({
  update: managesIn('draft'),
  ready: managesIn('draft'),
  draw: managesIn(...BEFORE_START),
  toDraft: managesIn('ready'),
  start: managesIn('ready'),
  next: managesIn('running'),
  close: managesIn('running'),
  reopen: managesIn('running', 'finished'),
  publish: managesIn('finished'),
  // Declaring or withdrawing a conflict of interest: until the contest finishes.
  conflicts: managesIn(...OPEN),
  override: managesIn(...CLOSED),
  // Whoever reaches the contest: organisers always, everyone else once the results are published.
  results: {
    who: () => true,
    when: (k) => k.standing.manager || k.status === 'published',
    otherwise: 'CONTEST_RESULTS_UNPUBLISHED',
  },
  sheets: manages,
  export: manages,
  // A judge of the panel, while the contest runs (a presentation's own phase is the sheet's check).
  score: {
    who: (_actor, k) => k.standing.judge,
    when: (k) => k.status === 'running',
    otherwise: 'CONTEST_SCORING_CLOSED',
  },
});

/** The abilities on a contest (contestPolicy), as sent with it. */
export const contestAbilities = (actor: Actor, standing: ContestStanding, status: ContestStatus): string[] =>
  contestPolicy.abilities(actor, { standing, status });

/** Facts of one rubric template the caller reads: whether its 社工部 node lies in their manage scope. */
export interface RubricTemplateFacts {
  inManageScope: boolean;
}

/**
 * Rubric templates: staff edit and delete those of their own 社工部 nodes and below; a template of a
 * node above is read (and reused) but not changed (403).
 */
export const rubricTemplatePolicy = definePolicy<'update' | 'delete', RubricTemplateFacts>({
  update: (_actor, t) => t.inManageScope,
  delete: (_actor, t) => t.inManageScope,
});
