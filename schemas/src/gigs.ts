import { z } from 'zod';
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
  trimmed,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import {
  GIG_CLOSE_REASON_CODES,
  GIG_FAIR_MODE_CODES,
  GIG_PUSH_SCOPE_CODES,
  GIG_FAIR_STATUS_CODES,
  GIG_INTENTION_STATUS_CODES,
  GIG_JOB_STATUS_CODES,
  GIG_KIND_CODES,
  GIG_PAY_UNIT_CODES,
  GIG_SKILL_CODES,
} from './gig-labels';

export * from './gig-labels';

/** `HH:MM`, 00:00–24:00. */
export const clockTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, msg('invalid'));
const weekdaysSchema = z
  .array(z.number().int().min(1).max(7))
  .max(7, msg('too_many'))
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));
const latSchema = z.number().min(-90).max(90);
const lngSchema = z.number().min(-180).max(180);
/** Money in fen (分): at most 1,000,000 yuan. */
const fenSchema = z.number().int().min(1, msg('too_small')).max(100_000_000, msg('too_big'));
const skillsSchema = z
  .array(z.enum(GIG_SKILL_CODES))
  .max(10, msg('too_many'))
  .transform((s) => [...new Set(s)].sort());
const kindsSchema = z
  .array(z.enum(GIG_KIND_CODES))
  .max(GIG_KIND_CODES.length, msg('too_many'))
  .transform((s) => [...new Set(s)].sort());
const optionalIdRef = (kind: Parameters<typeof refId>[0]) =>
  refId(kind)
    .nullish()
    .transform((v) => v ?? null);

const gigJobFields = z.object({
  /** The employer (用工单位): the employer's own by default; staff name the one they post for. */
  hostOrgId: optionalIdRef('hostOrg'),
  title: trimmed(60),
  kind: z.enum(GIG_KIND_CODES),
  payFen: fenSchema,
  payUnit: z.enum(GIG_PAY_UNIT_CODES),
  regionCode: regionCodeSchema,
  address: trimmed(120),
  lat: latSchema.nullish().transform((v) => v ?? null),
  lng: lngSchema.nullish().transform((v) => v ?? null),
  startOn: dateSchema,
  endOn: dateSchema.nullish().transform((v) => v ?? null),
  /** Days of the week the work is done (1 = Monday); at least one. */
  weekdays: weekdaysSchema.refine((d) => d.length > 0, msg('required')),
  dayStart: clockTimeSchema,
  dayEnd: clockTimeSchema,
  skills: skillsSchema.default([]),
  headcount: z.number().int().min(1, msg('too_small')).max(10_000, msg('too_big')),
  closingOn: dateSchema,
  contactName: trimmed(30),
  contactPhone: mobileSchema,
  description: optionalText(2000),
  /** A position offered at this job fair. */
  fairId: optionalIdRef('gigFair'),
  /**
   * Who is pushed the job: its GIG_PUSH_TOP best matches (`top`), or — staff only, for a county-wide
   * drive — every match (`all`, up to GIG_PUSH_MAX).
   */
  pushScope: z.enum(GIG_PUSH_SCOPE_CODES).default('top'),
});
type JobFields = z.infer<typeof gigJobFields>;

/** Both coordinates or neither; the end after the start; the closing date not after the end. */
function jobCheck(v: JobFields, ctx: z.RefinementCtx) {
  if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: ['lng'], message: 'invalid' });
  if (v.endOn !== null && v.endOn < v.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'invalid' });
  if (v.endOn !== null && v.closingOn > v.endOn)
    ctx.addIssue({ code: 'custom', path: ['closingOn'], message: 'invalid' });
}

export const gigJobCreateBody = gigJobFields.superRefine(jobCheck);
/** The most workers one job is pushed to (`pushScope: 'all'`): the matcher's candidate cap. */
export const GIG_PUSH_MAX = 50_000;
export type GigJobCreateBody = z.infer<typeof gigJobCreateBody>;
export const gigJobUpdateBody = gigJobFields.extend({ version: versionSchema }).superRefine(jobCheck);
export type GigJobUpdateBody = z.infer<typeof gigJobUpdateBody>;
export const gigVersionBody = z.object({ version: versionSchema });
export type GigVersionBody = z.infer<typeof gigVersionBody>;
export const gigRejectBody = z.object({ version: versionSchema, reason: trimmed(200) });
export type GigRejectBody = z.infer<typeof gigRejectBody>;

export const gigJobListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  status: z.enum(GIG_JOB_STATUS_CODES).optional(),
  kind: z.enum(GIG_KIND_CODES).optional(),
  hostOrgId: idSchema.optional(),
  fairId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  /** Jobs in the area of this Party organisation (its region and below). */
  orgId: idSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type GigJobListQuery = z.infer<typeof gigJobListQuery>;

export const gigJobView = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  title: z.string(),
  kind: z.enum(GIG_KIND_CODES),
  payFen: z.number().int(),
  payUnit: z.enum(GIG_PAY_UNIT_CODES),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  weekdays: z.array(z.number().int()),
  dayStart: z.string(),
  dayEnd: z.string(),
  skills: z.array(z.enum(GIG_SKILL_CODES)),
  headcount: z.number().int(),
  hiredCount: z.number().int(),
  closingOn: z.string(),
  contactName: z.string(),
  /** Full for those who manage the job, masked for everyone else. */
  contactPhone: z.string(),
  description: z.string().nullable(),
  fairId: z.string().nullable(),
  fairTitle: z.string().nullable(),
  pushScope: z.enum(GIG_PUSH_SCOPE_CODES),
  status: z.enum(GIG_JOB_STATUS_CODES),
  closeReason: z.enum(GIG_CLOSE_REASON_CODES).nullable(),
  rejectReason: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  intentionCount: z.number().int(),
  pushCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type GigJobView = z.infer<typeof gigJobView>;
export const gigJobPage = pageOf(gigJobView);
export type GigJobPage = z.infer<typeof gigJobPage>;

/** Why a worker and a job match: a score out of 100 and its reasons, in the request's language. */
const matchFields = {
  score: z.number().int(),
  reasons: z.array(z.string()),
  /** The reasons joined: "距离 2.1 km · 时间吻合 · 技能：叉车证". */
  summary: z.string(),
  distanceM: z.number().int().nullable(),
};

export const gigMatchQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type GigMatchQuery = z.infer<typeof gigMatchQuery>;
/** A worker matching a job (the employer sees the name masked). */
export const gigMatchView = z.object({
  workerId: z.string(),
  workerName: z.string(),
  regionName: z.string(),
  pushedAt: z.string().nullable(),
  ...matchFields,
});
export type GigMatchView = z.infer<typeof gigMatchView>;
export const gigMatchList = z.object({ items: z.array(gigMatchView), candidates: z.number().int() });
export type GigMatchList = z.infer<typeof gigMatchList>;

export const gigForMeQuery = z.object({
  /** Where the worker stands now (the phone's position), else their preferences' place. */
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type GigForMeQuery = z.infer<typeof gigForMeQuery>;
export const gigForMeItem = z.object({
  job: gigJobView,
  /** The worker's intention on it, if any. */
  intentionId: z.string().nullable(),
  intentionStatus: z.enum(GIG_INTENTION_STATUS_CODES).nullable(),
  ...matchFields,
});
export type GigForMeItem = z.infer<typeof gigForMeItem>;
export const gigForMeList = z.object({
  items: z.array(gigForMeItem),
  /** False until the worker has set preferences (the list then uses their registration's region). */
  hasPreferences: z.boolean(),
});
export type GigForMeList = z.infer<typeof gigForMeList>;

// ——— preferences ———

export const gigPreferenceBody = z
  .object({
    /** Kinds of work wanted; empty = any. */
    kinds: kindsSchema.default([]),
    /** Kinds the worker gets no pushes for (they still appear in "jobs for me"). */
    mutedKinds: kindsSchema.default([]),
    lat: latSchema.nullish().transform((v) => v ?? null),
    lng: lngSchema.nullish().transform((v) => v ?? null),
    /** Where the worker looks for work when no position is given (a county, a street). */
    regionCode: regionCodeSchema.nullish().transform((v) => v ?? null),
    maxDistanceKm: z.number().int().min(1).max(100).default(10),
    /** Days the worker can work; empty = any. */
    weekdays: weekdaysSchema.default([]),
    hourFrom: clockTimeSchema.nullish().transform((v) => v ?? null),
    hourTo: clockTimeSchema.nullish().transform((v) => v ?? null),
    minPayFen: fenSchema.nullish().transform((v) => v ?? null),
    minPayUnit: z
      .enum(GIG_PAY_UNIT_CODES)
      .nullish()
      .transform((v) => v ?? null),
    skills: skillsSchema.default([]),
    smsOptIn: z.boolean().default(true),
    version: versionSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: ['lng'], message: 'invalid' });
    if ((v.hourFrom === null) !== (v.hourTo === null))
      ctx.addIssue({ code: 'custom', path: ['hourTo'], message: 'invalid' });
    if ((v.minPayFen === null) !== (v.minPayUnit === null))
      ctx.addIssue({ code: 'custom', path: ['minPayUnit'], message: 'invalid' });
    if (v.minPayUnit === 'piece') ctx.addIssue({ code: 'custom', path: ['minPayUnit'], message: 'invalid' });
  });
export type GigPreferenceBody = z.infer<typeof gigPreferenceBody>;

export const gigPreferenceView = z.object({
  workerId: z.string(),
  workerName: z.string(),
  workerStatus: z.string(),
  kinds: z.array(z.enum(GIG_KIND_CODES)),
  mutedKinds: z.array(z.enum(GIG_KIND_CODES)),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  maxDistanceKm: z.number().int(),
  weekdays: z.array(z.number().int()),
  hourFrom: z.string().nullable(),
  hourTo: z.string().nullable(),
  minPayFen: z.number().int().nullable(),
  minPayUnit: z.enum(GIG_PAY_UNIT_CODES).nullable(),
  skills: z.array(z.enum(GIG_SKILL_CODES)),
  smsOptIn: z.boolean(),
  /** 0 until saved once. */
  version: z.number().int(),
});
export type GigPreferenceView = z.infer<typeof gigPreferenceView>;

// ——— intentions ———

export const gigIntentionBody = z.object({
  /** The worker agrees that the employer sees their mobile. */
  shareContact: z.boolean().default(false),
  /** Made at this job fair (the job must be one of its positions). */
  fairId: optionalIdRef('gigFair'),
  /** Staff registering the intention of a worker at a fair's desk (a worker applies for themselves). */
  workerId: optionalIdRef('worker'),
});
export type GigIntentionBody = z.infer<typeof gigIntentionBody>;
/** A fair's desk registering several workers' intentions on one job (staff). */
export const gigIntentionBatchBody = z.object({
  workers: z
    .array(z.object({ workerId: refId('worker'), shareContact: z.boolean().default(false) }))
    .min(1, msg('required'))
    .max(200, msg('too_many')),
  fairId: optionalIdRef('gigFair'),
});
export type GigIntentionBatchBody = z.infer<typeof gigIntentionBatchBody>;
export const gigIntentionBatchResult = z.object({
  created: z.number().int(),
  skipped: z.number().int(),
  ids: z.array(z.string()),
});
export type GigIntentionBatchResult = z.infer<typeof gigIntentionBatchResult>;
export const gigDecideBody = z.object({
  outcome: z.enum(['hired', 'not_hired']),
  note: optionalText(200),
  version: versionSchema,
});
export type GigDecideBody = z.infer<typeof gigDecideBody>;

export const gigIntentionListQuery = z.object({
  jobId: idSchema.optional(),
  fairId: idSchema.optional(),
  status: z.enum(GIG_INTENTION_STATUS_CODES).optional(),
  /** The job's area: this Party organisation's region and below. */
  orgId: idSchema.optional(),
  /** Registered on or after / on or before (business dates). */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type GigIntentionListQuery = z.infer<typeof gigIntentionListQuery>;
export const gigIntentionExportQuery = gigIntentionListQuery.omit({ limit: true, cursor: true, withTotal: true });
export type GigIntentionExportQuery = z.infer<typeof gigIntentionExportQuery>;

export const gigIntentionView = z.object({
  id: z.string(),
  jobId: z.string(),
  jobTitle: z.string(),
  hostOrgName: z.string(),
  workerId: z.string(),
  /** Masked for the employer until the worker shares their contact. */
  workerName: z.string(),
  /** The worker's mobile: full once shared (to those who manage the job), else masked. */
  mobile: z.string(),
  contactShared: z.boolean(),
  fairId: z.string().nullable(),
  status: z.enum(GIG_INTENTION_STATUS_CODES),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: z.array(z.string()),
  ...matchFields,
});
export type GigIntentionView = z.infer<typeof gigIntentionView>;
export const gigIntentionPage = pageOf(gigIntentionView);
export type GigIntentionPage = z.infer<typeof gigIntentionPage>;

// ——— pushes ———

export const gigPushListQuery = z.object({
  jobId: idSchema.optional(),
  /** Pushes of the jobs offered at this fair (its positions). */
  fairId: idSchema.optional(),
  orgId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type GigPushListQuery = z.infer<typeof gigPushListQuery>;
/** The push records' export: the list's filters, every row (up to GIG_EXPORT_MAX). */
export const gigPushExportQuery = gigPushListQuery.omit({ limit: true, cursor: true, withTotal: true });
export type GigPushExportQuery = z.infer<typeof gigPushExportQuery>;
/** At most this many rows go into one export (a figure's month or area stays well under it). */
export const GIG_EXPORT_MAX = 50_000;
export const gigPushView = z.object({
  id: z.string(),
  jobId: z.string(),
  jobTitle: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  score: z.number().int(),
  summary: z.string(),
  inApp: z.boolean(),
  sms: z.boolean(),
  trigger: z.enum(['publish', 'daily']),
  createdAt: z.string(),
});
export type GigPushView = z.infer<typeof gigPushView>;
export const gigPushPage = pageOf(gigPushView);
export type GigPushPage = z.infer<typeof gigPushPage>;

// ——— job fairs ———

const gigFairFields = z.object({
  title: trimmed(60),
  mode: z.enum(GIG_FAIR_MODE_CODES),
  heldOn: dateSchema,
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  regionCode: regionCodeSchema,
  address: optionalText(120),
  lat: latSchema.nullish().transform((v) => v ?? null),
  lng: lngSchema.nullish().transform((v) => v ?? null),
  /** The organising Party organisation (a 社工部, a committee). */
  organiserOrgId: refId('partyOrg'),
  description: optionalText(2000),
  /** The participating employers. */
  employerIds: z
    .array(refId('hostOrg'))
    .max(200, msg('too_many'))
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export const gigFairCreateBody = gigFairFields.superRefine((v, ctx) => {
  if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: ['lng'], message: 'invalid' });
});
export type GigFairCreateBody = z.infer<typeof gigFairCreateBody>;
export const gigFairUpdateBody = gigFairFields
  .extend({
    status: z.enum(GIG_FAIR_STATUS_CODES),
    /** What came of it (held fairs). */
    outcome: optionalText(2000),
    version: versionSchema,
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: ['lng'], message: 'invalid' });
  });
export type GigFairUpdateBody = z.infer<typeof gigFairUpdateBody>;

export const gigFairListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  status: z.enum(GIG_FAIR_STATUS_CODES).optional(),
  mode: z.enum(GIG_FAIR_MODE_CODES).optional(),
  orgId: idSchema.optional(),
  heldFrom: dateSchema.optional(),
  heldTo: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type GigFairListQuery = z.infer<typeof gigFairListQuery>;

export const gigFairView = z.object({
  id: z.string(),
  title: z.string(),
  mode: z.enum(GIG_FAIR_MODE_CODES),
  heldOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  organiserOrgId: z.string(),
  organiserName: z.string(),
  description: z.string().nullable(),
  status: z.enum(GIG_FAIR_STATUS_CODES),
  outcome: z.string().nullable(),
  employers: z.array(z.object({ hostOrgId: z.string(), name: z.string() })),
  positions: z.number().int(),
  attendance: z.number().int(),
  intentions: z.number().int(),
  hires: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: z.array(z.string()),
  /** When the caller (a worker) signed in at this fair; null otherwise. */
  mySignInAt: z.string().nullable(),
});
export type GigFairView = z.infer<typeof gigFairView>;
export const gigFairPage = pageOf(gigFairView);
export type GigFairPage = z.infer<typeof gigFairPage>;

export const gigFairCodeView = z.object({ fairId: z.string(), title: z.string(), code: z.string() });
export type GigFairCodeView = z.infer<typeof gigFairCodeView>;
export const gigFairSignInBody = z.object({ code: z.string().trim().max(200) });
export type GigFairSignInBody = z.infer<typeof gigFairSignInBody>;
export const gigFairSignInView = z.object({
  id: z.string(),
  fairId: z.string(),
  fairTitle: z.string(),
  workerName: z.string(),
  at: z.string(),
  /** False when the worker had already signed in (the first sign-in is answered). */
  created: z.boolean(),
});
export type GigFairSignInView = z.infer<typeof gigFairSignInView>;
export const gigAttendancePage = pageOf(gigFairSignInView);
export type GigAttendancePage = z.infer<typeof gigAttendancePage>;
