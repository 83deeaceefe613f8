import type {
  SupervisionAnswerBody,
  SupervisionCloseBody,
  SupervisionCreateBody,
  SupervisionStatus,
  SupervisionView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { NotificationsService } from '../notifications/notifications.service';
import type { ExecutionAccess, ProjectAccess } from './execution.access';
import { noticePolicy, type NoticeFacts } from './execution.policy';
import type { SupervisionRow } from './supervision.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type SupervisionStore = Store<'audit' | 'notifications' | 'partyOrgs' | 'projects' | 'reports' | 'supervision'>;
type SupervisionRepos = SupervisionStore['repos'];

/** 督办: staff issue a notice with an answer-by date; the secretary answers; staff close it. */
export class SupervisionService {
  constructor(
    private readonly store: SupervisionStore,
    private readonly access: ExecutionAccess,
  ) {}

  private facts(a: ProjectAccess, r: SupervisionRow): NoticeFacts {
    return { project: a.facts, status: r.status as SupervisionStatus };
  }

  private view(ctx: RequestContext, a: ProjectAccess, r: SupervisionRow, today: string): SupervisionView {
    const abilities = noticePolicy.abilities(ctx.actor, this.facts(a, r));
    return {
      id: r.id,
      projectId: r.projectId,
      projectTitle: r.projectTitle,
      reportId: r.reportId,
      content: r.content,
      answerBy: r.answerBy,
      issuedByName: r.issuedByName ?? '',
      issuedAt: r.issuedAt,
      answer: r.answer,
      answeredByName: r.answeredByName,
      answeredAt: r.answeredAt,
      closeComment: r.closeComment,
      status: r.status as SupervisionStatus,
      overdue: r.status === 'open' && r.answerBy < today,
      version: r.version,
      abilities,
    };
  }

  async list(ctx: RequestContext, projectId: string): Promise<{ items: SupervisionView[] }> {
    const repos = this.store.repos;
    const a = await this.access.of(repos, ctx, projectId);
    const today = shanghaiDate();
    return { items: (await repos.supervision.forProject(projectId)).map((r) => this.view(ctx, a, r, today)) };
  }

  private async one(ctx: RequestContext, id: string): Promise<SupervisionView> {
    const repos = this.store.repos;
    const r = (await repos.supervision.get(id))!;
    const a = await this.access.of(repos, ctx, r.projectId);
    return this.view(ctx, a, r, shanghaiDate());
  }

  async issue(ctx: RequestContext, projectId: string, body: SupervisionCreateBody): Promise<SupervisionView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const a = await this.access.of(repos, ctx, projectId);
      this.access.authorize(ctx, a, 'supervise');
      if (body.reportId) {
        const report = await repos.reports.get(body.reportId);
        if (!report || report.projectId !== projectId) throw new AppError('VALIDATION_FAILED', { reportId: 'invalid' });
      }
      if (body.answerBy < shanghaiDate()) throw new AppError('VALIDATION_FAILED', { answerBy: 'invalid' });
      await repos.supervision.insert({
        id,
        projectId,
        reportId: body.reportId,
        content: body.content,
        answerBy: body.answerBy,
        issuedBy: ctx.actor.userId,
        issuedAt: nowIso(),
        answer: null,
        answeredBy: null,
        answeredAt: null,
        closeComment: null,
        status: 'open',
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'supervision',
        entityId: id,
        entityLabel: `督办：${a.row.title}`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'content', before: null, after: body.content },
          { field: 'answerBy', before: null, after: body.answerBy },
        ],
      });
      if (a.row.secretaryUserId) {
        await NotificationsService.send(repos, [a.row.secretaryUserId], {
          kind: 'supervision_issued',
          title: `督办通知：${a.row.title}`,
          body: `请于 ${body.answerBy} 前答复。${body.content}`,
          link: `/projects/${projectId}?tab=reports`,
          dedupeKey: `supervision_issued:${id}`,
        });
      }
    });
    return this.one(ctx, id);
  }

  private async notice(repos: SupervisionRepos, ctx: RequestContext, id: string) {
    const r = await repos.supervision.get(id);
    if (!r) throw notFound();
    return { r, a: await this.access.of(repos, ctx, r.projectId) };
  }

  async answer(ctx: RequestContext, id: string, body: SupervisionAnswerBody): Promise<SupervisionView> {
    await this.store.tx(async (repos) => {
      const { r, a } = await this.notice(repos, ctx, id);
      noticePolicy.authorize(ctx.actor, 'answer', this.facts(a, r));
      if (r.version !== body.version) throw conflict();
      await repos.supervision.advance(id, body.version, ['open'], {
        status: 'answered',
        answer: body.answer,
        answeredBy: ctx.actor.userId,
        answeredAt: nowIso(),
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'supervision',
        entityId: id,
        entityLabel: `督办：${a.row.title}`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'status', before: 'open', after: 'answered' },
          { field: 'answer', before: null, after: body.answer },
        ],
      });
      if (r.issuedBy) {
        await NotificationsService.send(repos, [r.issuedBy], {
          kind: 'supervision_answered',
          title: `督办已答复：${a.row.title}`,
          body: body.answer,
          link: `/projects/${r.projectId}?tab=reports`,
          dedupeKey: `supervision_answered:${id}`,
        });
      }
    });
    return this.one(ctx, id);
  }

  async close(ctx: RequestContext, id: string, body: SupervisionCloseBody): Promise<SupervisionView> {
    await this.store.tx(async (repos) => {
      const { r, a } = await this.notice(repos, ctx, id);
      noticePolicy.authorize(ctx.actor, 'close', this.facts(a, r));
      if (r.version !== body.version) throw conflict();
      await repos.supervision.advance(id, body.version, ['open', 'answered'], {
        status: 'closed',
        closeComment: body.comment,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'supervision',
        entityId: id,
        entityLabel: `督办：${a.row.title}`,
        scopeOrgId: a.row.orgId,
        changes: [
          { field: 'status', before: r.status, after: 'closed' },
          ...(body.comment ? [{ field: 'closeComment', before: null, after: body.comment }] : []),
        ],
      });
    });
    return this.one(ctx, id);
  }
}
