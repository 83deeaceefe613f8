import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import {
  challengePolicy,
  challengeReadScope,
  challengeWriteScope,
  claimantOrgIds,
  type ChallengeAction,
  type ChallengeFacts,
} from './challenges.policy';

const open: ChallengeFacts = {
  status: 'open',
  campaignStatus: 'published',
  deadlinePassed: false,
  campaignInWriteScope: true,
  claimOrgCount: 1,
};

describe('challenge scopes', () => {
  it('reads for staff, secretaries and members; writes for staff; claims for secretaries only', () => {
    expect(challengeReadScope(actorOf('member'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(challengeReadScope(actorOf('judge'))).toEqual({ all: false, orgIds: [] });
    expect(challengeWriteScope(actorOf('secretary'))).toEqual({ all: false, orgIds: [] });
    expect(claimantOrgIds(actorOf('secretary'))).toEqual(['org_a']);
    expect(claimantOrgIds(actorOf('admin'))).toEqual([]);
    expect(claimantOrgIds(actorOf('staff'))).toEqual([]);
  });
});

describe('challenge abilities: role × state', () => {
  const table: [Role, Partial<ChallengeFacts>, ChallengeAction[]][] = [
    ['admin', {}, ['update']],
    ['staff', {}, ['update']],
    ['staff', { campaignInWriteScope: false }, []],
    ['staff', { campaignStatus: 'closed' }, []],
    ['staff', { status: 'claimed' }, []],
    ['secretary', {}, ['claim']],
    ['secretary', { claimOrgCount: 0 }, []],
    ['secretary', { deadlinePassed: true }, []],
    ['secretary', { campaignStatus: 'draft' }, []],
    ['secretary', { status: 'solved' }, []],
    ['member', {}, []],
  ];
  it.each(table)('%s on %j may %j', (role, change, expected) => {
    expect(challengePolicy.abilities(actorOf(role), { ...open, ...change })).toEqual(expected);
  });
});
