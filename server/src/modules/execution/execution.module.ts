import type { Config } from '../../config';
import type { Store } from '../../store';
import { AttachmentsService } from '../attachments/attachments.service';
import type { ProjectsService } from '../projects/projects.service';
import { ExecutionAccess } from './execution.access';
import { ProgressService } from './progress.service';
import { ReportsService } from './reports.service';
import { SupervisionService } from './supervision.service';

/** The services of execution and attachments (spread into `makeServices`). */
export function executionServices(
  store: Store,
  projects: ProjectsService,
  dataDir: string,
  uploads: Config['uploads'],
) {
  const access = new ExecutionAccess(projects);
  const attachments = new AttachmentsService(store, projects, dataDir, uploads);
  return {
    attachments,
    progress: new ProgressService(store, access, attachments),
    quarterlyReports: new ReportsService(store, access, attachments),
    supervision: new SupervisionService(store, access),
  };
}
