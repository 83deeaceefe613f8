import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * A worker's registration photo (issue 12): the upload is linked to its worker (`worker_id`) when the
 * registration is saved, as a visit links its photos; a linked photo is read with the worker's read
 * scope (or by the worker) and is not an "unlinked upload" for the 24-hour cleanup.
 */
export const workersMore: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable('attachments')
      .addColumn('worker_id', t.id, (c) => c.references('workers.id'))
      .execute();
    await db.schema.createIndex('attachments_worker_idx').on('attachments').column('worker_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('attachments_worker_idx').execute();
    await db.schema.alterTable('attachments').dropColumn('worker_id').execute();
  },
};
