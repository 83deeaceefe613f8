import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

export const foundation: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;

    await s
      .createTable('regions')
      .addColumn('code', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('parent_code', t.id, (c) => c.references('regions.code'))
      .addColumn('level', t.int, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('regions_parent_idx').on('regions').column('parent_code').execute();

    await s
      .createTable('region_closure')
      .addColumn('ancestor_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('descendant_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('depth', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('region_closure_pk', ['ancestor_code', 'descendant_code'])
      .execute();
    await s.createIndex('region_closure_desc_idx').on('region_closure').columns(['descendant_code', 'depth']).execute();

    await s
      .createTable('users')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('username', t.text, (c) => c.notNull().unique())
      .addColumn('display_name', t.text, (c) => c.notNull())
      .addColumn('mobile_enc', t.text)
      .addColumn('mobile_hash', t.text, (c) => c.unique())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('must_change_password', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', t.timestamp)
      .addColumn('disabled', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('locale', t.text, (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('last_login_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();

    await s
      .createTable('party_orgs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('parent_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('secretary_name', t.text, (c) => c.notNull())
      .addColumn('secretary_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('contact_phone_enc', t.text)
      .addColumn('established_on', t.date)
      .addColumn('member_count', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('note', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await s.createIndex('party_orgs_parent_idx').on('party_orgs').column('parent_id').execute();

    await s
      .createTable('org_closure')
      .addColumn('ancestor_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('descendant_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('depth', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('org_closure_pk', ['ancestor_id', 'descendant_id'])
      .execute();
    await s.createIndex('org_closure_desc_idx').on('org_closure').columns(['descendant_id', 'depth']).execute();

    await s
      .createTable('instructors')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('mobile_enc', t.text, (c) => c.notNull())
      .addColumn('party_org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('title', t.text)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('instructors_org_idx').on('instructors').column('party_org_id').execute();

    await s
      .createTable('host_orgs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('credit_code', t.text, (c) => c.notNull().unique())
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('industry', t.text, (c) => c.notNull())
      .addColumn('size_class', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('park', t.text)
      .addColumn('address', t.text)
      .addColumn('staff_count', t.int, (c) => c.notNull())
      .addColumn('party_member_count', t.int, (c) => c.notNull())
      .addColumn('managing_org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('party_org_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('instructor_id', t.id, (c) => c.references('instructors.id'))
      .addColumn('specialist_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('coverage_status', t.text, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await s.createIndex('host_orgs_managing_idx').on('host_orgs').columns(['managing_org_id', 'id']).execute();
    await s.createIndex('host_orgs_party_org_idx').on('host_orgs').column('party_org_id').execute();
    await s.createIndex('host_orgs_region_idx').on('host_orgs').columns(['region_code', 'id']).execute();
    await s.createIndex('host_orgs_specialist_idx').on('host_orgs').column('specialist_user_id').execute();

    await s
      .createTable('role_bindings')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('org_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('host_org_id', t.id, (c) => c.references('host_orgs.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('role_bindings_user_idx').on('role_bindings').column('user_id').execute();
    await s.createIndex('role_bindings_org_idx').on('role_bindings').columns(['org_id', 'role']).execute();

    await s
      .createTable('sessions')
      .addColumn('id_hash', t.text, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('ip', t.text)
      .addColumn('user_agent', t.text)
      .execute();
    await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await s
      .createTable('audit_logs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('user_id', t.id)
      .addColumn('user_name', t.text)
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('entity_type', t.text)
      .addColumn('entity_id', t.text)
      .addColumn('entity_label', t.text)
      .addColumn('changes', t.json, (c) => c.notNull())
      .addColumn('ip', t.text)
      .addColumn('request_id', t.text)
      .addColumn('scope_org_id', t.id)
      .execute();
    await s.createIndex('audit_logs_entity_idx').on('audit_logs').columns(['entity_type', 'entity_id']).execute();
    await s.createIndex('audit_logs_user_idx').on('audit_logs').columns(['user_id', 'id']).execute();
    await s.createIndex('audit_logs_scope_idx').on('audit_logs').columns(['scope_org_id', 'id']).execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'audit_logs',
      'sessions',
      'role_bindings',
      'host_orgs',
      'instructors',
      'org_closure',
      'party_orgs',
      'users',
      'region_closure',
      'regions',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
