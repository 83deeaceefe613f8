import type { Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import { pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import { nowIso } from '../../core/time';
import type { IndicatorActualsTable, ProgressPostsTable, ProjectMilestonesTable } from '../../db/types';

export type ProgressPostRow = Selectable<ProgressPostsTable>;
export type MilestoneRow = Selectable<ProjectMilestonesTable>;
export type ActualRow = Selectable<IndicatorActualsTable> & { byName: string | null };

/** Progress posts, milestones, indicators and their actual values. */
export class ProgressRepository {
  constructor(private readonly db: Executor) {}

  /** A page of the feed, newest first; a report's post carries the year and quarter reported on. */
  async posts(projectId: string, limit: number, cursor?: string) {
    const q = this.db
      .selectFrom('progressPosts as pp')
      .leftJoin('quarterlyReports as q', 'q.id', 'pp.reportId')
      .selectAll('pp')
      .select(['q.year as reportYear', 'q.quarter as reportQuarter'])
      .where('pp.projectId', '=', projectId);
    return pageByIdDesc(q, 'pp.id', { limit, cursor });
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

  /** Completes a milestone still open at the given version; 409 when stale. */
  async completeMilestone(
    id: string,
    version: number,
    patch: { completedOn: string; evidence: string; attachmentIds: string },
  ) {
    await updateVersioned(this.db, 'projectMilestones', { id }, version, patch, {
      touch: false,
      guard: (eb) => eb('completedOn', 'is', null),
    });
  }

  /** Milestones and indicators of the approved version become records the project reports against. */
  async materialisePlan(
    projectId: string,
    milestones: { id: string; name: string; dueDate: string }[],
    indicators: {
      id: string;
      name: string;
      unit: string;
      baseline: number;
      target: number;
      figureKey: string | null;
      figureFrom: string | null;
      figureTo: string | null;
      figureOrgId: string | null;
    }[],
  ) {
    await this.db.deleteFrom('projectMilestones').where('projectId', '=', projectId).execute();
    await this.db.deleteFrom('projectIndicators').where('projectId', '=', projectId).execute();
    if (milestones.length) {
      await this.db
        .insertInto('projectMilestones')
        .values(
          milestones.map((m, position) => ({
            ...m,
            projectId,
            position,
            completedOn: null,
            evidence: null,
            attachmentIds: '[]',
          })),
        )
        .execute();
    }
    if (indicators.length) {
      await this.db
        .insertInto('projectIndicators')
        .values(indicators.map((i, position) => ({ ...i, projectId, position })))
        .execute();
    }
  }

  /** Sets the area a bound indicator counts over (null: the declaring organisation); 409 on a stale version. */
  async setIndicatorArea(id: string, version: number, figureOrgId: string | null) {
    await updateVersioned(this.db, 'projectIndicators', { id }, version, { figureOrgId }, { touch: false });
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

  /** One value of an indicator, recorded now. */
  async addActual(a: Omit<Selectable<IndicatorActualsTable>, 'recordedAt'>) {
    await this.insertActuals([{ ...a, recordedAt: nowIso() }]);
  }

  async insertActuals(rows: Selectable<IndicatorActualsTable>[]) {
    if (rows.length === 0) return;
    await this.db.insertInto('indicatorActuals').values(rows).execute();
  }
}
