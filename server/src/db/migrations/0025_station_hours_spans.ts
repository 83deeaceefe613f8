import { sql, type Kysely } from 'kysely';
import type { PortableMigration } from '../portability';

/** A span of the hours as 0021 stored them: one per day, `null` for a closed day. */
interface OldDay {
  open: string;
  close: string;
}
interface OldHoliday {
  date: string;
  open: string | null;
  close: string | null;
  note?: string | null;
}
interface OldHours {
  allDay: boolean;
  weekly: (OldDay | null)[];
  holidays?: OldHoliday[];
}
interface Span {
  open: string;
  close: string;
}

/** One old day as spans: closed → none; an open equal to its close (all day, as 0021 read it) → 00:00–24:00. */
const spansOf = (open: string | null, close: string | null): Span[] => {
  if (open === null || close === null) return [];
  if (open === close) return [{ open: '00:00', close: '24:00' }];
  return [{ open, close: close === '00:00' ? '24:00' : close }];
};

/**
 * Opening hours of 0021's shape (`weekly`: one `{open, close}` or null per day; holidays one date with
 * one span or closed) in the shape of several spans a day (issue 12): `weekly` a list of spans per day
 * (empty = closed), holidays a date range `from`–`to` with its own spans (empty = closed). Hours
 * already in the new shape are returned as they are (the migration may meet both).
 */
export function upgradeHours(json: string): string | null {
  const h = JSON.parse(json) as OldHours | { weekly: unknown[] };
  if (!Array.isArray(h.weekly) || h.weekly.every((d) => Array.isArray(d))) return null;
  const old = h as OldHours;
  return JSON.stringify({
    allDay: old.allDay === true,
    weekly: old.weekly.map((d) => (d ? spansOf(d.open, d.close) : [])),
    holidays: (old.holidays ?? []).map((x) => ({
      from: x.date,
      to: x.date,
      spans: spansOf(x.open, x.close),
      note: x.note ?? null,
    })),
  });
}

/**
 * 惠新驿家 opening hours as several spans a day (issue 12): e.g. 07:00–11:30 and 13:30–22:00, closed
 * days, 24 hours, and holiday exceptions over a date range (春节) with their own spans or closed. The
 * `stations.hours` JSON column holds the new shape as it is; this rewrites every existing row from
 * 0021's one-span-per-day shape (`upgradeHours`). The station's version is not bumped: the hours mean
 * the same.
 */
export const stationHoursSpans: PortableMigration = {
  async up(db: Kysely<unknown>) {
    const { rows } = await sql<{ id: string; hours: string }>`select id, hours from stations`.execute(db);
    for (const r of rows) {
      const next = upgradeHours(r.hours);
      if (next !== null) await sql`update stations set hours = ${next} where id = ${r.id}`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    // Back to one span a day: the first span (or all day when it is 00:00–24:00); holidays by their first day.
    const { rows } = await sql<{ id: string; hours: string }>`select id, hours from stations`.execute(db);
    for (const r of rows) {
      const h = JSON.parse(r.hours) as {
        allDay: boolean;
        weekly: Span[][];
        holidays: { from: string; spans: Span[]; note: string | null }[];
      };
      const one = (spans: Span[]) => spans[0] ?? null;
      const old = {
        allDay: h.allDay,
        weekly: h.weekly.map(one),
        holidays: h.holidays.map((x) => ({
          date: x.from,
          open: one(x.spans)?.open ?? null,
          close: one(x.spans)?.close ?? null,
          note: x.note,
        })),
      };
      await sql`update stations set hours = ${JSON.stringify(old)} where id = ${r.id}`.execute(db);
    }
  },
};
