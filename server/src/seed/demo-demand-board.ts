import { addDays, challengeFromDemandsBody, DEMAND_CATEGORIES, OPEN_DEMAND_STATUSES } from '@touyan/schemas';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { createCampaign, ctxOf, validated } from './factories';

/**
 * 富顺县 (issue 11): demands on the challenge board (揭榜). The county 社工部 opens a board campaign
 * and fs_staff posts the largest group of similar open demands (one category) as a challenge, with
 * the demands as its evidence — through the same services as users. Runs after the demand demo
 * (seedDemandDemo), at the real time (the claim deadline is ahead of the day the demo is loaded).
 */
export async function seedDemandChallengeDemo(services: Services, localities: SeededLocality[]) {
  const fs = localities.find((l) => l.key === 'fs');
  if (!fs) return;
  const staff = await ctxOf(services, 'fs_staff');
  const today = shanghaiDate();
  const campaign = await createCampaign(services, staff, {
    orgId: fs.root.id,
    name: `${today.slice(0, 4)}年度富顺县企业服务难题揭榜`,
    codePrefix: 'FS',
    description: '走访和接诉即办中反映集中、单个部门难以解决的企业诉求，张榜由"两新"工委和园区党委揭榜攻坚。',
  });
  const open = (await services.demands.list(staff, { limit: 200, open: true, overdue: undefined })).items.filter(
    (d) => OPEN_DEMAND_STATUSES.includes(d.status) && d.abilities.includes('post_to_board'),
  );
  const groups = new Map<string, typeof open>();
  for (const d of open) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  // The largest group; among equals a 历史遗留 one (the hardest for one department alone).
  const group = [...groups.values()].sort(
    (a, b) => b.length - a.length || Number(b[0]!.category === 'legacy') - Number(a[0]!.category === 'legacy'),
  )[0];
  if (!group?.length) return;
  const picked = group.slice(0, 3);
  const category = DEMAND_CATEGORIES[picked[0]!.category]['zh-CN'];
  await services.challenges.fromDemands(
    staff,
    validated(challengeFromDemandsBody, {
      campaignId: campaign.id,
      title: picked.length === 1 ? picked[0]!.title : `企业${category}诉求集中，需跨部门攻坚`,
      description: picked.map((d) => `${d.hostOrgName}：${d.title}`).join('\n'),
      theme: campaign.themes[0]!.code,
      targetGroup: 'new_economic',
      regionCode: picked[0]!.hostOrgRegionCode,
      evidence: `接诉即办中同类企业诉求 ${picked.length} 条（${category}）`,
      evidenceCount: null,
      claimDeadline: addDays(today, 30),
      demandIds: picked.map((d) => d.id),
    }),
  );
}
