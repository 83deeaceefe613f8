import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * A filed quarterly report appears in the project's progress feed (issue 9): the post it makes
 * points at the report, so the feed labels it by the quarter reported on (a Q1 report filed on
 * 8 April is 第一季度, not the 第二季度 of its filing date). Other posts keep `report_id` null.
 */
export const progressReportPosts: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable('progress_posts')
      .addColumn('report_id', t.id, (c) => c.references('quarterly_reports.id'))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('progress_posts').dropColumn('report_id').execute();
  },
};
