import type {
  IndicatorActualBody,
  IndicatorAreaBody,
  IndicatorView,
  MilestoneCompleteBody,
  MilestoneView,
  Page,
  ProgressCreateBody,
  ProgressView,
  QuarterRef,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { attachmentIdsOf, AttachmentsService, pickViews } from '../attachments/attachments.service';
import { projectStaffScope } from '../projects/projects.policy';
import type { ProjectRow } from '../projects/projects.service';
import type { BoundIndicators } from './bound-indicators';
import type { ExecutionAccess } from './execution.access';
import { indicatorProgress, notFuture } from './execution.rules';
import type { MilestoneRow } from './progress.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type ProgressStore = Store<'attachments' | 'audit' | 'campaigns' | 'partyOrgs' | 'progress' | 'projects'>;
type ProgressRepos = ProgressStore['repos'];

/** Progress posts, milestones with evidence, and indicator actuals of approved projects. */
export class ProgressService {
  constructor(
    private readonly store: ProgressStore,
    private readonly access: ExecutionAccess,
    private readonly attachments: AttachmentsService,
    private readonly bound: BoundIndicators,
  ) {}

  // ——— progress posts ———

  async posts(
    ctx: RequestContext,
    projectId: string,
    q: { limit: number; cursor?: string },
  ): Promise<Page<ProgressView>> {
    const repos = this.store.repos;
    await this.access.of(repos, ctx, projectId);
    const { items: rows, nextCursor } = await repos.progress.posts(projectId, q.limit, q.cursor);
    const ids = rows.map((r) => attachmentIdsOf(r.attachmentIds));
    const files = await AttachmentsService.views(repos, ids.flat());
    return {
      items: rows.map((r, i) => ({
        id: r.id,
        text: r.text,
        attachments: pickViews(ids[i]!, files),
        authorName: r.authorName,
        at: r.at,
        report:
          r.reportYear !== null && r.reportQuarter !== null
            ? { year: r.reportYear, quarter: r.reportQuarter as QuarterRef['quarter'] }
            : null,
      })),
      nextCursor,
    };
  }

  async post(ctx: RequestContext, projectId: string, body: ProgressCreateBody): Promise<ProgressView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      this.access.authorize(ctx, a, 'progress');
      await this.attachments.claim(repos, ctx, projectId, body.attachmentIds);
      await repos.progress.insertPost({
        id,
        projectId,
        text: body.text,
        attachmentIds: JSON.stringify(body.attachmentIds),
        authorId: ctx.actor.userId,
        authorName: ctx.actor.displayName,
        at: nowIso(),
        reportId: null,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'project',
        entityId: projectId,
        entityLabel: `${a.row.title}：进展`,
        scopeOrgId: a.row.orgId,
        changes: [{ field: 'progress', before: null, after: body.text.slice(0, 200) }],
      });
    });
    const repos = this.store.repos;
    const row = (await repos.progress.post(id))!;
    const files = await AttachmentsService.views(repos, body.attachmentIds);
    return {
      id,
      text: row.text,
      attachments: pickViews(body.attachmentIds, files),
      authorName: row.authorName,
      at: row.at,
      report: null,
    };
  }

  // ——— milestones ———

  private async milestoneViews(repos: ProgressRepos, rows: MilestoneRow[]): Promise<MilestoneView[]> {
    const today = shanghaiDate();
    const ids = rows.map((r) => attachmentIdsOf(r.attachmentIds));
    const files = await AttachmentsService.views(repos, ids.flat());
    return rows.map((r, i) => ({
      id: r.id,
      name: r.name,
      dueDate: r.dueDate,
      completedOn: r.completedOn,
      evidence: r.evidence,
      attachments: pickViews(ids[i]!, files),
      overdue: !r.completedOn && r.dueDate < today,
      version: r.version,
    }));
  }

  async milestones(ctx: RequestContext, projectId: string): Promise<{ items: MilestoneView[] }> {
    const repos = this.store.repos;
    await this.access.of(repos, ctx, projectId);
    return { items: await this.milestoneViews(repos, await repos.progress.milestones(projectId)) };
  }

  async completeMilestone(
    ctx: RequestContext,
    projectId: string,
    milestoneId: string,
    body: MilestoneCompleteBody,
  ): Promise<MilestoneView> {
    await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      const m = await repos.progress.milestone(projectId, milestoneId);
      if (!m) throw notFound();
      this.access.authorize(ctx, a, 'progress');
      if (m.completedOn) throw new AppError('INVALID_TRANSITION');
      if (m.version !== body.version) throw conflict();
      if (!notFuture(body.completedOn, shanghaiDate())) {
        throw new AppError('VALIDATION_FAILED', { completedOn: 'invalid' });
      }
      await this.attachments.claim(repos, ctx, projectId, body.attachmentIds);
      await repos.progress.completeMilestone(milestoneId, body.version, {
        completedOn: body.completedOn,
        evidence: body.evidence,
        attachmentIds: JSON.stringify(body.attachmentIds),
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'project',
        entityId: projectId,
        entityLabel: `${a.row.title}：节点「${m.name}」`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'completedOn', before: null, after: body.completedOn },
          { field: 'evidence', before: null, after: body.evidence },
        ],
      });
    });
    const repos = this.store.repos;
    const [view] = await this.milestoneViews(repos, [(await repos.progress.milestone(projectId, milestoneId))!]);
    return view!;
  }

  // ——— indicators ———

  async indicators(ctx: RequestContext, projectId: string): Promise<{ items: IndicatorView[] }> {
    const repos = this.store.repos;
    const a = await this.access.of(repos, ctx, projectId);
    return { items: await this.indicatorViews(repos, a.row) };
  }

  private async indicatorViews(
    repos: ProgressRepos,
    project: Pick<ProjectRow, 'id' | 'orgId' | 'campaignId'>,
  ): Promise<IndicatorView[]> {
    const indicators = await repos.progress.indicators(project.id);
    const actuals = await repos.progress.actuals(indicators.filter((i) => !i.figureKey).map((i) => i.id));
    const bound = await this.bound.values(repos, project, indicators);
    return indicators.map((i) => {
      const b = bound.get(i.id);
      if (b) {
        return {
          id: i.id,
          name: i.name,
          unit: i.unit,
          baseline: i.baseline,
          target: i.target,
          actual: b.value,
          progress: indicatorProgress(i.baseline, i.target, b.value),
          history: [],
          binding: b.binding,
          version: i.version,
        };
      }
      const history = actuals
        .filter((x) => x.indicatorId === i.id)
        .map((x) => ({ value: x.value, recordedOn: x.recordedOn, note: x.note, byName: x.byName ?? '' }));
      const actual = history.length ? history[history.length - 1]!.value : i.baseline;
      return {
        id: i.id,
        name: i.name,
        unit: i.unit,
        baseline: i.baseline,
        target: i.target,
        actual,
        progress: indicatorProgress(i.baseline, i.target, actual),
        history,
        binding: null,
        version: i.version,
      };
    });
  }

  async recordActual(
    ctx: RequestContext,
    projectId: string,
    indicatorId: string,
    body: IndicatorActualBody,
  ): Promise<IndicatorView> {
    await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      const indicator = (await repos.progress.indicators(projectId)).find((i) => i.id === indicatorId);
      if (!indicator) throw notFound();
      this.access.authorize(ctx, a, 'progress');
      if (indicator.figureKey) throw new AppError('INDICATOR_BOUND');
      if (!notFuture(body.recordedOn, shanghaiDate())) {
        throw new AppError('VALIDATION_FAILED', { recordedOn: 'invalid' });
      }
      await repos.progress.insertActuals([
        {
          id: newId(),
          indicatorId,
          value: body.value,
          recordedOn: body.recordedOn,
          note: body.note,
          recordedBy: ctx.actor.userId,
          recordedAt: nowIso(),
        },
      ]);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'project',
        entityId: projectId,
        entityLabel: `${a.row.title}：指标「${indicator.name}」`,
        scopeOrgId: a.row.orgId,
        changes: [{ field: 'actual', before: null, after: `${body.value}${indicator.unit}（${body.recordedOn}）` }],
      });
    });
    const repos = this.store.repos;
    const views = await this.indicatorViews(repos, (await this.access.of(repos, ctx, projectId)).row);
    return views.find((v) => v.id === indicatorId)!;
  }

  /**
   * Sets the area a bound indicator counts over: staff over the approved project, to an organisation
   * in their own subtree (null: back to the declaring organisation). Audited; a stale version 409.
   */
  async setIndicatorArea(
    ctx: RequestContext,
    projectId: string,
    indicatorId: string,
    body: IndicatorAreaBody,
  ): Promise<IndicatorView> {
    await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      const indicator = (await repos.progress.indicators(projectId)).find((i) => i.id === indicatorId);
      if (!indicator) throw notFound();
      this.access.authorize(ctx, a, 'supervise');
      if (!indicator.figureKey) throw new AppError('INDICATOR_NOT_BOUND');
      if (body.orgId !== null && !(await repos.partyOrgs.inScope(projectStaffScope(ctx.actor), body.orgId))) {
        throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
      }
      await repos.progress.setIndicatorArea(indicatorId, body.version, body.orgId);
      const names = await repos.partyOrgs.namesOf([indicator.figureOrgId ?? a.row.orgId, body.orgId ?? a.row.orgId]);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'project',
        entityId: projectId,
        entityLabel: `${a.row.title}：指标「${indicator.name}」`,
        scopeOrgId: a.row.orgId,
        changes: [
          {
            field: 'figureOrgId',
            before: names.get(indicator.figureOrgId ?? a.row.orgId) ?? null,
            after: names.get(body.orgId ?? a.row.orgId) ?? null,
          },
        ],
      });
    });
    const repos = this.store.repos;
    const views = await this.indicatorViews(repos, (await this.access.of(repos, ctx, projectId)).row);
    return views.find((v) => v.id === indicatorId)!;
  }
}
