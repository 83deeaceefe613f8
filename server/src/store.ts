import type { Kysely } from 'kysely';
import type { Executor } from './db/closure';
import type { Dialect } from './db/portability';
import type { DB } from './db/types';
import { AuditRepository } from './modules/audit/audit.repository';
import { CampaignsRepository } from './modules/campaigns/campaigns.repository';
import { ChallengesRepository } from './modules/challenges/challenges.repository';
import { NotificationsRepository } from './modules/notifications/notifications.repository';
import { ProjectsRepository } from './modules/projects/projects.repository';
import { HostOrgsRepository } from './modules/host-orgs/host-orgs.repository';
import { HostOrgImportsRepository } from './modules/host-orgs/host-orgs.imports.repository';
import { InstructorsRepository } from './modules/instructors/instructors.repository';
import { PartyOrgsRepository } from './modules/party-orgs/party-orgs.repository';
import { RegionsRepository } from './modules/regions/regions.repository';
import { SessionsRepository } from './modules/auth/sessions.repository';
import { LoginThrottleRepository } from './modules/auth/login-throttle.repository';
import { UsersRepository } from './modules/users/users.repository';
import { AttachmentsRepository } from './modules/attachments/attachments.repository';
import { ProgressRepository } from './modules/execution/progress.repository';
import { ReportsRepository } from './modules/execution/reports.repository';
import { SupervisionRepository } from './modules/execution/supervision.repository';
import { ReviewsRepository } from './modules/reviews/reviews.repository';
import { ContestsRepository } from './modules/contests/contests.repository';
import { AssessmentsRepository } from './modules/assessments/assessments.repository';
import { ReferencesRepository } from './modules/references/references.repository';
import { HomeRepository } from './modules/home/home.repository';
import { DashboardsRepository } from './modules/dashboards/dashboards.repository';
import { VisitsRepository } from './modules/visits/visits.repository';
import { DemandsRepository } from './modules/demands/demands.repository';
import { StationsRepository } from './modules/stations/stations.repository';
import { PassesRepository } from './modules/passes/passes.repository';
import { WorkersRepository } from './modules/workers/workers.repository';
import { GigsRepository } from './modules/gigs/gigs.repository';
import { DisputesRepository } from './modules/disputes/disputes.repository';
import { DisputeCentresRepository } from './modules/disputes/dispute-centres.repository';

/** Every repository over one executor (the pool, or one transaction). */
export function makeRepos(db: Executor) {
  return {
    audit: new AuditRepository(db),
    campaigns: new CampaignsRepository(db),
    challenges: new ChallengesRepository(db),
    notifications: new NotificationsRepository(db),
    projects: new ProjectsRepository(db),
    hostOrgs: new HostOrgsRepository(db),
    hostOrgImports: new HostOrgImportsRepository(db),
    instructors: new InstructorsRepository(db),
    partyOrgs: new PartyOrgsRepository(db),
    regions: new RegionsRepository(db),
    sessions: new SessionsRepository(db),
    loginThrottle: new LoginThrottleRepository(db),
    users: new UsersRepository(db),
    attachments: new AttachmentsRepository(db),
    progress: new ProgressRepository(db),
    reports: new ReportsRepository(db),
    supervision: new SupervisionRepository(db),
    reviews: new ReviewsRepository(db),
    contests: new ContestsRepository(db),
    assessments: new AssessmentsRepository(db),
    references: new ReferencesRepository(db),
    home: new HomeRepository(db),
    visits: new VisitsRepository(db),
    demands: new DemandsRepository(db),
    stations: new StationsRepository(db),
    passes: new PassesRepository(db),
    workers: new WorkersRepository(db),
    gigs: new GigsRepository(db),
    disputes: new DisputesRepository(db),
    disputeCentres: new DisputeCentresRepository(db),
    dashboards: new DashboardsRepository(db),
  };
}
export type Repos = ReturnType<typeof makeRepos>;

export type RepoName = keyof Repos;

/** Some of the repositories: what a view's `repos` (and its `tx` callback) holds. */
export type ReposOf<K extends RepoName> = Pick<Repos, K>;

const pick = <K extends RepoName>(all: Repos, names: readonly RepoName[] | null): ReposOf<K> => {
  if (!names) return all;
  const out: Partial<Repos> = {};
  for (const n of names) Object.assign(out, { [n]: all[n] });
  return out as ReposOf<K>;
};

/**
 * What services receive: repositories, and a way to run several of them in one transaction. A
 * service is given a view holding only the repositories it declares (`store.view('projects', …)` in
 * services.ts, typed `Store<'projects' | …>` in its constructor): a repository it did not declare is
 * neither in its type nor in the object, outside and inside `tx`. A store with more repositories
 * may stand where one with fewer is expected (tests, seed); services.ts always passes a view.
 */
export class Store<in K extends RepoName = RepoName> {
  readonly repos: ReposOf<K>;

  constructor(
    private readonly db: Kysely<DB>,
    readonly dialect: Dialect,
    private readonly names: readonly RepoName[] | null = null,
  ) {
    this.repos = pick<K>(makeRepos(db), names);
  }

  /** The same store, narrowed to some of its repositories. */
  view<J extends K>(...names: J[]): Store<J> {
    return new Store<J>(this.db, this.dialect, names);
  }

  tx<T>(fn: (repos: ReposOf<K>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(pick<K>(makeRepos(trx), this.names)));
  }
}
