import type { Config } from '../../config';
import type { Executor } from '../../db/closure';
import type { Store } from '../../store';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { AttachmentsService } from '../attachments/attachments.service';
import type { ProjectsService } from '../projects/projects.service';
import { ExecutionAccess } from './execution.access';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';

/** The repositories of execution and attachments (spread into `makeRepos`). */
export const executionRepos = (db: Executor) => ({
  attachments: new AttachmentsRepository(db),
  progress: new ProgressRepository(db),
  reports: new ReportsRepository(db),
  supervision: new SupervisionRepository(db),
});

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
