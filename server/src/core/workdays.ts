// Default import: the package ships CommonJS/UMD only, whose named exports Node's ESM loader cannot see.
import chineseDays from 'chinese-days';

/**
 * Working days in mainland China (Asia/Shanghai business dates, 'YYYY-MM-DD'): weekends and the
 * official holidays off, the official make-up working days (调休) on. The official calendar comes from
 * `chinese-days`; an administrator adds the years it does not know yet (or corrects a day) as
 * overrides (`work_calendar_days`), which win over it.
 */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** The date reached after counting `n` (≥ 0) working days strictly after `date` (n = 0: `date`). */
  addWorkdays(date: string, n: number): string;
  /** How many working days lie after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workdaysBetween(from: string, to: string): number;
}

export type CalendarOverride = 'holiday' | 'workday';

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): number {
  if (!DATE_RE.test(date)) throw new Error(`not a business date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const nextDate = (date: string, days = 1): string => fromUtc(toUtc(date) + days * DAY_MS);

/** Whether the built-in official calendar publishes this year's holidays (any weekday holiday in it). */
export const officialCalendarKnows = (year: number): boolean =>
  chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;

export function makeWorkCalendar(overrides: ReadonlyMap<string, CalendarOverride> = new Map()): WorkCalendar {
  const isWorkday = (date: string): boolean => {
    const o = overrides.get(date);
    if (o) return o === 'workday';
    toUtc(date);
    return chineseDays.isWorkday(date);
  };
  return {
    isWorkday,
    addWorkdays(date, n) {
      if (n < 0 || !Number.isInteger(n)) throw new Error(`bad working-day count: ${n}`);
      let d = date;
      let left = n;
      // 400 days without a working day means a broken calendar, not a long holiday.
      for (let guard = 0; left > 0; guard++) {
        if (guard > 400 + n * 7) throw new Error('no working days in the calendar');
        d = nextDate(d);
        if (isWorkday(d)) left--;
      }
      return d;
    },
    workdaysBetween(from, to) {
      let n = 0;
      for (let d = nextDate(from); d <= to; d = nextDate(d)) if (isWorkday(d)) n++;
      return n;
    },
  };
}
