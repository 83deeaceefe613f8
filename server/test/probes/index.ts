import { assessmentsProbes } from './assessments';
import { campaignsProbes } from './campaigns';
import { challengesProbes } from './challenges';
import { contestsProbes } from './contests';
import { demandsProbes } from './demands';
import { executionProbes } from './execution';
import { foundationProbes } from './foundation';
import { homeProbes } from './home';
import { indicatorsProbes } from './indicators';
import { jobsProbes } from './jobs';
import { ledgerProbes } from './ledger';
import { ledgerImportProbes } from './ledger-import';
import { notificationsProbes } from './notifications';
import { projectsProbes } from './projects';
import { reviewsProbes } from './reviews';
import type { ProbeModule } from './types';
import { visitsProbes } from './visits';
import { stationsProbes } from './stations';
import { workersProbes } from './workers';
import { passesProbes } from './passes';
import { gigsProbes } from './gigs';
import { disputesProbes } from './disputes';
import { dashboardsProbes } from './dashboards';

/** Every module's probes; a new module adds its file here. */
export const PROBE_MODULES: ProbeModule[] = [
  foundationProbes,
  projectsProbes,
  notificationsProbes,
  reviewsProbes,
  executionProbes,
  campaignsProbes,
  challengesProbes,
  contestsProbes,
  assessmentsProbes,
  homeProbes,
  visitsProbes,
  jobsProbes,
  ledgerProbes,
  demandsProbes,
  ledgerImportProbes,
  indicatorsProbes,
  stationsProbes,
  workersProbes,
  passesProbes,
  gigsProbes,
  disputesProbes,
  dashboardsProbes,
];
