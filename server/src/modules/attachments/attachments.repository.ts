import type { Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import type { AttachmentsTable } from '../../db/types';

export type AttachmentRow = Selectable<AttachmentsTable>;

export class AttachmentsRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: AttachmentRow) {
    await this.db.insertInto('attachments').values(row).execute();
  }

  get(id: string): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byIds(ids: readonly string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
  }

  /**
   * Links uploads made before their project was known (only those still unlinked); returns the ones
   * it linked. An upload removed by the cleanup meanwhile, or linked elsewhere, is not among them.
   */
  async linkToProject(ids: readonly string[], projectId: string): Promise<{ id: string; size: number }[]> {
    if (ids.length === 0) return [];
    return this.db
      .updateTable('attachments')
      .set({ projectId })
      .where('id', 'in', [...new Set(ids)])
      .where('projectId', 'is', null)
      .where('visitId', 'is', null)
      .where('workerId', 'is', null)
      .where('disputeCaseId', 'is', null)
      .returning(['id', 'size'])
      .execute();
  }

  /** Links unlinked uploads to a visit (only those still unlinked); returns the ones it linked. */
  async linkToVisit(ids: readonly string[], visitId: string): Promise<{ id: string; size: number }[]> {
    if (ids.length === 0) return [];
    return this.db
      .updateTable('attachments')
      .set({ visitId })
      .where('id', 'in', [...new Set(ids)])
      .where('projectId', 'is', null)
      .where('visitId', 'is', null)
      .where('workerId', 'is', null)
      .where('disputeCaseId', 'is', null)
      .returning(['id', 'size'])
      .execute();
  }

  /** Deletes photos of one visit (only those linked to it) and returns the rows deleted. */
  async deleteVisitPhotos(ids: readonly string[], visitId: string): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .deleteFrom('attachments')
      .where('id', 'in', [...new Set(ids)])
      .where('visitId', '=', visitId)
      .returningAll()
      .execute();
  }

  /** Links an unlinked upload to a worker as their photo; true when it did. */
  async linkToWorker(id: string, workerId: string): Promise<{ id: string; size: number } | undefined> {
    return this.db
      .updateTable('attachments')
      .set({ workerId })
      .where('id', '=', id)
      .where('projectId', 'is', null)
      .where('visitId', 'is', null)
      .where('workerId', 'is', null)
      .where('disputeCaseId', 'is', null)
      .returning(['id', 'size'])
      .executeTakeFirst();
  }

  /** Links unlinked uploads to a dispute case as its evidence (only those still unlinked); returns the ones it linked. */
  async linkToDisputeCase(ids: readonly string[], caseId: string): Promise<{ id: string; size: number }[]> {
    if (ids.length === 0) return [];
    return this.db
      .updateTable('attachments')
      .set({ disputeCaseId: caseId })
      .where('id', 'in', [...new Set(ids)])
      .where('projectId', 'is', null)
      .where('visitId', 'is', null)
      .where('workerId', 'is', null)
      .where('disputeCaseId', 'is', null)
      .returning(['id', 'size'])
      .execute();
  }

  /** The evidence of one dispute case, oldest first. */
  ofDisputeCase(caseId: string): Promise<AttachmentRow[]> {
    return this.db.selectFrom('attachments').selectAll().where('disputeCaseId', '=', caseId).orderBy('id').execute();
  }

  /** The photos of these visits, oldest first. */
  async ofVisits(visitIds: readonly string[]): Promise<AttachmentRow[]> {
    if (visitIds.length === 0) return [];
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('visitId', 'in', [...new Set(visitIds)])
      .orderBy('id')
      .execute();
  }

  /**
   * Deletes at most `limit` uploads still unlinked and uploaded before `before`, and returns them.
   * One statement: the condition is checked again on each row as it is deleted, so an upload a save
   * links at the same moment is kept (PostgreSQL re-reads a row another transaction changed; SQLite
   * runs one writer at a time), and two processes never both delete (and count) the same row.
   */
  deleteUnlinkedBefore(before: string, limit: number): Promise<AttachmentRow[]> {
    return this.db
      .deleteFrom('attachments')
      .where('projectId', 'is', null)
      .where('visitId', 'is', null)
      .where('workerId', 'is', null)
      .where('disputeCaseId', 'is', null)
      .where('uploadedAt', '<', before)
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('attachments')
          .select('id')
          .where('projectId', 'is', null)
          .where('visitId', 'is', null)
          .where('workerId', 'is', null)
          .where('disputeCaseId', 'is', null)
          .where('disputeCaseId', 'is', null)
          .where('uploadedAt', '<', before)
          .orderBy('uploadedAt')
          .limit(limit),
      )
      .returningAll()
      .execute();
  }

  // ——— upload quotas: each a single statement, never read-modify-write ———

  /**
   * Adds `bytes` to what the user uploaded on `day` unless the total would pass `quota`; false when
   * it would (nothing changes). Parallel uploads queue on the row (PostgreSQL) or run one at a time
   * (SQLite), and each sees the total the previous one left.
   */
  async chargeDaily(userId: string, day: string, bytes: number, quota: number): Promise<boolean> {
    if (bytes > quota) return false;
    const row = await this.db
      .insertInto('uploadDailyUsage')
      .values({ userId, day, bytes })
      .onConflict((oc) =>
        oc
          .columns(['userId', 'day'])
          .doUpdateSet((eb) => ({ bytes: eb('uploadDailyUsage.bytes', '+', eb.ref('excluded.bytes')) }))
          .where((eb) => eb(eb('uploadDailyUsage.bytes', '+', eb.ref('excluded.bytes')), '<=', quota)),
      )
      .returning('bytes')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Adds `bytes` to what the user holds unlinked unless that would pass `quota`; false when it would. */
  async chargeUnlinked(userId: string, bytes: number, quota: number): Promise<boolean> {
    if (bytes > quota) return false;
    const row = await this.db
      .insertInto('uploadUnlinkedUsage')
      .values({ userId, bytes })
      .onConflict((oc) =>
        oc
          .column('userId')
          .doUpdateSet((eb) => ({ bytes: eb('uploadUnlinkedUsage.bytes', '+', eb.ref('excluded.bytes')) }))
          .where((eb) => eb(eb('uploadUnlinkedUsage.bytes', '+', eb.ref('excluded.bytes')), '<=', quota)),
      )
      .returning('bytes')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Takes `bytes` off what the user holds unlinked (an upload was linked or removed); never below 0. */
  async releaseUnlinked(userId: string, bytes: number) {
    if (bytes <= 0) return;
    await this.db
      .updateTable('uploadUnlinkedUsage')
      .set((eb) => ({
        bytes: eb
          .case()
          .when('bytes', '>', bytes)
          .then(eb('bytes', '-', bytes))
          .else(0)
          .end(),
      }))
      .where('userId', '=', userId)
      .execute();
  }

  /** What the user holds unlinked and uploaded on `day` (for tests and support). */
  async usage(userId: string, day: string): Promise<{ daily: number; unlinked: number }> {
    const [d, u] = await Promise.all([
      this.db
        .selectFrom('uploadDailyUsage')
        .select('bytes')
        .where('userId', '=', userId)
        .where('day', '=', day)
        .executeTakeFirst(),
      this.db.selectFrom('uploadUnlinkedUsage').select('bytes').where('userId', '=', userId).executeTakeFirst(),
    ]);
    return { daily: d?.bytes ?? 0, unlinked: u?.bytes ?? 0 };
  }

  /** Drops the daily counters of days before `day` (they no longer limit anything). */
  async forgetDaysBefore(day: string): Promise<number> {
    const r = await this.db.deleteFrom('uploadDailyUsage').where('day', '<', day).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
