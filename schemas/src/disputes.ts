import { z } from 'zod';
import { creditCodeProblem } from './codes';
import {
  boolQuery,
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  mobileSchema,
  msg,
  optionalText,
  refId,
  regionCodeSchema,
  requiredNumber,
  trimmed,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import {
  AWARD_RESULT_CODES,
  CLOCK_STATE_CODES,
  CONSULTATION_CHANNEL_CODES,
  CONSULTATION_TOPIC_CODES,
  DISPUTE_CLOCK_CODES,
  DISPUTE_EVENT_CODES,
  DISPUTE_EVIDENCE_MAX,
  DISPUTE_OUTCOME_CODES,
  DISPUTE_SOURCE_CODES,
  DISPUTE_STATUS_CODES,
  DISPUTE_TYPE_CODES,
  JUDGEMENT_RESULT_CODES,
  LITIGATION_KIND_CODES,
  MEDIATION_EXTENSION_MAX_DAYS,
  RESPONDENT_KIND_CODES,
  SESSION_RESULT_CODES,
} from './dispute-labels';
import { attachmentView } from './execution';

export * from './dispute-labels';

/** Money in fen (分): whole, not negative, at most 1 亿元. */
const fenSchema = requiredNumber((n) =>
  n.int(msg('invalid')).min(0, msg('too_small')).max(10_000_000_000, msg('too_big')),
);

/** A unified social credit code (GB 32100) when the respondent's is known. */
const creditCodeOptional = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .nullish()
  .transform((v) => (v ? v : null))
  .superRefine((v, ctx) => {
    if (!v) return;
    const p = creditCodeProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: `credit_code_${p}` });
  });

// ——— centres ———

export const disputeCentreBody = z.object({
  name: trimmed(60),
  /** Short code in case numbers (HSTJ → HSTJ-2025-0001): letters and digits. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, msg('invalid')),
  /** The district or street the centre serves: staff over that region reach its cases. */
  regionCode: regionCodeSchema,
  address: trimmed(120),
  phone: optionalText(30),
  /** The centre's head (主任): notified when a statutory clock runs out. */
  headUserId: refId('user'),
  /** Mediators (调解员 accounts): each sees this centre's cases. */
  mediatorUserIds: z.array(refId('user')).max(50, msg('too_many')).default([]),
});
export type DisputeCentreBody = z.infer<typeof disputeCentreBody>;
export const disputeCentreUpdateBody = disputeCentreBody.extend({ version: versionSchema });
export type DisputeCentreUpdateBody = z.infer<typeof disputeCentreUpdateBody>;

export const disputeCentreView = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  headUserId: z.string(),
  headName: z.string(),
  mediators: z.array(z.object({ userId: z.string(), name: z.string() })),
  openCases: z.number().int(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type DisputeCentreView = z.infer<typeof disputeCentreView>;
export const disputeCentreList = z.object({ items: z.array(disputeCentreView) });
export type DisputeCentreList = z.infer<typeof disputeCentreList>;

// ——— intake ———

const respondentSchema = z.object({
  kind: z.enum(RESPONDENT_KIND_CODES),
  name: trimmed(100, 2),
  creditCode: creditCodeOptional,
});
/** A worker entered at intake (not, or not yet, in the registry). */
const enteredWorker = z.object({
  name: trimmed(30),
  mobile: mobileSchema,
});

const caseFields = {
  respondent: respondentSchema,
  type: z.enum(DISPUTE_TYPE_CODES),
  claimFen: fenSchema,
  facts: trimmed(4000, 5),
  /** When the worker knew (or should have known) of the infringement: starts the one-year limitation. */
  knownOn: dateSchema.nullish().transform((v) => v ?? null),
  /** Evidence uploaded first (POST /api/dispute-evidence), linked when the case is saved. */
  evidenceIds: z.array(refId('attachment')).max(DISPUTE_EVIDENCE_MAX, msg('too_many')).default([]),
};

export const disputeIntakeBody = z
  .object({
    centreId: refId('disputeCentre'),
    ...caseFields,
    source: z.enum(DISPUTE_SOURCE_CODES),
    /** The station, the referring body, the hotline ticket … */
    sourceNote: optionalText(100),
    /** A worker of the registry (staff who read it), or … */
    workerId: refId('worker')
      .nullish()
      .transform((v) => v ?? null),
    /** … the worker as entered (linked to the registry when the mobile matches a registration); ignored with `workerId`. */
    worker: enteredWorker.nullish().transform((v) => v ?? null),
    /** The day the centre received the application (defaults to today). */
    receivedOn: dateSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((b, ctx) => {
    if (!b.workerId && !b.worker) ctx.addIssue({ code: 'custom', path: ['worker'], message: 'required' });
  });
export type DisputeIntakeBody = z.infer<typeof disputeIntakeBody>;

/** A worker's own application from the phone (source 'online'), to the centre serving their region. */
export const disputeOnlineBody = z.object({
  ...caseFields,
  /** Needed only when the account has no worker registration. */
  worker: enteredWorker.nullish().transform((v) => v ?? null),
});
export type DisputeOnlineBody = z.infer<typeof disputeOnlineBody>;

// ——— stage events (the workflow table's events, each with its record) ———

const reason = trimmed(500, 2);
const note = optionalText(1000);
const daysOf = (max: number) =>
  requiredNumber((n) => n.int(msg('invalid')).min(1, msg('too_small')).max(max, msg('too_big')));

export const disputeEventFields = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('start_mediation'),
    receivedOn: dateSchema,
    /** A mediator of the case's centre; by default the caller when they are one. */
    mediatorUserId: refId('disputeMediator')
      .nullish()
      .transform((v) => v ?? null),
    note,
  }),
  z.object({
    event: z.literal('record_session'),
    heldOn: dateSchema,
    result: z.enum(SESSION_RESULT_CODES),
    note,
  }),
  z.object({
    event: z.literal('extend_mediation'),
    days: daysOf(MEDIATION_EXTENSION_MAX_DAYS),
    reason,
    /** Who agreed (双方当事人 …). */
    agreedBy: trimmed(100),
  }),
  z.object({
    event: z.literal('mediation_agreement'),
    agreedOn: dateSchema,
    terms: trimmed(2000, 5),
    amountFen: fenSchema,
    performBy: dateSchema.nullish().transform((v) => v ?? null),
  }),
  z.object({ event: z.literal('mediation_failed'), endedOn: dateSchema, reason }),
  z.object({ event: z.literal('record_performance'), performed: z.boolean(), on: dateSchema, note }),
  z.object({ event: z.literal('apply_arbitration'), appliedOn: dateSchema, commission: trimmed(60), note }),
  z.object({ event: z.literal('accept_arbitration'), acceptedOn: dateSchema, arbCaseNo: trimmed(40) }),
  z.object({ event: z.literal('refuse_arbitration'), decidedOn: dateSchema, reason }),
  z.object({ event: z.literal('schedule_hearing'), hearingOn: dateSchema }),
  z.object({
    event: z.literal('extend_award'),
    days: daysOf(15),
    reason,
    /** 仲裁委主任 who approved it. */
    approvedBy: trimmed(60),
  }),
  z.object({
    event: z.literal('award'),
    awardedOn: dateSchema,
    result: z.enum(AWARD_RESULT_CODES),
    amountFen: fenSchema,
    /** 终局裁决 (Art. 47): the employer cannot sue. */
    final: z.boolean().default(false),
    note,
  }),
  z.object({
    event: z.literal('file_litigation'),
    filedOn: dateSchema,
    kind: z.enum(LITIGATION_KIND_CODES),
    court: trimmed(60),
    courtCaseNo: optionalText(40),
  }),
  z.object({
    event: z.literal('judgement'),
    judgedOn: dateSchema,
    result: z.enum(JUDGEMENT_RESULT_CODES),
    amountFen: fenSchema,
    courtCaseNo: optionalText(40),
    note,
  }),
  z.object({ event: z.literal('apply_legal_aid'), appliedOn: dateSchema, provider: trimmed(60), note }),
  z.object({
    event: z.literal('decide_legal_aid'),
    decidedOn: dateSchema,
    approved: z.boolean(),
    lawyerName: optionalText(30),
    lawFirm: optionalText(60),
    reason: optionalText(500),
  }),
  z.object({
    event: z.literal('close'),
    closedOn: dateSchema,
    outcome: z.enum(DISPUTE_OUTCOME_CODES),
    recoveredFen: fenSchema,
    note,
  }),
]);
export type DisputeEventFields = z.infer<typeof disputeEventFields>;

const legalAidRule = (b: DisputeEventFields, ctx: z.RefinementCtx) => {
  if (b.event !== 'decide_legal_aid') return;
  if (b.approved && !b.lawyerName) ctx.addIssue({ code: 'custom', path: ['lawyerName'], message: 'required' });
  if (!b.approved && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
};

export const disputeEventBody = z
  .intersection(disputeEventFields, z.object({ version: versionSchema }))
  .superRefine(legalAidRule);
export type DisputeEventBody = z.infer<typeof disputeEventBody>;
/** The same event for every case of a group (集体争议), each at its current version. */
export const disputeGroupEventBody = disputeEventFields.superRefine(legalAidRule);
export type DisputeGroupEventBody = z.infer<typeof disputeGroupEventBody>;

export const disputeEvidenceBody = z.object({
  evidenceIds: z.array(refId('attachment')).min(1, msg('required')).max(DISPUTE_EVIDENCE_MAX, msg('too_many')),
});
export type DisputeEvidenceBody = z.infer<typeof disputeEvidenceBody>;

export const disputeGroupBody = z.object({
  title: trimmed(80, 2),
  /** Open cases of one centre against the same respondent, not yet in a group. */
  caseIds: z.array(refId('disputeCase')).min(2, msg('required')).max(200, msg('too_many')),
});
export type DisputeGroupBody = z.infer<typeof disputeGroupBody>;

/** Later cases for an existing group: open, of its centre, against its respondent, in no group yet. */
export const disputeGroupAddBody = z.object({
  caseIds: z.array(refId('disputeCase')).min(1, msg('required')).max(200, msg('too_many')),
});
export type DisputeGroupAddBody = z.infer<typeof disputeGroupAddBody>;

export const fileParams = z.object({ id: idSchema, fileId: idSchema });

// ——— lists ———

/** A clock filter of the list: overdue, red (or worse), amber (or worse). */
export const CLOCK_FILTERS = ['overdue', 'red', 'amber'] as const;

export const disputeListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  centreId: idSchema.optional(),
  status: z.enum(DISPUTE_STATUS_CODES).optional(),
  /** Open (not closed) cases only. */
  open: boolQuery,
  type: z.enum(DISPUTE_TYPE_CODES).optional(),
  source: z.enum(DISPUTE_SOURCE_CODES).optional(),
  outcome: z.enum(DISPUTE_OUTCOME_CODES).optional(),
  /** Cases with a running clock in this state (or worse). */
  clock: z.enum(CLOCK_FILTERS).optional(),
  /** Cases with legal aid granted. */
  legalAid: boolQuery,
  /** Cases whose mediation reached an agreement. */
  mediated: boolQuery,
  groupId: idSchema.optional(),
  /** Cases assigned to me as mediator. */
  mine: boolQuery,
  /** Cases in the area of this Party organisation (its region and below): a bound indicator's area. */
  orgId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  receivedFrom: dateSchema.optional(),
  receivedTo: dateSchema.optional(),
  closedFrom: dateSchema.optional(),
  closedTo: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type DisputeListQuery = z.infer<typeof disputeListQuery>;
/** The list's filters for the Excel export (every row, no paging). */
export const disputeExportQuery = disputeListQuery.omit({ limit: true, cursor: true, withTotal: true });
export type DisputeExportQuery = z.infer<typeof disputeExportQuery>;

// ——— views ———

export const disputeClockView = z.object({
  id: z.string(),
  kind: z.enum(DISPUTE_CLOCK_CODES),
  startedOn: z.string(),
  /** The last day (extensions and the holiday rule applied). */
  dueOn: z.string(),
  extendedDays: z.number().int(),
  stoppedOn: z.string().nullable(),
  state: z.enum(CLOCK_STATE_CODES),
  /** Calendar days from today to the last day (negative: overdue); null once stopped. */
  daysLeft: z.number().int().nullable(),
});
export type DisputeClockView = z.infer<typeof disputeClockView>;

export const disputeCaseView = z.object({
  id: z.string(),
  caseNo: z.string(),
  centreId: z.string(),
  centreName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  source: z.enum(DISPUTE_SOURCE_CODES),
  sourceNote: z.string().nullable(),
  workerId: z.string().nullable(),
  workerName: z.string(),
  workerMobileMasked: z.string(),
  respondentKind: z.enum(RESPONDENT_KIND_CODES),
  respondentName: z.string(),
  respondentCreditCode: z.string().nullable(),
  type: z.enum(DISPUTE_TYPE_CODES),
  claimFen: z.number().int(),
  facts: z.string(),
  knownOn: z.string().nullable(),
  receivedOn: z.string(),
  status: z.enum(DISPUTE_STATUS_CODES),
  mediatorUserId: z.string().nullable(),
  mediatorName: z.string().nullable(),
  groupId: z.string().nullable(),
  groupTitle: z.string().nullable(),
  legalAid: z.enum(['applied', 'approved', 'denied']).nullable(),
  outcome: z.enum(DISPUTE_OUTCOME_CODES).nullable(),
  recoveredFen: z.number().int().nullable(),
  closedOn: z.string().nullable(),
  /** Running clocks first, nearest last day first. */
  clocks: z.array(disputeClockView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Workflow events the caller may fire now, plus `evidence` (add files). */
  abilities: z.array(z.string()),
});
export type DisputeCaseView = z.infer<typeof disputeCaseView>;
export const disputeCasePage = pageOf(disputeCaseView);
export type DisputeCasePage = z.infer<typeof disputeCasePage>;

export const disputeDetailView = disputeCaseView.extend({
  mediation: z
    .object({
      mediatorName: z.string().nullable(),
      receivedOn: z.string(),
      status: z.enum(['ongoing', 'agreed', 'failed', 'lapsed']),
      concludedOn: z.string().nullable(),
      terms: z.string().nullable(),
      agreedFen: z.number().int().nullable(),
      performBy: z.string().nullable(),
      performed: z.boolean().nullable(),
      performedOn: z.string().nullable(),
      failureReason: z.string().nullable(),
    })
    .nullable(),
  arbitration: z
    .object({
      commission: z.string(),
      appliedOn: z.string(),
      status: z.enum(['applied', 'accepted', 'refused', 'awarded']),
      acceptedOn: z.string().nullable(),
      arbCaseNo: z.string().nullable(),
      refusedOn: z.string().nullable(),
      refusalReason: z.string().nullable(),
      hearingOn: z.string().nullable(),
      awardedOn: z.string().nullable(),
      awardResult: z.enum(AWARD_RESULT_CODES).nullable(),
      awardFen: z.number().int().nullable(),
      finalAward: z.boolean(),
    })
    .nullable(),
  litigation: z
    .object({
      kind: z.enum(LITIGATION_KIND_CODES),
      court: z.string(),
      courtCaseNo: z.string().nullable(),
      filedOn: z.string(),
      judgedOn: z.string().nullable(),
      judgementResult: z.enum(JUDGEMENT_RESULT_CODES).nullable(),
      judgementFen: z.number().int().nullable(),
    })
    .nullable(),
  legalAids: z.array(
    z.object({
      id: z.string(),
      stage: z.enum(DISPUTE_STATUS_CODES),
      appliedOn: z.string(),
      provider: z.string(),
      status: z.enum(['applied', 'approved', 'denied']),
      decidedOn: z.string().nullable(),
      lawyerName: z.string().nullable(),
      lawFirm: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  extensions: z.array(
    z.object({
      clock: z.enum(DISPUTE_CLOCK_CODES),
      days: z.number().int(),
      reason: z.string(),
      agreedBy: z.string(),
      dueBefore: z.string(),
      dueAfter: z.string(),
      byName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      event: z.enum([...DISPUTE_EVENT_CODES, 'intake', 'evidence', 'clock_overdue', 'group'] as const),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  evidence: z.array(attachmentView),
});
export type DisputeDetailView = z.infer<typeof disputeDetailView>;

/** A worker's own case, as their phone shows it: the stage, the next date, the steps so far. */
export const disputeSelfCase = z.object({
  id: z.string(),
  caseNo: z.string(),
  centreName: z.string(),
  centrePhone: z.string().nullable(),
  type: z.enum(DISPUTE_TYPE_CODES),
  status: z.enum(DISPUTE_STATUS_CODES),
  respondentName: z.string(),
  claimFen: z.number().int(),
  receivedOn: z.string(),
  /** The next date the worker should know: a hearing, or the last day of the running clock. */
  nextDate: z.string().nullable(),
  nextLabel: z.string().nullable(),
  legalAid: z.enum(['applied', 'approved', 'denied']).nullable(),
  outcome: z.enum(DISPUTE_OUTCOME_CODES).nullable(),
  recoveredFen: z.number().int().nullable(),
  steps: z.array(z.object({ event: z.string(), at: z.string() })),
});
export type DisputeSelfCase = z.infer<typeof disputeSelfCase>;
export const disputeSelfList = z.object({ items: z.array(disputeSelfCase) });
export type DisputeSelfList = z.infer<typeof disputeSelfList>;

export const disputeGroupView = z.object({
  id: z.string(),
  title: z.string(),
  centreId: z.string(),
  respondentName: z.string(),
  cases: z.array(disputeCaseView),
  createdAt: z.string(),
});
export type DisputeGroupView = z.infer<typeof disputeGroupView>;

/** The outcome of one event applied to a group: every case moved, or none. */
export const disputeGroupEventResult = z.object({ updated: z.number().int(), group: disputeGroupView });
export type DisputeGroupEventResult = z.infer<typeof disputeGroupEventResult>;

// ——— consultations (法律咨询) ———

export const consultationBody = z.object({
  centreId: refId('disputeCentre'),
  channel: z.enum(CONSULTATION_CHANNEL_CODES),
  askedOn: dateSchema,
  personName: optionalText(30),
  mobile: mobileSchema.nullish().transform((v) => v ?? null),
  /** Where the person works or lives (for figures per area): the centre's region or below. */
  regionCode: regionCodeSchema,
  topic: z.enum(CONSULTATION_TOPIC_CODES),
  question: trimmed(2000, 2),
  answer: trimmed(2000, 2),
  followUp: optionalText(500),
  followUpOn: dateSchema.nullish().transform((v) => v ?? null),
  /** The case it became, if any. */
  caseId: refId('disputeCase')
    .nullish()
    .transform((v) => v ?? null),
});
export type ConsultationBody = z.infer<typeof consultationBody>;
export const consultationUpdateBody = z.object({
  answer: trimmed(2000, 2),
  followUp: optionalText(500),
  followUpOn: dateSchema.nullish().transform((v) => v ?? null),
  caseId: refId('disputeCase')
    .nullish()
    .transform((v) => v ?? null),
  version: versionSchema,
});
export type ConsultationUpdateBody = z.infer<typeof consultationUpdateBody>;

export const consultationListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  centreId: idSchema.optional(),
  channel: z.enum(CONSULTATION_CHANNEL_CODES).optional(),
  topic: z.enum(CONSULTATION_TOPIC_CODES).optional(),
  /** Those that became a case. */
  becameCase: boolQuery,
  orgId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  askedFrom: dateSchema.optional(),
  askedTo: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ConsultationListQuery = z.infer<typeof consultationListQuery>;

export const consultationView = z.object({
  id: z.string(),
  centreId: z.string(),
  centreName: z.string(),
  channel: z.enum(CONSULTATION_CHANNEL_CODES),
  askedOn: z.string(),
  personName: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  topic: z.enum(CONSULTATION_TOPIC_CODES),
  question: z.string(),
  answer: z.string(),
  followUp: z.string().nullable(),
  followUpOn: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  createdByName: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: z.array(z.string()),
});
export type ConsultationView = z.infer<typeof consultationView>;
export const consultationPage = pageOf(consultationView);
export type ConsultationPage = z.infer<typeof consultationPage>;

// ——— figures ———

export const disputeStatsQuery = z.object({
  from: dateSchema,
  to: dateSchema,
  centreId: idSchema.optional(),
  orgId: idSchema.optional(),
});
export type DisputeStatsQuery = z.infer<typeof disputeStatsQuery>;

const countRow = z.object({ n: z.number().int(), link: z.string() });
export const disputeStatsView = z.object({
  from: z.string(),
  to: z.string(),
  /** Cases received in the period, by type and by current status. */
  byTypeStatus: z.array(
    z.object({ type: z.enum(DISPUTE_TYPE_CODES), status: z.enum(DISPUTE_STATUS_CODES) }).extend(countRow.shape),
  ),
  received: countRow,
  closed: countRow,
  /** Mediations concluded in the period (agreement, failure or lapse) and those that reached an agreement. */
  mediationsConcluded: z.number().int(),
  mediationsAgreed: countRow,
  /** agreed / concluded; null without any concluded. */
  mediationSuccessRate: z.number().nullable(),
  /** Mean calendar days from receipt to closing, over the cases closed in the period. */
  avgDaysToClose: z.number().nullable(),
  /** Amount actually recovered on the cases closed in the period (fen). */
  recoveredFen: z.number().int(),
  withLegalAid: countRow,
  consultations: countRow,
  /** Consultations by area (region) and month (YYYY-MM). */
  consultationsByAreaMonth: z.array(
    z.object({ regionCode: z.string(), regionName: z.string(), month: z.string() }).extend(countRow.shape),
  ),
  /** Cases received by area and month. */
  casesByAreaMonth: z.array(
    z.object({ regionCode: z.string(), regionName: z.string(), month: z.string() }).extend(countRow.shape),
  ),
});
export type DisputeStatsView = z.infer<typeof disputeStatsView>;
