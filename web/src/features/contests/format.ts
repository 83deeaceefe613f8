import type { ContestStatus } from '@touyan/schemas/plain';

/** Formats and colours of the contest pages (no UI library: the judge's phone and the big screen use them). */

/** Tag colours of the contest statuses (antd preset names; the light Tag knows them too). */
export const STATUS_COLORS: Record<ContestStatus, string> = {
  draft: 'default',
  ready: 'blue',
  running: 'processing',
  finished: 'orange',
  published: 'green',
};

/** A score with two decimals, or a dash. */
export const fmt2 = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));

/** `m:ss` for a countdown; `+m:ss` when over time. */
export function fmtCountdown(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const over = seconds < 0;
  const s = Math.abs(seconds);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `+${text}` : text;
}
