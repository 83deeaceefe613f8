/**
 * Number helpers of the contest engine. Full precision is kept in every computed value; only display,
 * ranking and grading look at the 2-decimal value from `round2`, so what the audience reads is what
 * was compared.
 */

/** Arithmetic mean; `null` for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population standard deviation (divide by n, not n − 1); `null` for an empty list. */
export function populationSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  let sq = 0;
  for (const v of values) sq += (v - m) * (v - m);
  return Math.sqrt(sq / values.length);
}

/**
 * Rounds half away from zero to 2 decimals, as people do by hand: 1.005 → 1.01, 88.335 → 88.34,
 * −0.125 → −0.13. `toPrecision(15)` first removes binary noise (1.005 × 100 = 100.49999999999999).
 */
export function round2(value: number): number {
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  const r = (Math.sign(value) * Math.round(scaled)) / 100;
  return r === 0 ? 0 : r; // no −0 on a scoreboard
}

/** Sum of fractions with the float noise removed (0.1 + 0.2 → 0.3), for quota arithmetic. */
export const cleanFraction = (value: number): number => Number(value.toPrecision(12));

/** Code-unit comparison of ids: identical on every platform and locale (never `localeCompare`). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
