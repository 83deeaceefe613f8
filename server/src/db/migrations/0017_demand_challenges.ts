import type { Kysely } from 'kysely';
import type { PortableMigration } from '../portability';

/**
 * Enterprise demands posted to the challenge board (揭榜) as a problem's evidence (issue 11). The link
 * is the existing `demands.challenge_id` (migration 0012): a demand backs at most one challenge, which
 * a single nullable column says by its shape (a link table would need a unique key on the demand to
 * say the same). This adds the index the board reads it by (a challenge's evidence demands) and the
 * resolution of a challenge's demands when its project is completed.
 */
export const demandChallenges: PortableMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('demands_challenge_idx').on('demands').column('challenge_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('demands_challenge_idx').execute();
  },
};
