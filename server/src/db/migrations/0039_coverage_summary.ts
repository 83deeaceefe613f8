import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';
import { rebuildCoverageSummary } from '../dashboard-summaries';

/**
 * 监管驾驶舱 at city scale (issue 15): the summary behind the 两个覆盖 report by region.
 *  - `host_org_coverage_stats`: per region, managing organisation and parent of the firm's own Party
 *    organisation ('' for none), the report's counters over the firms not deleted
 *    (`coverageSummarySelect`). Kept by the host-organisation writes (the form, the ledger import) and
 *    a move of a Party organisation in the tree, in the write's transaction; filled here.
 */
export const coverageSummary: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    let table = db.schema
      .createTable('host_org_coverage_stats')
      .addColumn('region_code', t.text, (c) => c.notNull())
      .addColumn('managing_org_id', t.id, (c) => c.notNull())
      .addColumn('party_parent_id', t.text, (c) => c.notNull());
    for (const counter of [
      'total',
      'org_covered_own',
      'org_covered_joint',
      'work_covered_only',
      'uncovered',
      'three_has_total',
      'three_has_uncovered',
    ])
      table = table.addColumn(counter, t.int, (c) => c.notNull());
    await table
      .addPrimaryKeyConstraint('host_org_coverage_stats_pk', ['region_code', 'managing_org_id', 'party_parent_id'])
      .execute();
    await rebuildCoverageSummary(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('host_org_coverage_stats').execute();
  },
};
