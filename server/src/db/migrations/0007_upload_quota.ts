import { sql, type Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Upload quotas per user (issue #8): bytes uploaded per Asia/Shanghai day, and bytes held in uploads
 * not yet linked to a project (attachments.project_id null). Both are counters changed in one
 * statement each (`… ON CONFLICT … DO UPDATE … WHERE bytes + n <= quota`), so parallel uploads
 * cannot overshoot. The unlinked counter starts from the uploads already unlinked. A partial index
 * lets the hourly cleanup find old unlinked uploads without reading the linked ones.
 */
export const uploadQuota: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('upload_daily_usage')
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('day', t.date, (c) => c.notNull())
      .addColumn('bytes', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('upload_daily_usage_pk', ['user_id', 'day'])
      .execute();
    await db.schema
      .createTable('upload_unlinked_usage')
      .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id'))
      .addColumn('bytes', t.int, (c) => c.notNull())
      .execute();
    await sql`
      insert into upload_unlinked_usage (user_id, bytes)
      select uploaded_by, sum(size) from attachments
      where project_id is null and uploaded_by is not null
      group by uploaded_by`.execute(db);
    await db.schema
      .createIndex('attachments_unlinked_idx')
      .on('attachments')
      .column('uploaded_at')
      .where(sql.ref('project_id'), 'is', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('attachments_unlinked_idx').execute();
    await db.schema.dropTable('upload_unlinked_usage').execute();
    await db.schema.dropTable('upload_daily_usage').execute();
  },
};
