import type { Generated } from 'kysely';

/** Row types as seen through Kysely's CamelCasePlugin (columns are snake_case in the database). */
export interface RegionsTable {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface RegionClosureTable {
  ancestorCode: string;
  descendantCode: string;
  depth: number;
}

export interface PartyOrgsTable {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  regionCode: string;
  secretaryName: string;
  secretaryUserId: string | null;
  contactPhoneEnc: string | null;
  establishedOn: string | null;
  memberCount: number;
  note: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  deletedAt: string | null;
}

export interface OrgClosureTable {
  ancestorId: string;
  descendantId: string;
  depth: number;
}

export interface InstructorsTable {
  id: string;
  name: string;
  mobileEnc: string;
  partyOrgId: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface HostOrgsTable {
  id: string;
  name: string;
  creditCode: string;
  category: string;
  type: string;
  industry: string;
  sizeClass: string;
  regionCode: string;
  park: string | null;
  address: string | null;
  staffCount: number;
  partyMemberCount: number;
  managingOrgId: string;
  partyOrgId: string | null;
  instructorId: string | null;
  specialistUserId: string | null;
  coverageStatus: string;
  orgCoverageKind: Generated<string>;
  orgFormedOn: string | null;
  notFormedReason: string | null;
  notFormedNote: string | null;
  liaisonName: string | null;
  workCoveredSince: string | null;
  hasFixedPremises: Generated<number>;
  operatingNormally: Generated<number>;
  threeHas: Generated<number>;
  leaderContactUserId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  deletedAt: string | null;
}

export interface HostOrgCrossPostsTable {
  id: string;
  hostOrgId: string;
  personName: string;
  partyPost: string;
  managementPost: string;
  since: string;
  until: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface HostOrgPartyMembersTable {
  id: string;
  hostOrgId: string;
  name: string;
  position: string | null;
  partyPost: string | null;
  shownSince: string;
  note: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface HostOrgAssignmentsTable {
  id: string;
  hostOrgId: string;
  kind: string;
  personId: string | null;
  personName: string;
  startedOn: string;
  endedOn: string | null;
  assignedBy: string | null;
  reason: string | null;
  createdAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  mobileEnc: string | null;
  mobileHash: string | null;
  passwordHash: string;
  mustChangePassword: Generated<number>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  disabled: Generated<number>;
  locale: Generated<string>;
  lastLoginAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface RoleBindingsTable {
  id: string;
  userId: string;
  role: string;
  /** null only for the system administrator, whose reach is global. */
  orgId: string | null;
  hostOrgId: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface SessionsTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogsTable {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  entityLabel: string | null;
  changes: string;
  ip: string | null;
  requestId: string | null;
  scopeOrgId: string | null;
}

export interface CampaignsTable {
  id: string;
  orgId: string;
  name: string;
  year: number;
  codePrefix: string;
  status: string;
  themes: string;
  eligibleOrgTypes: string;
  criteria: string;
  declareFrom: string;
  declareTo: string;
  reviewDates: string;
  reportDueDays: number;
  contestDate: string | null;
  description: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ProjectsTable {
  id: string;
  campaignId: string;
  orgId: string;
  regionCode: string;
  secretaryUserId: string | null;
  status: string;
  code: string | null;
  seq: number | null;
  title: string;
  theme: string;
  targetGroup: string | null;
  challengeId: string | null;
  content: string;
  versionNo: Generated<number>;
  latestRating: string | null;
  lastDecisionNote: string | null;
  completionSummary: string | null;
  terminationReason: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ChallengesTable {
  id: string;
  campaignId: string;
  title: string;
  description: string;
  theme: string;
  targetGroup: string;
  regionCode: string;
  evidence: string | null;
  evidenceCount: number | null;
  claimDeadline: string;
  status: string;
  claimedByOrgId: string | null;
  claimedByUserId: string | null;
  claimedAt: string | null;
  projectId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ProjectVersionsTable {
  id: string;
  projectId: string;
  versionNo: number;
  content: string;
  submittedAt: string;
  submittedBy: string | null;
  decision: string | null;
  decisionNote: string | null;
}

export interface ProjectTransitionsTable {
  id: string;
  projectId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorName: string;
  reason: string | null;
  at: string;
}

export interface AttachmentsTable {
  id: string;
  projectId: string | null;
  /** The visit the photo belongs to (0016); null for project files and unlinked uploads. */
  visitId: string | null;
  /** The worker whose registration photo it is (0023); null otherwise. */
  workerId: string | null;
  /** The dispute case the file is evidence of (0027); null otherwise. */
  disputeCaseId: string | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storagePath: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface ReviewMeetingsTable {
  id: string;
  campaignId: string;
  title: string;
  meetingDate: string;
  place: string;
  chairUserId: string;
  note: string | null;
  status: string;
  closedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ReviewMeetingReviewersTable {
  meetingId: string;
  userId: string;
}

export interface ReviewItemsTable {
  id: string;
  meetingId: string;
  projectId: string;
  versionNo: number;
  decision: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  position: number;
}

export interface ReviewJudgementsTable {
  id: string;
  itemId: string;
  reviewerId: string;
  scores: string;
  comment: string | null;
  at: string;
}

export interface ProjectMilestonesTable {
  id: string;
  projectId: string;
  name: string;
  dueDate: string;
  completedOn: string | null;
  evidence: string | null;
  attachmentIds: string;
  position: number;
  version: Generated<number>;
}

export interface ProjectIndicatorsTable {
  id: string;
  projectId: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  position: number;
  /** A registered service figure (0018): the actual follows the records; null = entered by hand. */
  figureKey: string | null;
  figureFrom: string | null;
  figureTo: string | null;
  /** The organisation whose subtree a bound indicator counts over (0022); null = the declaring one. */
  figureOrgId: string | null;
  version: Generated<number>;
}

export interface IndicatorActualsTable {
  id: string;
  indicatorId: string;
  value: number;
  recordedOn: string;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ProgressPostsTable {
  id: string;
  projectId: string;
  text: string;
  attachmentIds: string;
  authorId: string | null;
  authorName: string;
  at: string;
  /** The quarterly report this post announces (0008); null for an ordinary post. */
  reportId: string | null;
}

export interface QuarterlyReportsTable {
  id: string;
  projectId: string;
  year: number;
  quarter: number;
  dueDate: string;
  status: string;
  progress: string | null;
  crux: string | null;
  nextPlan: string | null;
  indicatorValues: string;
  attachmentIds: string;
  filedAt: string | null;
  filedBy: string | null;
  rating: string | null;
  ratingComment: string | null;
  ratedBy: string | null;
  ratedAt: string | null;
  version: Generated<number>;
}

export interface SupervisionNoticesTable {
  id: string;
  projectId: string;
  reportId: string | null;
  content: string;
  answerBy: string;
  issuedBy: string | null;
  issuedAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  closeComment: string | null;
  status: string;
  version: Generated<number>;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface DB {
  regions: RegionsTable;
  regionClosure: RegionClosureTable;
  partyOrgs: PartyOrgsTable;
  orgClosure: OrgClosureTable;
  instructors: InstructorsTable;
  hostOrgs: HostOrgsTable;
  hostOrgCrossPosts: HostOrgCrossPostsTable;
  hostOrgPartyMembers: HostOrgPartyMembersTable;
  hostOrgAssignments: HostOrgAssignmentsTable;
  users: UsersTable;
  roleBindings: RoleBindingsTable;
  sessions: SessionsTable;
  auditLogs: AuditLogsTable;
  campaigns: CampaignsTable;
  projects: ProjectsTable;
  challenges: ChallengesTable;
  projectVersions: ProjectVersionsTable;
  projectTransitions: ProjectTransitionsTable;
  attachments: AttachmentsTable;
  reviewMeetings: ReviewMeetingsTable;
  reviewMeetingReviewers: ReviewMeetingReviewersTable;
  reviewItems: ReviewItemsTable;
  reviewJudgements: ReviewJudgementsTable;
  projectMilestones: ProjectMilestonesTable;
  projectIndicators: ProjectIndicatorsTable;
  indicatorActuals: IndicatorActualsTable;
  progressPosts: ProgressPostsTable;
  quarterlyReports: QuarterlyReportsTable;
  supervisionNotices: SupervisionNoticesTable;
  notifications: NotificationsTable;
  rubricTemplates: RubricTemplatesTable;
  contests: ContestsTable;
  contestJudges: ContestJudgesTable;
  contestProjects: ContestProjectsTable;
  contestConflicts: ContestConflictsTable;
  contestDraws: ContestDrawsTable;
  contestSheets: ContestSheetsTable;
  assessmentSchemes: AssessmentSchemesTable;
  assessmentSheets: AssessmentSheetsTable;
  loginThrottle: LoginThrottleTable;
  uploadDailyUsage: UploadDailyUsageTable;
  hostOrgImports: HostOrgImportsTable;
  uploadUnlinkedUsage: UploadUnlinkedUsageTable;
  projectCodeCounters: ProjectCodeCountersTable;
  visits: VisitsTable;
  workers: WorkersTable;
  stations: StationsTable;
  stationAmenities: StationAmenitiesTable;
  stationCheckIns: StationCheckInsTable;
  gigFairs: GigFairsTable;
  gigFairEmployers: GigFairEmployersTable;
  gigFairSignIns: GigFairSignInsTable;
  gigJobs: GigJobsTable;
  gigPreferences: GigPreferencesTable;
  gigPreferenceKinds: GigPreferenceKindsTable;
  gigIntentions: GigIntentionsTable;
  gigPushes: GigPushesTable;
  smsOutbox: SmsOutboxTable;
  jobs: JobsTable;
  jobSchedules: JobSchedulesTable;
  workCalendarDays: WorkCalendarDaysTable;
  departments: DepartmentsTable;
  departmentMembers: DepartmentMembersTable;
  demandRoutes: DemandRoutesTable;
  demands: DemandsTable;
  demandDepartments: DemandDepartmentsTable;
  demandEvents: DemandEventsTable;
  compounds: CompoundsTable;
  compoundGates: CompoundGatesTable;
  compoundGuards: CompoundGuardsTable;
  passKeys: PassKeysTable;
  passes: PassesTable;
  passCompounds: PassCompoundsTable;
  passRevocations: PassRevocationsTable;
  passScans: PassScansTable;
  keyCanary: KeyCanaryTable;
  rateLimitCounters: RateLimitCountersTable;
  demandDailyStats: DemandDailyStatsTable;
  demandMonthlyStats: DemandMonthlyStatsTable;
  passDailyStats: PassDailyStatsTable;
  passMonthlyStats: PassMonthlyStatsTable;
  hostOrgCoverageStats: HostOrgCoverageStatsTable;
  workerDailyStats: WorkerDailyStatsTable;
  scanDailyStats: ScanDailyStatsTable;
  disputeCentres: DisputeCentresTable;
  disputeMediators: DisputeMediatorsTable;
  disputeGroups: DisputeGroupsTable;
  disputeCaseCounters: DisputeCaseCountersTable;
  disputeCases: DisputeCasesTable;
  disputeMediations: DisputeMediationsTable;
  disputeArbitrations: DisputeArbitrationsTable;
  disputeLitigations: DisputeLitigationsTable;
  disputeLegalAids: DisputeLegalAidsTable;
  disputeClocks: DisputeClocksTable;
  disputeClockExtensions: DisputeClockExtensionsTable;
  disputeEvents: DisputeEventsTable;
  disputeConsultations: DisputeConsultationsTable;
}

// ——— contests (0003) ———

export interface RubricTemplatesTable {
  id: string;
  orgId: string;
  name: string;
  rubric: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ContestsTable {
  id: string;
  campaignId: string;
  name: string;
  contestDate: string;
  venue: string;
  minutesPerTalk: number;
  rubric: string;
  config: string;
  status: string;
  drawSeed: string | null;
  drawAlgorithm: string | null;
  drawnAt: string | null;
  currentProjectId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
  /** JSON `{ asOf, ratings: { [projectId]: rating[] } }`, frozen at publication (0005). */
  dailyWorkRatings: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface ContestJudgesTable {
  contestId: string;
  userId: string;
}

export interface ContestProjectsTable {
  id: string;
  contestId: string;
  projectId: string;
  position: number | null;
  phase: string;
  startedAt: string | null;
  endsAt: string | null;
  closedAt: string | null;
  overrideScore: number | null;
  overrideGrade: string | null;
  overrideReason: string | null;
  overriddenBy: string | null;
  overriddenAt: string | null;
}

export interface ContestConflictsTable {
  id: string;
  contestId: string;
  judgeId: string;
  projectId: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ContestDrawsTable {
  id: string;
  contestId: string;
  seed: string;
  algorithm: string;
  projectIds: string;
  drawOrder: string;
  reason: string | null;
  drawnBy: string | null;
  drawnByName: string | null;
  drawnAt: string;
}

export interface ContestSheetsTable {
  id: string;
  contestId: string;
  projectId: string;
  judgeId: string;
  scores: string;
  total: number;
  submittedAt: string;
}

// ——— assessments (0004) ———

export interface AssessmentSchemesTable {
  id: string;
  orgId: string;
  year: number;
  name: string;
  items: string;
  mapping: string;
  thresholds: string;
  status: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface AssessmentSheetsTable {
  id: string;
  schemeId: string;
  partyOrgId: string;
  itemValues: string;
  contestSource: string | null;
  total: number;
  complete: number;
  grade: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

// ——— log-in throttle (0006) ———

export interface LoginThrottleTable {
  /** `<account key>` (all addresses) or `<account key>@<address hash>`. */
  id: string;
  /** `u:<user id>`, or `n:<hash of the log-in name>` for a name that matches no account. */
  accountKey: string;
  userId: string | null;
  scope: string;
  failures: number;
  blockedUntil: string | null;
  lastAttemptAt: string;
}

// ——— upload quotas (0007) ———

/** Bytes a user uploaded on one Asia/Shanghai day (kept a week). */
export interface UploadDailyUsageTable {
  userId: string;
  day: string;
  bytes: number;
}

/** Bytes a user holds in uploads not yet linked to a project. */
export interface UploadUnlinkedUsageTable {
  userId: string;
  bytes: number;
}

// ——— project code counters (0009) ———

/** The last project sequence number given out in a campaign (codes PREFIX-YEAR-SEQ). */
export interface ProjectCodeCountersTable {
  campaignId: string;
  lastSeq: number;
}

// ——— enterprise visits (0015) ———

/** 走访: logged by a specialist or staff member, or an online visit the firm fills in from a link. */
export interface VisitsTable {
  id: string;
  hostOrgId: string;
  kind: string;
  visitedOn: string | null;
  people: string | null;
  findings: string | null;
  note: string | null;
  contactName: string | null;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  /** SHA-256 of an online visit's link secret; null for a logged visit. */
  onlineTokenHash: string | null;
  onlineExpiresAt: string | null;
  completedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

// ——— workers (0019) ———

/** A new-employment worker (新就业群体): the registry the worker services share. */
export interface WorkersTable {
  id: string;
  /** The worker's own account, when they have one (self-registration or linked later). */
  userId: string | null;
  name: string;
  mobileEnc: string;
  mobileHash: string;
  /** GB 11643 resident ID number under the field cipher; never listed. */
  idNumberEnc: string;
  /** Keyed lookup hash of the ID number: one registration per person. */
  idNumberHash: string;
  /** `3202**********1234`, what lists show. */
  idNumberMasked: string;
  platform: string;
  occupation: string;
  regionCode: string;
  partyMember: number;
  partyOrgId: string | null;
  photoAttachmentId: string | null;
  /** pending | verified | rejected | disabled */
  status: string;
  /** self | staff | station */
  registeredVia: string;
  verifiedBy: string | null;
  verifiedAt: string | null;
  rejectReason: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  deletedAt: string | null;
}

// ——— 惠新驿家 stations (0021) ———

/** A 惠新驿家 station: the ledger row. `hours` is OpeningHours as JSON. */
export interface StationsTable {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  lat: number;
  lng: number;
  hours: string;
  managerUserId: string | null;
  hostOrgId: string | null;
  openedOn: string;
  /** open | suspended | closed */
  status: string;
  phone: string | null;
  note: string | null;
  /** Part of the signed station code; a reissue bumps it. */
  codeSerial: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  deletedAt: string | null;
}

export interface StationAmenitiesTable {
  stationId: string;
  amenity: string;
}

/** A verified worker's check-in at a station, with its one rating. */
export interface StationCheckInsTable {
  id: string;
  stationId: string;
  workerId: string;
  userId: string;
  at: string;
  /** Asia/Shanghai date and hour of `at`. */
  localDate: string;
  localHour: number;
  codeSerial: number;
  rating: number | null;
  comment: string | null;
  ratedAt: string | null;
}

// ——— job queue (0010) ———

/** A job of the embedded runner (SQLite; on PostgreSQL pg-boss keeps its own and this stays empty). */
export interface JobsTable {
  id: string;
  name: string;
  /** JSON text. */
  data: string | null;
  state: string;
  retryCount: number;
  retryLimit: number;
  /** Seconds before the first retry (doubled per retry when retryBackoff). */
  retryDelay: number;
  retryBackoff: number;
  /** Seconds a run may take; an active job past its expiry (its process died) is claimed again. */
  expireIn: number;
  startAfter: string;
  startedAt: string | null;
  expireAt: string | null;
  completedAt: string | null;
  singletonKey: string | null;
  /** JSON text: the handler's result, or `{ message }` of the last failure. */
  output: string | null;
  /** JSON text `{ done, total }`. */
  progress: string | null;
  createdAt: string;
}

/** A recurring job: its cron and the last period (ISO instant of the cron's fire time) it was sent for. */
export interface JobSchedulesTable {
  name: string;
  cron: string;
  data: string | null;
  lastRun: string | null;
  updatedAt: string;
}

// ——— demands (0012) ———

export interface WorkCalendarDaysTable {
  date: string;
  year: number;
  kind: string;
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  orgId: string;
  active: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface DepartmentMembersTable {
  departmentId: string;
  userId: string;
}

export interface DemandRoutesTable {
  id: string;
  orgId: string;
  category: string;
  departmentId: string;
  signDays: number;
  replyDays: number;
  resolveDays: number;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface DemandsTable {
  id: string;
  hostOrgId: string;
  category: string;
  source: string;
  visitId: string | null;
  challengeId: string | null;
  title: string;
  description: string;
  amountAskedFen: number | null;
  amountGrantedFen: number | null;
  status: string;
  leadDepartmentId: string | null;
  signDays: number;
  replyDays: number;
  resolveDays: number;
  receivedOn: string;
  signDueOn: string | null;
  replyDueOn: string | null;
  resolveDueOn: string | null;
  acceptedAt: string | null;
  acceptedOn: string | null;
  firstReplyAt: string | null;
  resolvedAt: string | null;
  resolvedOn: string | null;
  result: string | null;
  ratedAt: string | null;
  rating: string | null;
  closedAt: string | null;
  reopenedCount: Generated<number>;
  escalatedAt: string | null;
  escalatedStep: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface DemandDepartmentsTable {
  id: string;
  demandId: string;
  departmentId: string;
  role: string;
  active: Generated<number>;
  createdAt: string;
}

export interface DemandEventsTable {
  id: string;
  demandId: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  fromDepartmentId: string | null;
  toDepartmentId: string | null;
  at: string;
}

export interface HostOrgImportsTable {
  id: string;
  createdBy: string;
  scopeOrgId: string | null;
  scopeJson: string;
  filename: string;
  filePath: string;
  fileSize: number;
  status: string;
  mode: string | null;
  failureCode: string | null;
  total: Generated<number>;
  valid: Generated<number>;
  invalid: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  progressDone: Generated<number>;
  progressTotal: Generated<number>;
  errorsJson: string;
  errorCount: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

// ——— 小哥码 passes (0020) ———

/** A residential compound (小区) that may join the pass pilot. */
export interface CompoundsTable {
  id: string;
  name: string;
  address: string | null;
  regionCode: string;
  managingOrgId: string;
  hostOrgId: string | null;
  pilot: number;
  joinedOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  deletedAt: string | null;
}

export interface CompoundGatesTable {
  id: string;
  compoundId: string;
  name: string;
  createdAt: string;
  deletedAt: string | null;
}

/** A guard's post: the user, their compound and (optionally) gate. */
export interface CompoundGuardsTable {
  userId: string;
  compoundId: string;
  gateId: string | null;
  createdAt: string;
  createdBy: string;
}

/** An Ed25519 issuer key; the private key (PKCS#8, base64url) under the field cipher. */
export interface PassKeysTable {
  kid: string;
  publicKey: string;
  privateKeyEnc: string;
  /** active | retired */
  status: string;
  createdAt: string;
  retiredAt: string | null;
  createdBy: string | null;
}

export interface PassesTable {
  id: string;
  workerId: string;
  /** active | revoked (expiry is read from expires_at) */
  status: string;
  /** all | list */
  scope: string;
  issuedAt: string;
  expiresAt: string;
  /** Ed25519 | ES256 */
  deviceAlg: string | null;
  devicePublicKey: string | null;
  deviceRegisteredAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface PassCompoundsTable {
  passId: string;
  compoundId: string;
}

export interface PassRevocationsTable {
  version: number;
  passId: string;
  revokedAt: string;
}

export interface PassScansTable {
  id: string;
  clientId: string;
  passId: string | null;
  workerId: string | null;
  compoundId: string;
  gateId: string | null;
  guardUserId: string;
  scannedAt: string;
  verdict: string;
  offline: Generated<number>;
  uploadedAt: string;
}

// ——— key canary (0028) ———

export interface KeyCanaryTable {
  name: string;
  keyId: string;
  checkValue: string;
  rotatingTo: string | null;
  updatedAt: string;
}

// ——— rate limits (0029) ———

export interface RateLimitCountersTable {
  key: string;
  windowStartMs: number;
  hits: number;
}

// ——— 零工快招 gig hiring (0026) ———

export interface GigFairsTable {
  id: string;
  title: string;
  /** online | onsite */
  mode: string;
  heldOn: string;
  startTime: string;
  endTime: string;
  regionCode: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  organiserOrgId: string;
  description: string | null;
  /** planned | held | cancelled */
  status: string;
  outcome: string | null;
  codeSerial: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  deletedAt: string | null;
}

export interface GigFairEmployersTable {
  fairId: string;
  hostOrgId: string;
}

export interface GigFairSignInsTable {
  id: string;
  fairId: string;
  workerId: string;
  userId: string;
  at: string;
}

export interface GigJobsTable {
  id: string;
  hostOrgId: string;
  title: string;
  kind: string;
  payFen: number;
  payUnit: string;
  regionCode: string;
  address: string;
  lat: number | null;
  lng: number | null;
  startOn: string;
  endOn: string | null;
  /** Bit d−1 for weekday d (1 = Monday). */
  weekdays: number;
  dayStart: string;
  dayEnd: string;
  /** JSON array of skill codes. */
  skills: string;
  headcount: number;
  hiredCount: Generated<number>;
  closingOn: string;
  contactName: string;
  contactPhoneEnc: string;
  contactPhoneMasked: string;
  description: string | null;
  fairId: string | null;
  /** top | all (0031): pushed to the GIG_PUSH_TOP best matches, or (staff) to every match. */
  pushScope: string;
  /** pending | open | rejected | closed (GIG_JOB_TRANSITIONS) */
  status: string;
  closeReason: string | null;
  rejectReason: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  deletedAt: string | null;
}

export interface GigPreferencesTable {
  workerId: string;
  lat: number | null;
  lng: number | null;
  regionCode: string | null;
  maxDistanceKm: number;
  /** Bit mask of weekdays; 0 = any. */
  weekdays: number;
  hourFrom: string | null;
  hourTo: string | null;
  minPayFen: number | null;
  minPayUnit: string | null;
  /** JSON arrays of codes. */
  skills: string;
  mutedKinds: string;
  smsOptIn: number;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** One row per wanted kind; `*` = any kind. */
export interface GigPreferenceKindsTable {
  workerId: string;
  kind: string;
}

export interface GigIntentionsTable {
  id: string;
  jobId: string;
  workerId: string;
  fairId: string | null;
  /** applied | hired | not_hired | withdrawn */
  status: string;
  contactShared: number;
  score: number;
  /** JSON array of reason strings (zh-CN). */
  reasons: string;
  distanceM: number | null;
  note: string | null;
  localDate: string;
  decidedAt: string | null;
  decidedBy: string | null;
  version: Generated<number>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface GigPushesTable {
  id: string;
  jobId: string;
  workerId: string;
  score: number;
  summary: string;
  inApp: number;
  sms: number;
  /** publish | daily */
  trigger: string;
  localDate: string;
  createdAt: string;
}

export interface SmsOutboxTable {
  id: string;
  idempotencyKey: string;
  toEnc: string;
  toMasked: string;
  body: string;
  /** pending | sending | sent | failed */
  status: string;
  attempts: Generated<number>;
  nextAttemptAt: string;
  claimedAt: string | null;
  sentAt: string | null;
  providerId: string | null;
  lastError: string | null;
  createdAt: string;
}

// ——— 调裁诉援 disputes (0027, issue 14) ———
export interface DisputeCentresTable {
  id: string;
  name: string;
  code: string;
  regionCode: string;
  address: string;
  phone: string | null;
  headUserId: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}
export interface DisputeMediatorsTable {
  centreId: string;
  userId: string;
  createdAt: string;
}
export interface DisputeGroupsTable {
  id: string;
  centreId: string;
  title: string;
  respondentKey: string;
  respondentName: string;
  createdAt: string;
  createdBy: string;
}
export interface DisputeCaseCountersTable {
  centreId: string;
  year: number;
  lastSeq: number;
}
export interface DisputeCasesTable {
  id: string;
  caseNo: string;
  centreId: string;
  regionCode: string;
  source: string;
  sourceNote: string | null;
  workerId: string | null;
  workerUserId: string | null;
  workerName: string;
  workerMobileEnc: string;
  workerMobileMasked: string;
  workerKey: string;
  respondentKind: string;
  respondentName: string;
  respondentCreditCode: string | null;
  respondentKey: string;
  disputeType: string;
  claimFen: number;
  facts: string;
  knownOn: string | null;
  receivedOn: string;
  status: string;
  mediatorUserId: string | null;
  groupId: string | null;
  /** The latest legal-aid application's status: applied | approved | denied. */
  legalAid: string | null;
  outcome: string | null;
  recoveredFen: number | null;
  closedOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}
export interface DisputeMediationsTable {
  caseId: string;
  mediatorUserId: string | null;
  receivedOn: string;
  /** ongoing | agreed | failed | lapsed */
  status: string;
  concludedOn: string | null;
  terms: string | null;
  agreedFen: number | null;
  performBy: string | null;
  performed: number | null;
  performedOn: string | null;
  failureReason: string | null;
  updatedAt: string;
}
export interface DisputeArbitrationsTable {
  caseId: string;
  commission: string;
  appliedOn: string;
  /** applied | accepted | refused | awarded */
  status: string;
  acceptedOn: string | null;
  arbCaseNo: string | null;
  refusedOn: string | null;
  refusalReason: string | null;
  hearingOn: string | null;
  awardedOn: string | null;
  awardResult: string | null;
  awardFen: number | null;
  finalAward: Generated<number>;
  updatedAt: string;
}
export interface DisputeLitigationsTable {
  caseId: string;
  kind: string;
  court: string;
  courtCaseNo: string | null;
  filedOn: string;
  judgedOn: string | null;
  judgementResult: string | null;
  judgementFen: number | null;
  updatedAt: string;
}
export interface DisputeLegalAidsTable {
  id: string;
  caseId: string;
  stage: string;
  appliedOn: string;
  provider: string;
  status: string;
  decidedOn: string | null;
  lawyerName: string | null;
  lawFirm: string | null;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}
export interface DisputeClocksTable {
  id: string;
  caseId: string;
  kind: string;
  startedOn: string;
  dueOn: string;
  extendedDays: Generated<number>;
  stoppedOn: string | null;
  /** running | met | missed | interrupted | ended */
  state: string;
  /** The last day an overdue alert was sent for. */
  alertedDueOn: string | null;
  createdAt: string;
}
export interface DisputeClockExtensionsTable {
  id: string;
  clockId: string;
  caseId: string;
  days: number;
  reason: string;
  agreedBy: string;
  dueBefore: string;
  dueAfter: string;
  createdBy: string;
  createdAt: string;
}
export interface DisputeEventsTable {
  id: string;
  caseId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  detail: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}
export interface DisputeConsultationsTable {
  id: string;
  centreId: string;
  channel: string;
  askedOn: string;
  personName: string | null;
  mobileEnc: string | null;
  mobileMasked: string | null;
  regionCode: string;
  topic: string;
  question: string;
  answer: string;
  followUp: string | null;
  followUpOn: string | null;
  caseId: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

// ——— dashboard summaries (0035) ———

/** Demands per managing organisation, received date, category and sign-off date, with the measures' counts. */
/** The 两个覆盖 counters per region, managing organisation and parent of the own Party organisation (migration 0039). */
export interface HostOrgCoverageStatsTable {
  regionCode: string;
  managingOrgId: string;
  /** '' for firms without a Party organisation of their own. */
  partyParentId: string;
  total: number;
  orgCoveredOwn: number;
  orgCoveredJoint: number;
  workCoveredOnly: number;
  uncovered: number;
  threeHasTotal: number;
  threeHasUncovered: number;
}

/** Passes per region of the worker and day (migration 0038; `passSummarySelect`). */
export interface PassDailyStatsTable {
  regionCode: string;
  onDay: string;
  issued: number;
  issuedActive: number;
  expiringActive: number;
}

/** `pass_daily_stats` per month (its first day). */
export interface PassMonthlyStatsTable {
  regionCode: string;
  inMonth: string;
  issued: number;
  issuedActive: number;
  expiringActive: number;
}

/** The monthly roll-up of `demand_daily_stats` (migration 0037). */
export interface DemandMonthlyStatsTable {
  managingOrgId: string;
  /** The first day of the month received. */
  receivedMonth: string;
  category: string;
  /** '9999-12-31' for a demand signed for or without a sign-off date. */
  signDueOn: string;
  n: number;
  resolved: number;
  accepted: number;
  signedOnTime: number;
  rated: number;
  satisfied: number;
}

export interface DemandDailyStatsTable {
  managingOrgId: string;
  receivedOn: string;
  category: string;
  /** '9999-12-31' for a demand without a sign-off date. */
  signDueOn: string;
  n: number;
  resolved: number;
  accepted: number;
  signedOnTime: number;
  rated: number;
  satisfied: number;
}

/** Verified workers per region and Asia/Shanghai date of verification. */
export interface WorkerDailyStatsTable {
  regionCode: string;
  verifiedOn: string;
  n: number;
}

export interface ScanDailyStatsTable {
  managingOrgId: string;
  /** The Asia/Shanghai date of the scans. */
  scannedOn: string;
  verdict: string;
  n: number;
}
