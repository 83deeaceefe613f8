import type { RequestContext } from '../../core/actor';
import type { ReposOf } from '../../store';
import { projectPolicy, type ProjectAction, type ProjectFacts } from '../projects/projects.policy';
import type { ProjectRow, ProjectsService } from '../projects/projects.service';

/** Who the caller is for one project, as far as execution goes. */
export interface ProjectAccess {
  row: ProjectRow;
  /** The projects policy's facts: status, the workflow actors the caller is for it, and the team. */
  facts: ProjectFacts;
}

/**
 * Execution rules about people, from the projects policy: reading needs the project to be visible
 * (404 otherwise, via `projects.row`); posting progress needs the team; filing and answering need
 * the secretary; rating and supervising need staff over the project — on an approved project only.
 */
export class ExecutionAccess {
  constructor(private readonly projects: ProjectsService) {}

  async of(repos: ReposOf<'partyOrgs' | 'projects'>, ctx: RequestContext, projectId: string): Promise<ProjectAccess> {
    const row = await this.projects.row(repos, ctx, projectId);
    return { row, facts: await this.projects.factsOn(repos, ctx, row) };
  }

  /** 403 unless the caller may (team, secretary, staff); 409 INVALID_TRANSITION unless the project is approved. */
  authorize(ctx: RequestContext, a: ProjectAccess, action: ProjectAction) {
    projectPolicy.authorize(ctx.actor, action, a.facts);
  }
}
