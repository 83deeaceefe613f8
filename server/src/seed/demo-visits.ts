import { onlineVisitFillBody, visitCreateBody, type VisitKind } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { at, ctxOf, validated } from './factories';
import { personName } from './names';
import { Rng } from './random';

/** 富顺's 2025 visiting year (DOMAIN.md §5): the article's "visited 91 firms". */
export const FS_FIRMS_VISITED = 91;

const FINDINGS: Record<Exclude<VisitKind, 'online'>, string[]> = {
  daily: [
    '企业生产经营正常，订单较去年同期增长，反映熟练工招聘困难。',
    '企业反映厂区用电负荷接近上限，二期生产线投产需增容。',
    '企业计划技改扩能，希望了解设备更新贷款贴息政策。',
    '企业反映进出厂区道路破损，大货车通行不便。',
    '企业党支部活动正常，交叉任职落实，党员在生产一线亮身份。',
    '企业反映历史遗留的土地证办理问题尚未解决，影响融资抵押。',
    '企业用工稳定，希望对接职业院校订单式培养。',
  ],
  research: [
    '集中调研月：座谈了解企业上半年经营情况，收集要素保障诉求。',
    '集中调研月：实地查看生产车间，了解数字化改造进度和资金缺口。',
  ],
  forum: ['政企咖啡坐：与园区企业负责人面对面交流，现场收集用地、融资、用工诉求。'],
};

const ONLINE_FINDINGS = [
  '近期订单稳定，需协调解决物流园区停车位不足问题。',
  '企业拟申报“两新”设备更新项目，希望专员协助准备材料。',
  '员工子女入学咨询较多，希望提供政策解读。',
];

/**
 * 富顺's enterprise visits through the services, replayed under a simulated clock across 2025:
 * the specialist visits the firms assigned to them (一企一专员), the county staff the others, a
 * 集中调研月 in May and a 政企咖啡坐 in September; a few firms answer an online visit (线上访企). Exactly
 * FS_FIRMS_VISITED firms get a recorded visit; the rest have none yet (one has an unanswered link).
 */
export async function seedVisitDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const fs = localities.find((l) => l.key === 'fs');
  if (!fs) return;
  const rng = new Rng(510322);
  const specialist = await ctxOf(services, 'fs_specialist');
  const staff = await ctxOf(services, 'fs_staff');
  const mine = new Set((await services.visits.myFirms(specialist)).items.map((f) => f.hostOrgId));
  const visited = fs.hostOrgIds.slice(0, FS_FIRMS_VISITED);
  const clock = new SimulatedClock('2025-02-10T01:30:00Z');

  const visit = async (by: RequestContext, hostOrgId: string, kind: Exclude<VisitKind, 'online'>, day: string) => {
    clock.set(at(`${day} ${String(rng.int(9, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`));
    await services.visits.create(
      by,
      validated(visitCreateBody, {
        hostOrgId,
        kind,
        visitedOn: day,
        people: kind === 'forum' ? '县领导、县级部门负责人、企业负责人' : `企业专员、企业负责人${personName(rng)}`,
        findings: rng.pick(FINDINGS[kind]),
        position:
          kind === 'daily'
            ? {
                lat: 29.18 + rng.int(-300, 300) / 1e4,
                lng: 104.97 + rng.int(-300, 300) / 1e4,
                accuracyM: rng.int(8, 60),
              }
            : null,
      }),
    );
  };
  const day = (month: number) => `2025-${String(month).padStart(2, '0')}-${String(rng.int(3, 26)).padStart(2, '0')}`;

  await runWithClock(clock.now, async () => {
    for (const [i, hostOrgId] of visited.entries()) {
      const by = mine.has(hostOrgId) ? specialist : staff;
      // Everyone is visited once in the year; a third again later, some in the research month.
      const first = 2 + (i % 9);
      await visit(by, hostOrgId, i % 7 === 3 ? 'research' : 'daily', day(first));
      if (rng.chance(0.35)) await visit(by, hostOrgId, 'daily', day(Math.min(11, first + rng.int(2, 4))));
    }
    // 集中调研月 (May) and a 政企咖啡坐 (September) with firms of the park.
    for (const hostOrgId of visited.slice(30, 42)) await visit(staff, hostOrgId, 'research', day(5));
    for (const hostOrgId of visited.slice(45, 53)) await visit(staff, hostOrgId, 'forum', '2025-09-18');

    // 线上访企: the specialist sends links; three firms answer, one has not yet.
    const online = visited.filter((id) => mine.has(id)).slice(0, 4);
    for (const [i, hostOrgId] of online.entries()) {
      clock.set(at(`2025-10-${String(10 + i).padStart(2, '0')} 10:00`));
      const invitation = await services.visits.createOnline(specialist, {
        hostOrgId,
        note: '请填写企业近期经营情况和需要协调解决的困难。',
      });
      if (i === online.length - 1) continue;
      clock.set(at(`2025-10-${String(11 + i).padStart(2, '0')} 15:30`));
      await services.visits.fillOnline(
        { ip: null, requestId: 'seed', locale: 'zh-CN' },
        invitation.token,
        validated(onlineVisitFillBody, { contactName: personName(rng), findings: ONLINE_FINDINGS[i]! }),
      );
    }
  });
}
