import type { Config } from '../../config';
import type { Store } from '../../store';
import { AttachmentsService } from '../attachments/attachments.service';
import type { ProjectsService } from '../projects/projects.service';
import type { FigureRegistry } from '../indicators/indicators.registry';
import { BoundIndicators } from './bound-indicators';
import { ExecutionAccess } from './execution.access';
import { ProgressService } from './progress.service';
import { ReportsService } from './reports.service';
import { SupervisionService } from './supervision.service';

/** The services of execution and attachments (spread into `makeServices`), each over its view of the store. */
export function executionServices(
  store: Store,
  projects: ProjectsService,
  dataDir: string,
  uploads: Config['uploads'],
  figures: FigureRegistry,
) {
  const access = new ExecutionAccess(projects);
  const bound = new BoundIndicators(figures);
  const attachments = new AttachmentsService(
    store.view('attachments', 'audit', 'projects'),
    projects,
    dataDir,
    uploads,
  );
  return {
    attachments,
    progress: new ProgressService(
      store.view('attachments', 'audit', 'campaigns', 'partyOrgs', 'progress', 'projects'),
      access,
      attachments,
      bound,
    ),
    quarterlyReports: new ReportsService(
      store.view('attachments', 'audit', 'campaigns', 'notifications', 'partyOrgs', 'progress', 'projects', 'reports'),
      access,
      attachments,
      bound,
    ),
    supervision: new SupervisionService(
      store.view('audit', 'notifications', 'partyOrgs', 'projects', 'reports', 'supervision'),
      access,
    ),
  };
}
