/**
 * PostgreSQL's text form of an instant → the ISO string the app stores and compares
 * (`2026-12-05T21:24:36.123Z`). A list page parses dozens of them, so the common form — a session
 * in UTC, four-digit year: `2026-12-05 21:24:36.123+00` (fraction optional) — is rewritten as text;
 * anything else (another time zone, an offset with minutes, BC, infinity) goes through `Date` as
 * before. Both give the same string: milliseconds are kept to three digits, as `Date` keeps them.
 */
export function pgTimestamptzToIso(v: string): string {
  const n = v.length;
  if (n >= 22 && v.charCodeAt(n - 3) === 43 /* + */ && v.endsWith('+00') && isUtcShape(v, n - 3)) {
    return `${v.slice(0, 10)}T${v.slice(11, 19)}${millis(v, n - 3)}Z`;
  }
  return new Date(v).toISOString();
}

/** `timestamp without time zone`, read as UTC (the app writes UTC). */
export function pgTimestampToIso(v: string): string {
  if (isUtcShape(v, v.length)) return `${v.slice(0, 10)}T${v.slice(11, 19)}${millis(v, v.length)}Z`;
  return new Date(`${v}Z`).toISOString();
}

const DIGIT = (c: number) => c >= 48 && c <= 57;

/** `YYYY-MM-DD HH:MM:SS` then nothing or `.f…` up to `end`. */
function isUtcShape(v: string, end: number): boolean {
  if (end < 19 || v[4] !== '-' || v[7] !== '-' || v[10] !== ' ' || v[13] !== ':' || v[16] !== ':') return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) if (!DIGIT(v.charCodeAt(i))) return false;
  if (end === 19) return true;
  if (v[19] !== '.' || end === 20) return false;
  for (let i = 20; i < end; i++) if (!DIGIT(v.charCodeAt(i))) return false;
  return true;
}

/** `.mmm` from the fraction between index 19 and `end` (none → `.000`; more digits cut, as `Date` does). */
function millis(v: string, end: number): string {
  if (end === 19) return '.000';
  return `.${(v.slice(20, Math.min(end, 23)) + '00').slice(0, 3)}`;
}
