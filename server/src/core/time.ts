import { addDays, beijingDate, BEIJING_OFFSET_MS } from '@touyan/schemas';
import { now } from './clock';

/** Current instant as an ISO-8601 UTC string (how every timestamp is stored). */
export const nowIso = (): string => now().toISOString();

/**
 * The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD: the shared `beijingDate`, with
 * the server's clock (`now()`, simulated while seeding) as the default instant.
 */
export function shanghaiDate(instant: Date | string = now()): string {
  return beijingDate(instant);
}

/** An instant as Asia/Shanghai wall-clock time, YYYY-MM-DD HH:mm:ss (for exports and printouts). */
export function shanghaiDateTime(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The UTC instant at which an Asia/Shanghai calendar date begins. */
export function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

/** The UTC instant at which an Asia/Shanghai calendar date ends (start of the next day). */
export function shanghaiDayEnd(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
}

/** An inclusive range of calendar dates, YYYY-MM-DD. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * Splits the dates `from`…`to` into the whole calendar months inside them (`months`: the first day
 * of the first and of the last, or null when none is whole) and the days outside those months
 * (`days`: at most one range before and one after): what a monthly roll-up can answer, and what is
 * left for the daily rows.
 */
export function wholeMonths(from: string, to: string): { months: DateRange | null; days: DateRange[] } {
  if (from > to) return { months: null, days: [] };
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const dayAfter = addDays(to, 1);
  const last = dayAfter.endsWith('-01') ? `${to.slice(0, 7)}-01` : previousMonthStart(to);
  if (first > last) return { months: null, days: [{ from, to }] };
  const days: DateRange[] = [];
  if (from < first) days.push({ from, to: addDays(first, -1) });
  const afterLast = nextMonthStart(last);
  if (afterLast <= to) days.push({ from: afterLast, to });
  return { months: { from: first, to: last }, days };
}

function nextMonthStart(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

function previousMonthStart(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}
