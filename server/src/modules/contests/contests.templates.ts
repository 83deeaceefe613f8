import {
  rubricSchema,
  type RubricTemplateBody,
  type RubricTemplateUpdateBody,
  type RubricTemplateView,
} from '@touyan/schemas';
import type { Actor, RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { SubtreeScope } from '../../core/scope';
import type { ContestsRepos, ContestsStore } from './contests.context';
import { contestManageScope, rubricTemplatePolicy, type RubricTemplateFacts } from './contests.policy';

/** Rubric templates (评分细则模板): owned by a 社工部 node, edited by its staff, reused below it. */
export class RubricTemplates {
  constructor(private readonly store: ContestsStore) {}

  private templateView(
    t: { id: string; orgId: string; orgName: string; name: string; rubric: string; version: number; updatedAt: string },
    facts: RubricTemplateFacts,
    actor: Actor,
  ): RubricTemplateView {
    return {
      id: t.id,
      orgId: t.orgId,
      orgName: t.orgName,
      name: t.name,
      rubric: rubricSchema.parse(JSON.parse(t.rubric)),
      version: t.version,
      updatedAt: t.updatedAt,
      abilities: rubricTemplatePolicy.abilities(actor, facts),
    };
  }

  /**
   * The template for `action`: 404 unless the caller reads it (a template of their nodes, below or
   * above them), 403 when they read it but may not change it (a node above theirs).
   */
  private async templateFor(repos: ContestsRepos, ctx: RequestContext, id: string, action: 'update' | 'delete') {
    const scope = contestManageScope(ctx.actor);
    const t = await repos.contests.readableTemplate(scope, id);
    if (!t) throw notFound();
    rubricTemplatePolicy.authorize(ctx.actor, action, await this.facts(repos, scope, t.orgId));
    return t;
  }

  private async facts(repos: ContestsRepos, scope: SubtreeScope, orgId: string): Promise<RubricTemplateFacts> {
    return { inManageScope: scope.all || (scope.orgIds.length > 0 && (await repos.partyOrgs.inScope(scope, orgId))) };
  }

  /** Templates of the caller's 社工部 nodes and their subtrees, and of the nodes above (reusable). */
  async templates(ctx: RequestContext): Promise<{ items: RubricTemplateView[] }> {
    const repos = this.store.repos;
    const scope = contestManageScope(ctx.actor);
    const rows = await repos.contests.templates(scope);
    const items: RubricTemplateView[] = [];
    for (const t of rows) {
      items.push(this.templateView(t, await this.facts(repos, scope, t.orgId), ctx.actor));
    }
    return { items };
  }

  async createTemplate(ctx: RequestContext, body: RubricTemplateBody): Promise<RubricTemplateView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const scope = contestManageScope(ctx.actor);
      const org = await repos.partyOrgs.get(scope, body.orgId);
      if (!org || org.type !== 'sw_dept') throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
      const rubric = JSON.stringify(body.rubric);
      await repos.contests.insertTemplate({
        id,
        orgId: body.orgId,
        name: body.name,
        rubric,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.orgId,
        changes: diffFields(null, { name: body.name, rubric }, ['name', 'rubric']),
      });
    });
    const t = await this.store.repos.contests.template(id);
    return this.templateView(t!, { inManageScope: true }, ctx.actor);
  }

  async updateTemplate(ctx: RequestContext, id: string, body: RubricTemplateUpdateBody): Promise<RubricTemplateView> {
    await this.store.tx(async (repos) => {
      const t = await this.templateFor(repos, ctx, id, 'update');
      const row = { name: body.name, rubric: JSON.stringify(body.rubric) };
      await repos.contests.updateTemplate(id, body.version, row);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: t.orgId,
        changes: diffFields(t, row, ['name', 'rubric']),
      });
    });
    const t = await this.store.repos.contests.template(id);
    return this.templateView(t!, { inManageScope: true }, ctx.actor);
  }

  async deleteTemplate(ctx: RequestContext, id: string): Promise<void> {
    await this.store.tx(async (repos) => {
      const t = await this.templateFor(repos, ctx, id, 'delete');
      await repos.contests.deleteTemplate(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'rubric_template',
        entityId: id,
        entityLabel: t.name,
        scopeOrgId: t.orgId,
        changes: diffFields({ name: t.name, rubric: t.rubric }, null, ['name', 'rubric']),
      });
    });
  }
}
