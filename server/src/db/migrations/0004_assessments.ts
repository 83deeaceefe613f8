import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/** The annual assessment (年度党建工作考核): schemes per 社工部 and year, one sheet per Party organisation. */
export const assessments: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;

    await s
      .createTable('assessment_schemes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('year', t.int, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('items', t.json, (c) => c.notNull())
      .addColumn('mapping', t.json, (c) => c.notNull())
      .addColumn('thresholds', t.json, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('assessment_schemes_org_idx').on('assessment_schemes').columns(['org_id', 'id']).execute();

    await s
      .createTable('assessment_sheets')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('scheme_id', t.id, (c) => c.notNull().references('assessment_schemes.id'))
      .addColumn('party_org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('item_values', t.json, (c) => c.notNull())
      .addColumn('contest_source', t.json)
      .addColumn('total', t.real, (c) => c.notNull())
      .addColumn('complete', t.flag, (c) => c.notNull())
      .addColumn('grade', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', t.id, (c) => c.references('users.id'))
      .addUniqueConstraint('assessment_sheets_uq', ['scheme_id', 'party_org_id'])
      .execute();
    await s
      .createIndex('assessment_sheets_org_idx')
      .on('assessment_sheets')
      .columns(['party_org_id', 'scheme_id'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('assessment_sheets').execute();
    await db.schema.dropTable('assessment_schemes').execute();
  },
};
