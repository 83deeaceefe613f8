import { describe, expect, it } from 'vitest';
import type { ContestStatus, ErrorCode } from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import {
  contestPolicy,
  contestReadScope,
  rubricTemplatePolicy,
  type ContestAction,
  type ContestStanding,
} from './contests.policy';

const MANAGER: ContestStanding = { manager: true, judge: false };
const JUDGE: ContestStanding = { manager: false, judge: true };
const BOTH: ContestStanding = { manager: true, judge: true };
const NEITHER: ContestStanding = { manager: false, judge: false };
const ALWAYS: ContestAction[] = ['results', 'sheets', 'export'];

describe('contest scope', () => {
  it('gives staff their subtree to manage (and any panel they sit on), judges their panels, the administrator all', () => {
    expect(contestReadScope(actorOf('admin'))).toEqual({ managed: { all: true }, judgeUserId: null });
    expect(contestReadScope(actorOf('staff', { id: 'u_s' }))).toEqual({
      managed: { all: false, orgIds: ['org_a'] },
      judgeUserId: 'u_s',
    });
    expect(contestReadScope(actorOf('judge', { id: 'u_j' }))).toEqual({
      managed: { all: false, orgIds: [] },
      judgeUserId: 'u_j',
    });
  });
});

describe('contest abilities: standing × status (the host console’s state machine)', () => {
  const table: [string, ContestStanding, ContestStatus, ContestAction[]][] = [
    ['manager', MANAGER, 'draft', ['update', 'ready', 'draw', 'conflicts', ...ALWAYS]],
    ['manager', MANAGER, 'ready', ['draw', 'toDraft', 'start', 'conflicts', ...ALWAYS]],
    ['manager', MANAGER, 'running', ['next', 'close', 'reopen', 'conflicts', ...ALWAYS]],
    ['manager', MANAGER, 'finished', ['reopen', 'publish', 'override', ...ALWAYS]],
    ['manager', MANAGER, 'published', ['override', ...ALWAYS]],
    ['judge', JUDGE, 'ready', []],
    ['judge', JUDGE, 'running', ['score']],
    ['judge', JUDGE, 'finished', []],
    ['judge', JUDGE, 'published', ['results']],
    ['manager and judge', BOTH, 'running', ['next', 'close', 'reopen', 'conflicts', ...ALWAYS, 'score']],
    ['neither', NEITHER, 'published', ['results']],
    ['neither', NEITHER, 'running', []],
  ];
  it.each(table)('%s on a %s contest may %j', (_who, standing, status, expected) => {
    expect(contestPolicy.abilities(actorOf('staff'), { standing, status })).toEqual(expected);
  });
});

describe('contest enforcement: who (403) before when (the lifecycle’s own code)', () => {
  const table: [string, ContestStanding, ContestStatus, ContestAction, 'ok' | ErrorCode][] = [
    ['manager', MANAGER, 'draft', 'update', 'ok'],
    ['manager', MANAGER, 'ready', 'update', 'INVALID_TRANSITION'],
    ['judge', JUDGE, 'draft', 'update', 'FORBIDDEN'],
    ['judge', JUDGE, 'running', 'update', 'FORBIDDEN'],
    ['manager', MANAGER, 'ready', 'draw', 'ok'],
    ['manager', MANAGER, 'running', 'draw', 'INVALID_TRANSITION'],
    ['manager', MANAGER, 'draft', 'start', 'INVALID_TRANSITION'],
    ['judge', JUDGE, 'ready', 'start', 'FORBIDDEN'],
    ['manager', MANAGER, 'finished', 'reopen', 'ok'],
    ['manager', MANAGER, 'published', 'reopen', 'INVALID_TRANSITION'],
    ['manager', MANAGER, 'running', 'publish', 'INVALID_TRANSITION'],
    ['manager', MANAGER, 'running', 'conflicts', 'ok'],
    ['manager', MANAGER, 'finished', 'conflicts', 'INVALID_TRANSITION'],
    ['judge', JUDGE, 'draft', 'conflicts', 'FORBIDDEN'],
    ['manager', MANAGER, 'running', 'override', 'INVALID_TRANSITION'],
    ['judge', JUDGE, 'published', 'override', 'FORBIDDEN'],
    ['manager', MANAGER, 'running', 'results', 'ok'],
    ['judge', JUDGE, 'finished', 'results', 'CONTEST_RESULTS_UNPUBLISHED'],
    ['neither', NEITHER, 'published', 'results', 'ok'],
    ['judge', JUDGE, 'published', 'sheets', 'FORBIDDEN'],
    ['judge', JUDGE, 'published', 'export', 'FORBIDDEN'],
    ['manager', MANAGER, 'draft', 'export', 'ok'],
    ['judge', JUDGE, 'running', 'score', 'ok'],
    ['judge', JUDGE, 'finished', 'score', 'CONTEST_SCORING_CLOSED'],
    ['manager', MANAGER, 'running', 'score', 'FORBIDDEN'],
  ];
  it.each(table)('%s on a %s contest: %s → %s', (_who, standing, status, action, expected) => {
    expect(verdict(() => contestPolicy.authorize(actorOf('staff'), action, { standing, status }))).toBe(expected);
  });

  it('allows exactly the abilities it lists, for every standing, status and action', () => {
    const statuses: ContestStatus[] = ['draft', 'ready', 'running', 'finished', 'published'];
    for (const standing of [MANAGER, JUDGE, BOTH, NEITHER])
      for (const status of statuses)
        for (const action of contestPolicy.actions) {
          const allowed = contestPolicy.abilities(actorOf('staff'), { standing, status }).includes(action);
          const ok = verdict(() => contestPolicy.authorize(actorOf('staff'), action, { standing, status })) === 'ok';
          expect(ok, `${JSON.stringify(standing)} ${status} ${action}`).toBe(allowed);
        }
  });
});

describe('rubric templates: staff change their own nodes’ templates, and only read those above', () => {
  const table: [boolean, 'ok' | ErrorCode, string[]][] = [
    [true, 'ok', ['update', 'delete']],
    [false, 'FORBIDDEN', []],
  ];
  it.each(table)('in manage scope: %s → %s, abilities %j', (inManageScope, expected, abilities) => {
    const actor = actorOf('staff');
    expect(verdict(() => rubricTemplatePolicy.authorize(actor, 'update', { inManageScope }))).toBe(expected);
    expect(verdict(() => rubricTemplatePolicy.authorize(actor, 'delete', { inManageScope }))).toBe(expected);
    expect(rubricTemplatePolicy.abilities(actor, { inManageScope })).toEqual(abilities);
  });
});
