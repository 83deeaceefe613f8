import { addDays } from '@touyan/schemas';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { content, secretaries } from './demo-projects';
import { DANDONG_CURRENT_DECLARATIONS } from './demo-projects.data';
import { createCampaign, createProject, ctxOf } from './factories';

/** The window of the current-year campaign around the day the demo is loaded, and the dates after it. */
export function currentCampaignDates(today: string) {
  const year = Number(today.slice(0, 4));
  const declareFrom = addDays(today, -10);
  const declareTo = addDays(today, 20);
  const review = addDays(declareTo, 5);
  // The contest is held in late December, or some weeks after the review when that is later.
  const yearEnd = `${year}-12-20`;
  const contestDate = yearEnd > addDays(review, 20) ? yearEnd : addDays(review, 30);
  return { year, declareFrom, declareTo, reviewDates: [review], contestDate };
}

/**
 * 丹东市, the year the demo is loaded: a campaign whose declaration window contains that day, so a
 * visitor can declare, submit, review and approve at once. It runs at the real time (after the
 * replay of 2025), through the same services as users: one draft of dd_secretary's committee and
 * three declarations of other committees, submitted and awaiting a review meeting.
 */
export async function seedCurrentYear(services: Services, dd: SeededLocality) {
  const today = shanghaiDate();
  const dates = currentCampaignDates(today);
  const staff = await ctxOf(services, 'dd_staff');
  const campaign = await createCampaign(services, staff, {
    orgId: dd.root.id,
    name: `${dates.year}年度新兴领域书记项目`,
    codePrefix: 'DD',
    ...dates,
    description:
      '聚焦新就业群体、园区和新落户企业党建的突出问题，由县级"两新"工委书记和园区企业党委书记领题申报，申报截止后集中研判。',
  });
  const secs = await secretaries(services, staff, 'dd', dd.committees);
  const milestones = [
    { name: '完成摸底调研和实施方案', dueDate: addDays(today, 40) },
    { name: '主要措施落地见效', dueDate: addDays(today, 130) },
    { name: '总结评估、形成长效机制', dueDate: addDays(today, 220) },
  ];
  for (const seed of DANDONG_CURRENT_DECLARATIONS) {
    const org = dd.committees.find((o) => o.name.includes(seed.org));
    if (!org) throw new Error(`demo: no 丹东 committee named …${seed.org}…`);
    const secretary = secs.get(org.id)!;
    const draft = await createProject(services, secretary, {
      campaignId: campaign.id,
      orgId: org.id,
      content: content(seed, dates.year, null, milestones),
    });
    if (!seed.draft) await services.projects.fire(secretary, draft.id, 'submit', { version: draft.version });
  }
}
