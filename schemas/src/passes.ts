import { z } from 'zod';
import {
  boolQuery,
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  regionCodeSchema,
  trimmed,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import { PASS_VERDICTS } from './pass-token';

export * from './pass-token';

/** 小哥码 (issue 12): compounds in the pilot, rider passes, guards' scans. */
export const PASS_STATUS_CODES = ['active', 'expired', 'revoked'] as const;
export type PassStatus = (typeof PASS_STATUS_CODES)[number];
export const PASS_SCOPE_CODES = ['all', 'list'] as const;
export const PASS_KEY_STATUS_CODES = ['active', 'retired'] as const;
/** The longest a pass may run before renewal (days). */
export const PASS_MAX_DAYS = 366;

const text = z.string().nullable();

// ——— compounds ———
export const compoundCreateBody = z.object({
  name: trimmed(60),
  address: optionalText(200),
  regionCode: regionCodeSchema,
  managingOrgId: refId('partyOrg'),
  hostOrgId: refId('hostOrg')
    .nullish()
    .transform((v) => v ?? null),
  pilot: z.boolean().default(true),
  joinedOn: dateSchema.nullish().transform((v) => v ?? null),
  /** Gate names created with the compound. */
  gates: z.array(trimmed(30)).max(20, msg('too_many')).default([]),
});
export type CompoundCreateBody = z.infer<typeof compoundCreateBody>;
export const compoundUpdateBody = z.object({
  name: trimmed(60),
  address: optionalText(200),
  pilot: z.boolean(),
  joinedOn: dateSchema.nullable(),
  version: versionSchema,
});
export type CompoundUpdateBody = z.infer<typeof compoundUpdateBody>;
export const compoundListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  pilot: boolQuery,
  orgId: idSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type CompoundListQuery = z.infer<typeof compoundListQuery>;
export const gateCreateBody = z.object({ name: trimmed(30) });
export type GateCreateBody = z.infer<typeof gateCreateBody>;
export const guardAssignBody = z.object({
  userId: refId('user'),
  gateId: refId('compoundGate')
    .nullish()
    .transform((v) => v ?? null),
});
export type GuardAssignBody = z.infer<typeof guardAssignBody>;
export const compoundUserParams = z.object({ id: idSchema, userId: idSchema });
export const compoundGateParams = z.object({ id: idSchema, gateId: idSchema });
/** Renames a gate; `version` is the compound's (a gate change is a change of its compound). */
export const gateUpdateBody = z.object({ name: trimmed(30), version: versionSchema });
export type GateUpdateBody = z.infer<typeof gateUpdateBody>;

export const gateView = z.object({ id: z.string(), name: z.string() });
export const guardView = z.object({
  userId: z.string(),
  name: z.string(),
  gateId: text,
  gateName: text,
});
export const compoundView = z.object({
  id: z.string(),
  name: z.string(),
  address: text,
  regionCode: z.string(),
  regionName: z.string(),
  managingOrgId: z.string(),
  managingOrgName: z.string(),
  hostOrgId: text,
  pilot: z.boolean(),
  joinedOn: text,
  gates: z.array(gateView),
  guards: z.array(guardView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type CompoundView = z.infer<typeof compoundView>;
export const compoundPage = pageOf(compoundView);

// ——— passes ———
export const passIssueBody = z.object({
  workerId: refId('worker'),
  scope: z.enum(PASS_SCOPE_CODES),
  compoundIds: z.array(refId('compound')).max(200, msg('too_many')).default([]),
  expiresOn: dateSchema,
  /** The rider's phone key, when the pass is issued with the phone at hand (else the phone registers it later). */
  device: z
    .object({
      alg: z.enum(['Ed25519', 'ES256']),
      publicKey: z.string().regex(/^[A-Za-z0-9_-]{43,88}$/, msg('invalid')),
    })
    .nullish()
    .transform((v) => v ?? null),
});
export type PassIssueBody = z.infer<typeof passIssueBody>;
export const passRenewBody = z.object({ expiresOn: dateSchema, version: versionSchema });
export type PassRenewBody = z.infer<typeof passRenewBody>;
export const passRevokeBody = z.object({ reason: trimmed(200), version: versionSchema });
export type PassRevokeBody = z.infer<typeof passRevokeBody>;
export const passListQuery = z.object({
  workerId: idSchema.optional(),
  status: z.enum(PASS_STATUS_CODES).optional(),
  /** The area: riders whose region lies under this Party organisation's region (as the staff scope reaches them). */
  orgId: refId('partyOrg').optional(),
  /** Passes valid at the end of this day (Beijing): issued by then, expiring after, not revoked. */
  validOn: dateSchema.optional(),
  /** Passes issued between these days (Beijing, both included). */
  issuedFrom: dateSchema.optional(),
  issuedTo: dateSchema.optional(),
  q: z.string().trim().max(50).optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type PassListQuery = z.infer<typeof passListQuery>;

export const passView = z.object({
  id: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  platform: z.string(),
  photoId: text,
  status: z.enum(PASS_STATUS_CODES),
  scope: z.enum(PASS_SCOPE_CODES),
  compounds: z.array(z.object({ id: z.string(), name: z.string() })),
  issuedAt: z.string(),
  expiresAt: z.string(),
  deviceRegistered: z.boolean(),
  revokedAt: text,
  revokeReason: text,
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type PassView = z.infer<typeof passView>;
export const passPage = pageOf(passView);

/** The rider's own pass: the signed token (null until the phone registered its device key). */
export const myPass = z.object({
  pass: passView.nullable(),
  token: text,
  /** Server time, so the phone can warn about a wrong clock. */
  serverTime: z.string(),
});
export type MyPass = z.infer<typeof myPass>;
export const deviceRegisterBody = z.object({
  alg: z.enum(['Ed25519', 'ES256']),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43,88}$/, msg('invalid')),
});
export type DeviceRegisterBody = z.infer<typeof deviceRegisterBody>;

// ——— keys, revocations (for guards' phones) ———
export const passKeyView = z.object({
  kid: z.string(),
  publicKey: z.string(),
  status: z.enum(PASS_KEY_STATUS_CODES),
  createdAt: z.string(),
  retiredAt: text,
  /** The key new tokens are signed with (the newest active one). */
  signing: z.boolean(),
});
export type PassKeyView = z.infer<typeof passKeyView>;
export const passKeyList = z.object({ items: z.array(passKeyView) });
export const passKidParams = z.object({ kid: z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, msg('invalid')) });
export const publicKeyList = z.object({
  items: z.array(z.object({ kid: z.string(), publicKey: z.string(), status: z.enum(PASS_KEY_STATUS_CODES) })),
});
export type PublicKeyList = z.infer<typeof publicKeyList>;
export const revocationList = z.object({
  /** `R1.<payload>.<sig>`: verify with openRevocations before trusting. */
  signed: z.string(),
  version: z.number().int(),
  issuedAt: z.string(),
});
export type RevocationList = z.infer<typeof revocationList>;

export const guardPost = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  gateId: text,
  gateName: text,
  gates: z.array(gateView),
});
export type GuardPost = z.infer<typeof guardPost>;

/**
 * The guard's roster: the workers holding a pass valid now at the guard's compound who have a photo,
 * with the photo's id (its ETag: a new photo is a new attachment). The guard's page keeps a small
 * thumbnail of each for offline verdicts and fetches only the ids it does not hold.
 */
export const ROSTER_MAX_LIMIT = 1000;
export const passRosterQuery = z.object({
  limit: z.coerce.number().int().min(1, msg('too_small')).max(ROSTER_MAX_LIMIT, msg('too_big')).default(500),
  cursor: cursorSchema,
});
export type PassRosterQuery = z.infer<typeof passRosterQuery>;
export const rosterEntry = z.object({ workerId: z.string(), photoId: z.string() });
export type RosterEntry = z.infer<typeof rosterEntry>;
export const passRoster = z.object({
  compoundId: z.string(),
  items: z.array(rosterEntry),
  nextCursor: z.string().nullable(),
});
export type PassRoster = z.infer<typeof passRoster>;
export const holderParams = z.object({ workerId: idSchema });

// ——— scans ———
const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, msg('invalid'));
const qrText = z.string().trim().min(1, msg('required')).max(4000, msg('too_long'));
export const passVerifyBody = z.object({
  qr: qrText,
  clientId,
  gateId: refId('compoundGate')
    .nullish()
    .transform((v) => v ?? null),
});
export type PassVerifyBody = z.infer<typeof passVerifyBody>;
export const passVerdictView = z.object({
  verdict: z.enum(PASS_VERDICTS),
  passId: text,
  workerName: text,
  platform: text,
  photoId: text,
  expiresAt: text,
  scanId: z.string(),
  duplicate: z.boolean(),
});
export type PassVerdictView = z.infer<typeof passVerdictView>;
export const scanBatchBody = z.object({
  scans: z
    .array(
      z.object({
        clientId,
        qr: qrText,
        verdict: z.enum(PASS_VERDICTS),
        scannedAt: z.iso.datetime({ offset: true }),
        gateId: refId('compoundGate')
          .nullish()
          .transform((v) => v ?? null),
      }),
    )
    .min(1, msg('required'))
    .max(200, msg('too_many')),
});
export type ScanBatchBody = z.infer<typeof scanBatchBody>;
export const scanBatchResult = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export const scanView = z.object({
  id: z.string(),
  compoundName: z.string(),
  gateName: text,
  scannedAt: z.string(),
  verdict: z.string(),
  offline: z.boolean(),
});
export type ScanView = z.infer<typeof scanView>;
export const myScanList = z.object({ items: z.array(scanView) });
export const scanStatsQuery = z.object({
  compoundId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type ScanStatsQuery = z.infer<typeof scanStatsQuery>;

/**
 * 核验记录: the scans at compounds managed in the staff's subtree (`orgId`: managed by that
 * organisation or one below it), scanned between `from` and `to` (Beijing dates, both included),
 * newest upload first — the list behind the dashboards' scan figures.
 */
export const scanListQuery = z.object({
  orgId: idSchema.optional(),
  compoundId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  verdict: z.enum(PASS_VERDICTS).optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ScanListQuery = z.infer<typeof scanListQuery>;
export const scanRowView = scanView.extend({ compoundId: z.string() });
export type ScanRowView = z.infer<typeof scanRowView>;
export const scanPage = pageOf(scanRowView);
export type ScanPage = z.infer<typeof scanPage>;
const countRow = z.object({ key: z.string(), label: z.string(), total: z.number().int(), valid: z.number().int() });
export const scanStats = z.object({
  total: z.number().int(),
  byVerdict: z.array(z.object({ verdict: z.string(), count: z.number().int() })),
  byCompound: z.array(countRow),
  byGate: z.array(countRow),
  /** Hour of day (Asia/Shanghai), 0–23. */
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int() })),
});
export type ScanStats = z.infer<typeof scanStats>;
