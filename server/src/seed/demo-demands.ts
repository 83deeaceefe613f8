import type { DemandCategory } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { advanceDemand, createDemand, createDemandRoute, createDepartment } from './demand-factories';
import { ctxOf } from './factories';

/** 富顺县's departments that take enterprise demands, and the categories routed to each. */
const FS_DEPARTMENTS: { name: string; categories: DemandCategory[]; handled: boolean; resolveDays?: number }[] = [
  { name: '富顺县自然资源局', categories: ['factor_land'], handled: false, resolveDays: 20 },
  { name: '富顺县发展和改革局', categories: ['factor_energy', 'factor_water', 'legacy', 'other'], handled: true },
  { name: '富顺县经济和信息化局', categories: ['policy'], handled: true },
  { name: '富顺县人力资源和社会保障局', categories: ['factor_labour'], handled: false },
  { name: '富顺县金融工作局', categories: ['factor_finance'], handled: false, resolveDays: 20 },
  { name: '富顺县科学技术局', categories: ['technology'], handled: false },
];

/**
 * The demands demo (issue 11) in 富顺: its departments (fs_handler handles for 发改局 and 经信局)
 * and routes, and a few demands of the contact's firm at different steps, replayed in autumn 2025.
 */
export async function seedDemandDemo(services: Services, localities: SeededLocality[]) {
  const fs = localities.find((l) => l.key === 'fs');
  if (!fs) return;
  const admin = await ctxOf(services, 'admin');
  const handler = await ctxOf(services, 'fs_handler');
  const contact = await ctxOf(services, 'fs_contact');
  const firm = contact.actor.bindings.find((b) => b.role === 'contact')?.hostOrgId;
  if (!firm) return;
  const clock = new SimulatedClock('2025-09-22T01:30:00Z');
  await runWithClock(clock.now, async () => {
    for (const d of FS_DEPARTMENTS) {
      const dep = await createDepartment(services, admin, {
        name: d.name,
        orgId: fs.root.id,
        memberIds: d.handled ? [handler.actor.userId] : [],
      });
      for (const category of d.categories)
        await createDemandRoute(services, admin, {
          orgId: fs.root.id,
          category,
          departmentId: dep.id,
          ...(d.resolveDays ? { resolveDays: d.resolveDays } : {}),
        });
    }
    const closed = await createDemand(services, contact, {
      hostOrgId: firm,
      category: 'policy',
      source: 'contact',
      title: '申请省级专精特新中小企业认定辅导',
      description: '企业拟申报省级专精特新中小企业，希望经信部门就认定条件和材料准备进行辅导。',
    });
    const done = await advanceDemand(services, handler, closed, 'resolved');
    await services.demands.rate(contact, done.id, { version: done.version, rating: 'satisfied', note: '辅导及时' });
    clock.set('2025-10-13T02:00:00Z');
    const energy = await createDemand(services, contact, {
      hostOrgId: firm,
      category: 'factor_energy',
      source: 'contact',
      title: '新建生产线用电增容',
      description: '新建生产线预计 12 月投产，需将变压器容量由 800 千伏安增至 1600 千伏安。',
    });
    await advanceDemand(services, handler, energy, 'in_progress');
    clock.set('2025-11-03T02:00:00Z');
    await createDemand(services, admin, {
      hostOrgId: firm,
      category: 'factor_finance',
      source: 'visit',
      title: '技改项目贷款贴息申请',
      description: '企业技改项目需流动资金贷款 500 万元，申请纳入县级贷款贴息支持。',
      amountAskedFen: 500_000_000,
    });
  });
}
