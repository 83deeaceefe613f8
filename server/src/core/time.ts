import { now } from './clock';

/** Current instant as an ISO-8601 UTC string (how every timestamp is stored). */
export const nowIso = (): string => now().toISOString();

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time.

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date | string = now()): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as Asia/Shanghai wall-clock time, YYYY-MM-DD HH:mm:ss (for exports and printouts). */
export function shanghaiDateTime(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The UTC instant at which an Asia/Shanghai calendar date begins. */
export function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

/** The UTC instant at which an Asia/Shanghai calendar date ends (start of the next day). */
export function shanghaiDayEnd(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
}
