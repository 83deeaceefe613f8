import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config';
import { FieldCipher } from './core/crypto';
import type { DB } from './db/types';
import { AuditService } from './modules/audit/audit.service';
import { fileBackend } from './modules/attachments/attachments.backend';
import { AuthService } from './modules/auth/auth.service';
import { SessionCache } from './modules/auth/session-cache';
import { CampaignsService } from './modules/campaigns/campaigns.service';
import { ChallengesService } from './modules/challenges/challenges.service';
import { HostOrgsService } from './modules/host-orgs/host-orgs.service';
import { HostOrgImportsService } from './modules/host-orgs/host-orgs.import';
import { QueueImportRunner } from './modules/host-orgs/host-orgs.import-runner';
import { InstructorsService } from './modules/instructors/instructors.service';
import { VisitsService } from './modules/visits/visits.service';
import { NotificationsService } from './modules/notifications/notifications.service';
import { ProjectDecisions, ProjectsService } from './modules/projects/projects.service';
import { PartyOrgsService } from './modules/party-orgs/party-orgs.service';
import { RegionsService } from './modules/regions/regions.service';
import { UsersService } from './modules/users/users.service';
import { executionServices } from './modules/execution/execution.module';
import { ReviewsService } from './modules/reviews/reviews.service';
import { ContestEvents } from './modules/contests/contests.events';
import { ContestsService } from './modules/contests/contests.service';
import { AssessmentsService } from './modules/assessments/assessments.service';
import { HomeService } from './modules/home/home.service';
import { DemandsService } from './modules/demands/demands.service';
import { demandFigures } from './modules/demands/demands.figures';
import { FigureRegistry } from './modules/indicators/indicators.registry';
import { visitFigures } from './modules/visits/visits.figures';
import { stationFigures } from './modules/stations/stations.figures';
import { StationCodes } from './modules/stations/stations.code';
import { StationsService } from './modules/stations/stations.service';
import { PassesService } from './modules/passes/passes.service';
import { passFigures } from './modules/passes/passes.figures';
import { workerFigures } from './modules/workers/workers.figures';
import { WorkersService } from './modules/workers/workers.service';
import { gigFigures } from './modules/gigs/gigs.figures';
import { GigFairCodes } from './modules/gigs/gigs.code';
import { GigFairsService } from './modules/gigs/gigs.fairs';
import { DEFAULT_GIG_PUSH_TOP, GigPushService, QueueGigPublisher } from './modules/gigs/gigs.push';
import { GigsService } from './modules/gigs/gigs.service';
import { smsProviderFrom } from './modules/gigs/gigs.sms';
import { DisputesService } from './modules/disputes/disputes.service';
import { DisputeCentresService } from './modules/disputes/disputes.centres';
import { disputeFigures } from './modules/disputes/disputes.figures';
import { DashboardsService } from './modules/dashboards/dashboards.service';
import { Store } from './store';
import type { Database } from './db/database';
import { EmbeddedJobQueue, type JobQueue } from './jobs';
import { JobsService } from './modules/jobs/jobs.service';

/**
 * The composition root: one instance of each service over one store. Each service is given a view of
 * the store holding exactly the repositories it declares (its constructor's `Store<…>` type): another
 * module's repository it did not list is neither in its type nor in the object.
 */
export function makeServices(
  database: Database,
  config: Pick<Config, 'secretKey' | 'sessionTtlMs' | 'dataDir' | 'uploads'> &
    Partial<Pick<Config, 'previousSecretKeys' | 'sms' | 'gigs'>>,
  /** The durable job queue (buildApp makes the one for the configured database). */
  jobs: JobQueue = new EmbeddedJobQueue(database.db),
) {
  const store = new Store(database.db, database.dialect);
  const cipher = new FieldCipher(config.secretKey, config.previousSecretKeys);
  // Service figures an indicator can be bound to, each registered by the module owning its records.
  const figures = new FigureRegistry([
    ...visitFigures(store.view('visits')),
    ...demandFigures(store.view('demands')),
    ...workerFigures(store.view('workers')),
  ]);
  figures.register(...stationFigures(store.view('stations')));
  figures.register(...passFigures(store.view('passes')));
  figures.register(...gigFigures(store.view('gigs')));
  figures.register(...disputeFigures(store.view('disputeCentres', 'disputes')));
  const projects = new ProjectsService(
    store.view('attachments', 'audit', 'campaigns', 'challenges', 'partyOrgs', 'projects'),
    figures,
  );
  const projectDecisions = new ProjectDecisions(
    store.view(
      'audit',
      'campaigns',
      'challenges',
      'demands',
      'notifications',
      'partyOrgs',
      'progress',
      'projects',
      'reports',
    ),
    projects,
  );
  const sessionCache = new SessionCache();
  const auth = new AuthService(
    store.view('audit', 'loginThrottle', 'sessions', 'users'),
    cipher,
    config.sessionTtlMs,
    sessionCache,
  );
  const demands = new DemandsService(store.view('audit', 'demands', 'notifications'));
  const execution = executionServices(store, projects, config.dataDir, config.uploads, figures);
  const hostOrgs = new HostOrgsService(
    store.view('audit', 'demands', 'hostOrgs', 'instructors', 'partyOrgs', 'regions', 'users'),
  );
  const contests = new ContestsService(store.view('audit', 'campaigns', 'contests', 'partyOrgs'), new ContestEvents());
  const assessments = new AssessmentsService(store.view('assessments', 'audit', 'partyOrgs'), contests);
  return {
    db: database.db as Kysely<DB>,
    store,
    cipher,
    // Audit archives (the audit-retention job) are kept where uploads are: the data directory or the bucket.
    audit: new AuditService(store.view('audit'), {
      files: fileBackend(config.dataDir, config.uploads.objectStore, 'audit-archive'),
      tmpDir: path.join(config.dataDir, 'audit-archive', 'tmp'),
    }),
    auth,
    campaigns: new CampaignsService(store.view('audit', 'campaigns', 'partyOrgs')),
    challenges: new ChallengesService(
      store.view('attachments', 'audit', 'campaigns', 'challenges', 'demands', 'partyOrgs', 'projects', 'regions'),
      projects,
      demands,
    ),
    hostOrgs,
    // The ledger import's dry run and commit are jobs on the durable queue.
    hostOrgImports: new HostOrgImportsService(
      store.view('audit', 'demands', 'hostOrgImports', 'hostOrgs'),
      config.dataDir,
      new QueueImportRunner(jobs),
      config.uploads.objectStore ?? null,
    ),
    instructors: new InstructorsService(store.view('audit', 'instructors', 'partyOrgs'), cipher),
    notifications: new NotificationsService(store.view('notifications')),
    projects,
    projectDecisions,
    reviews: new ReviewsService(
      store.view('audit', 'campaigns', 'notifications', 'partyOrgs', 'progress', 'projects', 'reports', 'reviews'),
      projects,
      projectDecisions,
    ),
    partyOrgs: new PartyOrgsService(store.view('audit', 'hostOrgs', 'partyOrgs', 'regions', 'users'), cipher),
    regions: new RegionsService(store.view('audit', 'regions')),
    users: new UsersService(
      store.view('audit', 'hostOrgs', 'loginThrottle', 'partyOrgs', 'sessions', 'users'),
      cipher,
      sessionCache,
    ),
    figures,
    ...execution,
    contests,
    assessments,
    home: new HomeService(
      store.view(
        'campaigns',
        'demands',
        'home',
        'notifications',
        'projects',
        'visits',
        'disputes',
        'disputeCentres',
        'gigs',
      ),
    ),
    jobs,
    jobsAdmin: new JobsService(store.view('audit'), jobs),
    demands,
    visits: new VisitsService(
      store.view('attachments', 'audit', 'demands', 'notifications', 'visits'),
      demands,
      execution.attachments,
    ),
    stations: new StationsService(store.view('audit', 'stations'), new StationCodes(config.secretKey)),
    passes: new PassesService(store.view('audit', 'passes'), cipher),
    workers: new WorkersService(store.view('attachments', 'audit', 'passes', 'workers'), cipher, execution.attachments),
    // 零工快招 (issue 13): pushes and SMS run as jobs on the durable queue (background.ts).
    gigs: new GigsService(store.view('audit', 'gigs', 'notifications'), cipher, new QueueGigPublisher(jobs)),
    gigPushes: new GigPushService(
      store.view('audit', 'gigs', 'notifications'),
      cipher,
      smsProviderFrom(config.sms),
      config.gigs?.pushTop ?? DEFAULT_GIG_PUSH_TOP,
    ),
    gigFairs: new GigFairsService(store.view('audit', 'gigs', 'partyOrgs'), new GigFairCodes(config.secretKey)),
    disputes: new DisputesService(
      store.view('attachments', 'audit', 'demands', 'disputeCentres', 'disputes', 'notifications'),
      cipher,
      execution.attachments,
    ),
    disputeCentres: new DisputeCentresService(store.view('audit', 'disputeCentres', 'disputes'), cipher),
    // 监管驾驶舱 (issue 15): every figure through its owner's list count, figure or report.
    dashboards: new DashboardsService(store.view('dashboards', 'projects'), figures, hostOrgs, assessments),
  };
}
export type Services = ReturnType<typeof makeServices>;
