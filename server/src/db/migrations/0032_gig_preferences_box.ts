import type { Kysely } from 'kysely';
import type { PortableMigration } from '../portability';

/**
 * 零工快招 (issue 13), matching at scale: the index a job's candidate box walks carries each worker's
 * maximum distance and id too, `(lat, lng, max_distance_km, worker_id)`, so the worker's own distance
 * box is checked on the index entry and only the workers inside it are looked up (at 1,000,000
 * workers about a third of those in the job's box). It replaces `gig_preferences_lat_lng_idx`, whose
 * columns it starts with.
 */
export const gigPreferencesBox: PortableMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('gig_preferences_box_idx')
      .on('gig_preferences')
      .columns(['lat', 'lng', 'max_distance_km', 'worker_id'])
      .execute();
    await db.schema.dropIndex('gig_preferences_lat_lng_idx').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('gig_preferences_lat_lng_idx').on('gig_preferences').columns(['lat', 'lng']).execute();
    await db.schema.dropIndex('gig_preferences_box_idx').execute();
  },
};
