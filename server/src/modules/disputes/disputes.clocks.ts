import { CLOCK_RULES, type ClockState, type DisputeClockKind } from '@touyan/schemas';
import { nextDate, type WorkCalendar } from '../../core/workdays';

/*
 * The statutory clocks of a labour dispute (劳动争议调解仲裁法), as pure functions over business dates
 * (Asia/Shanghai, 'YYYY-MM-DD') and a working-day calendar:
 *  - a period's first day is not counted: N days from D end on D + N;
 *  - "days" are calendar days, except the arbitration commission's acceptance decision, whose "5 days"
 *    are working days (劳动人事争议仲裁办案规则, 附则);
 *  - a year ends on the same month and day a year later, or the month's last day when there is no such
 *    day (29 February → 28 February; 民法典 第二百零二条);
 *  - a period whose last day is a day off (statutory holiday or weekend, not a make-up working day)
 *    ends on the next working day (民事诉讼法 第八十五条, 民法典 第二百零三条).
 */

const DAY_MS = 86_400_000;
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => nextDate(date, days);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / DAY_MS);

/** The same month and day `years` later; the month's last day when that day does not exist. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The date itself when it is a working day, else the first working day after it. */
export function rollToWorkday(date: string, cal: WorkCalendar): string {
  let d = date;
  for (let guard = 0; !cal.isWorkday(d); guard++) {
    if (guard > 60) throw new Error('no working day within 60 days');
    d = nextDate(d);
  }
  return d;
}

/**
 * The last day of a clock of `kind` started on `startedOn`, with `extendedDays` of extensions (an
 * extension lengthens the period; the holiday rule applies to the lengthened period's end).
 */
export function clockDueOn(kind: DisputeClockKind, startedOn: string, extendedDays: number, cal: WorkCalendar): string {
  const rule = CLOCK_RULES[kind];
  switch (rule.unit) {
    case 'calendar_days':
      return rollToWorkday(addDays(startedOn, rule.length + extendedDays), cal);
    case 'working_days':
      return cal.addWorkdays(startedOn, rule.length + extendedDays);
    case 'years':
      return rollToWorkday(addDays(addYears(startedOn, rule.length), extendedDays), cal);
  }
}

/** How a clock stopped on `stoppedOn` ended: on time (met) or late (missed). */
export const stoppedState = (dueOn: string, stoppedOn: string): 'met' | 'missed' =>
  stoppedOn <= dueOn ? 'met' : 'missed';

/** A running clock's days left on `today` and its colour: ok → amber → red → overdue. */
export function runningState(
  kind: DisputeClockKind,
  dueOn: string,
  today: string,
): { state: ClockState; daysLeft: number } {
  const rule = CLOCK_RULES[kind];
  const daysLeft = daysBetween(today, dueOn);
  const state: ClockState =
    daysLeft < 0 ? 'overdue' : daysLeft <= rule.red ? 'red' : daysLeft <= rule.amber ? 'amber' : 'ok';
  return { state, daysLeft };
}

/** A stored clock's state on `today`: running clocks coloured by their days left, stopped ones as stored. */
export function clockView(
  c: { kind: DisputeClockKind; dueOn: string; stoppedOn: string | null; state: string },
  today: string,
): { state: ClockState; daysLeft: number | null } {
  if (c.state === 'running' && c.stoppedOn === null) return runningState(c.kind, c.dueOn, today);
  return { state: c.state as ClockState, daysLeft: null };
}

/**
 * For the list's clock filter: per kind, the last day on or before which a running clock is in the
 * given state or worse on `today` (overdue: before today).
 */
export function dueThresholds(
  level: 'overdue' | 'red' | 'amber',
  today: string,
): { kind: DisputeClockKind; dueOnBefore: string }[] {
  return (Object.keys(CLOCK_RULES) as DisputeClockKind[]).map((kind) => {
    const rule = CLOCK_RULES[kind];
    const days = level === 'overdue' ? -1 : level === 'red' ? rule.red : rule.amber;
    return { kind, dueOnBefore: addDays(today, days) };
  });
}
