import { sql } from 'kysely';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { projectScopeCondition as projectScope, underScope } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';
import type { ContestScope } from '../contests/contests.policy';
import type { ProjectScope } from '../projects/projects.policy';
import type { MeetingScope } from '../reviews/reviews.policy';

/*
 * The scope conditions below are the lists' own rules (projects.repository, reviews.repository,
 * contests.repository), so a count on the home is the number of rows of the list it links to.
 */

/** Meetings: campaign owner in the managed subtrees, or the user chairs or reviews it. */
function meetingScope(scope: MeetingScope) {
  const parts = [underScope('c.orgId', scope.managed)];
  if (scope.assignedUserId) {
    parts.push(sql<boolean>`${sql.ref('m.chairUserId')} = ${scope.assignedUserId}`);
    parts.push(
      sql<boolean>`exists (select 1 from review_meeting_reviewers rr where rr.meeting_id = ${sql.ref('m.id')} and rr.user_id = ${scope.assignedUserId})`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Contests: campaign owner in the managed subtrees, or the user is on the panel. */
function contestScope(scope: ContestScope) {
  const parts = [underScope('c.orgId', scope.managed)];
  if (scope.judgeUserId) {
    parts.push(
      sql<boolean>`exists (select 1 from contest_judges cj where cj.contest_id = ${sql.ref('k.id')} and cj.user_id = ${scope.judgeUserId})`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export interface TeamProjectRow {
  id: string;
  title: string;
  code: string | null;
  status: string;
  campaignId: string;
  campaignName: string;
  declareTo: string;
  orgName: string;
  lastDecisionNote: string | null;
  nextReportDue: string | null;
  overdueReports: number;
  openNotices: number;
  nextAnswerBy: string | null;
  meetingDate: string | null;
}

/** Read-only figures for the home (工作台): counts and short lists over the caller's scopes. */
export class HomeRepository {
  constructor(private readonly db: Executor) {}

  /** Submitted declarations not yet on an agenda, the longest waiting first. */
  awaitingReview(scope: ProjectScope, limit: number) {
    return this.db
      .selectFrom('projects as p')
      .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
      .innerJoin('campaigns as c', 'c.id', 'p.campaignId')
      .select(['p.id', 'p.title', 'p.submittedAt', 'o.name as orgName', 'c.name as campaignName'])
      .where('p.status', '=', 'submitted')
      .where(projectScope(scope))
      .orderBy('p.submittedAt')
      .orderBy('p.id')
      .limit(limit)
      .execute();
  }

  /** Meetings of one status in the scope: how many, and the first `limit` by date. */
  async meetings(scope: MeetingScope, userId: string, status: string, limit: number) {
    const base = this.db
      .selectFrom('reviewMeetings as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
      .where('m.status', '=', status)
      .where(meetingScope(scope));
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      base
        .select(['m.id', 'm.title', 'm.meetingDate', 'm.place', 'm.status', 'c.name as campaignName'])
        .select((eb) => [
          eb
            .selectFrom('reviewItems as i')
            .whereRef('i.meetingId', '=', 'm.id')
            .select(eb.fn.countAll().as('n'))
            .as('itemCount'),
          eb
            .selectFrom('reviewItems as i')
            .innerJoin('reviewJudgements as j', 'j.itemId', 'i.id')
            .whereRef('i.meetingId', '=', 'm.id')
            .where('j.reviewerId', '=', userId)
            .select(eb.fn.countAll().as('n'))
            .as('judgedByMe'),
          eb
            .selectFrom('reviewMeetingReviewers as r')
            .whereRef('r.meetingId', '=', 'm.id')
            .where('r.userId', '=', userId)
            .select(eb.fn.countAll().as('n'))
            .as('isReviewer'),
        ])
        .orderBy('m.meetingDate')
        .orderBy('m.id')
        .limit(limit)
        .execute(),
    ]);
    return {
      count: toInt(count?.n),
      rows: rows.map(({ isReviewer, ...r }) => ({
        ...r,
        itemCount: toInt(r.itemCount),
        judgedByMe: toInt(r.judgedByMe),
        reviewer: toInt(isReviewer) > 0,
      })),
    };
  }

  /** Contests of the given statuses in the scope: how many of each, and the first `limit` rows. */
  async contests(scope: ContestScope, statuses: readonly string[], limit: number) {
    const base = this.db
      .selectFrom('contests as k')
      .innerJoin('campaigns as c', 'c.id', 'k.campaignId')
      .where('k.status', 'in', [...statuses])
      .where(contestScope(scope));
    const [counts, rows] = await Promise.all([
      base
        .select((eb) => ['k.status', eb.fn.countAll().as('n')])
        .groupBy('k.status')
        .execute(),
      base
        .select(['k.id', 'k.name', 'k.contestDate', 'k.venue', 'k.status', 'c.name as campaignName'])
        .select((eb) =>
          eb
            .selectFrom('contestProjects as cp')
            .whereRef('cp.contestId', '=', 'k.id')
            .select(eb.fn.countAll().as('n'))
            .as('projectCount'),
        )
        // Running first, then those to come, then those held; each by date.
        .orderBy(
          sql`case ${sql.ref('k.status')} when 'running' then 0 when 'ready' then 1 when 'draft' then 2 when 'finished' then 3 else 4 end`,
        )
        .orderBy('k.contestDate')
        .orderBy('k.id')
        .limit(limit)
        .execute(),
    ]);
    return {
      byStatus: new Map(counts.map((c) => [c.status, toInt(c.n)])),
      rows: rows.map((r) => ({ ...r, projectCount: toInt(r.projectCount) })),
    };
  }

  /** Pending reports of approved projects due in [from, to], per campaign quarter. */
  async reportsDue(scope: SubtreeScope, from: string, to: string) {
    const rows = await this.db
      .selectFrom('quarterlyReports as q')
      .innerJoin('projects as p', 'p.id', 'q.projectId')
      .innerJoin('campaigns as c', 'c.id', 'p.campaignId')
      .select((eb) => [
        'p.campaignId',
        'c.name as campaignName',
        'q.year',
        'q.quarter',
        'q.dueDate',
        eb.fn.countAll().as('n'),
      ])
      .where('q.status', '=', 'pending')
      .where('p.status', '=', 'approved')
      .where('q.dueDate', '>=', from)
      .where('q.dueDate', '<=', to)
      .where(underScope('p.orgId', scope))
      .groupBy(['p.campaignId', 'c.name', 'q.year', 'q.quarter', 'q.dueDate'])
      .orderBy('q.dueDate')
      .orderBy('c.name')
      .execute();
    return rows.map((r) => ({ ...r, pending: toInt(r.n) }));
  }

  /** Pending reports of approved projects due before `today`. */
  async overdueReports(scope: SubtreeScope, today: string): Promise<number> {
    const r = await this.db
      .selectFrom('quarterlyReports as q')
      .innerJoin('projects as p', 'p.id', 'q.projectId')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('q.status', '=', 'pending')
      .where('p.status', '=', 'approved')
      .where('q.dueDate', '<', today)
      .where(underScope('p.orgId', scope))
      .executeTakeFirst();
    return toInt(r?.n);
  }

  /** Due date and filing instant of every filed (or rated) report in the scope. */
  filedReports(scope: SubtreeScope) {
    return this.db
      .selectFrom('quarterlyReports as q')
      .innerJoin('projects as p', 'p.id', 'q.projectId')
      .select(['q.dueDate', 'q.filedAt'])
      .where('q.status', 'in', ['filed', 'rated'])
      .where(underScope('p.orgId', scope))
      .execute();
  }

  /** Supervision notices not closed in the scope: counts, and the first `limit` (answered first, then by date). */
  async notices(scope: SubtreeScope, today: string, limit: number) {
    const base = this.db
      .selectFrom('supervisionNotices as s')
      .innerJoin('projects as p', 'p.id', 's.projectId')
      .where('s.status', 'in', ['open', 'answered'])
      .where(underScope('p.orgId', scope));
    const [counts, rows] = await Promise.all([
      base
        .select((eb) => [
          's.status',
          eb.fn.countAll().as('n'),
          eb.fn.count(eb.case().when('s.answerBy', '<', today).then(1).end()).as('late'),
        ])
        .groupBy('s.status')
        .execute(),
      base
        .select(['s.id', 's.projectId', 'p.title as projectTitle', 's.status', 's.answerBy'])
        .orderBy(sql`case when ${sql.ref('s.status')} = 'answered' then 0 else 1 end`)
        .orderBy('s.answerBy')
        .orderBy('s.id')
        .limit(limit)
        .execute(),
    ]);
    const of = (status: string) => counts.find((c) => c.status === status);
    return {
      open: toInt(of('open')?.n),
      overdue: toInt(of('open')?.late),
      answered: toInt(of('answered')?.n),
      rows,
    };
  }

  /**
   * The projects of a team's organisations (bounded), each with what decides its next step: the
   * earliest pending report, the earliest open supervision notice, the open meeting it is on.
   */
  async teamProjects(scope: SubtreeScope, today: string, max = 500): Promise<TeamProjectRow[]> {
    const rows = await this.db
      .selectFrom('projects as p')
      .innerJoin('campaigns as c', 'c.id', 'p.campaignId')
      .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
      .select([
        'p.id',
        'p.title',
        'p.code',
        'p.status',
        'p.campaignId',
        'p.lastDecisionNote',
        'c.name as campaignName',
        'c.declareTo',
        'o.name as orgName',
      ])
      .select((eb) => [
        eb
          .selectFrom('quarterlyReports as q')
          .whereRef('q.projectId', '=', 'p.id')
          .where('q.status', '=', 'pending')
          .select((sub) => sub.fn.min('q.dueDate').as('d'))
          .as('nextReportDue'),
        eb
          .selectFrom('quarterlyReports as q')
          .whereRef('q.projectId', '=', 'p.id')
          .where('q.status', '=', 'pending')
          .where('q.dueDate', '<', today)
          .select(eb.fn.countAll().as('n'))
          .as('overdueReports'),
        eb
          .selectFrom('supervisionNotices as s')
          .whereRef('s.projectId', '=', 'p.id')
          .where('s.status', '=', 'open')
          .select(eb.fn.countAll().as('n'))
          .as('openNotices'),
        eb
          .selectFrom('supervisionNotices as s')
          .whereRef('s.projectId', '=', 'p.id')
          .where('s.status', '=', 'open')
          .select((sub) => sub.fn.min('s.answerBy').as('d'))
          .as('nextAnswerBy'),
        eb
          .selectFrom('reviewItems as i')
          .innerJoin('reviewMeetings as m', 'm.id', 'i.meetingId')
          .whereRef('i.projectId', '=', 'p.id')
          .where('m.status', '=', 'open')
          .select((sub) => sub.fn.min('m.meetingDate').as('d'))
          .as('meetingDate'),
      ])
      .where(underScope('p.orgId', scope))
      .orderBy('p.id', 'desc')
      .limit(max)
      .execute();
    return rows.map((r) => ({
      ...r,
      nextReportDue: (r.nextReportDue as string | null) ?? null,
      nextAnswerBy: (r.nextAnswerBy as string | null) ?? null,
      meetingDate: (r.meetingDate as string | null) ?? null,
      overdueReports: toInt(r.overdueReports),
      openNotices: toInt(r.openNotices),
    }));
  }

  /** The types of some Party organisations. */
  async orgTypes(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('partyOrgs')
      .select('type')
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((r) => r.type);
  }
}
