import type { RouteMap } from '../contract';
import { assessmentsApi } from './assessments';
import { attachmentsApi } from './attachments';
import { auditApi } from './audit';
import { authApi } from './auth';
import { campaignsApi } from './campaigns';
import { challengesApi } from './challenges';
import { contestsApi } from './contests';
import { demandsApi } from './demands';
import { executionApi } from './execution';
import { healthApi } from './health';
import { homeApi } from './home';
import { indicatorsApi } from './indicators';
import { hostOrgsApi } from './host-orgs';
import { instructorsApi } from './instructors';
import { jobsApi } from './jobs';
import { notificationsApi } from './notifications';
import { partyOrgsApi } from './party-orgs';
import { projectsApi } from './projects';
import { regionsApi } from './regions';
import { reviewsApi } from './reviews';
import { usersApi } from './users';
import { visitsApi } from './visits';
import { stationsApi } from './stations';
import { passesApi } from './passes';
import { workersApi } from './workers';
import { gigsApi } from './gigs';
import { disputesApi } from './disputes';
import { dashboardsApi } from './dashboards';

export {
  assessmentsApi,
  attachmentsApi,
  auditApi,
  authApi,
  campaignsApi,
  challengesApi,
  contestsApi,
  demandsApi,
  executionApi,
  healthApi,
  homeApi,
  hostOrgsApi,
  indicatorsApi,
  instructorsApi,
  jobsApi,
  notificationsApi,
  partyOrgsApi,
  projectsApi,
  regionsApi,
  reviewsApi,
  usersApi,
  visitsApi,
  stationsApi,
  passesApi,
  workersApi,
  gigsApi,
  disputesApi,
  dashboardsApi,
};

/** Every route of the API, by module. */
export const API = {
  assessments: assessmentsApi,
  attachments: attachmentsApi,
  audit: auditApi,
  auth: authApi,
  campaigns: campaignsApi,
  challenges: challengesApi,
  contests: contestsApi,
  demands: demandsApi,
  execution: executionApi,
  health: healthApi,
  home: homeApi,
  hostOrgs: hostOrgsApi,
  indicators: indicatorsApi,
  instructors: instructorsApi,
  jobs: jobsApi,
  notifications: notificationsApi,
  partyOrgs: partyOrgsApi,
  projects: projectsApi,
  regions: regionsApi,
  reviews: reviewsApi,
  users: usersApi,
  visits: visitsApi,
  stations: stationsApi,
  passes: passesApi,
  workers: workersApi,
  gigs: gigsApi,
  disputes: disputesApi,
  dashboards: dashboardsApi,
};

/** Every route keyed `METHOD /path` (path below /api): what the web client is typed by. */
export type ApiRoutes = RouteMap<typeof API>;
