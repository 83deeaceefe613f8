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
  typeMsg,
  versionSchema,
} from './common';
import { pageOf } from './contract';
import {
  COMPASS,
  HHMM_PATTERN,
  HOLIDAYS_MAX,
  hoursProblems,
  STATION_AMENITY_CODES,
  STATION_CODE_PATTERN,
  STATION_STATUS_CODES,
  type OpeningHours,
} from './station-labels';

export * from './station-labels';

const hhmm = z.string().regex(HHMM_PATTERN, msg('invalid'));
/** One span; a close of `00:00` (what a time input gives for midnight) is stored as `24:00`. */
const spanSchema = z.object({
  open: hhmm,
  close: hhmm.transform((v) => (v === '00:00' ? '24:00' : v)),
});
const spansSchema = z.array(spanSchema).max(12, msg('hours_too_many'));
/**
 * Opening hours: several spans a day (at most HOURS_SPANS_MAX, in order, without overlap; the last
 * may run past midnight), a 24-hour flag, and dated holiday exceptions with their own spans or closed.
 * The rules are `hoursProblems` (station-labels.ts), which the phone page applies as it is typed.
 */
export const openingHoursSchema = z
  .object({
    allDay: z.boolean(),
    /** Monday first; an empty day is closed. */
    weekly: z.array(spansSchema).length(7, msg('invalid')),
    holidays: z
      .array(
        z.object({
          from: dateSchema,
          to: dateSchema,
          spans: spansSchema,
          note: optionalText(30),
        }),
      )
      .max(HOLIDAYS_MAX, msg('too_many'))
      .default([]),
  })
  .superRefine((hours, ctx) => {
    for (const p of hoursProblems(hours)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }) satisfies z.ZodType<OpeningHours, unknown>;

const amenities = z
  .array(z.enum(STATION_AMENITY_CODES))
  .max(STATION_AMENITY_CODES.length, msg('too_many'))
  .transform((a) => [...new Set(a)]);

const latSchema = z.number(typeMsg).min(-90, msg('invalid')).max(90, msg('invalid'));
const lngSchema = z.number(typeMsg).min(-180, msg('invalid')).max(180, msg('invalid'));

const stationFields = {
  name: trimmed(60),
  address: trimmed(200),
  regionCode: regionCodeSchema,
  lat: latSchema,
  lng: lngSchema,
  hours: openingHoursSchema,
  amenities,
  managerUserId: refId('user')
    .nullish()
    .transform((v) => v ?? null),
  hostOrgId: refId('hostOrg')
    .nullish()
    .transform((v) => v ?? null),
  openedOn: dateSchema,
  status: z.enum(STATION_STATUS_CODES).default('open'),
  phone: optionalText(30),
  note: optionalText(500),
};
export const stationCreateBody = z.object(stationFields);
export type StationCreateBody = z.infer<typeof stationCreateBody>;
export const stationUpdateBody = z.object({ ...stationFields, version: versionSchema });
export type StationUpdateBody = z.infer<typeof stationUpdateBody>;
/** What a station manager keeps current on their own station. */
export const stationUpkeepBody = z.object({ hours: openingHoursSchema, amenities, version: versionSchema });
export type StationUpkeepBody = z.infer<typeof stationUpkeepBody>;

const amenityList = z
  .string()
  .max(300)
  .optional()
  .transform((s, ctx) => {
    if (!s) return [];
    const parts = s.split(',').filter(Boolean);
    for (const p of parts)
      if (!(STATION_AMENITY_CODES as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: 'invalid' });
        return z.NEVER;
      }
    return parts as (typeof STATION_AMENITY_CODES)[number][];
  });

export const stationListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  regionCode: regionCodeSchema.optional(),
  status: z.enum(STATION_STATUS_CODES).optional(),
  /** Comma-separated amenity codes: stations with every one of them. */
  amenity: amenityList,
  /** Stations in the region of this Party organisation (a bound indicator's area). */
  orgId: idSchema.optional(),
  openedFrom: dateSchema.optional(),
  openedTo: dateSchema.optional(),
  /** Stations used (at least one check-in, by its Beijing date) between these days, both included. */
  usedFrom: dateSchema.optional(),
  usedTo: dateSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type StationListQuery = z.infer<typeof stationListQuery>;

const coord = (lo: number, hi: number) => z.coerce.number(typeMsg).min(lo, msg('invalid')).max(hi, msg('invalid'));
export const stationNearbyQuery = z.object({
  lat: coord(-90, 90),
  lng: coord(-180, 180),
  amenity: amenityList,
  openNow: boolQuery,
  /** Search radius in kilometres. */
  radiusKm: z.coerce.number().min(0.1).max(50).default(10),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type StationNearbyQuery = z.infer<typeof stationNearbyQuery>;

const text = z.string().nullable();
export const stationView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  lat: z.number(),
  lng: z.number(),
  hours: openingHoursSchema,
  amenities: z.array(z.enum(STATION_AMENITY_CODES)),
  managerUserId: text,
  managerName: text,
  hostOrgId: text,
  hostOrgName: text,
  openedOn: z.string(),
  status: z.enum(STATION_STATUS_CODES),
  phone: text,
  note: text,
  openNow: z.boolean(),
  ratingAvg: z.number().nullable(),
  ratingCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type StationView = z.infer<typeof stationView>;
export const stationPage = pageOf(stationView);

export const nearbyStation = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  amenities: z.array(z.enum(STATION_AMENITY_CODES)),
  hours: openingHoursSchema,
  status: z.enum(STATION_STATUS_CODES),
  phone: text,
  openNow: z.boolean(),
  distanceM: z.number(),
  bearingDeg: z.number(),
  direction: z.enum(Object.keys(COMPASS) as [keyof typeof COMPASS, ...(keyof typeof COMPASS)[]]),
  ratingAvg: z.number().nullable(),
  ratingCount: z.number().int(),
});
export type NearbyStation = z.infer<typeof nearbyStation>;
export const nearbyStationList = z.object({ items: z.array(nearbyStation), searchedKm: z.number() });
export type NearbyStationList = z.infer<typeof nearbyStationList>;

/** The station's code (shown as a QR at the station), and its serial (bumped by a reissue). */
export const stationCodeView = z.object({
  stationId: z.string(),
  name: z.string(),
  code: z.string(),
  serial: z.number().int(),
});
export type StationCodeView = z.infer<typeof stationCodeView>;

export const checkInBody = z.object({
  code: z.string().trim().max(120).regex(STATION_CODE_PATTERN, msg('invalid')),
});
export type CheckInBody = z.infer<typeof checkInBody>;
export const ratingBody = z.object({
  rating: z.number(typeMsg).int(msg('invalid')).min(1, msg('invalid')).max(5, msg('invalid')),
  comment: optionalText(300),
});
export type RatingBody = z.infer<typeof ratingBody>;

export const checkInView = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  workerName: z.string(),
  platform: z.string(),
  at: z.string(),
  rating: z.number().int().nullable(),
  comment: text,
  /** False when this scan repeated a check-in of the last 10 minutes (that one is returned). */
  created: z.boolean(),
});
export type CheckInView = z.infer<typeof checkInView>;
export const checkInListQuery = z.object({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type CheckInListQuery = z.infer<typeof checkInListQuery>;
export const checkInPage = pageOf(checkInView);

export const stationUsageQuery = z.object({
  stationId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  from: dateSchema,
  to: dateSchema,
});
export type StationUsageQuery = z.infer<typeof stationUsageQuery>;
export const stationUsageView = z.object({
  total: z.number().int(),
  ratingAvg: z.number().nullable(),
  ratingCount: z.number().int(),
  byStation: z.array(
    z.object({ stationId: z.string(), name: z.string(), count: z.number().int(), ratingAvg: z.number().nullable() }),
  ),
  byDay: z.array(z.object({ date: z.string(), count: z.number().int() })),
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int() })),
});
export type StationUsageView = z.infer<typeof stationUsageView>;
