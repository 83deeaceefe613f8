import { z } from 'zod';
import { CONTEST_STATUS_CODES, type ContestStatus } from './contest-labels';
import type { Dict } from './dicts';
import { DISPUTE_TYPE_CODES, type DisputeStatus } from './dispute-labels';
import type { SupervisionStatus } from './execution';
import { notificationView } from './notifications';
import { PROJECT_STATUS_CODES } from './projects';
import { meetingListItem } from './reviews';

/**
 * 工作台 (GET /api/home): each role's to-dos and figures, every one counted from the records in the
 * caller's data scope (the same scope rules as the lists the counts link to).
 */
export const homeQuery = z.object({
  /** How many records each short list carries (the counts beside them are always complete). */
  items: z.coerce.number().int().min(1).max(20).default(6),
});
export type HomeQuery = z.infer<typeof homeQuery>;

/** What a project's team has to do next. */
export const NEXT_STEPS = {
  submit: { 'zh-CN': '完善并提交申报', en: 'Complete and submit the declaration' },
  resubmit: { 'zh-CN': '按要求修改后重新申报', en: 'Revise and resubmit' },
  review: { 'zh-CN': '等待研判', en: 'Awaiting review' },
  report: { 'zh-CN': '报送季度报告', en: 'File the quarterly report' },
  answer: { 'zh-CN': '答复督办', en: 'Answer the supervision notice' },
} satisfies Dict<string>;
export type NextStepKind = keyof typeof NEXT_STEPS;
export const NEXT_STEP_CODES = Object.keys(NEXT_STEPS) as [NextStepKind, ...NextStepKind[]];

// The answer (output schemas: plain types).
const int = z.number().int();
const text = z.string().nullable();

export const nextStep = z.object({
  kind: z.enum(NEXT_STEP_CODES),
  /**
   * The date it is due (Asia/Shanghai): the declaration window's end (submit), the review meeting
   * (review, when on an agenda), the report's due date (report), the answer-by date (answer).
   */
  date: text,
  /** The date has passed. */
  overdue: z.boolean(),
});
export type NextStep = z.infer<typeof nextStep>;

export const homeProject = z.object({
  id: z.string(),
  title: z.string(),
  code: text,
  status: z.enum(PROJECT_STATUS_CODES),
  campaignName: z.string(),
  orgName: z.string(),
  next: nextStep.nullable(),
  /** Pending quarterly reports past their due date. */
  overdueReports: int,
  /** Supervision notices awaiting the secretary's answer. */
  openNotices: int,
  /** Required changes of a return (status returned). */
  decisionNote: text,
});
export type HomeProject = z.infer<typeof homeProject>;

export const homeDeclaration = z.object({
  id: z.string(),
  title: z.string(),
  orgName: z.string(),
  campaignName: z.string(),
  submittedAt: text,
});
export type HomeDeclaration = z.infer<typeof homeDeclaration>;

/** A review meeting on the home page: the fields of the meeting list's item, and how this user stands. */
export const homeMeeting = meetingListItem
  .pick({ id: true, title: true, meetingDate: true, place: true, status: true, campaignName: true, itemCount: true })
  .extend({
    /** Agenda items this user has judged (reviewers). */
    judgedByMe: int,
    /** This user is one of the meeting's reviewers. */
    reviewer: z.boolean(),
  });
export type HomeMeeting = z.infer<typeof homeMeeting>;

export const homeContest = z.object({
  id: z.string(),
  name: z.string(),
  contestDate: z.string(),
  venue: z.string(),
  status: z.enum(CONTEST_STATUS_CODES),
  campaignName: z.string(),
  projectCount: int,
});
export type HomeContest = z.infer<typeof homeContest>;

/** Pending reports of one campaign's quarter, all due on one date. */
export const homeReportGroup = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  year: int,
  quarter: int,
  dueDate: z.string(),
  pending: int,
});
export type HomeReportGroup = z.infer<typeof homeReportGroup>;

/** Supervision notices still awaiting something: the secretary's answer, or closing. */
export const HOME_NOTICE_STATUSES = ['open', 'answered'] as const satisfies readonly SupervisionStatus[];
export const homeNotice = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  status: z.enum(HOME_NOTICE_STATUSES),
  answerBy: z.string(),
  overdue: z.boolean(),
});
export type HomeNotice = z.infer<typeof homeNotice>;

/** Contest statuses before the results: still to be held or being held. */
export const UPCOMING_CONTEST_STATUSES = ['draft', 'ready', 'running'] as const satisfies readonly ContestStatus[];
export type UpcomingContestStatus = (typeof UPCOMING_CONTEST_STATUSES)[number];

/** The open stages of a labour-dispute case, as the staff home counts them. */
export const HOME_DISPUTE_STAGES = [
  'registered',
  'mediating',
  'mediated',
  'mediation_failed',
  'arbitrating',
  'litigating',
] as const satisfies readonly DisputeStatus[];

/** A count per code (every code present). */
const countsBy = <const C extends readonly [string, ...string[]]>(codes: C) => z.record(z.enum(codes), int);

/** 零工快招 counts of one area or month (GigHomeFigures). */
const gigCounts = z.object({ fairsHeld: int, pushes: int, intentions: int, hires: int });
/** Months listed on the staff home's 调裁诉援 card. */
export const DISPUTE_HOME_MONTHS = 12;
/** Months listed on the staff home's 零工快招 card. */
export const GIG_HOME_MONTHS = 12;

/** 社工部 staff (and the administrator, over everything). */
export const staffHome = z.object({
  /** Declarations submitted and not yet on a review agenda (the project list's status=submitted). */
  awaitingReview: z.object({ count: int, items: z.array(homeDeclaration) }),
  /** Open review meetings (the meeting list's status=open), soonest first. */
  meetings: z.object({ open: int, items: z.array(homeMeeting) }),
  reports: z.object({
    /** Pending reports of approved projects due from today to the month's end. */
    dueThisMonth: int,
    groups: z.array(homeReportGroup),
    /** Pending reports of approved projects past their due date. */
    overdue: int,
    /** Projects with an overdue report (the project list's overdue=1). */
    overdueProjects: int,
  }),
  /** Supervision notices not closed: awaiting the secretary's answer, or answered and awaiting closing. */
  supervision: z.object({ open: int, overdue: int, answered: int, items: z.array(homeNotice) }),
  /** Contests not yet held or being held (the contest list's status filter), soonest first. */
  contests: z.object({
    upcoming: int,
    byStatus: countsBy(UPCOMING_CONTEST_STATUSES),
    items: z.array(homeContest),
  }),
  figures: z.object({
    projects: int,
    projectsByStatus: countsBy(PROJECT_STATUS_CODES),
    /** Filed quarterly reports, on or before their due date / after it. */
    reportsOnTime: int,
    reportsLate: int,
  }),
  /**
   * 企业服务 (issue 11), all to date in the caller's scope, each the total of the list it links to:
   * firms with a recorded visit (/visits?view=firms), demands and those resolved — of them 要素保障
   * and 历史遗留 — (/demands?measure=resolved…), open and overdue ones. Null without the permissions.
   */
  enterprise: z
    .object({
      firmsVisited: int.nullable(),
      demands: int,
      resolved: int,
      factorResolved: int,
      legacyResolved: int,
      open: int,
      overdue: int,
    })
    .nullable(),
  /**
   * 调裁诉援 (issue 14), all to date at the centres the caller reaches, each the total of the list it
   * links to (/disputes?…): cases received, open ones by stage, closed, running clocks past their
   * last day, mediations concluded and agreed (the success rate), the amount actually recovered on
   * closed cases, cases granted legal aid, consultations. Null when the caller reaches no centre.
   */
  disputes: z
    .object({
      received: int,
      open: int,
      byStage: countsBy(HOME_DISPUTE_STAGES),
      /** Cases received by type (/disputes?type=…), every type listed. */
      byType: z.array(z.object({ type: z.enum(DISPUTE_TYPE_CODES), n: int })),
      closed: int,
      /** Mean calendar days from receipt to closing of the closed cases (/disputes?status=closed). */
      avgDaysToClose: z.number().nullable(),
      overdue: int,
      mediationsConcluded: int,
      mediationsAgreed: int,
      mediationSuccessRate: z.number().nullable(),
      recoveredFen: int,
      withLegalAid: int,
      consultations: int,
      /**
       * Per month (the latest DISPUTE_HOME_MONTHS months with records, newest first, business dates
       * from–to): cases received (/disputes?receivedFrom&receivedTo), of them agreed in mediation
       * (&mediated=1) and granted legal aid (&legalAid=1), cases closed and the amount recovered on
       * them (/disputes?closedFrom&closedTo), consultations (/disputes/consultations?askedFrom&askedTo).
       */
      months: z.array(
        z.object({
          month: z.string(),
          from: z.string(),
          to: z.string(),
          received: int,
          mediationsAgreed: int,
          withLegalAid: int,
          closed: int,
          recoveredFen: int,
          consultations: int,
        }),
      ),
      /**
       * Per area, to date: the 社工部 directly below the staff member's organisations (a city's
       * counties; an organisation without any stands for itself), the top organisations for the
       * administrator — those with a centre in reach. Each count the total of the list with the
       * area's `orgId` (/disputes?orgId=…[&open=1|&status=closed|&clock=overdue|&mediated=1|
       * &legalAid=1], /disputes/consultations?orgId=…). Empty for a mediator.
       */
      areas: z.array(
        z.object({
          orgId: z.string(),
          name: z.string(),
          regionCode: z.string(),
          centres: int,
          received: int,
          open: int,
          closed: int,
          overdue: int,
          mediationsConcluded: int,
          mediationsAgreed: int,
          mediationSuccessRate: z.number().nullable(),
          recoveredFen: int,
          withLegalAid: int,
          consultations: int,
        }),
      ),
    })
    .nullable(),
  /**
   * 零工快招 (issue 13) in the caller's scope: fairs held, push records, intentions and hires to date,
   * per area (the staff's Party organisations; the top ones for the administrator) and per month (the
   * latest GIG_HOME_MONTHS months with records), each the total of the list it links to
   * (/gigs/fairs, /gigs/pushes, /gigs/intentions with the area's orgId and the month's dates).
   * Null without gig.manage.
   */
  gigs: z
    .object({
      total: gigCounts,
      areas: z.array(gigCounts.extend({ orgId: z.string(), name: z.string() })),
      months: z.array(gigCounts.extend({ month: z.string(), from: z.string(), to: z.string() })),
    })
    .nullable(),
});
export type StaffHome = z.infer<typeof staffHome>;
export type DisputeHomeFigures = NonNullable<StaffHome['disputes']>;
export type GigHomeFigures = NonNullable<StaffHome['gigs']>;
export type EnterpriseFigures = NonNullable<StaffHome['enterprise']>;

const teamProjects = z.object({ total: int, items: z.array(homeProject) });

export const secretaryHome = z.object({
  /** The projects of the organisations the user is secretary of, the most urgent first. */
  projects: teamProjects,
  /** Published campaigns whose declaration window is open today and that the user's organisation may enter. */
  campaigns: z.array(
    z.object({ id: z.string(), name: z.string(), declareFrom: z.string(), declareTo: z.string(), declared: int }),
  ),
});
export type SecretaryHome = z.infer<typeof secretaryHome>;

export const memberHome = z.object({ projects: teamProjects });
export type MemberHome = z.infer<typeof memberHome>;

export const judgeHome = z.object({
  /** Contests the user is on the panel of (not in draft), running first. */
  contests: z.array(homeContest),
  /** Open review meetings the user reviews or chairs, soonest first. */
  meetings: z.array(homeMeeting),
});
export type JudgeHome = z.infer<typeof judgeHome>;

export const homeView = z.object({
  /** Today in Asia/Shanghai: the date every "due" and "overdue" was decided on. */
  today: z.string(),
  notifications: z.object({
    unread: int,
    items: z.array(notificationView.pick({ id: true, kind: true, title: true, link: true, createdAt: true })),
  }),
  /** One section per kind of work the user's roles give; null when the user has none of it. */
  staff: staffHome.nullable(),
  secretary: secretaryHome.nullable(),
  member: memberHome.nullable(),
  judge: judgeHome.nullable(),
});
export type HomeView = z.infer<typeof homeView>;
