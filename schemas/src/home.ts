import { z } from 'zod';
import type { ContestStatus } from './contests';
import type { Dict } from './dicts';
import type { SupervisionStatus } from './execution';
import type { NotificationKind } from './notifications';
import type { ProjectStatus } from './projects';
import type { MeetingStatus } from './reviews';

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

export interface NextStep {
  kind: NextStepKind;
  /**
   * The date it is due (Asia/Shanghai): the declaration window's end (submit), the review meeting
   * (review, when on an agenda), the report's due date (report), the answer-by date (answer).
   */
  date: string | null;
  /** The date has passed. */
  overdue: boolean;
}

export interface HomeProject {
  id: string;
  title: string;
  code: string | null;
  status: ProjectStatus;
  campaignName: string;
  orgName: string;
  next: NextStep | null;
  /** Pending quarterly reports past their due date. */
  overdueReports: number;
  /** Supervision notices awaiting the secretary's answer. */
  openNotices: number;
  /** Required changes of a return (status returned). */
  decisionNote: string | null;
}

export interface HomeDeclaration {
  id: string;
  title: string;
  orgName: string;
  campaignName: string;
  submittedAt: string | null;
}

export interface HomeMeeting {
  id: string;
  title: string;
  meetingDate: string;
  place: string;
  status: MeetingStatus;
  campaignName: string;
  itemCount: number;
  /** Agenda items this user has judged (reviewers). */
  judgedByMe: number;
  /** This user is one of the meeting's reviewers. */
  reviewer: boolean;
}

export interface HomeContest {
  id: string;
  name: string;
  contestDate: string;
  venue: string;
  status: ContestStatus;
  campaignName: string;
  projectCount: number;
}

/** Pending reports of one campaign's quarter, all due on one date. */
export interface HomeReportGroup {
  campaignId: string;
  campaignName: string;
  year: number;
  quarter: number;
  dueDate: string;
  pending: number;
}

export interface HomeNotice {
  id: string;
  projectId: string;
  projectTitle: string;
  status: Extract<SupervisionStatus, 'open' | 'answered'>;
  answerBy: string;
  overdue: boolean;
}

/** Contest statuses before the results: still to be held or being held. */
export const UPCOMING_CONTEST_STATUSES = ['draft', 'ready', 'running'] as const satisfies readonly ContestStatus[];
export type UpcomingContestStatus = (typeof UPCOMING_CONTEST_STATUSES)[number];

/** 社工部 staff (and the administrator, over everything). */
export interface StaffHome {
  /** Declarations submitted and not yet on a review agenda (the project list's status=submitted). */
  awaitingReview: { count: number; items: HomeDeclaration[] };
  /** Open review meetings (the meeting list's status=open), soonest first. */
  meetings: { open: number; items: HomeMeeting[] };
  reports: {
    /** Pending reports of approved projects due from today to the month's end. */
    dueThisMonth: number;
    groups: HomeReportGroup[];
    /** Pending reports of approved projects past their due date. */
    overdue: number;
    /** Projects with an overdue report (the project list's overdue=1). */
    overdueProjects: number;
  };
  /** Supervision notices not closed: awaiting the secretary's answer, or answered and awaiting closing. */
  supervision: { open: number; overdue: number; answered: number; items: HomeNotice[] };
  /** Contests not yet held or being held (the contest list's status filter), soonest first. */
  contests: { upcoming: number; byStatus: Record<UpcomingContestStatus, number>; items: HomeContest[] };
  figures: {
    projects: number;
    projectsByStatus: Record<ProjectStatus, number>;
    /** Filed quarterly reports, on or before their due date / after it. */
    reportsOnTime: number;
    reportsLate: number;
  };
}

export interface SecretaryHome {
  /** The projects of the organisations the user is secretary of, the most urgent first. */
  projects: { total: number; items: HomeProject[] };
  /** Published campaigns whose declaration window is open today and that the user's organisation may enter. */
  campaigns: { id: string; name: string; declareFrom: string; declareTo: string; declared: number }[];
}

export interface MemberHome {
  projects: { total: number; items: HomeProject[] };
}

export interface JudgeHome {
  /** Contests the user is on the panel of (not in draft), running first. */
  contests: HomeContest[];
  /** Open review meetings the user reviews or chairs, soonest first. */
  meetings: HomeMeeting[];
}

export interface HomeView {
  /** Today in Asia/Shanghai: the date every "due" and "overdue" was decided on. */
  today: string;
  notifications: {
    unread: number;
    items: { id: string; kind: NotificationKind; title: string; link: string | null; createdAt: string }[];
  };
  /** One section per kind of work the user's roles give; null when the user has none of it. */
  staff: StaffHome | null;
  secretary: SecretaryHome | null;
  member: MemberHome | null;
  judge: JudgeHome | null;
}
