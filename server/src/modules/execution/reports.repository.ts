import type { Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { updateBumping, updateVersioned } from '../../db/repo-helpers';
import type { QuarterlyReportsTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

export type ReportRow = Selectable<QuarterlyReportsTable> & {
  projectTitle: string;
  projectCode: string | null;
  orgId: string;
  filedByName: string | null;
  ratedByName: string | null;
};

/** Quarterly reports (季度分析): one row per project and quarter, pending until filed. */
export class ReportsRepository {
  constructor(private readonly db: Executor) {}

  private base() {
    return this.db
      .selectFrom('quarterlyReports as q')
      .innerJoin('projects as p', 'p.id', 'q.projectId')
      .leftJoin('users as fu', 'fu.id', 'q.filedBy')
      .leftJoin('users as ru', 'ru.id', 'q.ratedBy')
      .selectAll('q')
      .select([
        'p.title as projectTitle',
        'p.code as projectCode',
        'p.orgId',
        'fu.displayName as filedByName',
        'ru.displayName as ratedByName',
      ]);
  }

  forProject(projectId: string): Promise<ReportRow[]> {
    return this.base().where('q.projectId', '=', projectId).orderBy('q.year').orderBy('q.quarter').execute();
  }

  get(id: string): Promise<ReportRow | undefined> {
    return this.base().where('q.id', '=', id).executeTakeFirst();
  }

  byQuarter(projectId: string, year: number, quarter: number): Promise<ReportRow | undefined> {
    return this.base()
      .where('q.projectId', '=', projectId)
      .where('q.year', '=', year)
      .where('q.quarter', '=', quarter)
      .executeTakeFirst();
  }

  /** Files a pending report; false when it is no longer pending (filed meanwhile). */
  async file(
    id: string,
    patch: {
      progress: string;
      crux: string;
      nextPlan: string;
      indicatorValues: string;
      attachmentIds: string;
      filedBy: string;
    },
  ): Promise<boolean> {
    return updateBumping(
      this.db,
      'quarterlyReports',
      { id },
      { ...patch, status: 'filed', filedAt: nowIso() },
      { touch: false, guard: (eb) => eb('status', '=', 'pending') },
    );
  }

  /** Rates a filed (or re-rates a rated) report at the given version; 409 when stale. */
  async rate(id: string, version: number, patch: { rating: string; ratingComment: string; ratedBy: string }) {
    await updateVersioned(
      this.db,
      'quarterlyReports',
      { id },
      version,
      { ...patch, status: 'rated', ratedAt: nowIso() },
      { touch: false, guard: (eb) => eb('status', 'in', ['filed', 'rated']) },
    );
  }

  /** One pending report for a quarter of an approved project, to be filed by its due date. */
  async insertPending(r: { id: string; projectId: string; year: number; quarter: number; dueDate: string }) {
    await this.db
      .insertInto('quarterlyReports')
      .values({
        ...r,
        status: 'pending',
        progress: null,
        crux: null,
        nextPlan: null,
        indicatorValues: '[]',
        attachmentIds: '[]',
        filedAt: null,
        filedBy: null,
        rating: null,
        ratingComment: null,
        ratedBy: null,
        ratedAt: null,
      })
      .execute();
  }

  /** The rating of the project's most recent rated quarter. */
  async latestRating(projectId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('quarterlyReports')
      .select('rating')
      .where('projectId', '=', projectId)
      .where('status', '=', 'rated')
      .orderBy('year', 'desc')
      .orderBy('quarter', 'desc')
      .executeTakeFirst();
    return r?.rating ?? null;
  }

  /**
   * One row per approved project of a campaign within the scope, with its report for one quarter
   * (if any) and its open supervision notices — a single statement however many projects.
   */
  overview(scope: SubtreeScope, campaignId: string, year: number, quarter: number) {
    return this.db
      .selectFrom('projects as p')
      .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
      .innerJoin('regions as r', 'r.code', 'p.regionCode')
      .leftJoin('quarterlyReports as q', (join) =>
        join.onRef('q.projectId', '=', 'p.id').on('q.year', '=', year).on('q.quarter', '=', quarter),
      )
      .select([
        'p.id as projectId',
        'p.code',
        'p.title',
        'p.seq',
        'o.name as orgName',
        'o.secretaryName',
        'r.name as regionName',
        'q.id as reportId',
        'q.status',
        'q.dueDate',
        'q.filedAt',
        'q.rating',
      ])
      .select((eb) =>
        eb
          .selectFrom('supervisionNotices as s')
          .whereRef('s.projectId', '=', 'p.id')
          .where('s.status', '!=', 'closed')
          .select(eb.fn.countAll().as('n'))
          .as('openSupervision'),
      )
      .where('p.campaignId', '=', campaignId)
      .where('p.status', '=', 'approved')
      .where(underScope('p.orgId', scope))
      .orderBy('p.seq')
      .orderBy('p.id')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, openSupervision: toInt(r.openSupervision) })));
  }

  /** Pending reports of approved projects due on or before `until` (overdue ones included). */
  reminderCandidates(until: string) {
    return this.db
      .selectFrom('quarterlyReports as q')
      .innerJoin('projects as p', 'p.id', 'q.projectId')
      .select([
        'q.id',
        'q.projectId',
        'q.year',
        'q.quarter',
        'q.dueDate',
        'p.title',
        'p.code',
        'p.orgId',
        'p.secretaryUserId',
      ])
      .where('q.status', '=', 'pending')
      .where('p.status', '=', 'approved')
      .where('q.dueDate', '<=', until)
      .orderBy('q.dueDate')
      .execute();
  }

  /** Active staff bound to each given organisation or one of its ancestors. */
  async staffOver(orgIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (orgIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('roleBindings as b')
      .innerJoin('orgClosure as c', 'c.ancestorId', 'b.orgId')
      .innerJoin('users as u', 'u.id', 'b.userId')
      .select(['c.descendantId as orgId', 'b.userId'])
      .where('b.role', '=', 'staff')
      .where('u.disabled', '=', 0)
      .where('c.descendantId', 'in', [...new Set(orgIds)])
      .execute();
    for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.userId]);
    return out;
  }
}
