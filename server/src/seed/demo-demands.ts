import { visitListQuery, type DemandCategory, type DemandDetailView, type VisitView } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { advanceDemand, createDemand, createDemandRoute, createDepartment } from './demand-factories';
import { createUser, ctxOf, validated } from './factories';
import { Rng } from './random';

/**
 * 富顺's 2025 figures from the article (DOMAIN.md §5): "collected and solved 43 problems, 11 要素保障
 * demands met, 13 历史遗留 issues cleared". The demo resolves exactly these many demands in 2025.
 */
export const FS_DEMANDS_RESOLVED = 43;
export const FS_FACTOR_RESOLVED = 11;
export const FS_LEGACY_RESOLVED = 13;

/** 富顺县's departments that take enterprise demands, the categories routed to each, and their handler. */
const FS_DEPARTMENTS: { name: string; categories: DemandCategory[]; handler: string; resolveDays?: number }[] = [
  { name: '富顺县自然资源局', categories: ['factor_land'], handler: 'fs_handler_zrzy', resolveDays: 20 },
  {
    name: '富顺县发展和改革局',
    categories: ['factor_energy', 'factor_water', 'legacy', 'other'],
    handler: 'fs_handler',
  },
  { name: '富顺县经济和信息化局', categories: ['policy'], handler: 'fs_handler' },
  { name: '富顺县人力资源和社会保障局', categories: ['factor_labour'], handler: 'fs_handler_rsj' },
  { name: '富顺县金融工作局', categories: ['factor_finance'], handler: 'fs_handler_jrj', resolveDays: 20 },
  { name: '富顺县科学技术局', categories: ['technology'], handler: 'fs_handler_kjj' },
];

interface DemandSpec {
  category: DemandCategory;
  title: string;
  description: string;
  result: string;
  /** 融资: asked and granted, in yuan. */
  yuan?: [asked: number, granted: number];
}

/** The 43 problems solved in 2025: 11 要素保障, 13 历史遗留, 19 others (政策, 技术, 其他). */
const SOLVED: DemandSpec[] = [
  // 要素保障 (11)
  {
    category: 'factor_land',
    title: '二期厂房建设用地指标',
    description: '企业扩产需新增工业用地约 30 亩，申请纳入年度用地计划。',
    result: '已纳入县年度供地计划，10 月挂牌出让。',
  },
  {
    category: 'factor_land',
    title: '园区闲置地块置换扩产',
    description: '企业相邻闲置地块长期未开发，希望协调置换用于扩建仓储。',
    result: '协调原用地单位收回闲置地块，按程序重新供地。',
  },
  {
    category: 'factor_energy',
    title: '新建生产线用电增容',
    description: '新建生产线需将变压器容量由 800 千伏安增至 1600 千伏安。',
    result: '供电公司完成增容改造并送电。',
  },
  {
    category: 'factor_energy',
    title: '天然气管道接入厂区',
    description: '企业锅炉煤改气，需将市政天然气管道接入厂区。',
    result: '燃气公司完成管道接驳，企业已通气投用。',
  },
  {
    category: 'factor_energy',
    title: '错峰生产与峰谷电价',
    description: '企业用电成本高，希望指导错峰生产、享受峰谷电价。',
    result: '供电公司上门测算并调整计量方式，月电费下降约 8%。',
  },
  {
    category: 'factor_water',
    title: '工业用水管网延伸',
    description: '厂区位于管网末端，水压不足影响生产，申请延伸管网。',
    result: '水务公司延伸 DN200 管网 600 米，水压达标。',
  },
  {
    category: 'factor_finance',
    title: '设备更新贷款贴息',
    description: '企业购置智能织机需贷款 300 万元，申请设备更新贷款贴息。',
    result: '已纳入贴息名单，按季拨付贴息资金。',
    yuan: [3_000_000, 3_000_000],
  },
  {
    category: 'factor_finance',
    title: '数字化改造申报“两新”资金',
    description: '企业数字化车间改造总投资 1.2 亿元，申请 2025 年超长期特别国债“两新”资金支持。',
    result: '协助完成项目申报，获批超长期特别国债资金 756 万元。',
    yuan: [8_000_000, 7_560_000],
  },
  {
    category: 'factor_finance',
    title: '流动资金贷款续贷',
    description: '企业 500 万元流动资金贷款到期，申请无还本续贷。',
    result: '协调合作银行办理无还本续贷 500 万元。',
    yuan: [5_000_000, 5_000_000],
  },
  {
    category: 'factor_labour',
    title: '招聘熟练挡车工 30 名',
    description: '订单增长，急需熟练挡车工 30 名。',
    result: '人社局组织专场招聘会，到岗 32 人。',
  },
  {
    category: 'factor_labour',
    title: '对接职业院校订单式培养',
    description: '希望与县职业技术学校开展订单式培养。',
    result: '促成校企合作协议，首批 40 名学生入企实习。',
  },
  // 历史遗留 (13)
  {
    category: 'legacy',
    title: '历史遗留土地证办理',
    description: '企业 2008 年取得土地后因手续不全未办证，影响融资抵押。',
    result: '按历史遗留问题处置办法补办手续，已颁发不动产权证。',
  },
  {
    category: 'legacy',
    title: '厂房不动产权证分割办理',
    description: '原整体厂房需分割转让给关联企业，无法分割办证。',
    result: '经规划核实后完成分割登记。',
  },
  {
    category: 'legacy',
    title: '改制遗留职工社保补缴',
    description: '原乡镇企业改制时部分职工社保欠缴，影响退休办理。',
    result: '制定分期补缴方案，12 名职工完成补缴。',
  },
  {
    category: 'legacy',
    title: '规划手续补办',
    description: '2012 年建成的综合楼未办理规划许可，无法竣工验收。',
    result: '经合规性审查后补办规划许可并完成验收。',
  },
  {
    category: 'legacy',
    title: '欠缴土地出让金分期缴纳',
    description: '企业早年欠缴土地出让金，申请分期缴纳并办证。',
    result: '签订分期缴纳协议，首期缴清后办证。',
  },
  {
    category: 'legacy',
    title: '厂区道路产权移交',
    description: '厂区外道路由企业自建，维护责任不清。',
    result: '道路移交交通运输部门管养。',
  },
  {
    category: 'legacy',
    title: '消防验收遗留问题',
    description: '老厂房未办理消防验收，影响新增产能审批。',
    result: '完成消防改造并通过验收。',
  },
  {
    category: 'legacy',
    title: '拆迁安置遗留补偿',
    description: '2015 年道路扩建占用企业围墙及门卫室，补偿未到位。',
    result: '补偿款已足额拨付。',
  },
  {
    category: 'legacy',
    title: '环评手续补办',
    description: '扩建车间未办理环评，存在停产风险。',
    result: '完成环评备案，企业正常生产。',
  },
  {
    category: 'legacy',
    title: '老厂区电力线路产权移交',
    description: '老厂区 10 千伏线路产权不清，检修无人负责。',
    result: '线路移交供电公司运维。',
  },
  {
    category: 'legacy',
    title: '土地用途变更',
    description: '企业原仓储用地需变更为工业用地用于生产。',
    result: '依法完成用途变更审批。',
  },
  {
    category: 'legacy',
    title: '排污许可证历史遗留',
    description: '企业排污许可证载明事项与实际不符，需重新核定。',
    result: '生态环境部门重新核发排污许可证。',
  },
  {
    category: 'legacy',
    title: '改制企业职工安置遗留',
    description: '原国有企业改制遗留 8 名职工身份未置换。',
    result: '完成身份置换并落实经济补偿。',
  },
  // 政策 (9)
  {
    category: 'policy',
    title: '专精特新中小企业认定辅导',
    description: '企业拟申报省级专精特新中小企业，希望辅导认定条件和材料。',
    result: '经信局上门辅导，企业已通过省级认定。',
  },
  {
    category: 'policy',
    title: '高新技术企业认定辅导',
    description: '企业希望了解高新技术企业认定条件和申报流程。',
    result: '组织专题辅导，企业已提交申报。',
  },
  {
    category: 'policy',
    title: '研发费用加计扣除政策解读',
    description: '企业财务人员对研发费用加计扣除口径把握不准。',
    result: '税务部门上门讲解，企业完成申报。',
  },
  {
    category: 'policy',
    title: '稳岗返还申领',
    description: '企业符合稳岗返还条件但不清楚申领流程。',
    result: '指导线上申领，返还资金已到账。',
  },
  {
    category: 'policy',
    title: '技改项目备案',
    description: '企业技改项目需办理投资项目备案。',
    result: '指导完成在线备案。',
  },
  {
    category: 'policy',
    title: '出口退税办理提速',
    description: '企业出口退税周期长，资金占用大。',
    result: '税务部门开辟绿色通道，退税周期缩短至 5 个工作日。',
  },
  {
    category: 'policy',
    title: '小微企业“六税两费”减免',
    description: '企业希望了解“六税两费”减免政策适用条件。',
    result: '政策已落实，企业享受减免。',
  },
  {
    category: 'policy',
    title: '绿色工厂创建申报',
    description: '企业拟申报市级绿色工厂。',
    result: '协助完成申报材料，已获市级认定。',
  },
  {
    category: 'policy',
    title: '首台（套）装备保险补偿',
    description: '企业新产品希望申报首台（套）保险补偿。',
    result: '已纳入省级首台（套）目录。',
  },
  // 技术 (5)
  {
    category: 'technology',
    title: '印染废水处理工艺改进',
    description: '废水处理成本高，希望对接高校优化工艺。',
    result: '对接四川轻化工大学，完成中试。',
  },
  {
    category: 'technology',
    title: '白酒酿造智能化改造技术对接',
    description: '希望引进酿造过程温湿度智能监控技术。',
    result: '对接省酒研所，方案落地。',
  },
  {
    category: 'technology',
    title: '产品检测能力提升',
    description: '企业缺少第三方检测渠道，送检周期长。',
    result: '对接市质检院设立绿色通道。',
  },
  {
    category: 'technology',
    title: '专利申请指导',
    description: '企业技术改进成果希望申请发明专利。',
    result: '知识产权服务机构协助提交 3 件发明专利申请。',
  },
  {
    category: 'technology',
    title: '工业互联网平台上云',
    description: '企业希望上云用云，降低信息化成本。',
    result: '对接运营商完成设备上云。',
  },
  // 其他 (5)
  {
    category: 'other',
    title: '进出厂区道路破损修复',
    description: '进出厂区道路破损，大货车通行不便。',
    result: '交通部门已完成路面修复。',
  },
  {
    category: 'other',
    title: '园区公交线路延伸',
    description: '员工通勤不便，希望公交线路延伸至园区。',
    result: '新增公交线路 1 条，早晚高峰加密。',
  },
  {
    category: 'other',
    title: '员工子女就近入学',
    description: '外地员工子女入学咨询较多。',
    result: '教育部门按政策安排就近入学。',
  },
  {
    category: 'other',
    title: '厂区周边治安巡逻',
    description: '夜间厂区周边偶有盗窃，希望加强巡逻。',
    result: '派出所纳入夜间巡逻路线。',
  },
  {
    category: 'other',
    title: '物流车辆临时停车',
    description: '物流车辆在园区道路停放受处罚，希望设置临时停车区。',
    result: '园区设置临时停车区 40 个车位。',
  },
];

const DAY = 86_400_000;

/**
 * The demands demo (issue 11) in 富顺, through the services: the departments (each with its handler)
 * and the routes; the 43 problems raised on 2025's visits (or by the firm's contact) and solved —
 * rated by the firm where it has a contact account, otherwise closed unrated by the county staff
 * after the rating window — and, beside them, a few demands of the last weeks still open, some of
 * them overdue. Every figure on the staff home is counted from these rows.
 */
export async function seedDemandDemo(services: Services, localities: SeededLocality[]) {
  const fs = localities.find((l) => l.key === 'fs');
  if (!fs) return;
  const rng = new Rng(510322_43);
  const admin = await ctxOf(services, 'admin');
  const staff = await ctxOf(services, 'fs_staff');
  const specialist = await ctxOf(services, 'fs_specialist');
  const contact = await ctxOf(services, 'fs_contact');
  const firm = contact.actor.bindings.find((b) => b.role === 'contact')?.hostOrgId;
  if (!firm) return;

  const clock = new SimulatedClock('2025-01-06T01:30:00Z');
  const handlers = new Map<string, RequestContext>();
  const handlerOf = new Map<DemandCategory, RequestContext>();
  await runWithClock(clock.now, async () => {
    for (const d of FS_DEPARTMENTS) {
      if (!handlers.has(d.handler)) {
        if (d.handler !== 'fs_handler')
          await createUser(services, admin, { username: d.handler, roles: [{ role: 'handler', orgId: fs.root.id }] });
        handlers.set(d.handler, await ctxOf(services, d.handler));
      }
      const handler = handlers.get(d.handler)!;
      const dep = await createDepartment(services, admin, {
        name: d.name,
        orgId: fs.root.id,
        memberIds: [handler.actor.userId],
      });
      for (const category of d.categories) {
        handlerOf.set(category, handler);
        await createDemandRoute(services, admin, {
          orgId: fs.root.id,
          category,
          departmentId: dep.id,
          ...(d.resolveDays ? { resolveDays: d.resolveDays } : {}),
        });
      }
    }
  });

  // The visits of 2025 the problems were raised on (one problem per visit, none on an online link not answered).
  const visits: VisitView[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await services.visits.list(
      staff,
      validated(visitListQuery, { from: '2025-01-01', to: '2025-11-30', limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    visits.push(...page.items.filter((v) => v.status === 'recorded' && v.visitedOn));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const onVisits = rng.shuffle(visits.filter((v) => v.hostOrgId !== firm)).slice(0, FS_DEMANDS_RESOLVED - 3);

  /** Raises, handles and resolves one problem from `day` on; rated by the firm or closed unrated. */
  const solve = async (
    spec: DemandSpec,
    day: string,
    by: RequestContext,
    source: 'visit' | 'contact',
    visitId?: string,
    hostOrgId = firm,
  ) => {
    const handler = handlerOf.get(spec.category)!;
    clock.set(`${day}T02:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`);
    let d: DemandDetailView = await createDemand(services, by, {
      hostOrgId,
      category: spec.category,
      source,
      title: spec.title,
      description: spec.description,
      ...(visitId ? { visitId } : {}),
      ...(spec.yuan ? { amountAskedFen: spec.yuan[0] * 100 } : {}),
    });
    clock.set(new Date(clock.now().getTime() + rng.int(1, 4) * 3_600_000));
    d = await advanceDemand(services, handler, d, 'accepted');
    clock.set(new Date(clock.now().getTime() + rng.int(1, 2) * DAY));
    d = await advanceDemand(services, handler, d, 'in_progress');
    clock.set(new Date(clock.now().getTime() + rng.int(3, 9) * DAY));
    d = await services.demands.resolve(handler, d.id, {
      version: d.version,
      note: spec.result,
      amountGrantedFen: spec.yuan ? spec.yuan[1] * 100 : null,
    });
    if (hostOrgId === firm) {
      clock.set(new Date(clock.now().getTime() + 2 * DAY));
      await services.demands.rate(contact, d.id, {
        version: d.version,
        rating: 'satisfied',
        note: '办理及时，非常满意',
      });
    } else {
      // Unrated after the rating window (UNRATED_CLOSE_WORKDAYS working days): the county staff close it.
      clock.set(new Date(clock.now().getTime() + 16 * DAY));
      await services.demands.close(staff, d.id, { version: d.version });
    }
  };

  await runWithClock(clock.now, async () => {
    // Three problems the contact raised for their own firm; the rest on visits, in the order visited.
    const mine = SOLVED.filter((s) => s.category === 'policy' || s.category === 'factor_finance').slice(0, 3);
    const others = SOLVED.filter((s) => !mine.includes(s));
    const plan = onVisits
      .map((v, i) => ({ v, spec: others[i]! }))
      .sort((a, b) => a.v.visitedOn!.localeCompare(b.v.visitedOn!));
    for (const [i, spec] of mine.entries())
      await solve(spec, `2025-${String(3 + i * 3).padStart(2, '0')}-1${i}`, contact, 'contact');
    for (const { v, spec } of plan) {
      const by = v.createdBy === specialist.actor.userId ? specialist : staff;
      await solve(spec, v.visitedOn!, by, 'visit', v.id, v.hostOrgId);
    }
  });

  // Still open today: raised in the last weeks, some already past a step's due date.
  const now = Date.now();
  const recent = rng.shuffle(visits.filter((v) => v.hostOrgId !== firm)).slice(0, 4);
  const specialistFirm = visits.find((v) => v.createdBy === specialist.actor.userId && v.hostOrgId !== firm);
  const open = async (
    daysAgo: number,
    hostOrgId: string,
    spec: Omit<DemandSpec, 'result'>,
    to: 'received' | 'accepted' | 'in_progress' | 'returned',
    by: RequestContext = staff,
  ) => {
    const clockNow = new SimulatedClock(new Date(now - daysAgo * DAY));
    await runWithClock(clockNow.now, async () => {
      const d = await createDemand(services, by, {
        hostOrgId,
        category: spec.category,
        source: by === contact ? 'contact' : by === specialist ? 'visit' : 'staff',
        title: spec.title,
        description: spec.description,
        ...(spec.yuan ? { amountAskedFen: spec.yuan[0] * 100 } : {}),
      });
      clockNow.set(new Date(clockNow.now().getTime() + 3 * 3_600_000));
      const handler = handlerOf.get(spec.category)!;
      if (to === 'returned')
        await services.demands.return(handler, d.id, {
          version: d.version,
          note: '该事项属于住建部门职责，请社工部重新分办。',
        });
      else if (to !== 'received') {
        const accepted = await advanceDemand(services, handler, d, 'accepted');
        clockNow.set(new Date(clockNow.now().getTime() + DAY));
        if (to === 'in_progress') await advanceDemand(services, handler, accepted, 'in_progress');
      }
    });
  };
  await open(
    20,
    firm,
    {
      category: 'factor_energy',
      title: '三期生产线用电增容',
      description: '三期生产线预计明年一季度投产，需再增容 1250 千伏安。',
    },
    'in_progress',
    contact,
  );
  await open(
    3,
    firm,
    {
      category: 'factor_finance',
      title: '技改项目贷款贴息申请',
      description: '企业技改项目需流动资金贷款 500 万元，申请纳入县级贷款贴息支持。',
      yuan: [5_000_000, 0],
    },
    'received',
    contact,
  );
  await open(
    40,
    recent[0]!.hostOrgId,
    { category: 'legacy', title: '仓库不动产权证补办', description: '2010 年自建仓库未办理产权证，影响资产评估。' },
    'in_progress',
  );
  await open(
    6,
    recent[1]!.hostOrgId,
    {
      category: 'factor_labour',
      title: '春节后返岗用工缺口',
      description: '预计春节后用工缺口 50 人，希望提前组织招聘。',
    },
    'accepted',
  );
  await open(
    2,
    (specialistFirm ?? recent[2]!).hostOrgId,
    {
      category: 'technology',
      title: '产品能效检测对接',
      description: '新产品需做能效检测，希望对接有资质的检测机构。',
    },
    'received',
    specialistFirm ? specialist : staff,
  );
  await open(
    10,
    recent[3]!.hostOrgId,
    { category: 'other', title: '厂区外排水沟堵塞', description: '厂区外市政排水沟堵塞，雨天厂区积水。' },
    'returned',
  );
}
