import { z } from 'zod';
import { dateSchema, regionCodeSchema } from './common';
import type { Dict } from './dicts';
import { addDays } from './quarters';

/**
 * 监管驾驶舱 (issue 15): the city and county dashboards and the 数据大屏. Every figure is counted
 * by the list it links to (path + query of the web list), with the previous period's value beside it.
 */
export const DASHBOARD_PERIODS = {
  month: { 'zh-CN': '月度', en: 'Month' },
  quarter: { 'zh-CN': '季度', en: 'Quarter' },
  year: { 'zh-CN': '年度', en: 'Year' },
  custom: { 'zh-CN': '自定义', en: 'Custom' },
} satisfies Dict<string>;
export type DashboardPeriodKind = keyof typeof DASHBOARD_PERIODS;
export const DASHBOARD_PERIOD_CODES = Object.keys(DASHBOARD_PERIODS) as [DashboardPeriodKind, ...DashboardPeriodKind[]];

/** The longest custom period (days). */
export const DASHBOARD_MAX_DAYS = 366 * 3;

const dashboardQueryShape = {
  /** The county (or the city itself) to show: a GB/T 2260 code in the caller's scope; default the caller's own area. */
  region: regionCodeSchema.optional(),
  period: z.enum(DASHBOARD_PERIOD_CODES).default('month'),
  /** custom: the first day; month/quarter/year: ignored. */
  from: dateSchema.optional(),
  /** custom: the last day; month/quarter/year: a day inside the period (default today). */
  to: dateSchema.optional(),
};
function checkPeriod(q: { period: DashboardPeriodKind; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.period !== 'custom') return;
  if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required' });
  if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'required' });
  if (q.from && q.to && (q.from > q.to || addDays(q.from, DASHBOARD_MAX_DAYS) < q.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'invalid' });
}

const int = z.number().int();

/** One figure of a county (or the area itself) with its own list. */
export const dashboardAreaValue = z.object({
  regionCode: z.string(),
  name: z.string(),
  value: int,
  link: z.string(),
});
export type DashboardAreaValue = z.infer<typeof dashboardAreaValue>;

export const dashboardFigure = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  value: int,
  /** The previous period's value; null for a figure that is a current state (no period). */
  previous: int.nullable(),
  /** The web list of the rows counted (path + query). */
  link: z.string(),
  /** The same figure per county (city view only; empty otherwise). */
  byArea: z.array(dashboardAreaValue),
});
export type DashboardFigure = z.infer<typeof dashboardFigure>;

/** A rate derived from two figures of the panel (numerator / denominator), null when the denominator is 0. */
export const dashboardRate = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  numerator: z.string(),
  denominator: z.string(),
});
export type DashboardRate = z.infer<typeof dashboardRate>;

export const DASHBOARD_PANELS = {
  projects: { 'zh-CN': '书记项目', en: 'Secretary projects' },
  execution: { 'zh-CN': '项目推进与季度评价', en: 'Progress and quarterly ratings' },
  coverage: { 'zh-CN': '两个覆盖', en: 'Two coverages' },
  demands: { 'zh-CN': '企业诉求', en: 'Enterprise demands' },
  visits: { 'zh-CN': '走访企业', en: 'Firm visits' },
  gigs: { 'zh-CN': '零工快招', en: 'Gig hiring' },
  workers: { 'zh-CN': '新就业群体与驿家', en: 'Workers and stations' },
  disputes: { 'zh-CN': '调裁诉援', en: 'Labour disputes' },
  reports: { 'zh-CN': '季度报告报送与评定', en: 'Quarterly reports and ratings' },
  supervision: { 'zh-CN': '督办', en: 'Supervision notices' },
  passes: { 'zh-CN': '小哥码', en: 'Rider passes' },
  stations: { 'zh-CN': '惠新驿家使用', en: 'Station use' },
  assessments: { 'zh-CN': '年度考核等次', en: 'Annual assessment grades' },
} satisfies Dict<string>;
export type DashboardPanelKey = keyof typeof DASHBOARD_PANELS;
export const DASHBOARD_PANEL_CODES = Object.keys(DASHBOARD_PANELS) as [DashboardPanelKey, ...DashboardPanelKey[]];

export const dashboardPanel = z.object({
  key: z.enum(DASHBOARD_PANEL_CODES),
  title: z.string(),
  /** How the web draws it: bars of the figures, a pie of their shares, or figures only. */
  chart: z.enum(['bar', 'pie', 'figures']),
  /** Whether the figures count over the period (true) or are the current state (false). */
  periodic: z.boolean(),
  figures: z.array(dashboardFigure),
  rates: z.array(dashboardRate),
});
export type DashboardPanel = z.infer<typeof dashboardPanel>;

export const dashboardView = z.object({
  area: z.object({
    regionCode: z.string(),
    name: z.string(),
    orgName: z.string(),
    /** The area above, when the caller reaches it (the city over a county). */
    parent: z.object({ regionCode: z.string(), name: z.string() }).nullable(),
  }),
  /** The counties (children) to drill into: empty for a county. */
  areas: z.array(z.object({ regionCode: z.string(), name: z.string() })),
  period: z.object({
    kind: z.enum(DASHBOARD_PERIOD_CODES),
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
  }),
  generatedAt: z.string(),
  panels: z.array(dashboardPanel),
});
export type DashboardView = z.infer<typeof dashboardView>;

/** A period and its predecessor (business dates, both ends included). */
export function dashboardPeriod(
  kind: DashboardPeriodKind,
  today: string,
  from?: string,
  to?: string,
): { from: string; to: string; previousFrom: string; previousTo: string } {
  const anchor = to ?? today;
  const y = Number(anchor.slice(0, 4));
  const m = Number(anchor.slice(5, 7));
  const ymd = (yy: number, mm: number, dd: number) => {
    const d = new Date(Date.UTC(yy, mm - 1, dd));
    return d.toISOString().slice(0, 10);
  };
  const lastOf = (yy: number, mm: number) => ymd(yy, mm + 1, 0);
  if (kind === 'month') {
    return { from: ymd(y, m, 1), to: lastOf(y, m), previousFrom: ymd(y, m - 1, 1), previousTo: lastOf(y, m - 1) };
  }
  if (kind === 'quarter') {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    return {
      from: ymd(y, first, 1),
      to: lastOf(y, first + 2),
      previousFrom: ymd(y, first - 3, 1),
      previousTo: lastOf(y, first - 1),
    };
  }
  if (kind === 'year') {
    return { from: ymd(y, 1, 1), to: ymd(y, 12, 31), previousFrom: ymd(y - 1, 1, 1), previousTo: ymd(y - 1, 12, 31) };
  }
  const f = from ?? anchor;
  const days = Math.round((Date.parse(anchor) - Date.parse(f)) / 86_400_000) + 1;
  return { from: f, to: anchor, previousFrom: addDays(f, -days), previousTo: addDays(f, -1) };
}

/**
 * The dashboard of an area: every panel, or only the one named (`panel`: what a panel's refresh
 * needs, and what the city-scale bench times panel by panel).
 */
export const dashboardQuery = z
  .object({ ...dashboardQueryShape, panel: z.enum(DASHBOARD_PANEL_CODES).optional() })
  .superRefine(checkPeriod);
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The Excel export of a dashboard: every panel, or the one named. */
export const dashboardExportQuery = dashboardQuery;
export type DashboardExportQuery = z.infer<typeof dashboardExportQuery>;
