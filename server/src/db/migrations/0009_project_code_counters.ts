import { sql, type Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Project codes allocated safely under concurrency (issue 10): one counter row per campaign holds
 * the last sequence number given out. Approval takes the next one in a single statement
 * (`INSERT … ON CONFLICT DO UPDATE SET last_seq = last_seq + 1 RETURNING`) inside the meeting's
 * closing transaction, so the row stays locked until commit: concurrent closings wait their turn,
 * and a closing that rolls back gives its number back (codes stay consecutive). The unique
 * constraints on projects (campaign, seq) and (campaign, code) remain the backstop. Counters start
 * from the codes already given.
 */
export const projectCodeCounters: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('project_code_counters')
      .addColumn('campaign_id', t.id, (c) => c.primaryKey().references('campaigns.id'))
      .addColumn('last_seq', t.int, (c) => c.notNull())
      .execute();
    await sql`
      insert into project_code_counters (campaign_id, last_seq)
      select campaign_id, max(seq) from projects
      where seq is not null
      group by campaign_id`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('project_code_counters').execute();
  },
};
