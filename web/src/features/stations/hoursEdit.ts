import {
  FIELD_MESSAGES,
  HOURS_SPANS_MAX,
  WEEKDAYS,
  type FieldMessage,
  type HolidayHours,
  type HoursProblem,
  type HoursSpan,
  type Locale,
  type OpeningHours,
} from '@touyan/schemas/plain';
import { openState, shanghaiClock, type HoursMoment } from '@touyan/schemas/plain';

/**
 * Editing opening hours (issue 12), shared by the station manager's phone page and the ledger's drawer:
 * plain functions over `OpeningHours` (no React, no zod), each returning new hours. A *slot* is where
 * a list of spans lives: a weekday (0 = Monday) or a holiday entry.
 */
export type Slot = { kind: 'week'; day: number } | { kind: 'holiday'; index: number };

export const slotKey = (s: Slot): string => (s.kind === 'week' ? `weekly.${s.day}` : `holidays.${s.index}`);

export function spansAt(h: OpeningHours, s: Slot): HoursSpan[] {
  return (s.kind === 'week' ? h.weekly[s.day] : h.holidays[s.index]?.spans) ?? [];
}

function withSpans(h: OpeningHours, s: Slot, spans: HoursSpan[]): OpeningHours {
  if (s.kind === 'week') return { ...h, weekly: h.weekly.map((d, i) => (i === s.day ? spans : d)) };
  return { ...h, holidays: h.holidays.map((x, i) => (i === s.index ? { ...x, spans } : x)) };
}

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * A new span after the slot's last one: 08:00–20:00 on an empty day; otherwise from an hour after the
 * last close for three hours (up to 24:00), or 13:30–22:00 when the day is too late for that. At most
 * HOURS_SPANS_MAX: the hours are returned unchanged beyond it.
 */
export function addSpan(h: OpeningHours, s: Slot): OpeningHours {
  const spans = spansAt(h, s);
  if (spans.length >= HOURS_SPANS_MAX) return h;
  const last = spans[spans.length - 1];
  let next: HoursSpan = { open: '08:00', close: '20:00' };
  if (last) {
    const close = last.close === '24:00' || last.close === '00:00' ? 1440 : toMinutes(last.close);
    const crosses = close < toMinutes(last.open);
    next =
      !crosses && close + 60 < 1440
        ? { open: toTime(close + 60), close: close + 240 >= 1440 ? '24:00' : toTime(close + 240) }
        : { open: '13:30', close: '22:00' };
  }
  return withSpans(h, s, [...spans, next]);
}

export function removeSpan(h: OpeningHours, s: Slot, i: number): OpeningHours {
  return withSpans(
    h,
    s,
    spansAt(h, s).filter((_, j) => j !== i),
  );
}

/** Sets the open or the close of one span (a cleared time input leaves the hours as they are). */
export function setSpanTime(h: OpeningHours, s: Slot, i: number, field: 'open' | 'close', value: string): OpeningHours {
  if (!/^\d{2}:\d{2}$/.test(value)) return h;
  return withSpans(
    h,
    s,
    spansAt(h, s).map((x, j) => (j === i ? { ...x, [field]: value } : x)),
  );
}

/** Copies one weekday's spans onto other weekdays (每天相同 / 工作日相同). */
export function copyDay(h: OpeningHours, from: number, to: readonly number[]): OpeningHours {
  const src = h.weekly[from] ?? [];
  return { ...h, weekly: h.weekly.map((d, i) => (to.includes(i) ? src.map((x) => ({ ...x })) : d)) };
}

export const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;
export const WORKDAYS = [0, 1, 2, 3, 4] as const;

/** A holiday entry on a date (closed by default, as most are). */
export function addHoliday(h: OpeningHours, date: string): OpeningHours {
  return { ...h, holidays: [...h.holidays, { from: date, to: date, spans: [], note: null }] };
}

export function setHoliday(h: OpeningHours, index: number, patch: Partial<HolidayHours>): OpeningHours {
  return { ...h, holidays: h.holidays.map((x, i) => (i === index ? { ...x, ...patch } : x)) };
}

/** Closed that day (no spans), or open with one span to edit. */
export function setHolidayClosed(h: OpeningHours, index: number, closed: boolean): OpeningHours {
  return setHoliday(h, index, { spans: closed ? [] : [{ open: '09:00', close: '17:00' }] });
}

export function removeHoliday(h: OpeningHours, index: number): OpeningHours {
  return { ...h, holidays: h.holidays.filter((_, i) => i !== index) };
}

/** The problems of each slot (key `weekly.0`, `holidays.1`), as FIELD_MESSAGES keys, once each. */
export function problemsBySlot(problems: readonly HoursProblem[]): Map<string, FieldMessage[]> {
  const out = new Map<string, FieldMessage[]>();
  for (const p of problems) {
    const key = p.path.slice(0, 2).join('.');
    const list = out.get(key) ?? [];
    if (!list.includes(p.message)) list.push(p.message);
    out.set(key, list);
  }
  return out;
}

export const problemText = (m: FieldMessage, locale: Locale): string => FIELD_MESSAGES[m][locale];

/** When a moment relative to today is: `11:30`, `明天 07:00`, `周三 07:00`. */
export function momentText(m: HoursMoment, at: Date, locale: Locale, tomorrow: string): string {
  if (m.dayOffset === 0) return m.time;
  if (m.dayOffset === 1) return `${tomorrow} ${m.time}`;
  const wd = shanghaiClock(new Date(at.getTime() + m.dayOffset * 86_400_000)).weekday;
  return `${WEEKDAYS[String(wd) as keyof typeof WEEKDAYS][locale]} ${m.time}`;
}

/**
 * The finder's line under "open"/"closed": until when it stays open, or when it opens next (by the
 * phone's clock; nothing when that disagrees with the server's open-now, e.g. a wrong phone clock).
 */
export function openStateText(
  hours: OpeningHours,
  openNow: boolean,
  at: Date,
  locale: Locale,
  words: { until: string; opensAt: string; tomorrow: string },
): string | null {
  const st = openState(hours, at);
  if (st.open !== openNow) return null;
  if (st.open) return st.until ? words.until.replace('{time}', momentText(st.until, at, locale, words.tomorrow)) : null;
  return st.next ? words.opensAt.replace('{time}', momentText(st.next, at, locale, words.tomorrow)) : null;
}

/**
 * The hours as a form saves them: each slot's spans in order of their open (holidays keep their
 * places, so a problem's `holidays.i` still names the entry on screen). Forms validate this.
 */
export function sortSpans(h: OpeningHours): OpeningHours {
  const byOpen = (a: HoursSpan, b: HoursSpan) => a.open.localeCompare(b.open);
  return {
    ...h,
    weekly: h.weekly.map((d) => [...d].sort(byOpen)),
    holidays: h.holidays.map((x) => ({ ...x, spans: [...x.spans].sort(byOpen) })),
  };
}
