import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Photos of a visit (走访照片, issue 11): an upload is linked to a visit (`visit_id`) when the visit
 * is saved, as progress posts link theirs to a project. A linked photo is read with the visit's read
 * scope and is not an "unlinked upload" for the 24-hour cleanup.
 */
export const visitPhotos: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable('attachments')
      .addColumn('visit_id', t.id, (c) => c.references('visits.id'))
      .execute();
    await db.schema.createIndex('attachments_visit_idx').on('attachments').column('visit_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('attachments_visit_idx').execute();
    await db.schema.alterTable('attachments').dropColumn('visit_id').execute();
  },
};
