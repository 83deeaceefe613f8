import type { RequestContext } from '../../core/actor';
import { AppError } from '../../core/errors';
import { ReferenceChecker, type RefResolver, type RefResolvers } from '../../core/references';
import { subtreeScope } from '../../core/scope';
import type { Services } from '../../services';
import { hostOrgReadScope } from '../host-orgs/host-orgs.policy';
import { projectReadScope } from '../projects/projects.policy';
import { orgsOfRoles } from '../../core/actor';
import type { SubtreeScope } from '../../core/scope';

/** The Party organisations' read scope, widened by the subtrees of the caller's worker and station bindings. */
function workerPartyOrgScope(scope: SubtreeScope, ctx: RequestContext): SubtreeScope {
  if (scope.all) return scope;
  const extra = orgsOfRoles(ctx.actor, ['worker', 'station_manager']);
  return extra.length ? { all: false, orgIds: [...new Set([...scope.orgIds, ...extra])] } : scope;
}

/** A resolver from a module's own read (get) for the caller: visible unless it answers NOT_FOUND. */
const viaGet =
  (get: (ctx: RequestContext, id: string) => Promise<unknown>): RefResolver =>
  async (ctx, ids) => {
    const visible = new Set<string>();
    for (const id of ids) {
      try {
        if (await get(ctx, id)) visible.add(id);
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
      }
    }
    return visible;
  };

/**
 * The read scope of every kind of record a request body may point at (REF_KINDS), for the caller.
 * Each uses the owning module's own read rule, so a reference reaches exactly what the caller could
 * open; rules that decide more (e.g. a managing organisation must be in the write scope) stay in
 * the services, after this.
 */
export function referenceResolvers(s: Services): RefResolvers {
  const store = s.store.view('hostOrgs', 'partyOrgs', 'projects', 'references');
  const repos = () => store.repos;
  const projectIds = async (ctx: RequestContext, ids: Iterable<string>) => {
    const scope = projectReadScope(ctx.actor);
    const visible = new Set<string>();
    for (const id of new Set(ids)) if (await repos().projects.get(scope, id)) visible.add(id);
    return visible;
  };
  /** Children of a project (indicators, reports): visible with their project. */
  const viaProject =
    (parents: (ids: string[]) => Promise<Map<string, string>>): RefResolver =>
    async (ctx, ids) => {
      const parent = await parents(ids);
      const ok = await projectIds(ctx, parent.values());
      return new Set(ids.filter((id) => ok.has(parent.get(id) ?? '')));
    };
  return {
    // A worker (or station manager) names the Party organisation a member 亮身份 with: those under their own binding.
    // Live: a reference must name an organisation that exists (not deleted), even for the administrator.
    partyOrg: (ctx, ids) =>
      repos().partyOrgs.idsInScope(workerPartyOrgScope(s.partyOrgs.readScope(ctx), ctx), ids, { live: true }),
    hostOrg: async (ctx, ids) => {
      const scope = hostOrgReadScope(ctx.actor);
      const visible = new Set<string>();
      for (const id of ids) if (await repos().hostOrgs.get(scope, id)) visible.add(id);
      return visible;
    },
    instructor: (ctx, ids) => repos().references.instructorsIn(subtreeScope(ctx.actor), ids),
    // A user is visible to whoever reaches the node of any of their role bindings (as in the user list).
    user: (ctx, ids) => repos().references.usersBoundIn(subtreeScope(ctx.actor), ids),
    campaign: viaGet((ctx, id) => s.campaigns.get(ctx, id)),
    challenge: viaGet((ctx, id) => s.challenges.get(ctx, id)),
    project: (ctx, ids) => projectIds(ctx, ids),
    indicator: viaProject((ids) => repos().references.projectsOfIndicators(ids)),
    report: viaProject((ids) => repos().references.projectsOfReports(ids)),
    // An upload is the uploader's until linked; then it is visible with its project, or its visit.
    attachment: async (ctx, ids) => {
      const rows = await repos().references.attachmentOwners(ids);
      const linked = await projectIds(
        ctx,
        rows.flatMap((r) => (r.projectId ? [r.projectId] : [])),
      );
      const visits = await viaGet((c, id) => s.visits.get(c, id))(ctx, [
        ...new Set(rows.flatMap((r) => (r.visitId ? [r.visitId] : []))),
      ]);
      return new Set(
        rows
          .filter(
            (r) =>
              r.uploadedBy === ctx.actor.userId ||
              (r.projectId !== null && linked.has(r.projectId)) ||
              (r.visitId !== null && visits.has(r.visitId)),
          )
          .map((r) => r.id),
      );
    },
    contest: viaGet((ctx, id) => s.contests.get(ctx, id)),
    rubricTemplate: async (ctx, ids) => {
      const mine = new Set((await s.contests.templates(ctx)).items.map((t) => t.id));
      return new Set(ids.filter((id) => mine.has(id)));
    },
    notification: (ctx, ids) => repos().references.ownNotifications(ctx.actor.userId, ids),
    department: viaGet((ctx, id) => s.demands.department(ctx, id)),
    visit: viaGet((ctx, id) => s.visits.get(ctx, id)),
    demand: (ctx, ids) => s.demands.visibleIds(ctx, ids),
    // 小哥码 (issue 12).
    compound: (ctx, ids) => s.passes.compoundIdsIn(ctx, ids),
    compoundGate: (ctx, ids) => s.passes.gateIdsIn(ctx, ids),
    worker: (ctx, ids) => s.workers.visibleIds(ctx, ids),
    // 零工快招 (issue 13).
    gigFair: (ctx, ids) => s.gigFairs.visibleIds(ctx, ids),
    // 调裁诉援 (issue 14).
    disputeCentre: (ctx, ids) => s.disputeCentres.visibleIds(ctx, ids),
    disputeCase: (ctx, ids) => s.disputes.visibleIds(ctx, ids),
    disputeMediator: (ctx, ids) => s.disputeCentres.mediatorIdsIn(ctx, ids),
  };
}

export const referenceChecker = (s: Services) => new ReferenceChecker(referenceResolvers(s));
