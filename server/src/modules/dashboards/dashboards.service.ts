import {
  ASSESSMENT_GRADES,
  ASSESSMENT_GRADE_CODES,
  COVERAGE_FIGURES,
  coverageListQuery,
  dashboardPeriod,
  DEFAULT_THEMES,
  DASHBOARD_PANELS,
  PROJECT_RATINGS,
  PROJECT_RATING_CODES,
  PROJECT_STATUSES,
  PROJECT_STATUS_CODES,
  projectListQuery,
  REPORT_TIMELINESS,
  REPORT_TIMELINESS_CODES,
  SUPERVISION_STATES,
  SUPERVISION_STATE_CODES,
  type ProjectRating,
  type ReportTimeliness,
  type SupervisionState,
  type CoverageFigure,
  type CoverageRow,
  type DashboardAreaValue,
  type DashboardFigure,
  type DashboardPanel,
  type DashboardPanelKey,
  type DashboardQuery,
  type DashboardRate,
  type DashboardView,
} from '@touyan/schemas';
import { AppError } from '../../core/errors';
import type { RequestContext } from '../../core/actor';
import { mapConcurrent } from '../../core/concurrency';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import type { AssessmentsService } from '../assessments/assessments.service';
import type { HostOrgsService } from '../host-orgs/host-orgs.service';
import {
  queryString,
  type FigureFamily,
  type FigureRegistry,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import { projectReadScope } from '../projects/projects.policy';
import { AREA_ORG_TYPE, dashboardScope } from './dashboards.policy';
import type { AreaRow } from './dashboards.repository';

/** A project-count split's every group at once (`projectGroups`). */
const EVERY_GROUP = Symbol('every group');

/** The repositories this service declares (services.ts gives it `store.view(…)` of exactly these). */
export type DashboardsStore = Store<'dashboards' | 'projects'>;

/** Panels built at a time by one overview (independent reads on the pool; PostgreSQL's pool holds 10). */
const PANEL_CONCURRENCY = 4;

/** Service figures by panel: each is a figure the owning module registered (`<module>.figures.ts`). */
const SERVICE_PANELS: { key: DashboardPanelKey; chart: DashboardPanel['chart']; figures: string[] }[] = [
  {
    key: 'demands',
    chart: 'bar',
    figures: [
      'demands.received',
      'demands.resolved',
      'demands.resolved.factor',
      'demands.resolved.legacy',
      'demands.sign_due',
      'demands.signed_on_time',
      'demands.rated',
      'demands.satisfied',
    ],
  },
  { key: 'visits', chart: 'bar', figures: ['visits.visits', 'visits.firms_visited'] },
  { key: 'gigs', chart: 'bar', figures: ['gigs.fairs_held', 'gigs.pushes', 'gigs.intentions', 'gigs.hires'] },
  { key: 'workers', chart: 'bar', figures: ['workers.verified', 'stations.count'] },
  { key: 'passes', chart: 'bar', figures: ['passes.valid', 'passes.issued', 'passes.scans', 'passes.scans_valid'] },
  { key: 'stations', chart: 'bar', figures: ['stations.used'] },
  {
    key: 'disputes',
    chart: 'bar',
    figures: [
      'disputes.received',
      'disputes.closed',
      'disputes.mediated',
      'disputes.legal_aid',
      'disputes.consultations',
    ],
  },
];

/** Rates derived from two figures of a panel. */
const RATES: { panel: DashboardPanelKey; key: string; zh: string; en: string; num: string; den: string }[] = [
  {
    panel: 'demands',
    key: 'demands.resolution_rate',
    zh: '诉求办结率',
    en: 'Resolution rate',
    num: 'demands.resolved',
    den: 'demands.received',
  },
  {
    panel: 'demands',
    key: 'demands.response_rate',
    zh: '响应率（按时签收）',
    en: 'Response rate (signed on time)',
    num: 'demands.signed_on_time',
    den: 'demands.sign_due',
  },
  {
    panel: 'demands',
    key: 'demands.satisfaction_rate',
    zh: '满意率',
    en: 'Satisfaction rate',
    num: 'demands.satisfied',
    den: 'demands.rated',
  },
  {
    panel: 'gigs',
    key: 'gigs.hire_rate',
    zh: '意向录用率',
    en: 'Intentions hired',
    num: 'gigs.hires',
    den: 'gigs.intentions',
  },
  {
    panel: 'disputes',
    key: 'disputes.mediation_rate',
    zh: '调解成功率',
    en: 'Mediation success rate',
    num: 'disputes.mediated',
    den: 'disputes.received',
  },
  {
    panel: 'passes',
    key: 'passes.scan_pass_rate',
    zh: '核验通过率',
    en: 'Scans passed',
    num: 'passes.scans_valid',
    den: 'passes.scans',
  },
];

const COVERAGE_LABELS: Record<CoverageFigure, { 'zh-CN': string; en: string }> = {
  total: { 'zh-CN': '两新组织', en: 'Host organisations' },
  orgCoveredOwn: { 'zh-CN': '单独建立党组织', en: 'Own Party organisation' },
  orgCoveredJoint: { 'zh-CN': '联合建立党组织', en: 'Joint Party organisation' },
  workCoveredOnly: { 'zh-CN': '仅工作覆盖', en: 'Party work only' },
  uncovered: { 'zh-CN': '未覆盖', en: 'Not covered' },
  threeHasTotal: { 'zh-CN': '符合“三有”', en: 'Meeting the “three haves”' },
  threeHasUncovered: { 'zh-CN': '应建未建', en: 'Should set up, has not' },
};

/** The project list's period filters a dashboard figure uses (reports due, notices issued). */
type PeriodicProjectFilter = {
  reportFrom?: string;
  reportTo?: string;
  report?: ReportTimeliness;
  reportRating?: ProjectRating;
  supervision?: SupervisionState;
  supervisionFrom?: string;
  supervisionTo?: string;
};

/** The project list's standing filters a dashboard figure uses. */
type ProjectFilter = { regionCode: string; status?: string; theme?: string; rating?: string; overdue?: '1' };
/** The project column a figure family is split by (the list's status, theme and rating filters). */
type ProjectCountColumn = Parameters<DashboardsStore['repos']['projects']['countByRegion']>[3];

interface Area {
  row: AreaRow;
  /** The drillable counties (city view), empty for a county. */
  children: AreaRow[];
  parent: AreaRow | null;
}

/**
 * 监管驾驶舱 (issue 15): the figures of the caller's area for a period, each with the list that shows
 * its rows and the previous period's value. Nothing is counted here: projects through the project
 * list's count (the caller's project read scope with the list's filters), host organisations through
 * the coverage report, the services through the figures their modules registered — so a figure and
 * its list agree by construction (server/test/dashboards.test.ts holds every figure to its list).
 */
export class DashboardsService {
  constructor(
    private readonly store: DashboardsStore,
    private readonly figures: FigureRegistry,
    private readonly hostOrgs: Pick<HostOrgsService, 'coverage'>,
    private readonly assessments: Pick<AssessmentsService, 'dashboardGrades'>,
  ) {}

  /** The caller's areas: the staff bindings' organisations (or the roots) and their counties. */
  private async area(ctx: RequestContext, region: string | undefined): Promise<Area> {
    const repo = this.store.repos.dashboards;
    const scope = dashboardScope(ctx.actor);
    const tops = scope.all ? await repo.roots() : await repo.byIds(scope.orgIds);
    if (tops.length === 0) throw new AppError('NOT_FOUND');
    for (const top of tops) {
      const children = await repo.children(top.orgId, AREA_ORG_TYPE);
      if (!region || top.regionCode === region) return { row: top, children, parent: null };
      const child = children.find((c) => c.regionCode === region);
      if (child) return { row: child, children: [], parent: top };
    }
    throw new AppError('NOT_FOUND');
  }

  async overview(ctx: RequestContext, q: DashboardQuery): Promise<DashboardView> {
    const lang = ctx.locale;
    const area = await this.area(ctx, q.region);
    const p = dashboardPeriod(q.period, shanghaiDate(), q.from, q.to);
    const current: FigurePeriod = { from: p.from, to: p.to };
    const previous: FigurePeriod = { from: p.previousFrom, to: p.previousTo };
    /** `panel` names the one panel asked for; none: every panel. */
    const wanted = (key: DashboardPanelKey) => !q.panel || q.panel === key;
    // The panels are independent reads: built side by side (PANEL_CONCURRENCY at a time, so one
    // overview never holds the whole PostgreSQL pool), answered in this order.
    const builders: (() => Promise<DashboardPanel | null>)[] = [];
    if (wanted('projects')) builders.push(() => this.projectsPanel(ctx, area));
    if (wanted('execution')) builders.push(() => this.executionPanel(ctx, area));
    if (wanted('reports')) builders.push(() => this.reportsPanel(ctx, area, current, previous));
    if (wanted('supervision')) builders.push(() => this.supervisionPanel(ctx, area, current, previous));
    if (wanted('coverage')) builders.push(() => this.coveragePanel(ctx, area));
    if (wanted('assessments')) builders.push(() => this.assessmentsPanel(ctx, area, p.to));
    for (const def of SERVICE_PANELS)
      if (wanted(def.key)) builders.push(() => this.servicePanel(def, area, current, previous, lang));
    const panels = (await mapConcurrent(builders, PANEL_CONCURRENCY, (build) => build())).filter(
      (x): x is DashboardPanel => x !== null,
    );
    return {
      area: {
        regionCode: area.row.regionCode,
        name: area.row.regionName,
        orgName: area.row.orgName,
        parent: area.parent ? { regionCode: area.parent.regionCode, name: area.parent.regionName } : null,
      },
      areas: area.children.map((c) => ({ regionCode: c.regionCode, name: c.regionName })),
      period: { kind: q.period, ...p },
      generatedAt: nowIso(),
      panels,
    };
  }

  /** A service panel: its figures for the area, each county and the previous period. */
  private async servicePanel(
    def: (typeof SERVICE_PANELS)[number],
    area: Area,
    current: FigurePeriod,
    previous: FigurePeriod,
    lang: 'zh-CN' | 'en',
  ): Promise<DashboardPanel> {
    const figures: DashboardFigure[] = [];
    const rows = [area.row, ...area.children];
    const areas = rows.map((r) => ({ orgId: r.orgId }));
    // Figures of one family (the demand figures on their daily summary): all of the panel's at once,
    // for the area and its counties and for the previous period — two statements (city scale, issue 15).
    const families = new Map<FigureFamily, { now: Map<string, number[]>; before: Map<string, number[]> }>();
    for (const fam of new Set(def.figures.map((k) => this.figures.get(k)?.family).filter((x) => !!x))) {
      const keys = def.figures.filter((k) => this.figures.get(k)?.family === fam);
      families.set(fam!, {
        now: await fam!.countAreas(keys, areas, current),
        before: await fam!.countAreas(keys, [{ orgId: area.row.orgId }], previous),
      });
    }
    for (const key of def.figures) {
      const f = this.figures.get(key);
      if (!f) continue;
      const fam = f.family ? families.get(f.family) : undefined;
      // The area and its counties: in one statement where the figure offers it (city scale, issue 15).
      const values = fam
        ? fam.now.get(key)!
        : f.countAreas
          ? await f.countAreas(areas, current)
          : await Promise.all(rows.map((r) => f.count({ orgId: r.orgId }, current)));
      const byArea: DashboardAreaValue[] = area.children.map((c, i) => ({
        regionCode: c.regionCode,
        name: c.regionName,
        value: values[i + 1]!,
        link: f.link({ orgId: c.orgId }, current),
      }));
      figures.push({
        key,
        label: f.label[lang],
        unit: f.unit,
        value: values[0]!,
        previous: fam
          ? fam.before.get(key)![0]!
          : f.countAreas
            ? (await f.countAreas([{ orgId: area.row.orgId }], previous))[0]!
            : await f.count({ orgId: area.row.orgId }, previous),
        link: f.link({ orgId: area.row.orgId }, current),
        byArea,
      });
    }
    return this.panel(def.key, def.chart, true, figures, lang);
  }

  private panel(
    key: DashboardPanelKey,
    chart: DashboardPanel['chart'],
    periodic: boolean,
    figures: DashboardFigure[],
    lang: 'zh-CN' | 'en',
  ): DashboardPanel {
    const byKey = new Map(figures.map((f) => [f.key, f]));
    const ratio = (n: number | null | undefined, d: number | null | undefined) =>
      n === null || n === undefined || !d ? null : Math.round((n / d) * 1000) / 1000;
    const rates: DashboardRate[] = RATES.filter((r) => r.panel === key && byKey.has(r.num) && byKey.has(r.den)).map(
      (r) => ({
        key: r.key,
        label: lang === 'en' ? r.en : r.zh,
        value: ratio(byKey.get(r.num)!.value, byKey.get(r.den)!.value),
        previous: ratio(byKey.get(r.num)!.previous, byKey.get(r.den)!.previous),
        numerator: r.num,
        denominator: r.den,
      }),
    );
    return { key, title: DASHBOARD_PANELS[key][lang], chart, periodic, figures, rates };
  }

  /** Projects as they stand: by status, theme and county — the project list's count with its filters. */
  private async projectsPanel(ctx: RequestContext, area: Area): Promise<DashboardPanel> {
    const lang = ctx.locale;
    const counts = this.projectGroups(ctx, area);
    const region = area.row.regionCode;
    // Every project has a status: the total is the sum of the split (one statement fewer).
    const byStatus = await counts({ regionCode: region }, 'status');
    const figures: DashboardFigure[] = [
      {
        ...byStatus(EVERY_GROUP, {}),
        key: 'projects.total',
        label: lang === 'en' ? 'All projects' : '项目总数',
        unit: '个',
      },
    ];
    for (const status of PROJECT_STATUS_CODES) {
      if (status === 'draft') continue;
      figures.push({
        ...byStatus(status, { status }),
        key: `projects.status.${status}`,
        label: PROJECT_STATUSES[status][lang],
        unit: '个',
      });
    }
    const byTheme = await counts({ regionCode: region }, 'theme');
    for (const theme of await this.store.repos.dashboards.themes(region)) {
      figures.push({
        ...byTheme(theme, { theme }),
        key: `projects.theme.${theme}`,
        label: DEFAULT_THEMES.find((d) => d.code === theme)?.name ?? theme,
        unit: '个',
      });
    }
    return this.panel('projects', 'bar', false, figures, lang);
  }

  /** Execution: projects with an overdue quarterly report and by their latest quarterly rating. */
  private async executionPanel(ctx: RequestContext, area: Area): Promise<DashboardPanel> {
    const lang = ctx.locale;
    const counts = this.projectGroups(ctx, area);
    const region = area.row.regionCode;
    const overdue = await counts({ regionCode: region, overdue: '1' }, null);
    const figures: DashboardFigure[] = [
      {
        ...overdue(null, {}),
        key: 'execution.overdue',
        label: lang === 'en' ? 'Projects with an overdue report' : '季度报告逾期项目',
        unit: '个',
      },
    ];
    const byRating = await counts({ regionCode: region }, 'latestRating');
    for (const rating of PROJECT_RATING_CODES) {
      figures.push({
        ...byRating(rating, { rating }),
        key: `execution.rating.${rating}`,
        label: PROJECT_RATINGS[rating][lang],
        unit: '个',
      });
    }
    return this.panel('execution', 'bar', false, figures, lang);
  }

  /**
   * 季度报告: projects with a report due in the period filed on time, filed late, or missing (pending
   * past its due date), and rated in each grade — the project list's `report` filters over the
   * period's due dates, so each figure opens exactly its projects; the previous period beside it.
   */
  private async reportsPanel(
    ctx: RequestContext,
    area: Area,
    current: FigurePeriod,
    previous: FigurePeriod,
  ): Promise<DashboardPanel> {
    const lang = ctx.locale;
    const count = this.periodicProjectCounter(ctx, area);
    const span = (p: FigurePeriod) => ({ reportFrom: p.from, reportTo: p.to });
    const figures: DashboardFigure[] = [];
    for (const report of REPORT_TIMELINESS_CODES) {
      figures.push({
        ...(await count((p) => ({ ...span(p), report }), current, previous)),
        key: `reports.${report}`,
        label: REPORT_TIMELINESS[report][lang],
        unit: '个',
      });
    }
    for (const rating of PROJECT_RATING_CODES) {
      figures.push({
        ...(await count((p) => ({ ...span(p), reportRating: rating }), current, previous)),
        key: `reports.rating.${rating}`,
        label: `${lang === 'en' ? 'Rated: ' : '评定为'}${PROJECT_RATINGS[rating][lang]}`,
        unit: '个',
      });
    }
    return this.panel('reports', 'bar', true, figures, lang);
  }

  /** 督办: projects with a notice issued in the period that is still open, or closed (the project list's filter). */
  private async supervisionPanel(
    ctx: RequestContext,
    area: Area,
    current: FigurePeriod,
    previous: FigurePeriod,
  ): Promise<DashboardPanel> {
    const lang = ctx.locale;
    const count = this.periodicProjectCounter(ctx, area);
    const figures: DashboardFigure[] = [];
    for (const supervision of SUPERVISION_STATE_CODES) {
      figures.push({
        ...(await count((p) => ({ supervision, supervisionFrom: p.from, supervisionTo: p.to }), current, previous)),
        key: `supervision.${supervision}`,
        label: SUPERVISION_STATES[supervision][lang],
        unit: '个',
      });
    }
    return this.panel('supervision', 'bar', true, figures, lang);
  }

  /** A project-list figure over a period: this period's value and links, and the previous period's value. */
  private periodicProjectCounter(ctx: RequestContext, area: Area) {
    const scope = projectReadScope(ctx.actor);
    const groups = this.projectGroups(ctx, area);
    const region = area.row.regionCode;
    return async (
      filter: (p: FigurePeriod) => PeriodicProjectFilter,
      current: FigurePeriod,
      previous: FigurePeriod,
    ): Promise<Pick<DashboardFigure, 'value' | 'previous' | 'link' | 'byArea'>> => {
      // The area and its counties in one statement; the previous period for the area alone.
      const now = (await groups({ regionCode: region, ...filter(current) }, null))(null, {});
      const before = await this.store.repos.projects.count(
        scope,
        projectListQuery.parse({ regionCode: region, ...filter(previous) }),
      );
      return { ...now, previous: before };
    };
  }

  /**
   * The project list's counts for a filter, for the area and each county, split by one column, in one
   * statement (city scale, issue 15); then each value's figure: the area's count and each county's,
   * with the list's link (the filter plus that column's own filter).
   */
  private projectGroups(ctx: RequestContext, area: Area) {
    const scope = projectReadScope(ctx.actor);
    const projects = this.store.repos.projects;
    const rows = [area.row, ...area.children];
    return async (filter: ProjectFilter & PeriodicProjectFilter, by: ProjectCountColumn | null) => {
      const counts = await projects.countByRegion(
        scope,
        projectListQuery.parse(filter),
        rows.map((r) => r.regionCode),
        by,
      );
      // `EVERY_GROUP`: the sum over the split's groups — the filter's own count, from the same statement.
      return (
        value: string | null | typeof EVERY_GROUP,
        split: Partial<ProjectFilter>,
      ): Pick<DashboardFigure, 'value' | 'previous' | 'link' | 'byArea'> => {
        const n = (regionCode: string) => {
          if (value !== EVERY_GROUP) return counts.get(`${regionCode}|${value ?? ''}`) ?? 0;
          let sum = 0;
          for (const [k, v] of counts) if (k.startsWith(`${regionCode}|`)) sum += v;
          return sum;
        };
        const link = (regionCode: string) => `/projects?${queryString({ ...filter, ...split, regionCode })}`;
        return {
          value: n(area.row.regionCode),
          previous: null,
          link: link(area.row.regionCode),
          byArea: area.children.map((c) => ({
            regionCode: c.regionCode,
            name: c.regionName,
            value: n(c.regionCode),
            link: link(c.regionCode),
          })),
        };
      };
    };
  }

  /**
   * 年度考核等次: the graded sheets of the latest year (up to the period's) with published assessment
   * results the caller manages, per grade, for the area and each county — each the results list with
   * that year, grade and organisation. None when there are no results.
   */
  private async assessmentsPanel(ctx: RequestContext, area: Area, to: string): Promise<DashboardPanel | null> {
    if (!ctx.actor.permissions.has('assessment.manage')) return null;
    const lang = ctx.locale;
    const rows = [area.row, ...area.children];
    const found = await this.assessments.dashboardGrades(
      ctx,
      rows.map((r) => r.orgId) as [string, ...string[]],
      Number(to.slice(0, 4)),
    );
    if (!found) return null;
    const link = (orgId: string, grade: string) =>
      `/assessments/results?${queryString({ year: found.year, grade, orgId })}`;
    const figures = ASSESSMENT_GRADE_CODES.map((g): DashboardFigure => ({
      key: `assessments.${g}`,
      label: ASSESSMENT_GRADES[g][lang],
      unit: '个',
      value: found.counts[0]![g] ?? 0,
      previous: null,
      link: link(area.row.orgId, g),
      byArea: area.children.map((c, i) => ({
        regionCode: c.regionCode,
        name: c.regionName,
        value: found.counts[i + 1]![g] ?? 0,
        link: link(c.orgId, g),
      })),
    }));
    const panel = this.panel('assessments', 'pie', false, figures, lang);
    panel.title = lang === 'en' ? `${panel.title} (${found.year})` : `${panel.title}（${found.year}年度）`;
    return panel;
  }

  /** 两个覆盖: the host-organisation coverage report of the area (its own rows per county). */
  private async coveragePanel(ctx: RequestContext, area: Area): Promise<DashboardPanel | null> {
    if (!ctx.actor.permissions.has('hostOrg.read')) return null;
    const lang = ctx.locale;
    const report = await this.hostOrgs.coverage(ctx, { groupBy: 'region', regionCode: area.row.regionCode });
    const link = (row: CoverageRow, figure: CoverageFigure) =>
      `/host-orgs?${queryString(coverageListQuery(row.filter, figure))}`;
    const counties = new Set(area.children.map((c) => c.regionCode));
    const rows = report.rows.filter((r) => counties.has(r.key));
    const figure = (key: string, f: CoverageFigure): DashboardFigure => ({
      key,
      label: COVERAGE_LABELS[f][lang],
      unit: '家',
      value: report.total[f],
      previous: null,
      link: link(report.total, f),
      byArea: rows.map((r) => ({ regionCode: r.key, name: r.label, value: r[f], link: link(r, f) })),
    });
    const figures = COVERAGE_FIGURES.map((f) => figure(`coverage.${f}`, f));
    // The rates' numerators (own + joint; own + joint + work only) as figures without a single list.
    const t = report.total;
    const panel = this.panel('coverage', 'pie', false, figures, lang);
    panel.rates = [
      {
        key: 'coverage.org_rate',
        label: lang === 'en' ? 'Party-organisation coverage' : '党的组织覆盖率',
        value: t.orgRate,
        previous: null,
        numerator: 'coverage.orgCoveredOwn+coverage.orgCoveredJoint',
        denominator: 'coverage.total',
      },
      {
        key: 'coverage.work_rate',
        label: lang === 'en' ? 'Party coverage (organisation or work)' : '两个覆盖率',
        value: t.coverageRate,
        previous: null,
        numerator: 'coverage.orgCoveredOwn+coverage.orgCoveredJoint+coverage.workCoveredOnly',
        denominator: 'coverage.total',
      },
    ];
    return panel;
  }
}
