import type { CampaignStatus, ChallengeStatus } from '@touyan/schemas';
import { orgsOfRoles, type Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * The challenge board (难题揭榜) hangs on a campaign:
 * - read: bound as staff, secretary or member above, at or below the campaign's 社工部 node; the
 *   administrator all;
 * - write (post, edit): staff who write the campaign (its node in their staff subtree);
 * - claim: a secretary, for an eligible Party organisation of their own (never the administrator).
 */
export const challengeReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff', 'secretary', 'member']);
export const challengeWriteScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

const claims = (actor: Actor): boolean => !actor.isAdmin && actor.permissions.has('challenge.claim');

/** The organisations the user may claim for: those they are bound to as secretary. */
export const claimantOrgIds = (actor: Actor): string[] => (claims(actor) ? orgsOfRoles(actor, ['secretary']) : []);

/** Facts of the campaign a board hangs on, for the caller. */
export interface BoardFacts {
  campaignStatus: CampaignStatus;
  /** The campaign's 社工部 node lies in the caller's write scope. */
  campaignInWriteScope: boolean;
}

/** Facts of one challenge for the caller (scope facts resolved by the service first). */
export interface ChallengeFacts extends BoardFacts {
  status: ChallengeStatus;
  deadlinePassed: boolean;
  /** How many of the caller's own organisations may declare in the campaign. */
  claimOrgCount: number;
}

const writes = (actor: Actor, c: BoardFacts) => actor.permissions.has('challenge.write') && c.campaignInWriteScope;

/**
 * Posting on a campaign's board: staff who write the campaign (a reader of it who does not: 403),
 * until the campaign closes (CAMPAIGN_NOT_OPEN).
 */
export const boardPolicy = definePolicy<'post', BoardFacts>({
  post: { who: writes, when: (c) => c.campaignStatus !== 'closed', otherwise: 'CAMPAIGN_NOT_OPEN' },
});

export type ChallengeAction = 'update' | 'claim';

export const challengePolicy = definePolicy<ChallengeAction, ChallengeFacts>({
  // The board's writers, while the challenge is open (else CHALLENGE_NOT_OPEN) on an open campaign.
  update: {
    who: writes,
    when: (c) => c.status === 'open' && c.campaignStatus !== 'closed',
    otherwise: 'CHALLENGE_NOT_OPEN',
  },
  claim: (actor, c) =>
    claims(actor) &&
    c.status === 'open' &&
    !c.deadlinePassed &&
    c.campaignStatus === 'published' &&
    c.claimOrgCount > 0,
});
