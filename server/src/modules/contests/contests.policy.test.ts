import { describe, expect, it } from 'vitest';
import type { ContestStatus } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { contestPolicy, contestReadScope, type ContestAction, type ContestStanding } from './contests.policy';

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
