import {
  addDays,
  challengeCreateBody,
  type ChallengeCreateBody,
  type ChallengeView,
  type TargetGroup,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { shanghaiDate } from '../core/time';
import { parseInput } from '../core/validation';
import type { Services } from '../services';

/** A board item (难题) as staff would post it: defaults to an open problem about delivery riders. */
export function challengeInput(
  overrides: Partial<ChallengeCreateBody> & Pick<ChallengeCreateBody, 'campaignId'>,
): ChallengeCreateBody {
  const targetGroup: TargetGroup = overrides.targetGroup ?? 'new_workers';
  return {
    title: '外卖骑手就近歇脚、充电、饮水难',
    description: '城区商圈骑手集中，缺少可就近歇脚、充电、饮水的服务点，雨雪天尤为突出。',
    theme: 'serve_workers',
    targetGroup,
    regionCode: '210603',
    evidence: '走访中收集到同类诉求43条',
    evidenceCount: 43,
    claimDeadline: addDays(shanghaiDate(), 30),
    ...overrides,
  };
}

/** Posts a challenge through the service (ctx: staff who write the campaign, or the administrator). */
export function createChallenge(
  services: Services,
  ctx: RequestContext,
  overrides: Parameters<typeof challengeInput>[0],
): Promise<ChallengeView> {
  return services.challenges.create(ctx, parseInput(challengeCreateBody, challengeInput(overrides)));
}
