import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';
import { rebuildPassSummaries } from '../dashboard-summaries';

/**
 * 监管驾驶舱 at city scale (issue 15): the summaries behind the 小哥码 validity and issue figures.
 *  - `pass_daily_stats`: per region of the pass's worker and Asia/Shanghai date, the passes issued,
 *    of those the active ones, and the active passes whose last valid day it is
 *    (`passSummarySelect`): passes valid at the end of a day are a running sum, issued ones a sum
 *    over the period.
 *  - `pass_monthly_stats`: the same per month (its first day), for a period's whole months.
 * Kept by the passes repository in the transaction of every issue, renewal and revocation and of a
 * worker's change of region; filled here from the passes that exist.
 */
export const passSummaries: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    for (const [table, column] of [
      ['pass_daily_stats', 'on_day'],
      ['pass_monthly_stats', 'in_month'],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn('region_code', t.text, (c) => c.notNull())
        .addColumn(column, t.date, (c) => c.notNull())
        .addColumn('issued', t.int, (c) => c.notNull())
        .addColumn('issued_active', t.int, (c) => c.notNull())
        .addColumn('expiring_active', t.int, (c) => c.notNull())
        // Date first: a figure reads a range of dates for every region.
        .addPrimaryKeyConstraint(`${table}_pk`, [column, 'region_code'])
        .execute();
    }
    await rebuildPassSummaries(db, dialect);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('pass_monthly_stats').execute();
    await db.schema.dropTable('pass_daily_stats').execute();
  },
};
