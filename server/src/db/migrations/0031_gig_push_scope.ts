import type { Kysely } from 'kysely';
import type { PortableMigration } from '../portability';

/**
 * 零工快招 (issue 13), pushing at scale:
 *  - `gig_jobs.push_scope`: `top` (the default: the job goes to its GIG_PUSH_TOP best matches) or
 *    `all` (staff broadcast a job — a county-wide drive — to every match, up to GIG_PUSH_MAX).
 *  - `gig_preferences_distance_idx`: the widest maximum distance any worker asks for is read from it
 *    (one index step), so a job's candidate box is that wide rather than the 100 km the form allows.
 */
export const gigPushScope: PortableMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('gig_jobs')
      .addColumn('push_scope', 'text', (c) => c.notNull().defaultTo('top'))
      .execute();
    await db.schema
      .createIndex('gig_preferences_distance_idx')
      .on('gig_preferences')
      .column('max_distance_km')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('gig_preferences_distance_idx').execute();
    await db.schema.alterTable('gig_jobs').dropColumn('push_scope').execute();
  },
};
