import type { CampaignStatus } from '@touyan/schemas';
import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * Which campaigns a user reaches: anyone bound (staff, secretary, member, judge) above, at or below
 * the owning 社工部 node reads it — a county sees its city's campaign; the administrator all.
 * Staff of the owning node or above write it.
 */
export const campaignReadScope = (actor: Actor): SubtreeScope =>
  subtreeScope(actor, ['staff', 'secretary', 'member', 'judge']);
export const campaignWriteScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

/** Facts of one campaign: its status, and whether its owning node lies in the caller's write scope. */
export interface CampaignFacts {
  status: CampaignStatus;
  inWriteScope: boolean;
}

export type CampaignAction = 'update' | 'postChallenge' | 'manageReviews' | 'publish' | 'close';

const writes = (actor: Actor, c: CampaignFacts) => actor.permissions.has('campaign.write') && c.inWriteScope;

/**
 * `publish` and `close` also need the lifecycle's status (draft → published → closed); a write on the
 * wrong status is the lifecycle's refusal (INVALID_TRANSITION), not a missing right. A closed
 * campaign is no longer edited (CAMPAIGN_NOT_OPEN).
 */
export const campaignPolicy = definePolicy<CampaignAction, CampaignFacts>({
  update: { who: writes, when: (c) => c.status !== 'closed', otherwise: 'CAMPAIGN_NOT_OPEN' },
  postChallenge: writes,
  manageReviews: writes,
  publish: { who: writes, when: (c) => c.status === 'draft', otherwise: 'INVALID_TRANSITION' },
  close: { who: writes, when: (c) => c.status === 'published', otherwise: 'INVALID_TRANSITION' },
});
