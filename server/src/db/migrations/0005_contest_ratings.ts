import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The daily-work ratings a contest's results used, frozen when the results are published, so a
 * published score does not move when a quarterly report is rated or re-rated afterwards.
 */
export const contestRatings: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('contests').addColumn('daily_work_ratings', t.json).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('contests').dropColumn('daily_work_ratings').execute();
  },
};
