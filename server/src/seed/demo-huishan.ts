import { addDays, indicatorAreaBody, quarterOf, quarterStart } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { content, holdMeeting, secretaries } from './demo-projects';
import type { DeclarationSeed } from './demo-projects.data';
import { at, createCampaign, createProject, ctxOf, validated } from './factories';
import { Rng } from './random';

/** The organisation that declares 惠山's project, and the date its services began (the figures count from it). */
export const HUISHAN_PROJECT_ORG = '惠山区新就业群体行业党委';
export const HUISHAN_PROGRAM_START = '2024-01-01';

/**
 * 惠山区's secretary project "惠聚新光 暖心聚力" (issue 12): the district's worker services are its
 * measures, and its indicators are bound to their records — 驿家 stations built or converted, riders
 * holding a 小哥码, compounds in the pilot, workers verified — so their actuals follow the records.
 */
export const HUISHAN_DECLARATION: DeclarationSeed = {
  title: '"惠聚新光 暖心聚力"新就业群体服务项目',
  theme: 'serve_workers',
  targetGroup: 'new_workers',
  problem: '全区外卖骑手、快递员等新就业群体逾万人，进小区难、歇脚难、融入难，党组织联系服务手段单一，群体底数不清。',
  reach: [10000, '人'],
  rationale: '覆盖全区新就业群体，一码通行、一站服务、一网登记，解决一类群体"进门难、歇脚难"的共性问题。',
  objectives: '建成和改造惠新驿家85个；小哥码通行试点覆盖全区主要住宅小区；新就业群体登记认证、党员亮身份。',
  measures:
    '区委书记领衔，新就业群体行业党委牵头；推行"小哥码"小区通行，门岗扫码核验；建设"惠新驿家"，提供休息、饮水、充电等服务；骑手登记认证、党员亮身份。',
  indicators: [
    ['建成和改造惠新驿家', '个', 0, 85, 'stations.count'],
    ['持小哥码骑手', '人', 0, 150, 'passes.riders_with_pass'],
    ['小哥码试点小区', '个', 0, 30, 'passes.compounds_in_pilot'],
    ['登记认证新就业群体', '人', 0, 300, 'workers.verified'],
  ],
  partners: ['惠山区住房和城乡建设局', '惠山区总工会', '惠山区各街道'],
  fundingWan: 120,
  first: ['approve'],
};

/**
 * The day the project is approved, some weeks before `today`, such that no quarterly report falls due
 * before `today` (a report is due 10 days after its quarter): within `today`'s quarter, or in the
 * previous one while that quarter's report is not yet due.
 */
export function huishanApprovalDate(today: string): string {
  const qs = quarterStart(quarterOf(today));
  const earliest = addDays(today, -21);
  if (today <= addDays(qs, 9)) return earliest;
  return earliest > qs ? earliest : qs;
}

/**
 * 惠山: a campaign of the year, the project declared by the 新就业群体行业党委, approved at a review
 * meeting some weeks before the day the demo is loaded, through the same services as users. Run after
 * the worker, pass and station demos, so the bound figures read their records.
 */
export async function seedHuishanProject(services: Services, localities: SeededLocality[]) {
  const hs = localities.find((l) => l.key === 'hs');
  if (!hs) return;
  const org = hs.committees.find((c) => c.name === HUISHAN_PROJECT_ORG);
  if (!org) throw new Error(`demo: no 惠山 committee named ${HUISHAN_PROJECT_ORG}`);
  const today = shanghaiDate();
  const approve = huishanApprovalDate(today);
  const year = Number(approve.slice(0, 4));
  const clock = new SimulatedClock(at(`${addDays(approve, -31)} 09:00`));
  await runWithClock(clock.now, async () => {
    const staff = await ctxOf(services, 'hs_staff');
    const judge = await ctxOf(services, 'hs_judge');
    const campaign = await createCampaign(services, staff, {
      orgId: hs.root.id,
      name: `${year}年度新就业群体书记项目`,
      year,
      codePrefix: 'HS',
      eligibleOrgTypes: ['two_new_committee', 'industry_committee', 'park_committee', 'composite_committee'],
      declareFrom: addDays(approve, -30),
      declareTo: addDays(approve, -7),
      reviewDates: [approve],
      contestDate: `${year}-12-20` > addDays(approve, 20) ? `${year}-12-20` : addDays(approve, 30),
      description: '聚焦新就业群体"进门难、歇脚难、融入难"，区委书记领衔，项目指标来自小哥码、驿家和登记认证的记录。',
    });
    const lead = hs.committees[0]!;
    const secs = await secretaries(services, staff, 'hs', lead.id === org.id ? [org] : [lead, org]);
    const secretary = secs.get(org.id)!;
    clock.set(at(`${addDays(approve, -20)} 10:00`));
    const body = content(HUISHAN_DECLARATION, year);
    body.milestones = [
      { name: '小哥码试点小区扩面', dueDate: addDays(approve, 60) },
      { name: '惠新驿家服务功能提升', dueDate: addDays(approve, 150) },
      { name: '总结评估、形成长效机制', dueDate: addDays(approve, 240) },
    ];
    // The services began before the campaign: each figure counts from their start.
    body.indicators = body.indicators.map((i) => ({ ...i, figureFrom: HUISHAN_PROGRAM_START }));
    body.team = [{ name: '区委主要负责同志', role: '区委书记，项目领衔人', userId: null }, ...body.team];
    const draft = await createProject(services, secretary, { campaignId: campaign.id, orgId: org.id, content: body });
    clock.advanceMinutes(60 * 24);
    await services.projects.fire(secretary, draft.id, 'submit', { version: draft.version });
    await holdMeeting(
      services,
      clock,
      staff,
      judge,
      campaign.id,
      { title: '新就业群体书记项目研判会', date: approve, decisions: new Map([[draft.id, ['approve']]]) },
      new Rng(3202),
    );
    // Led by the district committee's head, the project answers for the whole district: staff count its
    // indicators over the district 社工部 (the compounds in the pilot are managed there, not by the 行业党委).
    clock.advanceMinutes(60 * 24);
    for (const ind of (await services.progress.indicators(staff, draft.id)).items) {
      if (!ind.binding) continue;
      await services.progress.setIndicatorArea(
        staff,
        draft.id,
        ind.id,
        validated(indicatorAreaBody, { orgId: hs.root.id, version: ind.version }),
      );
    }
  });
}

/** The figure keys the project binds (the demo-seed test checks each is registered). */
export const HUISHAN_FIGURES = HUISHAN_DECLARATION.indicators.map((i) => i[4]!);
