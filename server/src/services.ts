import type { Kysely } from 'kysely';
import type { Config } from './config';
import { FieldCipher } from './core/crypto';
import type { DB } from './db/types';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { SessionCache } from './modules/auth/session-cache';
import { CampaignsService } from './modules/campaigns/campaigns.service';
import { ChallengesService } from './modules/challenges/challenges.service';
import { HostOrgsService } from './modules/host-orgs/host-orgs.service';
import { InstructorsService } from './modules/instructors/instructors.service';
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
import { Store } from './store';
import type { Database } from './db/database';

/** The composition root: one instance of each service over one store. */
export function makeServices(
  database: Database,
  config: Pick<Config, 'secretKey' | 'sessionTtlMs' | 'dataDir' | 'uploads'>,
) {
  const store = new Store(database.db, database.dialect);
  const cipher = new FieldCipher(config.secretKey);
  const projects = new ProjectsService(store);
  const projectDecisions = new ProjectDecisions(store, projects);
  const sessionCache = new SessionCache();
  const auth = new AuthService(store, cipher, config.sessionTtlMs, sessionCache);
  const contests = new ContestsService(store, new ContestEvents());
  return {
    db: database.db as Kysely<DB>,
    store,
    cipher,
    audit: new AuditService(store),
    auth,
    campaigns: new CampaignsService(store),
    challenges: new ChallengesService(store, projects),
    hostOrgs: new HostOrgsService(store),
    instructors: new InstructorsService(store, cipher),
    notifications: new NotificationsService(store),
    projects,
    projectDecisions,
    reviews: new ReviewsService(store, projects, projectDecisions),
    partyOrgs: new PartyOrgsService(store, cipher),
    regions: new RegionsService(store),
    users: new UsersService(store, cipher, sessionCache),
    ...executionServices(store, projects, config.dataDir, config.uploads),
    contests,
    assessments: new AssessmentsService(store, contests),
    home: new HomeService(store),
  };
}
export type Services = ReturnType<typeof makeServices>;
