import { quarterEnd, reportOpensOn, type QuarterRef } from '@touyan/schemas';

/**
 * Pure rules of execution and quarterly analysis (dates are Asia/Shanghai calendar dates,
 * YYYY-MM-DD, so string comparison is date comparison).
 */

/** Share of the way from baseline to target (works for falling targets too); null when they are equal. */
export function indicatorProgress(baseline: number, target: number, actual: number): number | null {
  if (target === baseline) return null;
  const p = (actual - baseline) / (target - baseline);
  return Math.max(0, Math.round(p * 10_000) / 10_000);
}

/** A quarter's report may be filed from the first day of its last month onwards (late filing included). */
export const reportFileable = (q: QuarterRef, today: string): boolean => today >= reportOpensOn(q);

/** The date a value filed with a quarter's report is recorded on: the quarter's last day, or today if earlier. */
export function reportValueDate(q: QuarterRef, today: string): string {
  const end = quarterEnd(q);
  return today < end ? today : end;
}

/** A date the user gives for something done (a milestone, a measured value) may not lie in the future. */
export const notFuture = (date: string, today: string): boolean => date <= today;
