import type { DB } from './types';

/** The module folders under server/src/modules that own tables. */
export type OwningModule =
  | 'regions'
  | 'users'
  | 'party-orgs'
  | 'instructors'
  | 'host-orgs'
  | 'auth'
  | 'audit'
  | 'campaigns'
  | 'projects'
  | 'challenges'
  | 'attachments'
  | 'reviews'
  | 'execution'
  | 'notifications'
  | 'contests'
  | 'assessments'
  | 'visits'
  | 'jobs'
  | 'demands'
  | 'workers'
  | 'stations'
  | 'passes'
  | 'gigs'
  | 'disputes'
  /** The data layer itself: the key canary (db/key-canary.ts) and the rate-limit counters (db/rate-limit-store.ts). */
  | 'db';

/**
 * Which module owns each table: only that module's repositories write it (`insertInto`,
 * `updateTable`, `deleteFrom`, the versioned-update helpers). Another module that must change it
 * calls the owner's repository (or service) inside the same transaction. Every table has exactly
 * one owner (the type requires an entry per table of `DB`); server/test/table-ownership.test.ts
 * reads every *.repository.ts and fails on a write to a table its module does not own.
 *
 * Owners follow the module folders (the migrations group tables by release, not by module): the
 * plan a project executes against (milestones, indicators and their actuals), its quarterly
 * reports, progress posts and supervision notices belong to `execution`.
 */
export const TABLE_OWNERS: Record<keyof DB, OwningModule> = {
  regions: 'regions',
  keyCanary: 'db',
  rateLimitCounters: 'db',
  regionClosure: 'regions',
  users: 'users',
  roleBindings: 'users',
  partyOrgs: 'party-orgs',
  orgClosure: 'party-orgs',
  instructors: 'instructors',
  hostOrgs: 'host-orgs',
  hostOrgCoverageStats: 'host-orgs',
  hostOrgCrossPosts: 'host-orgs',
  hostOrgPartyMembers: 'host-orgs',
  hostOrgAssignments: 'host-orgs',
  hostOrgImports: 'host-orgs',
  sessions: 'auth',
  loginThrottle: 'auth',
  auditLogs: 'audit',
  campaigns: 'campaigns',
  projects: 'projects',
  projectVersions: 'projects',
  projectTransitions: 'projects',
  projectCodeCounters: 'projects',
  visits: 'visits',
  workers: 'workers',
  stations: 'stations',
  stationAmenities: 'stations',
  stationCheckIns: 'stations',
  gigFairs: 'gigs',
  gigFairEmployers: 'gigs',
  gigFairSignIns: 'gigs',
  gigJobs: 'gigs',
  gigPreferences: 'gigs',
  gigPreferenceKinds: 'gigs',
  gigIntentions: 'gigs',
  gigPushes: 'gigs',
  smsOutbox: 'gigs',
  challenges: 'challenges',
  attachments: 'attachments',
  uploadDailyUsage: 'attachments',
  uploadUnlinkedUsage: 'attachments',
  reviewMeetings: 'reviews',
  reviewMeetingReviewers: 'reviews',
  reviewItems: 'reviews',
  reviewJudgements: 'reviews',
  projectMilestones: 'execution',
  projectIndicators: 'execution',
  indicatorActuals: 'execution',
  progressPosts: 'execution',
  quarterlyReports: 'execution',
  supervisionNotices: 'execution',
  notifications: 'notifications',
  rubricTemplates: 'contests',
  contests: 'contests',
  contestJudges: 'contests',
  contestProjects: 'contests',
  contestConflicts: 'contests',
  contestDraws: 'contests',
  contestSheets: 'contests',
  assessmentSchemes: 'assessments',
  assessmentSheets: 'assessments',
  // Written by the job queue (server/src/jobs, below the modules); modules/jobs is its admin face.
  jobs: 'jobs',
  jobSchedules: 'jobs',
  workCalendarDays: 'demands',
  departments: 'demands',
  departmentMembers: 'demands',
  demandRoutes: 'demands',
  demands: 'demands',
  demandDepartments: 'demands',
  demandEvents: 'demands',
  demandDailyStats: 'demands',
  demandMonthlyStats: 'demands',
  workerDailyStats: 'workers',
  scanDailyStats: 'passes',
  passDailyStats: 'passes',
  passMonthlyStats: 'passes',
  compounds: 'passes',
  compoundGates: 'passes',
  compoundGuards: 'passes',
  passKeys: 'passes',
  passes: 'passes',
  passCompounds: 'passes',
  passRevocations: 'passes',
  passScans: 'passes',
  disputeCentres: 'disputes',
  disputeMediators: 'disputes',
  disputeGroups: 'disputes',
  disputeCaseCounters: 'disputes',
  disputeCases: 'disputes',
  disputeMediations: 'disputes',
  disputeArbitrations: 'disputes',
  disputeLitigations: 'disputes',
  disputeLegalAids: 'disputes',
  disputeClocks: 'disputes',
  disputeClockExtensions: 'disputes',
  disputeEvents: 'disputes',
  disputeConsultations: 'disputes',
};
