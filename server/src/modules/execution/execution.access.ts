import type { WorkflowActor } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { orgsOfRoles } from '../../core/actor';
import { AppError } from '../../core/errors';
import type { Repos } from '../../store';
import type { ProjectRow } from '../projects/projects.repository';
import type { ProjectsService } from '../projects/projects.service';

/** Who the caller is for one project, as far as execution goes. */
export interface ProjectAccess {
  row: ProjectRow;
  /** The project's secretary ('secretary') and/or 社工部 staff over it ('staff'). */
  as: WorkflowActor[];
  /** A member of the project's team: bound as secretary or member to its organisation or above. */
  team: boolean;
}

/**
 * Execution rules about people: reading needs the project to be visible (404 otherwise, via
 * `projects.row`); posting progress needs the team; filing and answering need the secretary;
 * rating and supervising need staff over the project.
 */
export class ExecutionAccess {
  constructor(private readonly projects: ProjectsService) {}

  async of(repos: Repos, ctx: RequestContext, projectId: string): Promise<ProjectAccess> {
    const row = await this.projects.row(repos, ctx, projectId);
    const as = await this.projects.actorsOn(repos, ctx, row);
    const teamOrgs = orgsOfRoles(ctx.actor, ['secretary', 'member']);
    const team =
      ctx.actor.permissions.has('project.progress') &&
      teamOrgs.length > 0 &&
      (await repos.partyOrgs.inScope({ all: false, orgIds: teamOrgs }, row.orgId));
    return { row, as, team };
  }

  canProgress = (a: ProjectAccess) => a.team && a.row.status === 'approved';
  isSecretary = (ctx: RequestContext, a: ProjectAccess) =>
    a.as.includes('secretary') && ctx.actor.permissions.has('project.declare');
  isStaff = (ctx: RequestContext, a: ProjectAccess) =>
    a.as.includes('staff') && ctx.actor.permissions.has('project.manage');

  /** Only an approved project (立项, not yet closed) takes progress, reports and notices. */
  requireApproved(a: ProjectAccess) {
    if (a.row.status !== 'approved') throw new AppError('INVALID_TRANSITION');
  }
  requireTeam(a: ProjectAccess) {
    if (!a.team) throw new AppError('FORBIDDEN');
  }
  requireSecretary(ctx: RequestContext, a: ProjectAccess) {
    if (!this.isSecretary(ctx, a)) throw new AppError('FORBIDDEN');
  }
  requireStaff(ctx: RequestContext, a: ProjectAccess) {
    if (!this.isStaff(ctx, a)) throw new AppError('FORBIDDEN');
  }
}
