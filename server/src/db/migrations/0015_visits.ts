import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Enterprise visits (走访, issue 11): logged by a specialist or staff member (日常走访, 集中调研,
 * 政企座谈), or an online visit (线上访企) the firm fills in from a link. The link's secret is kept
 * only as its SHA-256 (`online_token_hash`); `visited_on`, `findings` stay empty until it is filled.
 */
export const visits: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('visits')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('visited_on', t.date)
      .addColumn('people', t.text)
      .addColumn('findings', t.text)
      .addColumn('note', t.text)
      .addColumn('contact_name', t.text)
      .addColumn('lat', t.real)
      .addColumn('lng', t.real)
      .addColumn('accuracy_m', t.real)
      .addColumn('online_token_hash', t.text, (c) => c.unique())
      .addColumn('online_expires_at', t.timestamp)
      .addColumn('completed_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('visits_host_org_idx').on('visits').columns(['host_org_id', 'visited_on']).execute();
    await db.schema.createIndex('visits_created_by_idx').on('visits').columns(['created_by', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('visits').execute();
  },
};
