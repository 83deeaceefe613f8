/**
 * Quarters and business dates in Asia/Shanghai (UTC+8 all year: China has no daylight saving time).
 * Shared by server and web so both put 2025-03-31 23:30 +08:00 in Q1.
 */
/** Asia/Shanghai is UTC+8 all year. */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

export interface QuarterRef {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant (the one implementation: server and web). */
export function beijingDate(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The quarter a calendar date (or an instant, taken in Asia/Shanghai) belongs to. */
export function quarterOf(dateOrInstant: string | Date): QuarterRef {
  const date =
    typeof dateOrInstant === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)
      ? dateOrInstant
      : beijingDate(dateOrInstant);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as QuarterRef['quarter'] };
}

/** Last calendar day of a quarter, e.g. 2025 Q1 → 2025-03-31. */
export function quarterEnd({ year, quarter }: QuarterRef): string {
  const lastMonth = quarter * 3;
  const d = new Date(Date.UTC(year, lastMonth, 0));
  return d.toISOString().slice(0, 10);
}

/** First calendar day of a quarter. */
export function quarterStart({ year, quarter }: QuarterRef): string {
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Default due date of a quarterly report: the Nth day after the quarter ends (N = 10 → Q1 due 04-10). */
export function quarterDueDate(q: QuarterRef, daysAfterEnd = 10): string {
  return addDays(quarterEnd(q), daysAfterEnd);
}

export const quarterLabel = (q: QuarterRef, locale: 'zh-CN' | 'en' = 'zh-CN'): string =>
  locale === 'en' ? `${q.year} Q${q.quarter}` : `${q.year}年第${'一二三四'[q.quarter - 1]}季度`;

export const sameQuarter = (a: QuarterRef, b: QuarterRef) => a.year === b.year && a.quarter === b.quarter;
