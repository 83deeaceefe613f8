import type { DashboardFigure, DashboardPanel } from '@touyan/schemas';

/** A rate (0..1) as a percentage with one decimal, or a dash. */
export const pct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** The change on the previous period, or null when the figure is a current state. */
export const change = (f: Pick<DashboardFigure, 'value' | 'previous'>): number | null =>
  f.previous === null ? null : f.value - f.previous;

/** Figures drawn as tiles: a panel's theme figures go to their own chart. */
export const tileFigures = (p: DashboardPanel) => p.figures.filter((f) => !f.key.startsWith('projects.theme.'));
export const themeFigures = (p: DashboardPanel) => p.figures.filter((f) => f.key.startsWith('projects.theme.'));

/** The last day of the month, quarter or year containing a date (YYYY-MM-DD). */
export function periodEnd(kind: 'month' | 'quarter' | 'year', date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const last = kind === 'year' ? 12 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 3 : m;
  return new Date(Date.UTC(y, last, 0)).toISOString().slice(0, 10);
}
