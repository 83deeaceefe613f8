import { beijingDate, BEIJING_OFFSET_MS } from '@touyan/schemas';
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
