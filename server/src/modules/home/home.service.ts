import {
  filedLate,
  projectListQuery,
  PROJECT_STATUS_CODES,
  UPCOMING_CONTEST_STATUSES,
  type ContestStatus,
  type EnterpriseFigures,
  type GigHomeFigures,
  GIG_HOME_MONTHS,
  type HomeContest,
  type HomeMeeting,
  type HomeProject,
  type HomeQuery,
  type HomeView,
  type JudgeHome,
  type MeetingStatus,
  type MemberHome,
  type NextStep,
  type NotificationKind,
  type ProjectStatus,
  type SecretaryHome,
  type StaffHome,
  type UpcomingContestStatus,
} from '@touyan/schemas';
import type { Actor, RequestContext } from '../../core/actor';
import type { SubtreeScope } from '../../core/scope';
import { shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { contestReadScope } from '../contests/contests.policy';
import { demandReadScope } from '../demands/demands.policy';
import { homeDisputeFigures } from '../disputes/disputes.stats';
import {
  gigFairReadScope,
  gigHomeAreas,
  gigJobApproveScope,
  gigJobReadScope,
  gigJobWriteScope,
} from '../gigs/gigs.policy';
import {
  projectReadScope,
  projectSecretaryScope,
  projectStaffScope,
  type ProjectScope,
} from '../projects/projects.policy';
import { meetingReadScope } from '../reviews/reviews.policy';
import { visitReadScope } from '../visits/visits.policy';
import {
  homeSections,
  judgeContestScope,
  judgeMeetingScope,
  memberProjectScope,
  reachesNothing,
  secretaryOrgIds,
} from './home.policy';
import type { TeamProjectRow } from './home.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type HomeStore = Store<
  'campaigns' | 'demands' | 'home' | 'notifications' | 'projects' | 'visits' | 'disputes' | 'disputeCentres' | 'gigs'
>;
type HomeRepos = HomeStore['repos'];

/** Supervision notices listed on the staff home (the count beside them is complete). */
const NOTICE_ITEMS = 50;

/** The last day of a date's month (YYYY-MM-DD). */
export function monthEnd(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * A project's next step, as its team sees it:
 * - a draft: submit before the declaration window closes; a returned declaration: resubmit;
 * - submitted or in review: wait for the review (the meeting's date once it is on an agenda);
 * - approved: whichever comes first of the earliest pending quarterly report and the earliest
 *   supervision notice awaiting an answer;
 * - otherwise (rejected, completed, terminated, or approved with nothing pending): none.
 */
export function nextStep(p: TeamProjectRow, today: string): NextStep | null {
  const step = (kind: NextStep['kind'], date: string | null): NextStep => ({
    kind,
    date,
    overdue: date !== null && date < today,
  });
  switch (p.status as ProjectStatus) {
    case 'draft':
      return step('submit', p.declareTo);
    case 'returned':
      return step('resubmit', null);
    case 'submitted':
    case 'in_review':
      return { kind: 'review', date: p.meetingDate, overdue: false };
    case 'approved': {
      const report = p.nextReportDue;
      const answer = p.nextAnswerBy;
      if (answer && (!report || answer <= report)) return step('answer', answer);
      if (report) return step('report', report);
      return null;
    }
    default:
      return null;
  }
}

/** Most urgent first: overdue, then what the team must do (by date), then waiting, then nothing. */
function urgency(p: HomeProject): [number, number, string] {
  const n = p.next;
  if (!n) return [1, 3, ''];
  const waiting = n.kind === 'review' ? 2 : 1;
  return [n.overdue ? 0 : 1, waiting, n.date ?? '9999-12-31'];
}

function byUrgency(a: HomeProject, b: HomeProject): number {
  const [x, y] = [urgency(a), urgency(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]) || b.id.localeCompare(a.id);
}

const listQuery = (filter: { status?: ProjectStatus; overdue?: '1' }) => projectListQuery.parse(filter);

/**
 * 工作台: what each role has to do and the figures of its area, all counted in the caller's data
 * scope by the same rules as the lists they link to (projects.policy, reviews.policy,
 * contests.policy; reports and supervision through the projects staff scope). Read-only.
 */
export class HomeService {
  constructor(private readonly store: HomeStore) {}

  async get(ctx: RequestContext, q: HomeQuery): Promise<HomeView> {
    const repos = this.store.repos;
    const actor = ctx.actor;
    const today = shanghaiDate();
    const sees = homeSections(actor);
    const [unread, latest] = await Promise.all([
      repos.notifications.unreadCount(actor.userId),
      repos.notifications.list(actor.userId, { unread: true, limit: q.items }),
    ]);
    return {
      today,
      notifications: {
        unread,
        items: latest.items.map((n) => ({
          id: n.id,
          kind: n.kind as NotificationKind,
          title: n.title,
          link: n.link,
          createdAt: n.createdAt,
        })),
      },
      staff: sees.staff ? await this.staff(repos, actor, today, q.items) : null,
      secretary: sees.secretary ? await this.secretary(repos, actor, today, q.items) : null,
      member: sees.member ? await this.member(repos, actor, today, q.items) : null,
      judge: sees.judge ? await this.judge(repos, actor, q.items) : null,
    };
  }

  private async staff(repos: HomeRepos, actor: Actor, today: string, items: number): Promise<StaffHome> {
    const read: ProjectScope = projectReadScope(actor);
    const area = projectStaffScope(actor);
    const count = (filter: Parameters<typeof listQuery>[0]) => repos.projects.count(read, listQuery(filter));

    const waiting = await repos.home.awaitingReview(read, items);
    const meetings = await repos.home.meetings(meetingReadScope(actor), actor.userId, 'open', items);
    const groups = await repos.home.reportsDue(area, today, monthEnd(today));
    const notices = await repos.home.notices(area, today, NOTICE_ITEMS);
    const contests = await repos.home.contests(contestReadScope(actor), UPCOMING_CONTEST_STATUSES, items);
    const byStatus = {} as Record<ProjectStatus, number>;
    for (const s of PROJECT_STATUS_CODES) byStatus[s] = await count({ status: s });
    let onTime = 0;
    let late = 0;
    for (const r of await repos.home.filedReports(area)) {
      if (filedLate(r.dueDate, r.filedAt ? shanghaiDate(r.filedAt) : null)) late++;
      else onTime++;
    }
    const contestsByStatus = {} as Record<UpcomingContestStatus, number>;
    for (const s of UPCOMING_CONTEST_STATUSES) contestsByStatus[s] = contests.byStatus.get(s) ?? 0;

    return {
      awaitingReview: {
        count: byStatus.submitted,
        items: waiting.map((p) => ({ ...p, submittedAt: p.submittedAt ?? null })),
      },
      meetings: { open: meetings.count, items: meetings.rows.map(meetingView) },
      reports: {
        dueThisMonth: groups.reduce((n, g) => n + g.pending, 0),
        groups: groups.map((g) => ({
          campaignId: g.campaignId,
          campaignName: g.campaignName,
          year: g.year,
          quarter: g.quarter,
          dueDate: g.dueDate,
          pending: g.pending,
        })),
        overdue: await repos.home.overdueReports(area, today),
        overdueProjects: await count({ overdue: '1' }),
      },
      supervision: {
        open: notices.open,
        overdue: notices.overdue,
        answered: notices.answered,
        items: notices.rows.map((n) => ({
          id: n.id,
          projectId: n.projectId,
          projectTitle: n.projectTitle,
          status: n.status as 'open' | 'answered',
          answerBy: n.answerBy,
          overdue: n.status === 'open' && n.answerBy < today,
        })),
      },
      contests: {
        upcoming: Object.values(contestsByStatus).reduce((a, b) => a + b, 0),
        byStatus: contestsByStatus,
        items: contests.rows.map(contestView),
      },
      figures: {
        projects: Object.values(byStatus).reduce((a, b) => a + b, 0),
        projectsByStatus: byStatus,
        reportsOnTime: onTime,
        reportsLate: late,
      },
      enterprise: await this.enterprise(repos, actor, today),
      disputes: await homeDisputeFigures(repos, actor, today),
      gigs: await this.gigs(repos, actor),
    };
  }

  /**
   * 零工快招 figures: each the total of the list it links to, counted by that list's own repository
   * query and read scope (gigs.policy): fairs held (/gigs/fairs?status=held), push records
   * (/gigs/pushes), intentions and hires (/gigs/intentions[?status=hired]); per area and per month.
   */
  private async gigs(repos: HomeRepos, actor: Actor): Promise<GigHomeFigures | null> {
    if (!actor.permissions.has('gig.manage')) return null;
    const fairScope = gigFairReadScope(actor);
    const pushScope = gigJobApproveScope(actor);
    const intentionScope = { ...gigJobWriteScope(actor), workerUserId: gigJobReadScope(actor).workerUserId };
    const g = repos.gigs;
    const counts = async (orgId?: string) => {
      const area = orgId ? { orgId } : {};
      return {
        fairsHeld: await g.countFairs(fairScope, { ...area, status: 'held' }),
        pushes: await g.countPushes(pushScope, area),
        intentions: await g.countIntentions(intentionScope, area),
        hires: await g.countIntentions(intentionScope, { ...area, status: 'hired' }),
      };
    };
    const areaOrgs = gigHomeAreas(actor);
    const orgIds = areaOrgs.roots ? await g.rootOrgIds() : areaOrgs.orgIds;
    const names = await g.orgNames(orgIds);
    const areas = [];
    for (const [orgId, name] of names) areas.push({ orgId, name, ...(await counts(orgId)) });
    const [fairs, pushes, intentions, hires] = [
      await g.fairsByMonth(fairScope, { status: 'held' }),
      await g.pushesByMonth(pushScope, {}),
      await g.intentionsByMonth(intentionScope, {}),
      await g.intentionsByMonth(intentionScope, { status: 'hired' }),
    ];
    const months = [...new Set([...fairs.keys(), ...pushes.keys(), ...intentions.keys()])]
      .sort()
      .slice(-GIG_HOME_MONTHS)
      .reverse()
      .map((month) => ({
        month,
        from: `${month}-01`,
        to: monthEnd(`${month}-01`),
        fairsHeld: fairs.get(month) ?? 0,
        pushes: pushes.get(month) ?? 0,
        intentions: intentions.get(month) ?? 0,
        hires: hires.get(month) ?? 0,
      }));
    return { total: await counts(), areas, months };
  }

  /**
   * 企业服务 figures: each is the total of a list the home links to, counted by that list's own
   * repository query and read scope (visits.policy, demands.policy), so a figure and its rows agree.
   */
  private async enterprise(repos: HomeRepos, actor: Actor, today: string): Promise<EnterpriseFigures | null> {
    if (!actor.permissions.has('demand.read')) return null;
    const scope = demandReadScope(actor);
    const count = (f: Parameters<HomeRepos['demands']['count']>[1]) => repos.demands.count(scope, f, today);
    return {
      firmsVisited: actor.permissions.has('visit.read')
        ? await repos.visits.countVisitedFirms(visitReadScope(actor), {})
        : null,
      demands: await count({}),
      resolved: await count({ measure: 'resolved' }),
      factorResolved: await count({ measure: 'resolved', categoryGroup: 'factor' }),
      legacyResolved: await count({ measure: 'resolved', category: 'legacy' }),
      open: await count({ open: true }),
      overdue: await count({ overdue: true }),
    };
  }

  private async teamProjects(
    repos: HomeRepos,
    scope: SubtreeScope,
    today: string,
    items: number,
  ): Promise<{ total: number; items: HomeProject[]; rows: TeamProjectRow[] }> {
    if (reachesNothing(scope)) return { total: 0, items: [], rows: [] };
    const rows = await repos.home.teamProjects(scope, today);
    const all = rows.map((r): HomeProject => ({
      id: r.id,
      title: r.title,
      code: r.code,
      status: r.status as ProjectStatus,
      campaignName: r.campaignName,
      orgName: r.orgName,
      next: nextStep(r, today),
      overdueReports: r.overdueReports,
      openNotices: r.openNotices,
      decisionNote: r.status === 'returned' ? r.lastDecisionNote : null,
    }));
    return { total: all.length, items: all.sort(byUrgency).slice(0, items), rows };
  }

  private async secretary(repos: HomeRepos, actor: Actor, today: string, items: number): Promise<SecretaryHome> {
    const scope = projectSecretaryScope(actor);
    const { total, items: projects, rows } = await this.teamProjects(repos, scope, today, items);
    // Campaigns the secretary reaches (the campaigns module's rule), open today, for their organisation's type.
    const types = new Set(await repos.home.orgTypes(secretaryOrgIds(actor)));
    const { items: published } = await repos.campaigns.list(scope, { status: 'published', limit: 50 });
    const campaigns = published
      .filter((c) => today >= c.declareFrom && today <= c.declareTo)
      .filter((c) => c.eligibleOrgTypes.some((t) => types.has(t)))
      .sort((a, b) => a.declareTo.localeCompare(b.declareTo))
      .map((c) => ({
        id: c.id,
        name: c.name,
        declareFrom: c.declareFrom,
        declareTo: c.declareTo,
        declared: rows.filter((p) => p.campaignId === c.id).length,
      }));
    return { projects: { total, items: projects }, campaigns };
  }

  private async member(repos: HomeRepos, actor: Actor, today: string, items: number): Promise<MemberHome> {
    const scope = memberProjectScope(actor);
    const { total, items: projects } = await this.teamProjects(repos, scope, today, items);
    return { projects: { total, items: projects } };
  }

  /** The judge's own assignments only: the contests on whose panel they sit, the meetings they review or chair. */
  private async judge(repos: HomeRepos, actor: Actor, items: number): Promise<JudgeHome> {
    const contests = await repos.home.contests(
      judgeContestScope(actor),
      ['ready', 'running', 'finished', 'published'] satisfies ContestStatus[],
      items,
    );
    const meetings = await repos.home.meetings(judgeMeetingScope(actor), actor.userId, 'open', items);
    return { contests: contests.rows.map(contestView), meetings: meetings.rows.map(meetingView) };
  }
}

function meetingView(m: {
  id: string;
  title: string;
  meetingDate: string;
  place: string;
  status: string;
  campaignName: string;
  itemCount: number;
  judgedByMe: number;
  reviewer: boolean;
}): HomeMeeting {
  return { ...m, status: m.status as MeetingStatus };
}

function contestView(k: {
  id: string;
  name: string;
  contestDate: string;
  venue: string;
  status: string;
  campaignName: string;
  projectCount: number;
}): HomeContest {
  return { ...k, status: k.status as ContestStatus };
}
