import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';
import { rebuildDemandSummary, rebuildWorkerSummary } from '../dashboard-summaries';

/**
 * 监管驾驶舱 at city scale (issue 15): daily summaries behind the heaviest dashboard figures, kept
 * in the same transaction as every write that changes them (the repositories' `withSummary`) and
 * filled here from the rows that exist (the same rebuild as `npm run rebuild-summaries`).
 *  - `demand_daily_stats`: per managing organisation of the firm, received date, category and
 *    sign-off date — the demands and the counts of the list's measures (resolved, accepted, signed
 *    on time, rated, satisfied). A figure over an area is a sum over the organisations under it.
 *  - `worker_daily_stats`: per region and Asia/Shanghai date of verification, the workers verified
 *    (status verified, not deleted).
 */
export const dashboardSummaries: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('demand_daily_stats')
      .addColumn('managing_org_id', t.id, (c) => c.notNull())
      .addColumn('received_on', t.date, (c) => c.notNull())
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('sign_due_on', t.date, (c) => c.notNull())
      .addColumn('n', t.int, (c) => c.notNull())
      .addColumn('resolved', t.int, (c) => c.notNull())
      .addColumn('accepted', t.int, (c) => c.notNull())
      .addColumn('signed_on_time', t.int, (c) => c.notNull())
      .addColumn('rated', t.int, (c) => c.notNull())
      .addColumn('satisfied', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('demand_daily_stats_pk', ['managing_org_id', 'received_on', 'category', 'sign_due_on'])
      .execute();
    await db.schema
      .createTable('worker_daily_stats')
      .addColumn('region_code', t.text, (c) => c.notNull())
      .addColumn('verified_on', t.date, (c) => c.notNull())
      .addColumn('n', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('worker_daily_stats_pk', ['region_code', 'verified_on'])
      .execute();
    await rebuildDemandSummary(db);
    await rebuildWorkerSummary(db, dialect);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('worker_daily_stats').execute();
    await db.schema.dropTable('demand_daily_stats').execute();
  },
};
