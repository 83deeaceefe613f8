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

  /** Links uploads made before their project was known (only those still unlinked). */
  async linkToProject(ids: readonly string[], projectId: string) {
    if (ids.length === 0) return;
    await this.db
      .updateTable('attachments')
      .set({ projectId })
      .where('id', 'in', [...new Set(ids)])
      .where('projectId', 'is', null)
      .execute();
  }
}
