import {
  filedLate,
  PROJECT_RATINGS,
  quarterDueDate,
  quarterEnd,
  quarterLabel,
  reportOpensOn,
  reportOverdue,
  type ProjectRating,
  type QuarterlyReportBody,
  type QuarterlyReportView,
  type QuarterOverview,
  type QuarterRef,
  type ReportRateBody,
  type ReportStatus,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { attachmentIdsOf, AttachmentsService, pickViews } from '../attachments/attachments.service';
import { NotificationsService } from '../notifications/notifications.service';
import { projectStaffScope } from '../projects/projects.policy';
import type { BoundIndicators } from './bound-indicators';
import type { ExecutionAccess, ProjectAccess } from './execution.access';
import { reportPolicy, type ReportFacts } from './execution.policy';
import { reportFileable, reportValueDate } from './execution.rules';
import type { ReportRow } from './reports.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type ReportsStore = Store<
  'attachments' | 'audit' | 'campaigns' | 'notifications' | 'partyOrgs' | 'progress' | 'projects' | 'reports'
>;
type ReportsRepos = ReportsStore['repos'];

type IndicatorNames = Map<string, { name: string; unit: string }>;

const quarterOfRow = (r: { year: number; quarter: number }): QuarterRef => ({
  year: r.year,
  quarter: r.quarter as QuarterRef['quarter'],
});

function parseValues(json: string): { indicatorId: string; value: number }[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as { indicatorId: string; value: number }[]) : [];
  } catch {
    return [];
  }
}

/** Quarterly reports: filing by the secretary, rating by staff, and a campaign's quarter at a glance. */
export class ReportsService {
  constructor(
    private readonly store: ReportsStore,
    private readonly access: ExecutionAccess,
    private readonly attachments: AttachmentsService,
    private readonly bound: BoundIndicators,
  ) {}

  private facts(a: ProjectAccess, r: ReportRow, today: string): ReportFacts {
    return { project: a.facts, status: r.status as ReportStatus, fileable: reportFileable(quarterOfRow(r), today) };
  }

  private async views(repos: ReportsRepos, ctx: RequestContext, a: ProjectAccess, rows: ReportRow[]) {
    const today = shanghaiDate();
    const indicators: IndicatorNames = new Map(
      (await repos.progress.indicators(a.row.id)).map((i) => [i.id, { name: i.name, unit: i.unit }]),
    );
    const ids = rows.map((r) => attachmentIdsOf(r.attachmentIds));
    const files = await AttachmentsService.views(repos, ids.flat());
    return rows.map((r, i): QuarterlyReportView => ({
      id: r.id,
      projectId: r.projectId,
      projectTitle: r.projectTitle,
      projectCode: r.projectCode,
      year: r.year,
      quarter: r.quarter,
      dueDate: r.dueDate,
      status: r.status as ReportStatus,
      opensOn: reportOpensOn(quarterOfRow(r)),
      overdue: reportOverdue(r.status, r.dueDate, today),
      filedLate: filedLate(r.dueDate, r.filedAt && shanghaiDate(r.filedAt)),
      progress: r.progress,
      crux: r.crux,
      nextPlan: r.nextPlan,
      indicatorValues: parseValues(r.indicatorValues).map((v) => ({
        indicatorId: v.indicatorId,
        name: indicators.get(v.indicatorId)?.name ?? '',
        unit: indicators.get(v.indicatorId)?.unit ?? '',
        value: v.value,
      })),
      attachments: pickViews(ids[i]!, files),
      filedAt: r.filedAt,
      filedByName: r.filedByName,
      rating: r.rating as ProjectRating | null,
      ratingComment: r.ratingComment,
      ratedByName: r.ratedByName,
      ratedAt: r.ratedAt,
      version: r.version,
      abilities: reportPolicy.abilities(ctx.actor, this.facts(a, r, today)),
    }));
  }

  async list(ctx: RequestContext, projectId: string): Promise<{ items: QuarterlyReportView[] }> {
    const repos = this.store.repos;
    const a = await this.access.of(repos, ctx, projectId);
    return { items: await this.views(repos, ctx, a, await repos.reports.forProject(projectId)) };
  }

  private async one(ctx: RequestContext, reportId: string): Promise<QuarterlyReportView> {
    const repos = this.store.repos;
    const r = (await repos.reports.get(reportId))!;
    const a = await this.access.of(repos, ctx, r.projectId);
    return (await this.views(repos, ctx, a, [r]))[0]!;
  }

  /** Files the report of one quarter: its pending row must exist and its filing window be open. */
  async file(ctx: RequestContext, projectId: string, body: QuarterlyReportBody): Promise<QuarterlyReportView> {
    // Bound indicators are counted before the transaction: the figures read through their own
    // modules' repositories over the pool, which a write transaction on SQLite's one connection would block.
    const pre = await this.access.of(this.store.repos, ctx, projectId);
    const bound = await this.bound.values(
      this.store.repos,
      pre.row,
      await this.store.repos.progress.indicators(projectId),
      quarterEnd({ year: body.year, quarter: body.quarter as QuarterRef['quarter'] }),
    );
    const reportId = await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      this.access.authorize(ctx, a, 'report');
      const r = await repos.reports.byQuarter(projectId, body.year, body.quarter);
      if (!r) throw new AppError('VALIDATION_FAILED', { quarter: 'invalid' });
      if (r.status !== 'pending') throw new AppError('REPORT_EXISTS');
      const q = quarterOfRow(r);
      const today = shanghaiDate();
      if (!reportFileable(q, today)) throw new AppError('REPORT_NOT_OPEN', { quarter: 'invalid' });
      const rows = await repos.progress.indicators(projectId);
      const indicators = new Map(rows.map((i) => [i.id, i]));
      const given = body.indicatorValues.map((v) => v.indicatorId);
      if (given.some((id) => !indicators.has(id)) || new Set(given).size !== given.length) {
        throw new AppError('VALIDATION_FAILED', { indicatorValues: 'invalid' });
      }
      // A bound indicator's value follows the records: not entered, but read now (up to the quarter's
      // end) and kept in the report as a manual value is.
      if (given.some((id) => indicators.get(id)!.figureKey !== null)) {
        throw new AppError('INDICATOR_BOUND', { indicatorValues: 'invalid' });
      }
      const reported = [
        ...body.indicatorValues,
        ...[...bound].filter(([id]) => indicators.has(id)).map(([indicatorId, b]) => ({ indicatorId, value: b.value })),
      ].sort((x, y) => indicators.get(x.indicatorId)!.position - indicators.get(y.indicatorId)!.position);
      await this.attachments.claim(repos, ctx, projectId, body.attachmentIds);
      const ok = await repos.reports.file(r.id, {
        progress: body.progress,
        crux: body.crux,
        nextPlan: body.nextPlan,
        indicatorValues: JSON.stringify(reported),
        attachmentIds: JSON.stringify(body.attachmentIds),
        filedBy: ctx.actor.userId,
      });
      if (!ok) throw new AppError('REPORT_EXISTS');
      // The report appears in the progress feed, labelled by the quarter it reports on.
      await repos.progress.insertPost({
        id: newId(),
        projectId,
        text: body.progress,
        attachmentIds: JSON.stringify(body.attachmentIds),
        authorId: ctx.actor.userId,
        authorName: ctx.actor.displayName,
        at: nowIso(),
        reportId: r.id,
      });
      // The values reported for the quarter become the indicators' actuals as of its end.
      const recordedOn = reportValueDate(q, today);
      await repos.progress.insertActuals(
        body.indicatorValues.map((v) => ({
          id: newId(),
          indicatorId: v.indicatorId,
          value: v.value,
          recordedOn,
          note: `${quarterLabel(q)}报告`,
          recordedBy: ctx.actor.userId,
          recordedAt: nowIso(),
        })),
      );
      const late = filedLate(r.dueDate, today);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'quarterly_report',
        entityId: r.id,
        entityLabel: `${a.row.title} ${quarterLabel(q)}`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'status', before: 'pending', after: 'filed' },
          ...(late ? [{ field: 'filedLate', before: null, after: `应于 ${r.dueDate} 前报送` }] : []),
        ],
      });
      return r.id;
    });
    return this.one(ctx, reportId);
  }

  /** Staff rate a filed report; the project's latest rating follows its most recent rated quarter. */
  async rate(ctx: RequestContext, reportId: string, body: ReportRateBody): Promise<QuarterlyReportView> {
    await this.store.tx(async (repos) => {
      const r = await repos.reports.get(reportId);
      if (!r) throw notFound();
      const a = await this.access.of(repos, ctx, r.projectId);
      reportPolicy.authorize(ctx.actor, 'rate', this.facts(a, r, shanghaiDate()));
      if (r.version !== body.version) throw conflict();
      await repos.reports.rate(reportId, body.version, {
        rating: body.rating,
        ratingComment: body.comment,
        ratedBy: ctx.actor.userId,
      });
      await repos.projects.setLatestRating(r.projectId, await repos.reports.latestRating(r.projectId));
      const q = quarterOfRow(r);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'quarterly_report',
        entityId: r.id,
        entityLabel: `${a.row.title} ${quarterLabel(q)}`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'rating', before: r.rating, after: body.rating },
          { field: 'ratingComment', before: r.ratingComment, after: body.comment },
        ],
      });
      if (a.row.secretaryUserId) {
        await NotificationsService.send(repos, [a.row.secretaryUserId], {
          kind: 'report_rated',
          title: `季度报告已评定：${a.row.title}`,
          body: `${quarterLabel(q)}：${PROJECT_RATINGS[body.rating]['zh-CN']}。${body.comment}`,
          link: `/projects/${r.projectId}?tab=reports`,
        });
      }
    });
    return this.one(ctx, reportId);
  }

  /** Every approved project of a campaign within the caller's staff scope, for one quarter. */
  async overview(
    ctx: RequestContext,
    q: { campaignId: string; year: number; quarter: number },
  ): Promise<QuarterOverview> {
    const repos = this.store.repos;
    const scope = projectStaffScope(ctx.actor);
    const campaign = await repos.campaigns.get(scope, q.campaignId);
    if (!campaign) throw notFound();
    const today = shanghaiDate();
    const rows = await repos.reports.overview(scope, q.campaignId, q.year, q.quarter);
    const totals = { projects: 0, pending: 0, filed: 0, rated: 0, overdue: 0, onTrack: 0, lagging: 0, atRisk: 0 };
    const out: QuarterOverview['rows'] = rows.map((r) => {
      const status = (r.status ?? 'missing') as ReportStatus | 'missing';
      const overdue = !!r.dueDate && reportOverdue(status, r.dueDate, today);
      const rating = r.rating as ProjectRating | null;
      totals.projects++;
      if (status === 'pending') totals.pending++;
      if (status === 'filed' || status === 'rated') totals.filed++;
      if (status === 'rated') totals.rated++;
      if (overdue) totals.overdue++;
      if (rating === 'on_track') totals.onTrack++;
      if (rating === 'lagging') totals.lagging++;
      if (rating === 'at_risk') totals.atRisk++;
      return {
        projectId: r.projectId,
        code: r.code,
        title: r.title,
        orgName: r.orgName,
        regionName: r.regionName,
        secretaryName: r.secretaryName,
        reportId: r.reportId,
        status,
        dueDate: r.dueDate,
        overdue,
        filedAt: r.filedAt,
        filedLate: !!r.dueDate && filedLate(r.dueDate, r.filedAt && shanghaiDate(r.filedAt)),
        rating,
        openSupervision: r.openSupervision,
      };
    });
    return {
      campaignId: q.campaignId,
      year: q.year,
      quarter: q.quarter,
      dueDate: quarterDueDate({ year: q.year, quarter: q.quarter as QuarterRef['quarter'] }, campaign.reportDueDays),
      totals,
      rows: out,
    };
  }
}
