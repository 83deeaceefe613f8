import { describe, expect, it } from 'vitest';
import type { CampaignStatus, ErrorCode, Role } from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import { campaignPolicy, campaignReadScope, campaignWriteScope, type CampaignAction } from './campaigns.policy';

const WRITE: CampaignAction[] = ['update', 'postChallenge', 'manageReviews'];

describe('campaign scopes', () => {
  it('lets staff, secretaries, members and judges read around their node; only staff write', () => {
    for (const role of ['staff', 'secretary', 'member', 'judge'] as Role[])
      expect(campaignReadScope(actorOf(role))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(campaignReadScope(actorOf('handler'))).toEqual({ all: false, orgIds: [] });
    expect(campaignWriteScope(actorOf('staff'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(campaignWriteScope(actorOf('secretary'))).toEqual({ all: false, orgIds: [] });
    expect(campaignWriteScope(actorOf('admin'))).toEqual({ all: true });
  });
});

describe('campaign abilities: role × status × write scope', () => {
  const table: [Role, CampaignStatus, boolean, CampaignAction[]][] = [
    ['admin', 'draft', true, [...WRITE, 'publish']],
    ['admin', 'published', true, [...WRITE, 'close']],
    ['admin', 'closed', true, ['postChallenge', 'manageReviews']],
    ['staff', 'draft', true, [...WRITE, 'publish']],
    ['staff', 'published', true, [...WRITE, 'close']],
    ['staff', 'published', false, []],
    ['secretary', 'draft', true, []],
    ['member', 'published', true, []],
    ['judge', 'published', true, []],
  ];
  it.each(table)('%s on a %s campaign (in write scope: %s) may %j', (role, status, inWriteScope, expected) => {
    expect(campaignPolicy.abilities(actorOf(role), { status, inWriteScope })).toEqual(expected);
  });
});

describe('campaign enforcement: a reader outside the write scope is refused (403) before the lifecycle', () => {
  const table: [Role, CampaignStatus, boolean, CampaignAction, 'ok' | ErrorCode][] = [
    ['staff', 'draft', true, 'update', 'ok'],
    ['staff', 'closed', true, 'update', 'CAMPAIGN_NOT_OPEN'],
    ['staff', 'draft', false, 'update', 'FORBIDDEN'],
    ['staff', 'closed', false, 'update', 'FORBIDDEN'],
    ['staff', 'draft', false, 'publish', 'FORBIDDEN'],
    ['staff', 'published', true, 'publish', 'INVALID_TRANSITION'],
    ['staff', 'published', false, 'close', 'FORBIDDEN'],
    ['staff', 'draft', true, 'close', 'INVALID_TRANSITION'],
    ['secretary', 'draft', true, 'update', 'FORBIDDEN'],
  ];
  it.each(table)(
    '%s on a %s campaign (in write scope: %s): %s → %s',
    (role, status, inWriteScope, action, expected) => {
      expect(verdict(() => campaignPolicy.authorize(actorOf(role), action, { status, inWriteScope }))).toBe(expected);
    },
  );
});
