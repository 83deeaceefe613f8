import type { ContestStatus } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { subtreeScope, type SubtreeScope } from '../../core/scope';
import type { ContestScope } from './contests.repository';

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

export function contestAbilities(s: ContestStanding, status: ContestStatus): string[] {
  const out: string[] = [];
  if (s.manager) {
    if (status === 'draft') out.push('update', 'ready');
    if (BEFORE_START.includes(status)) out.push('draw');
    if (status === 'ready') out.push('toDraft', 'start');
    if (status === 'running') out.push('next', 'close', 'reopen');
    if (status === 'finished') out.push('reopen', 'publish');
    if (status !== 'finished' && status !== 'published') out.push('conflicts');
    if (status === 'finished' || status === 'published') out.push('override');
    out.push('results', 'sheets', 'export');
  }
  if (s.judge && status === 'running') out.push('score');
  if (!s.manager && status === 'published') out.push('results');
  return out;
}
