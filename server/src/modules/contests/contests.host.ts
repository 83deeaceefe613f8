import type { ContestStatus, ContestView } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { nowIso } from '../../core/time';
import { ContestPart, loadFor, type ContestsRepos, type DailyWorkSnapshot, type Loaded } from './contests.context';
import type { ContestAction } from './contests.policy';

/**
 * The host console, an explicit state machine:
 * draft ⇄ ready → running (presentations: waiting → presenting → closed, reopened with a reason)
 * → finished (⇄ running on a reopen) → published.
 */
export class ContestHost extends ContestPart {
  /**
   * One host action: `contestPolicy` must allow it (403 for a caller who is not staff of the campaign,
   * 409 INVALID_TRANSITION outside the statuses of the action) and the contest be at the given version
   * (409 VERSION_CONFLICT); `from` guards the update itself; `act` runs in the same transaction after the contest row is
   * changed (and so held), and returns the audit changes.
   */
  private async act(
    ctx: RequestContext,
    id: string,
    action: ContestAction,
    version: number,
    from: readonly ContestStatus[],
    patch: (l: Loaded, repos: ContestsRepos) => Promise<Parameters<ContestsRepos['contests']['change']>[3]>,
    after: (l: Loaded, repos: ContestsRepos) => Promise<{ field: string; before: unknown; after: unknown }[]>,
  ): Promise<ContestView> {
    await this.store.tx(async (repos) => {
      const l = await loadFor(repos, ctx, id, action);
      if (l.k.version !== version) throw conflict();
      const p = await patch(l, repos);
      await repos.contests.change(id, version, from, p);
      const changes = await after(l, repos);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'contest',
        entityId: id,
        entityLabel: l.k.name,
        scopeOrgId: l.k.campaignOrgId,
        changes: changes.map((c) => ({
          field: c.field,
          before: (c.before ?? null) as string | null,
          after: (c.after ?? null) as string | null,
        })),
      });
    });
    this.events.changed(id);
    return this.get(ctx, id);
  }

  /** draft → ready: the order is drawn, there are projects and judges; set-up is fixed from now on. */
  ready(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      'ready',
      version,
      ['draft'],
      async ({ k }, repos) => {
        const judges = await repos.contests.judges(id);
        const projects = await repos.contests.projects(id);
        if (!k.drawSeed || judges.length === 0 || projects.length === 0) throw new AppError('INVALID_TRANSITION');
        return { status: 'ready' };
      },
      async () => [{ field: 'status', before: 'draft', after: 'ready' }],
    );
  }

  /**
   * ready → draft (退回草稿), with a reason: the set-up (projects, judges, rubric, the draw) is
   * editable again exactly as before `ready`; the draw is kept until the projects change.
   */
  toDraft(ctx: RequestContext, id: string, version: number, reason: string) {
    return this.act(
      ctx,
      id,
      'toDraft',
      version,
      ['ready'],
      async () => ({ status: 'draft' }),
      async () => [
        { field: 'status', before: 'ready', after: 'draft' },
        { field: 'revertReason', before: null, after: reason },
      ],
    );
  }

  /** ready → running. */
  start(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      'start',
      version,
      ['ready'],
      async () => ({ status: 'running', startedAt: nowIso() }),
      async () => [{ field: 'status', before: 'ready', after: 'running' }],
    );
  }

  /**
   * The next presenter in drawn order starts (start time and countdown end recorded); the current
   * one's scoring must be closed first. With nobody left, the contest finishes (running → finished).
   */
  next(ctx: RequestContext, id: string, version: number) {
    let nextId: string | null = null;
    let startedAt = '';
    return this.act(
      ctx,
      id,
      'next',
      version,
      ['running'],
      async (_l, repos) => {
        const projects = await repos.contests.projects(id);
        if (projects.some((p) => p.phase === 'presenting')) throw new AppError('INVALID_TRANSITION');
        const next = projects.find((p) => p.phase === 'waiting');
        if (!next) return { status: 'finished', finishedAt: nowIso(), currentProjectId: null };
        nextId = next.projectId;
        startedAt = nowIso();
        return { currentProjectId: next.projectId };
      },
      async ({ k }, repos) => {
        if (!nextId) return [{ field: 'status', before: 'running', after: 'finished' }];
        const endsAt = new Date(Date.parse(startedAt) + k.minutesPerTalk * 60_000).toISOString();
        if (!(await repos.contests.setPhase(id, nextId, 'waiting', 'presenting', { startedAt, endsAt }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        const title = (await repos.contests.projects(id)).find((p) => p.projectId === nextId)?.title;
        return [{ field: 'presenting', before: null, after: title }];
      },
    );
  }

  /** Closes scoring for the project on stage (presenting → closed). */
  close(ctx: RequestContext, id: string, projectId: string, version: number) {
    return this.act(
      ctx,
      id,
      'close',
      version,
      ['running'],
      async () => ({}),
      async (_l, repos) => {
        const p = (await repos.contests.projects(id)).find((x) => x.projectId === projectId);
        if (!p) throw notFound();
        if (!(await repos.contests.setPhase(id, projectId, 'presenting', 'closed', { closedAt: nowIso() }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        return [{ field: `phase.${p.title}`, before: 'presenting', after: 'closed' }];
      },
    );
  }

  /**
   * Reopens scoring for a closed project, with a reason (judges who have not submitted may then
   * submit; submitted sheets stay locked). A finished contest goes back to running.
   */
  reopen(ctx: RequestContext, id: string, projectId: string, version: number, reason: string) {
    return this.act(
      ctx,
      id,
      'reopen',
      version,
      ['running', 'finished'],
      async ({ k }) => (k.status === 'finished' ? { status: 'running', finishedAt: null } : {}),
      async ({ k }, repos) => {
        const p = (await repos.contests.projects(id)).find((x) => x.projectId === projectId);
        if (!p) throw notFound();
        if (!(await repos.contests.setPhase(id, projectId, 'closed', 'presenting', { closedAt: null }))) {
          throw new AppError('INVALID_TRANSITION');
        }
        return [
          { field: `phase.${p.title}`, before: 'closed', after: 'presenting' },
          { field: 'reopenReason', before: null, after: reason },
          ...(k.status === 'finished' ? [{ field: 'status', before: 'finished', after: 'running' }] : []),
        ];
      },
    );
  }

  /**
   * finished → published: results become visible to the judges. The daily-work ratings the results
   * use are frozen now, so a report rated or re-rated later does not move a published score.
   */
  publish(ctx: RequestContext, id: string, version: number) {
    return this.act(
      ctx,
      id,
      'publish',
      version,
      ['finished'],
      async ({ k }, repos) => {
        const at = nowIso();
        const projectIds = (await repos.contests.projects(id)).map((p) => p.projectId);
        const ratings = await repos.contests.ratings(projectIds, k.campaignYear, at);
        const snapshot: DailyWorkSnapshot = { asOf: at, ratings: Object.fromEntries(ratings) };
        return { status: 'published', publishedAt: at, dailyWorkRatings: JSON.stringify(snapshot) };
      },
      async () => [{ field: 'status', before: 'finished', after: 'published' }],
    );
  }
}
