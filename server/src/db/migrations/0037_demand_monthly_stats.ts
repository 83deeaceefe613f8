import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';
import { rebuildDemandMonthlySummary } from '../dashboard-summaries';

/**
 * 监管驾驶舱 at city scale (issue 15): the monthly roll-up of `demand_daily_stats`.
 *  - `demand_monthly_stats`: per managing organisation of the firm, month received (its first day),
 *    category and — for demands not yet signed for only — sign-off date, the same counters as the
 *    daily rows. A figure sums these over a period's whole months and the daily rows over its partial
 *    months. Written with the daily rows in every demand write's transaction, filled here from the
 *    demands that exist (the same rebuild as `npm run rebuild-summaries`).
 */
export const demandMonthlyStats: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('demand_monthly_stats')
      .addColumn('managing_org_id', t.id, (c) => c.notNull())
      .addColumn('received_month', t.date, (c) => c.notNull())
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('sign_due_on', t.date, (c) => c.notNull())
      .addColumn('n', t.int, (c) => c.notNull())
      .addColumn('resolved', t.int, (c) => c.notNull())
      .addColumn('accepted', t.int, (c) => c.notNull())
      .addColumn('signed_on_time', t.int, (c) => c.notNull())
      .addColumn('rated', t.int, (c) => c.notNull())
      .addColumn('satisfied', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('demand_monthly_stats_pk', [
        'managing_org_id',
        'received_month',
        'category',
        'sign_due_on',
      ])
      .execute();
    await rebuildDemandMonthlySummary(db, dialect);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('demand_monthly_stats').execute();
  },
};
