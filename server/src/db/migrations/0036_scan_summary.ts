import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';
import { rebuildScanSummary } from '../dashboard-summaries';

/**
 * 监管驾驶舱 at city scale (issue 15): the daily summary behind the 小哥码 scan figures.
 *  - `scan_daily_stats`: per managing organisation of the scanned compound, Asia/Shanghai date of
 *    the scan and verdict, the scans. Written in the same transaction as every scan (the scan log's
 *    batch insert, the offline upload; scans are append-only) and filled here from the scans that
 *    exist (the same rebuild as `npm run rebuild-summaries`). A figure over an area is a sum over
 *    the organisations under it (org_closure), over the period's dates.
 */
export const scanSummary: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('scan_daily_stats')
      .addColumn('managing_org_id', t.id, (c) => c.notNull())
      .addColumn('scanned_on', t.date, (c) => c.notNull())
      .addColumn('verdict', t.text, (c) => c.notNull())
      .addColumn('n', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_daily_stats_pk', ['managing_org_id', 'scanned_on', 'verdict'])
      .execute();
    await rebuildScanSummary(db, dialect);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('scan_daily_stats').execute();
  },
};
