import type { Dict } from './dicts';

/**
 * 惠新驿家 stations (issue 12): the plain values (no zod) the phone pages share with the server — the
 * amenities dictionary, statuses, opening hours and their evaluation, and the geometry of "nearest
 * station" (bounding box, haversine distance, compass direction).
 */
export const STATION_AMENITIES = {
  rest: { 'zh-CN': '休息', en: 'Rest' },
  water: { 'zh-CN': '饮水', en: 'Drinking water' },
  charging: { 'zh-CN': '充电', en: 'Charging' },
  microwave: { 'zh-CN': '微波炉', en: 'Microwave' },
  toilet: { 'zh-CN': '卫生间', en: 'Toilet' },
  first_aid: { 'zh-CN': '医药箱', en: 'First-aid kit' },
  meals: { 'zh-CN': '餐饮', en: 'Meals' },
  fitness: { 'zh-CN': '健身', en: 'Fitness' },
  supermarket: { 'zh-CN': '超市', en: 'Supermarket' },
  pharmacy: { 'zh-CN': '药店', en: 'Pharmacy' },
  apartment: { 'zh-CN': '公寓', en: 'Apartments' },
  wifi: { 'zh-CN': '无线网络', en: 'Wi-Fi' },
  umbrella: { 'zh-CN': '雨具', en: 'Umbrellas' },
  repair: { 'zh-CN': '维修工具', en: 'Repair tools' },
} satisfies Dict<string>;
export type StationAmenity = keyof typeof STATION_AMENITIES;
export const STATION_AMENITY_CODES = Object.keys(STATION_AMENITIES) as [StationAmenity, ...StationAmenity[]];

export const STATION_STATUSES = {
  open: { 'zh-CN': '运营中', en: 'Open' },
  suspended: { 'zh-CN': '暂停服务', en: 'Suspended' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
} satisfies Dict<string>;
export type StationStatus = keyof typeof STATION_STATUSES;
export const STATION_STATUS_CODES = Object.keys(STATION_STATUSES) as [StationStatus, ...StationStatus[]];

/** Two check-ins of the same worker at the same station within this many minutes are one. */
export const CHECK_IN_DEDUPE_MINUTES = 10;
/** A check-in may be rated within this many days. */
export const CHECK_IN_RATING_DAYS = 7;
/** The prefix (and version) of a station code: `TYST1.<station id>.<serial>.<signature>`. */
export const STATION_CODE_PREFIX = 'TYST1';
export const STATION_CODE_PATTERN = /^TYST1\.[0-9A-Za-z_-]{10,40}\.\d{1,6}\.[0-9A-Za-z_-]{22}$/;

/** Opening time of one day: `HH:MM`–`HH:MM`; a close at or before the open runs past midnight. */
export interface DayHours {
  open: string;
  close: string;
}
/** A holiday's hours: `open`/`close` null when closed that day. */
export interface HolidayHours {
  date: string;
  open: string | null;
  close: string | null;
  note: string | null;
}
/** Weekly hours (Monday first; null = closed), a 24-hour flag, and dated holiday hours that win. */
export interface OpeningHours {
  allDay: boolean;
  weekly: (DayHours | null)[];
  holidays: HolidayHours[];
}

export const WEEKDAYS = {
  '1': { 'zh-CN': '周一', en: 'Mon' },
  '2': { 'zh-CN': '周二', en: 'Tue' },
  '3': { 'zh-CN': '周三', en: 'Wed' },
  '4': { 'zh-CN': '周四', en: 'Thu' },
  '5': { 'zh-CN': '周五', en: 'Fri' },
  '6': { 'zh-CN': '周六', en: 'Sat' },
  '7': { 'zh-CN': '周日', en: 'Sun' },
} satisfies Dict<string>;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Within `open`–`close` at minute `m` of the day (a close at or before the open runs past midnight). */
function within(open: string, close: string, m: number): boolean {
  const o = minutes(open);
  const c = minutes(close);
  if (o === c) return true;
  return c > o ? m >= o && m < c : m >= o || m < c;
}

/** The Asia/Shanghai wall clock of an instant: date, weekday (1 = Monday) and minute of the day. */
export function shanghaiClock(at: Date): { date: string; weekday: number; minute: number } {
  const t = new Date(at.getTime() + 8 * 3_600_000);
  const day = t.getUTCDay();
  return {
    date: t.toISOString().slice(0, 10),
    weekday: day === 0 ? 7 : day,
    minute: t.getUTCHours() * 60 + t.getUTCMinutes(),
  };
}

/**
 * Whether a station is open at an instant: a holiday entry for the date wins (closed, or its hours);
 * otherwise 24-hour stations are open, others by the weekday's hours. The previous day's hours running
 * past midnight count too.
 */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const { date, weekday, minute } = shanghaiClock(at);
  const holiday = hours.holidays.find((h) => h.date === date);
  if (holiday) return holiday.open !== null && holiday.close !== null && within(holiday.open, holiday.close, minute);
  if (hours.allDay) return true;
  const today = hours.weekly[weekday - 1];
  if (today) {
    const o = minutes(today.open);
    const c = minutes(today.close);
    if (c > o || o === c ? within(today.open, today.close, minute) : minute >= o) return true;
  }
  // Yesterday's hours that run past midnight.
  const yesterday = hours.weekly[(weekday + 5) % 7];
  if (yesterday && minutes(yesterday.close) < minutes(yesterday.open) && minute < minutes(yesterday.close)) {
    const prev = shanghaiClock(new Date(at.getTime() - 86_400_000)).date;
    if (!hours.holidays.some((h) => h.date === prev)) return true;
  }
  return false;
}

// ——— geometry ———

export interface LatLng {
  lat: number;
  lng: number;
}

const R = 6_371_008.8; // mean Earth radius, metres
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LatLng, b: LatLng): number {
  const y = Math.sin(rad(b.lng - a.lng)) * Math.cos(rad(b.lat));
  const x =
    Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) -
    Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lng - a.lng));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

export const COMPASS = {
  N: { 'zh-CN': '北', en: 'N' },
  NE: { 'zh-CN': '东北', en: 'NE' },
  E: { 'zh-CN': '东', en: 'E' },
  SE: { 'zh-CN': '东南', en: 'SE' },
  S: { 'zh-CN': '南', en: 'S' },
  SW: { 'zh-CN': '西南', en: 'SW' },
  W: { 'zh-CN': '西', en: 'W' },
  NW: { 'zh-CN': '西北', en: 'NW' },
} satisfies Dict<string>;
export type CompassPoint = keyof typeof COMPASS;
const POINTS = Object.keys(COMPASS) as CompassPoint[];

/** The eight-point compass direction of a bearing. */
export const compassPoint = (deg: number): CompassPoint => POINTS[Math.round((((deg % 360) + 360) % 360) / 45) % 8]!;

/**
 * The box of latitudes and longitudes that holds every point within `radiusM` of `c` (what the
 * (lat, lng) index narrows to before the exact distance). Near a pole the longitudes span everything.
 */
export function boundingBox(c: LatLng, radiusM: number) {
  const dLat = (radiusM / R) * (180 / Math.PI);
  const cos = Math.cos(rad(c.lat));
  const dLng = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
  return {
    minLat: Math.max(-90, c.lat - dLat),
    maxLat: Math.min(90, c.lat + dLat),
    minLng: Math.max(-180, c.lng - dLng),
    maxLng: Math.min(180, c.lng + dLng),
  };
}

/** "850 米" / "1.2 公里" (zh-CN) or "850 m" / "1.2 km". */
export function formatDistance(m: number, lang: 'zh-CN' | 'en'): string {
  if (m < 1000) return lang === 'zh-CN' ? `${Math.round(m)} 米` : `${Math.round(m)} m`;
  const km = m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
  return lang === 'zh-CN' ? `${km} 公里` : `${km} km`;
}
