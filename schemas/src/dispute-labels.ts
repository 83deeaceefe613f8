import type { Dict } from './dicts';

/*
 * 调裁诉援 — the one-stop labour-dispute centre (issue 14, DOMAIN.md §4.8): dictionaries, the case
 * workflow as one table, and the statutory clocks' rules (劳动争议调解仲裁法). Pure: shared by the
 * server (which applies them) and the web (which shows them).
 */

const keys = <K extends string>(d: Dict<K>) => Object.keys(d) as [K, ...K[]];

/** Kinds of labour dispute (劳动争议). */
export const DISPUTE_TYPES = {
  wage_arrears: { 'zh-CN': '欠薪', en: 'Unpaid wages' },
  work_injury: { 'zh-CN': '工伤', en: 'Work injury' },
  labour_relation: { 'zh-CN': '劳动关系认定', en: 'Employment relationship' },
  social_insurance: { 'zh-CN': '社会保险', en: 'Social insurance' },
  termination: { 'zh-CN': '解除/终止合同', en: 'Dismissal / termination' },
  compensation: { 'zh-CN': '经济补偿', en: 'Severance / compensation' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Dict<string>;
export type DisputeType = keyof typeof DISPUTE_TYPES;
export const DISPUTE_TYPE_CODES = keys(DISPUTE_TYPES);

/** Where a case came in. */
export const DISPUTE_SOURCES = {
  station: { 'zh-CN': '驿家站点', en: 'Worker station' },
  hotline: { 'zh-CN': '热线电话', en: 'Hotline' },
  walk_in: { 'zh-CN': '来访', en: 'Walk-in' },
  online: { 'zh-CN': '线上申请', en: 'Online' },
  referral: { 'zh-CN': '转办', en: 'Referral' },
} satisfies Dict<string>;
export type DisputeSource = keyof typeof DISPUTE_SOURCES;
export const DISPUTE_SOURCE_CODES = keys(DISPUTE_SOURCES);

/** Who the worker claims against. */
export const RESPONDENT_KINDS = {
  firm: { 'zh-CN': '用工企业', en: 'Employer' },
  platform: { 'zh-CN': '平台企业', en: 'Platform company' },
  agency: { 'zh-CN': '劳务派遣/外包机构', en: 'Labour-service agency' },
} satisfies Dict<string>;
export type RespondentKind = keyof typeof RESPONDENT_KINDS;
export const RESPONDENT_KIND_CODES = keys(RESPONDENT_KINDS);

/** A case's state: the stage it stands in. */
export const DISPUTE_STATUSES = {
  registered: { 'zh-CN': '已受理登记', en: 'Registered' },
  mediating: { 'zh-CN': '调解中', en: 'In mediation' },
  mediated: { 'zh-CN': '已达成调解协议', en: 'Mediation agreement' },
  mediation_failed: { 'zh-CN': '调解不成', en: 'Mediation failed' },
  arbitrating: { 'zh-CN': '仲裁中', en: 'In arbitration' },
  litigating: { 'zh-CN': '诉讼中', en: 'In court' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
} satisfies Dict<string>;
export type DisputeStatus = keyof typeof DISPUTE_STATUSES;
export const DISPUTE_STATUS_CODES = keys(DISPUTE_STATUSES);
export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = DISPUTE_STATUS_CODES.filter((s) => s !== 'closed');

export const MEDIATION_STATUSES = {
  ongoing: { 'zh-CN': '调解中', en: 'Ongoing' },
  agreed: { 'zh-CN': '达成协议', en: 'Agreement' },
  failed: { 'zh-CN': '调解不成', en: 'Failed' },
  lapsed: { 'zh-CN': '期满未达成协议', en: 'Lapsed' },
} satisfies Dict<string>;
export type MediationStatus = keyof typeof MEDIATION_STATUSES;

export const ARBITRATION_STATUSES = {
  applied: { 'zh-CN': '已申请', en: 'Applied' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  refused: { 'zh-CN': '不予受理', en: 'Not accepted' },
  awarded: { 'zh-CN': '已裁决', en: 'Awarded' },
} satisfies Dict<string>;
export type ArbitrationStatus = keyof typeof ARBITRATION_STATUSES;

export const AWARD_RESULTS = {
  upheld: { 'zh-CN': '支持', en: 'Upheld' },
  partly: { 'zh-CN': '部分支持', en: 'Partly upheld' },
  dismissed: { 'zh-CN': '驳回', en: 'Dismissed' },
  mediated: { 'zh-CN': '仲裁调解结案', en: 'Settled by the tribunal' },
} satisfies Dict<string>;
export type AwardResult = keyof typeof AWARD_RESULTS;
export const AWARD_RESULT_CODES = keys(AWARD_RESULTS);

export const LITIGATION_KINDS = {
  lawsuit: { 'zh-CN': '起诉', en: 'Lawsuit' },
  payment_order: { 'zh-CN': '支付令', en: 'Payment order' },
} satisfies Dict<string>;
export type LitigationKind = keyof typeof LITIGATION_KINDS;
export const LITIGATION_KIND_CODES = keys(LITIGATION_KINDS);

export const JUDGEMENT_RESULTS = {
  upheld: { 'zh-CN': '支持诉请', en: 'Upheld' },
  partly: { 'zh-CN': '部分支持', en: 'Partly upheld' },
  dismissed: { 'zh-CN': '驳回', en: 'Dismissed' },
  settled: { 'zh-CN': '调解/和解', en: 'Settled' },
  payment_order: { 'zh-CN': '支付令已发出', en: 'Payment order issued' },
} satisfies Dict<string>;
export type JudgementResult = keyof typeof JUDGEMENT_RESULTS;
export const JUDGEMENT_RESULT_CODES = keys(JUDGEMENT_RESULTS);

export const LEGAL_AID_STATUSES = {
  applied: { 'zh-CN': '已申请', en: 'Applied' },
  approved: { 'zh-CN': '已批准', en: 'Approved' },
  denied: { 'zh-CN': '未批准', en: 'Denied' },
} satisfies Dict<string>;
export type LegalAidStatus = keyof typeof LEGAL_AID_STATUSES;

/** How a case ended. */
export const DISPUTE_OUTCOMES = {
  mediated: { 'zh-CN': '调解结案', en: 'Mediated' },
  arbitrated: { 'zh-CN': '仲裁结案', en: 'Arbitrated' },
  adjudicated: { 'zh-CN': '判决/裁定结案', en: 'Adjudicated' },
  settled: { 'zh-CN': '当事人和解', en: 'Settled by the parties' },
  withdrawn: { 'zh-CN': '申请人撤回', en: 'Withdrawn' },
  not_pursued: { 'zh-CN': '终止处理', en: 'Not pursued' },
} satisfies Dict<string>;
export type DisputeOutcome = keyof typeof DISPUTE_OUTCOMES;
export const DISPUTE_OUTCOME_CODES = keys(DISPUTE_OUTCOMES);

/** A mediator's session result (the phone page: one tap, then a note). */
export const SESSION_RESULTS = {
  progress: { 'zh-CN': '有进展', en: 'Progress' },
  no_show: { 'zh-CN': '一方未到场', en: 'A party did not come' },
  deadlock: { 'zh-CN': '分歧较大', en: 'Far apart' },
  near_agreement: { 'zh-CN': '接近达成协议', en: 'Close to agreement' },
} satisfies Dict<string>;
export type SessionResult = keyof typeof SESSION_RESULTS;
export const SESSION_RESULT_CODES = keys(SESSION_RESULTS);

/** 法律咨询 channels. */
export const CONSULTATION_CHANNELS = {
  hotline: { 'zh-CN': '热线电话', en: 'Hotline' },
  station: { 'zh-CN': '驿家站点', en: 'Worker station' },
  walk_in: { 'zh-CN': '来访', en: 'Walk-in' },
  online: { 'zh-CN': '线上', en: 'Online' },
} satisfies Dict<string>;
export type ConsultationChannel = keyof typeof CONSULTATION_CHANNELS;
export const CONSULTATION_CHANNEL_CODES = keys(CONSULTATION_CHANNELS);

/** What a consultation asked about: the dispute types, plus policy questions. */
export const CONSULTATION_TOPICS = {
  ...DISPUTE_TYPES,
  policy: { 'zh-CN': '政策咨询', en: 'Policy question' },
} satisfies Dict<string>;
export type ConsultationTopic = keyof typeof CONSULTATION_TOPICS;
export const CONSULTATION_TOPIC_CODES = keys(CONSULTATION_TOPICS);

// ——— the workflow ———

export const DISPUTE_EVENTS = {
  start_mediation: { 'zh-CN': '受理调解申请', en: 'Mediation received' },
  record_session: { 'zh-CN': '记录调解情况', en: 'Session recorded' },
  extend_mediation: { 'zh-CN': '延长调解期限', en: 'Mediation extended' },
  mediation_agreement: { 'zh-CN': '达成调解协议', en: 'Mediation agreement' },
  mediation_failed: { 'zh-CN': '调解不成', en: 'Mediation failed' },
  record_performance: { 'zh-CN': '登记协议履行情况', en: 'Performance recorded' },
  apply_arbitration: { 'zh-CN': '申请仲裁', en: 'Arbitration applied for' },
  accept_arbitration: { 'zh-CN': '仲裁委受理', en: 'Arbitration accepted' },
  refuse_arbitration: { 'zh-CN': '仲裁委不予受理', en: 'Arbitration not accepted' },
  schedule_hearing: { 'zh-CN': '确定开庭', en: 'Hearing scheduled' },
  extend_award: { 'zh-CN': '延长审理期限', en: 'Award period extended' },
  award: { 'zh-CN': '作出仲裁裁决', en: 'Award made' },
  file_litigation: { 'zh-CN': '起诉/申请支付令', en: 'Filed in court' },
  judgement: { 'zh-CN': '法院判决/裁定', en: 'Judgement' },
  apply_legal_aid: { 'zh-CN': '申请法律援助', en: 'Legal aid applied for' },
  decide_legal_aid: { 'zh-CN': '法律援助审批', en: 'Legal aid decided' },
  close: { 'zh-CN': '结案', en: 'Closed' },
} satisfies Dict<string>;
export type DisputeEvent = keyof typeof DISPUTE_EVENTS;
export const DISPUTE_EVENT_CODES = keys(DISPUTE_EVENTS);

/** Dispute types for which an unperformed mediation agreement supports a payment order (Art. 16). */
export const PAYMENT_ORDER_TYPES: readonly DisputeType[] = ['wage_arrears', 'work_injury', 'compensation'];

/** What the workflow's guards read of a case (resolved by the server from its stage records). */
export interface DisputeFacts {
  status: DisputeStatus;
  type: DisputeType;
  mediation: {
    status: MediationStatus;
    /** null: not yet recorded. */
    performed: boolean | null;
    /** The 15-day mediation period (with agreed extensions) has run out. */
    periodOver: boolean;
  } | null;
  arbitration: {
    status: ArbitrationStatus;
    /** No acceptance decision within 5 (working) days of the application. */
    acceptanceOverdue: boolean;
    /** No award within 45 days of acceptance (plus any extension). */
    awardOverdue: boolean;
    /** Days the award period was extended so far (at most 15). */
    awardExtendedDays: number;
    hearingSet: boolean;
  } | null;
  litigation: { judged: boolean } | null;
  /** The latest legal-aid application's status, if any. */
  legalAid: LegalAidStatus | null;
}

export interface DisputeTransition {
  event: DisputeEvent;
  from: readonly DisputeStatus[];
  /** The next status; null: the status stays (a record within the stage). */
  to: DisputeStatus | null;
  /** The guard in words (shown in the docs and the UI). */
  guard: string;
  /** The rule the guard applies (besides `from`). */
  allowed?: (f: DisputeFacts) => boolean;
  /** The article of 劳动争议调解仲裁法 the rule follows, where there is one. */
  law?: string;
}

const OPEN: readonly DisputeStatus[] = OPEN_DISPUTE_STATUSES;

/**
 * The case workflow (调裁诉援): state × event → next state and its guard, in the order the law allows.
 * Mediation is voluntary (a case may go to arbitration without it); arbitration comes before a court
 * (仲裁前置) except a payment order on an unperformed mediation agreement; legal aid may be asked for
 * at any stage; every open case can be closed with its outcome and the amount actually recovered.
 */
export const DISPUTE_WORKFLOW: readonly DisputeTransition[] = [
  {
    event: 'start_mediation',
    from: ['registered'],
    to: 'mediating',
    guard: '受理调解申请，自收到申请之日起15日内结束调解',
    law: '第十四条',
  },
  { event: 'record_session', from: ['mediating'], to: null, guard: '调解进行中' },
  {
    event: 'extend_mediation',
    from: ['mediating'],
    to: null,
    guard: '调解进行中；经双方当事人同意延长，须写明理由',
    law: '第十四条',
  },
  { event: 'mediation_agreement', from: ['mediating'], to: 'mediated', guard: '调解进行中，双方达成协议' },
  { event: 'mediation_failed', from: ['mediating'], to: 'mediation_failed', guard: '调解进行中，须写明原因' },
  {
    event: 'record_performance',
    from: ['mediated'],
    to: null,
    guard: '已达成调解协议，履行情况尚未登记为已履行',
    allowed: (f) => f.mediation?.performed !== true,
    law: '第十五条',
  },
  {
    event: 'apply_arbitration',
    from: ['registered', 'mediating', 'mediation_failed', 'mediated'],
    to: 'arbitrating',
    guard: '未经调解、调解不成、调解期满未达成协议，或调解协议未履行',
    allowed: (f) =>
      f.status === 'mediating'
        ? f.mediation?.periodOver === true
        : f.status === 'mediated'
          ? f.mediation?.performed === false
          : true,
    law: '第十四条、第十五条',
  },
  {
    event: 'accept_arbitration',
    from: ['arbitrating'],
    to: null,
    guard: '已申请、尚未作出受理决定',
    allowed: (f) => f.arbitration?.status === 'applied',
    law: '第二十九条',
  },
  {
    event: 'refuse_arbitration',
    from: ['arbitrating'],
    to: null,
    guard: '已申请、尚未作出受理决定，须写明理由',
    allowed: (f) => f.arbitration?.status === 'applied',
    law: '第二十九条',
  },
  {
    event: 'schedule_hearing',
    from: ['arbitrating'],
    to: null,
    guard: '已受理、尚未裁决',
    allowed: (f) => f.arbitration?.status === 'accepted',
  },
  {
    event: 'extend_award',
    from: ['arbitrating'],
    to: null,
    guard: '已受理、尚未裁决，延长合计不超过15日，须经仲裁委主任批准并写明理由',
    allowed: (f) => f.arbitration?.status === 'accepted' && f.arbitration.awardExtendedDays < 15,
    law: '第四十三条',
  },
  {
    event: 'award',
    from: ['arbitrating'],
    to: null,
    guard: '已受理、尚未裁决',
    allowed: (f) => f.arbitration?.status === 'accepted',
    law: '第四十三条',
  },
  {
    event: 'file_litigation',
    from: ['arbitrating', 'mediated'],
    to: 'litigating',
    guard:
      '仲裁委不予受理、逾期未作出受理决定、逾期未裁决或已裁决后起诉；或调解协议未履行（欠薪、工伤医疗费、经济补偿或赔偿金）申请支付令',
    allowed: (f) =>
      f.status === 'mediated'
        ? f.mediation?.performed === false && PAYMENT_ORDER_TYPES.includes(f.type)
        : !!f.arbitration &&
          (f.arbitration.status === 'refused' ||
            f.arbitration.status === 'awarded' ||
            (f.arbitration.status === 'applied' && f.arbitration.acceptanceOverdue) ||
            (f.arbitration.status === 'accepted' && f.arbitration.awardOverdue)),
    law: '第十六条、第二十九条、第四十三条、第四十八条、第五十条',
  },
  {
    event: 'judgement',
    from: ['litigating'],
    to: null,
    guard: '已起诉、尚未登记判决',
    allowed: (f) => f.litigation?.judged === false,
  },
  {
    event: 'apply_legal_aid',
    from: OPEN,
    to: null,
    guard: '案件未结，且没有待审批或已批准的法律援助',
    allowed: (f) => f.legalAid === null || f.legalAid === 'denied',
  },
  {
    event: 'decide_legal_aid',
    from: OPEN,
    to: null,
    guard: '案件未结，有待审批的法律援助申请',
    allowed: (f) => f.legalAid === 'applied',
  },
  { event: 'close', from: OPEN, to: 'closed', guard: '案件未结；登记结果与实际追回金额' },
];

export function findDisputeTransition(event: DisputeEvent): DisputeTransition {
  return DISPUTE_WORKFLOW.find((t) => t.event === event)!;
}

/** The next status after `event` for a case with these facts, or undefined when not allowed. */
export function disputeTransition(f: DisputeFacts, event: DisputeEvent): DisputeStatus | undefined {
  const t = findDisputeTransition(event);
  if (!t.from.includes(f.status)) return undefined;
  if (t.allowed && !t.allowed(f)) return undefined;
  return t.to ?? f.status;
}

/** The events allowed on a case with these facts, in table order. */
export const allowedDisputeEvents = (f: DisputeFacts): DisputeEvent[] =>
  DISPUTE_WORKFLOW.filter((t) => disputeTransition(f, t.event) !== undefined).map((t) => t.event);

// ——— statutory clocks ———

export const DISPUTE_CLOCKS = {
  mediation: { 'zh-CN': '调解期限', en: 'Mediation period' },
  acceptance: { 'zh-CN': '仲裁受理审查期限', en: 'Arbitration acceptance decision' },
  award: { 'zh-CN': '仲裁审理期限', en: 'Arbitration award period' },
  limitation: { 'zh-CN': '仲裁时效', en: 'Limitation period for arbitration' },
} satisfies Dict<string>;
export type DisputeClockKind = keyof typeof DISPUTE_CLOCKS;
export const DISPUTE_CLOCK_CODES = keys(DISPUTE_CLOCKS);

/**
 * A clock's state. Running: ok → amber → red as its days left fall to the thresholds, overdue past
 * its last day. Stopped: met (the step happened on or before the last day), missed (after it),
 * interrupted (the limitation period restarted: 时效中断), ended (the case left the stage otherwise).
 */
export const CLOCK_STATES = {
  ok: { 'zh-CN': '正常', en: 'On time' },
  amber: { 'zh-CN': '临近期限', en: 'Due soon' },
  red: { 'zh-CN': '即将到期', en: 'Nearly due' },
  overdue: { 'zh-CN': '已超期', en: 'Overdue' },
  met: { 'zh-CN': '按期完成', en: 'Met' },
  missed: { 'zh-CN': '超期完成', en: 'Missed' },
  interrupted: { 'zh-CN': '时效中断', en: 'Interrupted' },
  ended: { 'zh-CN': '已终止', en: 'Ended' },
} satisfies Dict<string>;
export type ClockState = keyof typeof CLOCK_STATES;
export const CLOCK_STATE_CODES = keys(CLOCK_STATES);

/** How a clock's length is counted. */
export type ClockUnit = 'calendar_days' | 'working_days' | 'years';

export interface ClockRule {
  length: number;
  unit: ClockUnit;
  /** Total extension allowed (days); null: by the parties' agreement, no statutory cap. */
  maxExtensionDays: number | null;
  /** Whether an extension is possible at all. */
  extendable: boolean;
  /** Days left at or below which the clock shows amber, and red. */
  amber: number;
  red: number;
  law: string;
}

/**
 * The statutory periods (劳动争议调解仲裁法). The acceptance decision's "5 days" are working days
 * (劳动人事争议仲裁办案规则, 附则: "三日""五日""十日" 指工作日, "十五日""四十五日" 指自然日); the
 * others are calendar days or a year. The first day is not counted, and a period whose last day
 * falls on a day off (a statutory holiday or weekend) ends on the next working day (民事诉讼法
 * 第八十五条, 民法典 第二百零三条).
 */
export const CLOCK_RULES: Record<DisputeClockKind, ClockRule> = {
  mediation: {
    length: 15,
    unit: 'calendar_days',
    maxExtensionDays: null,
    extendable: true,
    amber: 5,
    red: 2,
    law: '第十四条：自收到调解申请之日起十五日内',
  },
  acceptance: {
    length: 5,
    unit: 'working_days',
    maxExtensionDays: 0,
    extendable: false,
    amber: 2,
    red: 1,
    law: '第二十九条：收到仲裁申请之日起五日内决定是否受理',
  },
  award: {
    length: 45,
    unit: 'calendar_days',
    maxExtensionDays: 15,
    extendable: true,
    amber: 10,
    red: 3,
    law: '第四十三条：受理之日起四十五日内结束，经批准可延期不超过十五日',
  },
  limitation: {
    length: 1,
    unit: 'years',
    maxExtensionDays: 0,
    extendable: false,
    amber: 60,
    red: 30,
    law: '第二十七条：仲裁时效一年，自知道或应当知道权利被侵害之日起计算',
  },
};

/** One mediation extension agreed by the parties: at most this many days each time. */
export const MEDIATION_EXTENSION_MAX_DAYS = 15;

/** Evidence files one save of a case takes (intake, the phone form, 补充证据). */
export const DISPUTE_EVIDENCE_MAX = 20;
