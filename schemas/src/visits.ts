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
  trimmed,
  typeMsg,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import { DEMAND_CATEGORY_CODES, DEMAND_SOURCE_CODES, DEMAND_STATUS_CODES, visitDemandItems } from './demands';
import { attachmentView } from './execution';
import { LOGGED_VISIT_KINDS, VISIT_KIND_CODES, VISIT_PHOTOS_MAX, VISIT_STATUS_CODES } from './visit-labels';

export * from './visit-labels';

/** Where the phone was when the visit was logged (only when the phone allowed it). */
export const geoPosition = z.object({
  lat: z.number(typeMsg).min(-90, msg('invalid')).max(90, msg('invalid')),
  lng: z.number(typeMsg).min(-180, msg('invalid')).max(180, msg('invalid')),
  accuracyM: z.number(typeMsg).min(0, msg('invalid')).max(100_000, msg('invalid')),
});
export type GeoPosition = z.infer<typeof geoPosition>;

const visitFields = {
  kind: z.enum(LOGGED_VISIT_KINDS),
  visitedOn: dateSchema,
  people: optionalText(200),
  findings: trimmed(2000),
  position: geoPosition.nullish().transform((v) => v ?? null),
};
export const visitCreateBody = z.object({
  hostOrgId: refId('hostOrg'),
  ...visitFields,
  /** Photos uploaded first (POST /api/visit-photos), linked to the visit when it is saved. */
  photoIds: z.array(refId('attachment')).max(VISIT_PHOTOS_MAX, msg('too_many')).default([]),
  /** Demands raised during the visit: created with source 'visit' in the same transaction. */
  demands: visitDemandItems,
});
export type VisitCreateBody = z.infer<typeof visitCreateBody>;
export const visitUpdateBody = z.object({
  kind: visitFields.kind,
  visitedOn: visitFields.visitedOn,
  people: visitFields.people,
  findings: visitFields.findings,
  /** Photos uploaded first (POST /api/visit-photos), linked to the visit by this edit. */
  addPhotoIds: z.array(refId('attachment')).max(VISIT_PHOTOS_MAX, msg('too_many')).default([]),
  /**
   * Photos of this visit to remove (row and file). Resolved through the caller's reach (a visit
   * photo is visible with its visit), then checked against this visit's own photos (400 otherwise).
   */
  removePhotoIds: z.array(refId('attachment')).max(VISIT_PHOTOS_MAX, msg('too_many')).default([]),
  version: versionSchema,
});
export type VisitUpdateBody = z.infer<typeof visitUpdateBody>;

export const onlineVisitCreateBody = z.object({ hostOrgId: refId('hostOrg'), note: optionalText(500) });
export type OnlineVisitCreateBody = z.infer<typeof onlineVisitCreateBody>;

export const visitListQuery = z.object({
  hostOrgId: idSchema.optional(),
  kind: z.enum(VISIT_KIND_CODES).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  /** Firms managed or covered by this Party organisation or one below it (a bound indicator's area). */
  orgId: idSchema.optional(),
  /** One row per firm: its first recorded visit within the filters (the figure "firms visited"). */
  firstPerFirm: boolQuery,
  mine: boolQuery,
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type VisitListQuery = z.infer<typeof visitListQuery>;

/** The firms visited (走访企业): firms with a recorded visit in the period, of a kind. */
export const visitedFirmQuery = z.object({
  kind: z.enum(VISIT_KIND_CODES).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  q: z.string().trim().max(50).optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type VisitedFirmQuery = z.infer<typeof visitedFirmQuery>;
export const visitedFirm = z.object({
  hostOrgId: z.string(),
  name: z.string(),
  regionName: z.string(),
  lastVisitedOn: z.string(),
  /** Recorded visits matching the filter. */
  visitCount: z.number().int(),
});
export type VisitedFirm = z.infer<typeof visitedFirm>;
export const visitedFirmPage = pageOf(visitedFirm);

const text = z.string().nullable();
/** A demand raised with a visit, as the visit shows it (only those the caller may read). */
export const visitDemandSummary = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(DEMAND_CATEGORY_CODES),
  source: z.enum(DEMAND_SOURCE_CODES),
  status: z.enum(DEMAND_STATUS_CODES),
  receivedOn: z.string(),
});
export type VisitDemandSummary = z.infer<typeof visitDemandSummary>;
export const visitView = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  kind: z.enum(VISIT_KIND_CODES),
  status: z.enum(VISIT_STATUS_CODES),
  visitedOn: text,
  people: text,
  findings: text,
  note: text,
  contactName: text,
  position: geoPosition.nullable(),
  onlineExpiresAt: text,
  createdBy: z.string(),
  createdByName: z.string(),
  /** Photos (url: GET /api/visits/:id/photos/:photoId). */
  photos: z.array(attachmentView),
  demands: z.array(visitDemandSummary),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type VisitView = z.infer<typeof visitView>;
export const visitPage = pageOf(visitView);

/** An online visit just created: the link's secret is shown once, to the specialist who sends it. */
export const onlineVisitInvitation = z.object({ visit: visitView, token: z.string(), expiresAt: z.string() });
export type OnlineVisitInvitation = z.infer<typeof onlineVisitInvitation>;

/** The link's secret: 32 url-safe characters (192 bits). */
export const visitPhotoParams = z.object({ id: idSchema, photoId: idSchema });

export const onlineTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, msg('invalid')),
});
/** What the enterprise sees on opening the link (no login). */
export const onlineVisitPublicView = z.object({
  hostOrgName: z.string(),
  specialistName: z.string(),
  note: text,
  expiresAt: z.string(),
  status: z.enum(VISIT_STATUS_CODES),
});
export type OnlineVisitPublicView = z.infer<typeof onlineVisitPublicView>;
export const onlineVisitFillBody = z.object({
  contactName: trimmed(30),
  findings: trimmed(2000),
  /** Demands the firm lists: created with source 'online_visit' for the visit's firm, all or nothing. */
  demands: visitDemandItems,
});
export type OnlineVisitFillBody = z.infer<typeof onlineVisitFillBody>;

/** A specialist's firms (一企一专员) with their last visit, for the phone page. */
export const myFirm = z.object({
  hostOrgId: z.string(),
  name: z.string(),
  regionName: z.string(),
  address: text,
  lastVisitedOn: text,
  visitCount: z.number().int(),
  /** Demands of the firm still open (OPEN_DEMAND_STATUSES), counted in the caller's demand scope. */
  openDemandCount: z.number().int(),
});
export type MyFirm = z.infer<typeof myFirm>;
export const myFirmList = z.object({ items: z.array(myFirm) });
export type MyFirmList = z.infer<typeof myFirmList>;
