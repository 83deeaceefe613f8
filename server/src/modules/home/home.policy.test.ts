import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { homeSections, judgeContestScope, judgeMeetingScope, memberProjectScope, secretaryOrgIds } from './home.policy';

describe('home sections by role', () => {
  const table: [Role, string[]][] = [
    ['admin', ['staff']],
    ['staff', ['staff']],
    ['secretary', ['secretary']],
    ['member', ['member']],
    ['judge', ['judge']],
    ['worker', []],
  ];
  it.each(table)('%s sees %j', (role, expected) => {
    const s = homeSections(actorOf(role));
    expect(Object.entries(s).flatMap(([k, v]) => (v ? [k] : []))).toEqual(expected);
  });
});

describe('home scopes', () => {
  it('gives a judge only their own panels and meetings, a member and a secretary their own organisations', () => {
    const judge = actorOf('judge', { id: 'u_j' });
    expect(judgeContestScope(judge)).toEqual({ managed: { all: false, orgIds: [] }, judgeUserId: 'u_j' });
    expect(judgeMeetingScope(judge)).toEqual({ managed: { all: false, orgIds: [] }, assignedUserId: 'u_j' });
    expect(memberProjectScope(actorOf('member'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(memberProjectScope(actorOf('secretary'))).toEqual({ all: false, orgIds: [] });
    expect(secretaryOrgIds(actorOf('secretary'))).toEqual(['org_a']);
  });
});
