import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Excel imports of the host-organisation ledger (issue 11): one row per uploaded file. The dry run
 * (validating → validated) and the commit (committing → done) are background jobs that write their
 * counts, progress and the first errors (JSON, capped) here; `scope_json` keeps the uploader's write
 * scope so a job resumed later decides exactly as the upload would have.
 */
export const ledgerImports: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('host_org_imports')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('scope_org_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('scope_json', t.json, (c) => c.notNull())
      .addColumn('filename', t.text, (c) => c.notNull())
      .addColumn('file_path', t.text, (c) => c.notNull())
      .addColumn('file_size', t.int, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('mode', t.text)
      .addColumn('failure_code', t.text)
      .addColumn('total', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('valid', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('invalid', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('created', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('updated', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('unchanged', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('progress_done', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('progress_total', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('errors_json', t.json, (c) => c.notNull())
      .addColumn('error_count', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('host_org_imports_created_by_idx')
      .on('host_org_imports')
      .column('created_by')
      .execute();
    await db.schema.createIndex('host_org_imports_scope_idx').on('host_org_imports').column('scope_org_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('host_org_imports').execute();
  },
};
