import type { ContestStatus } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
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
/** The organisers' actions, each in the statuses of the host console's state machine it belongs to. */
const managesIn =
  (...statuses: ContestStatus[]) =>
  (actor: Actor, k: ContestFacts) =>
    manages(actor, k) && statuses.includes(k.status);
const CLOSED: readonly ContestStatus[] = ['finished', 'published'];

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
  conflicts: (actor, k) => manages(actor, k) && !CLOSED.includes(k.status),
  override: managesIn(...CLOSED),
  // Organisers always; everyone else who reaches the contest once it is published.
  results: (actor, k) => manages(actor, k) || k.status === 'published',
  sheets: manages,
  export: manages,
  score: (_actor, k) => k.standing.judge && k.status === 'running',
});

/** The abilities on a contest (contestPolicy), as sent with it. */
export const contestAbilities = (actor: Actor, standing: ContestStanding, status: ContestStatus): string[] =>
  contestPolicy.abilities(actor, { standing, status });
