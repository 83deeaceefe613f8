import type { Kysely } from 'kysely';
import type { PortableMigration } from '../portability';

/**
 * 监管驾驶舱 at city scale (issue 15): the indexes the dashboard's period counts read.
 *  - `workers_verified_idx`: 认证人数 per county and period (`workers.verified`) is a range of
 *    (region, status, verified_at) instead of a scan of every worker of the region.
 *  - `demands_host_received_idx`: the demand figures (received, resolved, by category, by the firms
 *    a Party organisation manages) read (firm, received date) ranges from the index alone.
 */
export const dashboardIndexes: PortableMigration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('workers_verified_idx')
      .on('workers')
      .columns(['region_code', 'status', 'verified_at'])
      .execute();
    await db.schema
      .createIndex('demands_host_received_idx')
      .on('demands')
      .columns(['host_org_id', 'received_on', 'resolved_at', 'category'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('demands_host_received_idx').execute();
    await db.schema.dropIndex('workers_verified_idx').execute();
  },
};
