import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The registry of new-employment workers (新就业群体, issue 12): riders, couriers, drivers. It is the
 * one table the worker services share — 小哥码 passes, 驿家 check-ins, gig hiring, disputes — so it
 * landed on its own before them.
 *  - `id_number_enc` (GB 11643, field cipher) is never listed; `id_number_hash` (the cipher's keyed
 *    lookup hash) refuses a second registration of the same person; `id_number_masked`
 *    (`3202**********1234`) is what lists show, kept so a list never decrypts.
 *  - `mobile_enc` / `mobile_hash` as for users.
 *  - `user_id` is the worker's own account (self-registration or linked later); at most one worker each.
 *  - `status`: pending → verified | rejected (a station manager or staff verifies); verified → disabled.
 *  - `party_org_id`: the Party organisation a member 亮身份 with (null when not a member or not stated).
 */
export const workers: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('workers')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.unique().references('users.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('mobile_enc', t.text, (c) => c.notNull())
      .addColumn('mobile_hash', t.text, (c) => c.notNull())
      .addColumn('id_number_enc', t.text, (c) => c.notNull())
      .addColumn('id_number_hash', t.text, (c) => c.notNull().unique())
      .addColumn('id_number_masked', t.text, (c) => c.notNull())
      .addColumn('platform', t.text, (c) => c.notNull())
      .addColumn('occupation', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('party_member', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('party_org_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('photo_attachment_id', t.id, (c) => c.references('attachments.id'))
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('registered_via', t.text, (c) => c.notNull())
      .addColumn('verified_by', t.id, (c) => c.references('users.id'))
      .addColumn('verified_at', t.timestamp)
      .addColumn('reject_reason', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema.createIndex('workers_region_idx').on('workers').columns(['region_code', 'status', 'id']).execute();
    await db.schema.createIndex('workers_mobile_idx').on('workers').column('mobile_hash').execute();
    await db.schema.createIndex('workers_platform_idx').on('workers').columns(['platform', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('workers').execute();
  },
};
