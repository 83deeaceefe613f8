import type { Dict } from './dicts';
import type { FieldMessage } from './errors';

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

/**
 * One span of opening time: `HH:MM`–`HH:MM`. `close` may be `24:00` (end of the day; `00:00` as a
 * close means the same). A close before the open runs past midnight into the next morning — only
 * the last span of a day may do so.
 */
export interface HoursSpan {
  open: string;
  close: string;
}
/**
 * Dated exceptions (holidays, e.g. 春节): every day from `from` to `to` (inclusive, at most
 * HOLIDAY_MAX_DAYS) keeps these spans instead of its weekly ones; no spans = closed.
 */
export interface HolidayHours {
  from: string;
  to: string;
  spans: HoursSpan[];
  note: string | null;
}
/**
 * Weekly spans (Monday first; an empty day is closed), a 24-hour flag (every day round the clock), and
 * dated holiday hours that win over both. A span belongs to the day it starts on: a holiday replaces
 * the spans starting on its days, and the evening before still runs past midnight into it.
 */
export interface OpeningHours {
  allDay: boolean;
  weekly: HoursSpan[][];
  holidays: HolidayHours[];
}

/** At most this many spans in a day (e.g. 07:00–11:30, 13:30–22:00 …). */
export const HOURS_SPANS_MAX = 4;
/** At most this many holiday entries, each of at most this many days. */
export const HOLIDAYS_MAX = 60;
export const HOLIDAY_MAX_DAYS = 31;
/** An open or a close (`24:00` closes only). */
export const HHMM_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const WEEKDAYS = {
  '1': { 'zh-CN': '周一', en: 'Mon' },
  '2': { 'zh-CN': '周二', en: 'Tue' },
  '3': { 'zh-CN': '周三', en: 'Wed' },
  '4': { 'zh-CN': '周四', en: 'Thu' },
  '5': { 'zh-CN': '周五', en: 'Fri' },
  '6': { 'zh-CN': '周六', en: 'Sat' },
  '7': { 'zh-CN': '周日', en: 'Sun' },
} satisfies Dict<string>;

const DAY = 1440;
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** A close in minutes of the day: `00:00` and `24:00` are the end of the day (1440). */
const closeMinutes = (hhmm: string): number => (hhmm === '00:00' ? DAY : minutes(hhmm));
/** Whether a span runs past midnight (its close comes before its open). */
export const crossesMidnight = (s: HoursSpan): boolean => closeMinutes(s.close) < minutes(s.open);

/** The 24-hour span. */
export const ALL_DAY_SPAN: HoursSpan = { open: '00:00', close: '24:00' };

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

/** The holiday entry covering a date, if any. */
export const holidayOn = (hours: OpeningHours, date: string): HolidayHours | undefined =>
  hours.holidays.find((h) => h.from <= date && date <= h.to);

/** The spans starting on a date (holiday first, then 24 hours, then the weekday's). */
export function spansOn(hours: OpeningHours, date: string, weekday: number): HoursSpan[] {
  const holiday = holidayOn(hours, date);
  if (holiday) return holiday.spans;
  if (hours.allDay) return [ALL_DAY_SPAN];
  return hours.weekly[weekday - 1] ?? [];
}

/** Open intervals as minutes from today's midnight (Asia/Shanghai), from yesterday to `days` ahead, merged. */
function intervals(hours: OpeningHours, at: Date, days: number): [number, number][] {
  const out: [number, number][] = [];
  for (let d = -1; d <= days; d++) {
    const c = shanghaiClock(new Date(at.getTime() + d * 86_400_000));
    for (const s of spansOn(hours, c.date, c.weekday)) {
      const o = minutes(s.open);
      const e = closeMinutes(s.close);
      out.push([d * DAY + o, d * DAY + (e < o ? e + DAY : e)]);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of out) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** A moment relative to today (Asia/Shanghai): days ahead (0 today, 1 tomorrow …) and `HH:MM`. */
export interface HoursMoment {
  dayOffset: number;
  time: string;
}
const momentOf = (m: number): HoursMoment => {
  const dayOffset = Math.floor(m / DAY);
  const r = m - dayOffset * DAY;
  return {
    dayOffset,
    time: `${String(Math.floor(r / 60)).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}`,
  };
};

/**
 * Whether a station's hours are open at an instant, and when that changes (within a week): open —
 * until when (null: round the clock all week); closed — when it next opens (null: not within a week).
 * Holidays win over the 24-hour flag and the weekly spans; yesterday's span past midnight counts.
 */
export function openState(
  hours: OpeningHours,
  at: Date,
): { open: true; until: HoursMoment | null } | { open: false; next: HoursMoment | null } {
  const now = shanghaiClock(at).minute;
  const ivs = intervals(hours, at, 7);
  const horizon = 7 * DAY;
  const cur = ivs.find(([o, c]) => o <= now && now < c);
  if (cur) return { open: true, until: cur[1] >= horizon ? null : momentOf(cur[1]) };
  const next = ivs.find(([o]) => o > now && o < horizon);
  return { open: false, next: next ? momentOf(next[0]) : null };
}

/** Whether a station's hours are open at an instant (Asia/Shanghai; holidays first). */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const { minute } = shanghaiClock(at);
  return intervals(hours, at, 0).some(([o, c]) => o <= minute && minute < c);
}

/** "07:00–11:30、13:30–22:00" (zh-CN) or "07:00–11:30, 13:30–22:00"; an overnight close reads "次日02:00". */
export function formatSpans(spans: readonly HoursSpan[], lang: 'zh-CN' | 'en'): string {
  return spans
    .map((s) => {
      const close = s.close === '00:00' ? '24:00' : s.close;
      return `${s.open}–${crossesMidnight(s) ? (lang === 'zh-CN' ? `次日${close}` : `${close} (+1)`) : close}`;
    })
    .join(lang === 'zh-CN' ? '、' : ', ');
}

/**
 * The weekly hours in lines, consecutive weekdays with the same spans together: `周一至周五`
 * `07:00–11:30、13:30–22:00`; `周日` `休息` (the caller's word for closed).
 */
export function weeklyLines(h: OpeningHours, lang: 'zh-CN' | 'en', closed: string): { days: string; hours: string }[] {
  if (h.allDay) return [];
  const same = (a: HoursSpan[], b: HoursSpan[]) =>
    a.length === b.length && a.every((x, i) => x.open === b[i]!.open && x.close === b[i]!.close);
  const day = (i: number) => WEEKDAYS[String(i + 1) as keyof typeof WEEKDAYS][lang];
  const out: { days: string; hours: string }[] = [];
  for (let i = 0; i < 7;) {
    let j = i;
    while (j + 1 < 7 && same(h.weekly[j + 1] ?? [], h.weekly[i] ?? [])) j++;
    const spans = h.weekly[i] ?? [];
    out.push({
      days: i === j ? day(i) : `${day(i)}${lang === 'zh-CN' ? '至' : '–'}${day(j)}`,
      hours: spans.length ? formatSpans(spans, lang) : closed,
    });
    i = j + 1;
  }
  return out;
}

/** The holiday's dates: `2027-02-06` or `2027-02-06 至 02-08`. */
export function holidayDates(x: HolidayHours, lang: 'zh-CN' | 'en'): string {
  if (x.from === x.to) return x.from;
  const to = x.to.slice(0, 4) === x.from.slice(0, 4) ? x.to.slice(5) : x.to;
  return `${x.from}${lang === 'zh-CN' ? ' 至 ' : ' – '}${to}`;
}

/** A problem with opening hours: where (as the request body's path below `hours`) and a FIELD_MESSAGES key. */
export interface HoursProblem {
  path: (string | number)[];
  message: FieldMessage;
}

const validDate = (d: string) => DATE_PATTERN.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/** Problems of one day's spans: formats, at most HOURS_SPANS_MAX, sorted without overlap, only the last overnight. */
function daySpanProblems(spans: readonly HoursSpan[], path: (string | number)[]): HoursProblem[] {
  const out: HoursProblem[] = [];
  if (spans.length > HOURS_SPANS_MAX) out.push({ path, message: 'hours_too_many' });
  spans.forEach((s, i) => {
    const at = [...path, i];
    if (!HHMM_PATTERN.test(s.open) || s.open === '24:00') out.push({ path: [...at, 'open'], message: 'invalid' });
    else if (!HHMM_PATTERN.test(s.close)) out.push({ path: [...at, 'close'], message: 'invalid' });
    else if (closeMinutes(s.close) === minutes(s.open)) out.push({ path: at, message: 'hours_span_empty' });
    else if (i > 0) {
      const prev = spans[i - 1]!;
      if (HHMM_PATTERN.test(prev.open) && HHMM_PATTERN.test(prev.close)) {
        if (crossesMidnight(prev) || minutes(s.open) < closeMinutes(prev.close) || minutes(s.open) < minutes(prev.open))
          out.push({ path: at, message: 'hours_order' });
      }
    }
  });
  return out;
}

/**
 * Every problem of opening hours (the schema refuses them; the forms show them as they are typed):
 * per day at most HOURS_SPANS_MAX spans in order without overlap, `HH:MM` times, no empty span, only a
 * day's last span past midnight and not into the next day's first; holidays with real dates,
 * `from` ≤ `to`, at most HOLIDAY_MAX_DAYS days, no two covering the same day.
 */
export function hoursProblems(hours: OpeningHours): HoursProblem[] {
  const out: HoursProblem[] = [];
  hours.weekly.forEach((day, i) => out.push(...daySpanProblems(day, ['weekly', i])));
  if (out.length === 0 && hours.weekly.length === 7)
    hours.weekly.forEach((day, i) => {
      const last = day[day.length - 1];
      const next = hours.weekly[(i + 1) % 7]![0];
      if (last && next && crossesMidnight(last) && closeMinutes(last.close) > minutes(next.open))
        out.push({ path: ['weekly', i, day.length - 1], message: 'hours_overnight' });
    });
  if (hours.holidays.length > HOLIDAYS_MAX) out.push({ path: ['holidays'], message: 'too_many' });
  hours.holidays.forEach((h, i) => {
    const at = ['holidays', i];
    if (!validDate(h.from)) out.push({ path: [...at, 'from'], message: 'invalid' });
    else if (!validDate(h.to)) out.push({ path: [...at, 'to'], message: 'invalid' });
    else if (h.to < h.from || dayNumber(h.to) - dayNumber(h.from) >= HOLIDAY_MAX_DAYS)
      out.push({ path: [...at, 'to'], message: 'holiday_range' });
    else if (hours.holidays.some((o, j) => j < i && o.from <= h.to && h.from <= o.to))
      out.push({ path: [...at, 'from'], message: 'holiday_overlap' });
    out.push(...daySpanProblems(h.spans, [...at, 'spans']));
  });
  return out;
}

/** Sorts each day's spans by their open (what a form does before it saves), and holidays by date. */
export function sortedHours(hours: OpeningHours): OpeningHours {
  const byOpen = (a: HoursSpan, b: HoursSpan) => a.open.localeCompare(b.open);
  return {
    allDay: hours.allDay,
    weekly: hours.weekly.map((d) => [...d].sort(byOpen)),
    holidays: [...hours.holidays]
      .map((h) => ({ ...h, spans: [...h.spans].sort(byOpen) }))
      .sort((a, b) => a.from.localeCompare(b.from)),
  };
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
