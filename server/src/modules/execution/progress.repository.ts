import type { Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import type { IndicatorActualsTable, ProgressPostsTable, ProjectMilestonesTable } from '../../db/types';

export type ProgressPostRow = Selectable<ProgressPostsTable>;
export type MilestoneRow = Selectable<ProjectMilestonesTable>;
export type ActualRow = Selectable<IndicatorActualsTable> & { byName: string | null };

/** Progress posts, milestones, indicators and their actual values. */
export class ProgressRepository {
  constructor(private readonly db: Executor) {}

  /** A page of the feed, newest first; a report's post carries the year and quarter reported on. */
  async posts(projectId: string, limit: number, cursor?: string) {
    let q = this.db
      .selectFrom('progressPosts as pp')
      .leftJoin('quarterlyReports as q', 'q.id', 'pp.reportId')
      .selectAll('pp')
      .select(['q.year as reportYear', 'q.quarter as reportQuarter'])
      .where('pp.projectId', '=', projectId);
    if (cursor) q = q.where('pp.id', '<', cursor);
    const rows = await q
      .orderBy('pp.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  post(id: string) {
    return this.db.selectFrom('progressPosts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertPost(row: ProgressPostRow) {
    await this.db.insertInto('progressPosts').values(row).execute();
  }

  milestones(projectId: string): Promise<MilestoneRow[]> {
    return this.db
      .selectFrom('projectMilestones')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('position')
      .execute();
  }

  milestone(projectId: string, id: string): Promise<MilestoneRow | undefined> {
    return this.db
      .selectFrom('projectMilestones')
      .selectAll()
      .where('projectId', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Completes a milestone still open at the given version. */
  async completeMilestone(
    id: string,
    version: number,
    patch: { completedOn: string; evidence: string; attachmentIds: string },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('projectMilestones')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('completedOn', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  indicators(projectId: string) {
    return this.db
      .selectFrom('projectIndicators')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('position')
      .execute();
  }

  /** Every recorded value of the given indicators, oldest first, with the recorder's name. */
  async actuals(indicatorIds: readonly string[]): Promise<ActualRow[]> {
    if (indicatorIds.length === 0) return [];
    return this.db
      .selectFrom('indicatorActuals as a')
      .leftJoin('users as u', 'u.id', 'a.recordedBy')
      .selectAll('a')
      .select('u.displayName as byName')
      .where('a.indicatorId', 'in', [...indicatorIds])
      .orderBy('a.recordedOn')
      .orderBy('a.recordedAt')
      .orderBy('a.id')
      .execute();
  }

  async insertActuals(rows: Selectable<IndicatorActualsTable>[]) {
    if (rows.length === 0) return;
    await this.db.insertInto('indicatorActuals').values(rows).execute();
  }
}
