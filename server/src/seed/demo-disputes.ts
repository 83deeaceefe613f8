import {
  consultationBody,
  disputeEventFields,
  type ConsultationChannel,
  type ConsultationTopic,
  type DisputeEventFields,
  type DisputeType,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock, SimulatedClock } from '../core/clock';
import { shanghaiDate } from '../core/time';
import { addDays } from '../modules/disputes/disputes.clocks';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { caseEvent, createCase, createCentre } from './dispute-factories';
import { at, createUser, ctxOf, validated } from './factories';
import { creditCode, mobile } from './identifiers';
import { personName } from './names';
import { Rng } from './random';

/** 惠山区's one-stop labour-dispute centre (调裁诉援, issue 14): what the demo holds. */
export const HS_DISPUTE_CENTRE = '惠山区新就业群体劳动争议"调裁诉援"一站式服务中心';
/** Consultations logged per month from July to December 2025, and in the weeks before the day of loading. */
export const HS_CONSULTATIONS_PER_MONTH = 12;
export const HS_CONSULTATION_MONTHS = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];
export const HS_RECENT_CONSULTATIONS = 10;
/** Cases closed in 2025 after mediation (one of them the group case's four), after arbitration, and withdrawn. */
export const HS_CASES_MEDIATED_2025 = 7;
export const HS_GROUP_CASES = 4;

const RESPONDENTS: { kind: 'firm' | 'platform' | 'agency'; name: string }[] = [
  { kind: 'agency', name: '无锡惠达即时配送服务有限公司' },
  { kind: 'agency', name: '无锡市鑫程劳务外包有限公司' },
  { kind: 'platform', name: '江苏速蜂同城网络科技有限公司' },
  { kind: 'firm', name: '无锡惠山区顺捷快递服务部' },
  { kind: 'firm', name: '无锡市畅行网约车服务有限公司' },
  { kind: 'agency', name: '无锡锦程人力资源服务有限公司' },
  { kind: 'firm', name: '无锡惠运货运代理有限公司' },
  { kind: 'platform', name: '江苏快马骑士信息技术有限公司' },
];
const FACTS: Record<DisputeType, string[]> = {
  wage_arrears: [
    '站点拖欠两个月配送费，站长失联。',
    '外包公司以"扣罚"为名克扣工资近三千元。',
    '年底结算时少发跑单补贴。',
  ],
  work_injury: ['送餐途中电动车与汽车相撞，右腿骨折，站点拒绝承担医疗费。', '分拣时被传送带夹伤手指。'],
  labour_relation: ['每天按排班出勤接受站点管理，要求确认劳动关系。', '平台称双方为合作关系，拒绝签订劳动合同。'],
  social_insurance: ['入职一年未缴纳社会保险，也未购买职业伤害保障。'],
  termination: ['因差评被站点单方面解约，未提前通知。', '怀孕后被要求"自愿离职"。'],
  compensation: ['工作两年被辞退，未支付经济补偿。'],
  other: ['押金三千元离职后不予退还。'],
};
const QUESTIONS: { topic: ConsultationTopic; q: string; a: string }[] = [
  {
    topic: 'wage_arrears',
    q: '站点拖欠配送费怎么办？',
    a: '先保留接单记录和聊天记录，可来中心申请调解；调解不成可申请劳动仲裁，欠薪事项可申请支付令。',
  },
  {
    topic: 'work_injury',
    q: '送餐路上摔伤算不算工伤？',
    a: '有劳动关系的可申请工伤认定；已参加新就业形态人员职业伤害保障的，可按规定申请待遇。',
  },
  {
    topic: 'labour_relation',
    q: '平台说我是合作关系，怎么确认劳动关系？',
    a: '看是否接受管理、按排班出勤、报酬是否由对方支付等；可申请仲裁确认，中心可协助准备证据。',
  },
  {
    topic: 'social_insurance',
    q: '跑外卖能不能交社保？',
    a: '可以灵活就业身份参加养老、医疗保险；职业伤害保障由平台按规定缴费，可在骑手端查询。',
  },
  {
    topic: 'termination',
    q: '被站点突然解约有没有补偿？',
    a: '如属劳动关系，单方解除需符合法定情形，违法解除可主张赔偿金；请带上解约通知来中心面谈。',
  },
  {
    topic: 'compensation',
    q: '干满两年被辞退能拿几个月补偿？',
    a: '经济补偿按每满一年支付一个月工资计算，月工资按解除前十二个月平均工资。',
  },
  {
    topic: 'policy',
    q: '法律援助怎么申请？',
    a: '经济困难或追索劳动报酬、工伤赔偿的，可向区法律援助中心申请，中心可代为转交。',
  },
  {
    topic: 'other',
    q: '押金不退怎么办？',
    a: '保留缴纳凭证，先与公司协商；协商不成可来中心调解或向市场监管部门投诉。',
  },
];
const CHANNELS: ConsultationChannel[] = ['hotline', 'hotline', 'station', 'station', 'walk_in', 'online'];
/** Runs a step on a day of a simulated clock. */
type OnDay = <T>(day: string, fn: () => Promise<T>) => Promise<T>;
const COMMISSION = '无锡市惠山区劳动人事争议仲裁委员会';
const AID_PROVIDER = '惠山区法律援助中心';
const LAW_FIRM = '江苏惠泽律师事务所';

/** The event bodies the demo's cases repeat (the rest are written out where they happen). */
const mediate = (receivedOn: string, note: string | null = null) => ({ event: 'start_mediation', receivedOn, note });
const arbitrate = (appliedOn: string, note: string | null = null) => ({
  event: 'apply_arbitration',
  appliedOn,
  commission: COMMISSION,
  note,
});
const accept = (acceptedOn: string, arbCaseNo: string) => ({ event: 'accept_arbitration', acceptedOn, arbCaseNo });
const askAid = (appliedOn: string) => ({ event: 'apply_legal_aid', appliedOn, provider: AID_PROVIDER, note: null });
const grantAid = (decidedOn: string, lawyerName: string) => ({
  event: 'decide_legal_aid',
  decidedOn,
  approved: true,
  lawyerName,
  lawFirm: LAW_FIRM,
  reason: null,
});
const closeWith = (closedOn: string, outcome: string, recoveredFen: number, note: string | null = null) => ({
  event: 'close',
  closedOn,
  outcome,
  recoveredFen,
  note,
});

/**
 * 惠山区's one-stop centre through the services (DOMAIN.md §4.8): the centre with hs_mediator as its
 * head and two more mediators; consultations from July 2025 on; cases of 2025 mediated, arbitrated
 * and one group case (集体争议) closed with the amounts recovered; and, dated back from the day of
 * loading, open cases at every stage — registered, in mediation (one extended, one near its last day,
 * one past it: the demo's one overdue clock, alerted to the head), an agreement awaiting
 * performance, mediation failed, arbitration applied and accepted (hearing set), one in court —
 * with legal aid granted in several. hs_worker follows their own case.
 */
export async function seedDisputeDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const hs = localities.find((l) => l.key === 'hs');
  if (!hs) return;
  const rng = new Rng(1414);
  const admin = await ctxOf(services, 'admin');
  const staff = await ctxOf(services, 'hs_staff');
  const head = await ctxOf(services, 'hs_mediator');
  const others: RequestContext[] = [];
  for (const [username, displayName] of [
    ['hs_mediator2', '陈静'],
    ['hs_mediator3', '吴建国'],
  ] as const) {
    const u = await createUser(services, admin, {
      username,
      displayName,
      roles: [{ role: 'mediator', orgId: hs.root.id }],
    });
    others.push(await ctxOf(services, u.username));
  }
  const mediators = [head, ...others];
  const clock = new SimulatedClock('2025-06-30T01:30:00Z');
  const on = <T>(day: string, fn: () => Promise<T>, time = '10:00') => {
    clock.set(at(`${day} ${time}`));
    return fn();
  };
  const respondent = (i: number) => ({
    ...RESPONDENTS[i % RESPONDENTS.length]!,
    creditCode: creditCode(new Rng(7000 + (i % RESPONDENTS.length)), '320206'),
  });
  const worker = () => ({ name: personName(rng), mobile: mobile(rng) });
  const facts = (type: DisputeType) => rng.pick(FACTS[type]);
  // Each case's version as the last answer gave it (a read per event would double the demo's time).
  const versions = new Map<string, number>();
  const ev = async (ctx: RequestContext, id: string, e: Record<string, unknown>) => {
    const v = await caseEvent(services, ctx, id, e as DisputeEventFields, versions.get(id));
    versions.set(id, v.version);
    return v;
  };
  /** A case's events in order, each on its day (at 10:00 on the clock `at` sets). */
  const steps = async (at: OnDay, ctx: RequestContext, id: string, list: [string, Record<string, unknown>][]) => {
    for (const [day, e] of list) await at(day, () => ev(ctx, id, e));
  };
  /** A consultation of the centre on a day, by one of its mediators. */
  const consult = (
    centreId: string,
    day: string,
    extra: () => { personName: string | null; followUp: string | null },
  ) => {
    const q = rng.pick(QUESTIONS);
    return services.disputeCentres.createConsultation(
      rng.pick(mediators),
      validated(consultationBody, {
        centreId,
        channel: rng.pick(CHANNELS),
        askedOn: day,
        mobile: null,
        regionCode: '320206',
        topic: q.topic,
        question: q.q,
        answer: q.a,
        followUpOn: null,
        caseId: null,
        ...extra(),
      }),
    );
  };

  await runWithClock(clock.now, async () => {
    const centre = await on('2025-06-30', () =>
      createCentre(services, staff, {
        name: HS_DISPUTE_CENTRE,
        code: 'HSTJ',
        regionCode: '320206',
        address: '无锡市惠山区政和大道185号惠山区社会治理现代化指挥中心一楼',
        phone: '0510-83590012',
        headUserId: head.actor.userId,
        mediatorUserIds: mediators.map((m) => m.actor.userId),
      }),
    );

    // ——— consultations, July to December 2025 ———
    for (const month of HS_CONSULTATION_MONTHS) {
      for (let i = 0; i < HS_CONSULTATIONS_PER_MONTH; i++) {
        const day = `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        await on(day, () =>
          consult(centre.id, day, () => ({
            personName: rng.chance(0.6) ? `${personName(rng).slice(0, 1)}师傅` : null,
            followUp: rng.chance(0.2) ? '已预约到中心面谈' : null,
          })),
        );
      }
    }

    // ——— 2025: cases mediated and closed ———
    const types: DisputeType[] = [
      'wage_arrears',
      'wage_arrears',
      'work_injury',
      'termination',
      'wage_arrears',
      'compensation',
      'labour_relation',
    ];
    for (let i = 0; i < HS_CASES_MEDIATED_2025; i++) {
      const month = String(7 + Math.floor(i / 2)).padStart(2, '0');
      const received = `2025-${month}-${String(3 + i * 2).padStart(2, '0')}`;
      const m = mediators[i % mediators.length]!;
      const type = types[i]!;
      const claim = rng.int(20, 150) * 10_000;
      const c = await on(received, () =>
        createCase(services, m, centre.id, {
          source: rng.pick(['walk_in', 'hotline', 'station'] as const),
          worker: worker(),
          respondent: respondent(i),
          type,
          claimFen: claim,
          facts: facts(type),
          knownOn: addDays(received, -rng.int(10, 60)),
        }),
      );
      await on(received, () => ev(m, c.id, mediate(received)), '10:30');
      if (i % 3 === 0) {
        await on(addDays(received, 1), () => ev(m, c.id, askAid(addDays(received, 1))));
        await on(addDays(received, 3), () =>
          ev(m, c.id, grantAid(addDays(received, 3), `${personName(rng).slice(0, 1)}律师`)),
        );
      }
      await on(addDays(received, 4), () =>
        ev(m, c.id, {
          event: 'record_session',
          heldOn: addDays(received, 4),
          result: 'progress',
          note: '双方到场，核对工资明细',
        }),
      );
      const agreed = Math.round((claim * rng.int(60, 100)) / 100 / 100) * 100;
      const agreedOn = addDays(received, rng.int(6, 12));
      await on(agreedOn, () =>
        ev(m, c.id, {
          event: 'mediation_agreement',
          agreedOn,
          terms: `被申请人于${addDays(agreedOn, 7)}前一次性支付${(agreed / 100).toFixed(0)}元，申请人放弃其他请求。`,
          amountFen: agreed,
          performBy: addDays(agreedOn, 7),
        }),
      );
      const paid = addDays(agreedOn, rng.int(2, 7));
      await on(paid, () => ev(m, c.id, { event: 'record_performance', performed: true, on: paid, note: '已转账' }));
      await on(paid, () => ev(m, c.id, closeWith(paid, 'mediated', agreed)));
    }

    // ——— 2025: the group case (集体争议) — four riders of one agency, mediated together ———
    const groupRespondent = respondent(1);
    const groupIds: string[] = [];
    for (let i = 0; i < HS_GROUP_CASES; i++)
      groupIds.push(
        (
          await on('2025-11-10', () =>
            createCase(services, head, centre.id, {
              source: 'station',
              sourceNote: '堰桥驿家站长转来',
              worker: worker(),
              respondent: groupRespondent,
              type: 'wage_arrears',
              claimFen: 420_000 + i * 30_000,
              facts: '外包公司10月起停发配送费，同站点四名骑手一同来访。',
              knownOn: '2025-11-05',
            }),
          )
        ).id,
      );
    const group = await on('2025-11-10', () =>
      services.disputes.createGroup(head, { title: '鑫程外包骑手集体欠薪', caseIds: groupIds }),
    );
    const gEvent = (day: string, e: Record<string, unknown>) =>
      on(day, () => services.disputes.groupEvent(head, group.id, validated(disputeEventFields, e)));
    await gEvent('2025-11-11', mediate('2025-11-11', '集体调解，人社、总工会列席'));
    await gEvent('2025-11-14', { event: 'record_session', heldOn: '2025-11-14', result: 'near_agreement', note: null });
    for (const [i, id] of groupIds.entries()) {
      const amount = 420_000 + i * 30_000;
      await on('2025-11-18', () =>
        ev(head, id, {
          event: 'mediation_agreement',
          agreedOn: '2025-11-18',
          terms: `外包公司于2025-11-28前足额支付拖欠配送费${amount / 100}元。`,
          amountFen: amount,
          performBy: '2025-11-28',
        }),
      );
      await on('2025-11-27', () =>
        ev(head, id, { event: 'record_performance', performed: true, on: '2025-11-27', note: null }),
      );
      await on('2025-11-27', () => ev(head, id, closeWith('2025-11-27', 'mediated', amount)));
    }

    // ——— 2025: mediation failed → arbitration → award → closed (legal aid) ———
    const arb = await on('2025-08-20', () =>
      createCase(services, others[0]!, centre.id, {
        source: 'hotline',
        worker: worker(),
        respondent: respondent(2),
        type: 'labour_relation',
        claimFen: 860_000,
        facts: facts('labour_relation'),
        knownOn: '2025-07-31',
      }),
    );
    await steps(on, others[0]!, arb.id, [
      ['2025-08-20', mediate('2025-08-20')],
      ['2025-08-22', askAid('2025-08-22')],
      ['2025-08-26', grantAid('2025-08-26', '许律师')],
      ['2025-09-02', { event: 'mediation_failed', endedOn: '2025-09-02', reason: '平台不认可劳动关系' }],
      ['2025-09-05', arbitrate('2025-09-05')],
      ['2025-09-11', accept('2025-09-11', '惠劳人仲案字〔2025〕第318号')],
      ['2025-09-12', { event: 'schedule_hearing', hearingOn: '2025-10-16' }],
      [
        '2025-10-24',
        {
          event: 'award',
          awardedOn: '2025-10-24',
          result: 'partly',
          amountFen: 620_000,
          final: false,
          note: '确认劳动关系，支持部分工资差额',
        },
      ],
      ['2025-11-20', closeWith('2025-11-20', 'arbitrated', 620_000, '已按裁决履行')],
    ]);

    // ——— 2025: arbitration without mediation, closed; and one withdrawn ———
    const direct = await on('2025-10-09', () =>
      createCase(services, staff, centre.id, {
        source: 'referral',
        sourceNote: '区人社局劳动监察大队转办',
        worker: worker(),
        respondent: respondent(4),
        type: 'compensation',
        claimFen: 1_200_000,
        facts: facts('compensation'),
        knownOn: '2025-09-25',
      }),
    );
    await steps(on, staff, direct.id, [
      ['2025-10-10', arbitrate('2025-10-10', '企业明确拒绝调解')],
      ['2025-10-15', accept('2025-10-15', '惠劳人仲案字〔2025〕第356号')],
      [
        '2025-11-26',
        {
          event: 'award',
          awardedOn: '2025-11-26',
          result: 'mediated',
          amountFen: 900_000,
          final: true,
          note: '仲裁庭主持调解',
        },
      ],
      ['2025-12-12', closeWith('2025-12-12', 'arbitrated', 900_000)],
    ]);
    const withdrawn = await on('2025-12-01', () =>
      createCase(services, head, centre.id, {
        source: 'hotline',
        worker: worker(),
        respondent: respondent(5),
        type: 'other',
        claimFen: 300_000,
        facts: facts('other'),
        knownOn: '2025-11-20',
      }),
    );
    await on('2025-12-04', () =>
      ev(head, withdrawn.id, closeWith('2025-12-04', 'withdrawn', 300_000, '企业主动退还押金，申请人撤回')),
    );
  });

  // ——— open cases, dated back from the day of loading ———
  const today = shanghaiDate();
  const back = (n: number) => addDays(today, -n);
  const centre = (await services.disputeCentres.list(head)).items.find((c) => c.code === 'HSTJ')!;
  const live = new SimulatedClock(at(`${back(60)} 10:00`));
  const when = <T>(day: string, fn: () => Promise<T>) => {
    live.set(at(`${day} 10:00`));
    return fn();
  };
  await runWithClock(live.now, async () => {
    // Consultations of the last weeks.
    for (let i = 0; i < HS_RECENT_CONSULTATIONS; i++) {
      const day = back(rng.int(1, 40));
      await when(day, () => consult(centre.id, day, () => ({ personName: null, followUp: null })));
    }
    const open = async (
      day: string,
      by: RequestContext,
      i: number,
      type: DisputeType,
      extra: Partial<Parameters<typeof createCase>[3]> = {},
    ) =>
      when(day, () =>
        createCase(services, by, centre.id, {
          source: rng.pick(['walk_in', 'hotline', 'station'] as const),
          worker: worker(),
          respondent: respondent(i),
          type,
          claimFen: rng.int(30, 200) * 10_000,
          facts: facts(type),
          knownOn: addDays(day, -rng.int(5, 40)),
          ...extra,
        }),
      );
    // Registered yesterday, not yet taken up.
    await open(back(1), head, 3, 'social_insurance');
    // hs_worker's own case (周小勇, from the registry), in mediation since five days.
    const self = await services.store.repos.disputes.registryWorkerOfUser(
      (await ctxOf(services, 'hs_worker')).actor.userId,
    );
    const mine = await open(back(6), staff, 7, 'work_injury', {
      source: 'online',
      workerId: self?.id ?? null,
      worker: self ? null : worker(),
    });
    await steps(when, head, mine.id, [
      [back(5), mediate(back(5))],
      [back(2), { event: 'record_session', heldOn: back(2), result: 'progress', note: '平台合作商同意承担部分医疗费' }],
    ]);
    // In mediation, extended by the parties' agreement.
    const ext = await open(back(14), others[1]!, 2, 'termination');
    await steps(when, others[1]!, ext.id, [
      [back(12), mediate(back(12))],
      [
        back(3),
        { event: 'extend_mediation', days: 10, reason: '企业负责人出差，双方同意延期', agreedBy: '双方当事人' },
      ],
    ]);
    // In mediation, near its last day (red).
    const near = await open(back(14), others[0]!, 6, 'wage_arrears');
    await when(back(13), () => ev(others[0]!, near.id, mediate(back(13))));
    // In mediation past its last day: the one overdue clock.
    const late = await open(back(24), head, 0, 'wage_arrears');
    await steps(when, head, late.id, [
      [back(22), mediate(back(22))],
      [back(18), { event: 'record_session', heldOn: back(18), result: 'no_show', note: '被申请人未到场' }],
    ]);
    // An agreement awaiting performance.
    const agreed = await open(back(16), others[1]!, 4, 'compensation');
    await steps(when, others[1]!, agreed.id, [
      [back(15), mediate(back(15))],
      [
        back(4),
        {
          event: 'mediation_agreement',
          agreedOn: back(4),
          terms: '公司分两期支付经济补偿，首期于十日内支付。',
          amountFen: 800_000,
          performBy: addDays(today, 6),
        },
      ],
    ]);
    // Mediation failed, the worker to apply for arbitration (legal aid asked).
    const failed = await open(back(20), head, 5, 'labour_relation');
    await steps(when, head, failed.id, [
      [back(19), mediate(back(19))],
      [back(7), { event: 'mediation_failed', endedOn: back(7), reason: '公司坚持不存在劳动关系' }],
      [back(6), askAid(back(6))],
    ]);
    // Arbitration applied, the commission's decision due.
    const applied = await open(back(4), staff, 1, 'wage_arrears');
    await when(back(2), () => ev(staff, applied.id, arbitrate(back(2))));
    // Arbitration accepted, hearing set, legal aid granted.
    const accepted = await open(back(40), others[0]!, 3, 'work_injury');
    await steps(when, others[0]!, accepted.id, [
      [back(38), mediate(back(38))],
      [back(30), { event: 'mediation_failed', endedOn: back(30), reason: '对伤残等级意见分歧' }],
      [back(29), arbitrate(back(29))],
      [back(26), accept(back(26), `惠劳人仲案字〔${today.slice(0, 4)}〕第${rng.int(100, 400)}号`)],
      [back(25), askAid(back(25))],
      [back(22), grantAid(back(22), '钱律师')],
      [back(20), { event: 'schedule_hearing', hearingOn: addDays(today, 5) }],
    ]);
    // In court after the award, with legal aid.
    const court = await open(back(58), head, 2, 'labour_relation');
    await steps(when, head, court.id, [
      [back(57), arbitrate(back(57), '平台拒绝调解')],
      [back(53), accept(back(53), `惠劳人仲案字〔${today.slice(0, 4)}〕第${rng.int(401, 600)}号`)],
      [back(52), askAid(back(52))],
      [back(50), grantAid(back(50), '孙律师')],
      [
        back(25),
        {
          event: 'award',
          awardedOn: back(25),
          result: 'dismissed',
          amountFen: 0,
          final: false,
          note: '未支持确认劳动关系',
        },
      ],
      [
        back(12),
        {
          event: 'file_litigation',
          filedOn: back(12),
          kind: 'lawsuit',
          court: '无锡市惠山区人民法院',
          courtCaseNo: `(${today.slice(0, 4)})苏0206民初${rng.int(1000, 3000)}号`,
        },
      ],
    ]);
  });
  // The overdue clock reaches the centre's head, as the hourly job would.
  await services.disputes.alertOverdueClocks(new Date());
}
