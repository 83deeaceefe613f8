import { z } from 'zod';
import { isValidIdNumber } from './codes';
import {
  boolQuery,
  cursorSchema,
  idSchema,
  limitSchema,
  mobileSchema,
  msg,
  refId,
  regionCodeSchema,
  trimmed,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import {
  WORKER_OCCUPATION_CODES,
  WORKER_PLATFORM_CODES,
  WORKER_STATUS_CODES,
  type WorkerOccupation,
  type WorkerPlatform,
  type WorkerStatus,
} from './worker-labels';

export * from './worker-labels';

/** A resident ID number (GB 11643): 18 characters, a real birth date, the right check character. */
export const idNumberSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => isValidIdNumber(v), msg('id_number'));

const workerFields = {
  name: trimmed(30),
  mobile: mobileSchema,
  idNumber: idNumberSchema,
  platform: z.enum(WORKER_PLATFORM_CODES),
  occupation: z.enum(WORKER_OCCUPATION_CODES),
  regionCode: regionCodeSchema,
  partyMember: z.boolean().default(false),
  /** The Party organisation a member 亮身份 with (ignored when not a member). */
  partyOrgId: refId('partyOrg')
    .nullish()
    .transform((v) => v ?? null),
  /** A photo uploaded first (POST /api/worker-photos), linked when the worker is saved. */
  photoId: refId('attachment')
    .nullish()
    .transform((v) => v ?? null),
};
export const workerCreateBody = z.object(workerFields);
export type WorkerCreateBody = z.infer<typeof workerCreateBody>;
/** Leaving the mobile or the ID number out keeps the stored one (the client only has them masked). */
const keptOnEdit = { mobile: workerFields.mobile.optional(), idNumber: workerFields.idNumber.optional() };
export const workerUpdateBody = z.object({ ...workerFields, ...keptOnEdit, version: versionSchema });
export type WorkerUpdateBody = z.infer<typeof workerUpdateBody>;
/**
 * A worker's own registration (PUT /api/workers/me): `version` when editing one already sent; the
 * mobile and ID number are required on the first registration only.
 */
export const workerSelfBody = z.object({ ...workerFields, ...keptOnEdit, version: versionSchema.optional() });
export type WorkerSelfBody = z.infer<typeof workerSelfBody>;

export const workerVersionBody = z.object({ version: versionSchema });
export type WorkerVersionBody = z.infer<typeof workerVersionBody>;
export const workerRejectBody = z.object({ version: versionSchema, reason: trimmed(200) });
export type WorkerRejectBody = z.infer<typeof workerRejectBody>;
export const workerVerifyBatchBody = z.object({
  ids: z.array(refId('worker')).min(1, msg('required')).max(200, msg('too_many')),
});
export type WorkerVerifyBatchBody = z.infer<typeof workerVerifyBatchBody>;

export const workerListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  status: z.enum(WORKER_STATUS_CODES).optional(),
  platform: z.enum(WORKER_PLATFORM_CODES).optional(),
  occupation: z.enum(WORKER_OCCUPATION_CODES).optional(),
  /** Workers of this region or one below it. */
  regionCode: regionCodeSchema.optional(),
  partyMember: boolQuery,
  /** Workers in the area of this Party organisation (a bound indicator's area). */
  orgId: idSchema.optional(),
  /** Verified on or after / before (business dates, Asia/Shanghai), for the figure's link. */
  verifiedFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('invalid'))
    .optional(),
  verifiedTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('invalid'))
    .optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type WorkerListQuery = z.infer<typeof workerListQuery>;

export const workerView = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  mobileMasked: z.string(),
  idNumberMasked: z.string(),
  platform: z.enum(WORKER_PLATFORM_CODES),
  occupation: z.enum(WORKER_OCCUPATION_CODES),
  regionCode: z.string(),
  regionName: z.string(),
  partyMember: z.boolean(),
  partyOrgId: z.string().nullable(),
  partyOrgName: z.string().nullable(),
  /** GET /api/workers/:id/photo (or /api/workers/me/photo for the worker), when there is one. */
  photoUrl: z.string().nullable(),
  status: z.enum(WORKER_STATUS_CODES),
  registeredVia: z.string(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type WorkerView = z.infer<typeof workerView>;
export const workerPage = pageOf(workerView);
export type WorkerPage = z.infer<typeof workerPage>;

/** The worker's own registration, or null before they register. */
export const workerSelfView = z.object({ worker: workerView.nullable() });
export type WorkerSelfView = z.infer<typeof workerSelfView>;

/** The full ID number and mobile (worker.reveal; audited). */
export const workerReveal = z.object({ idNumber: z.string(), mobile: z.string() });
export type WorkerReveal = z.infer<typeof workerReveal>;

/** What a worker account may choose on its registration: the regions and Party organisations under its binding. */
export const workerSelfOptions = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int() })),
  partyOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type WorkerSelfOptions = z.infer<typeof workerSelfOptions>;

export const workerBatchResult = z.object({ verified: z.number().int(), skipped: z.number().int() });
export type WorkerBatchResult = z.infer<typeof workerBatchResult>;

export type { WorkerOccupation, WorkerPlatform, WorkerStatus };
