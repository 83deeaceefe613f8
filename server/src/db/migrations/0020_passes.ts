import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * 小哥码 rider passes (issue 12): residential compounds (小区) in the pilot with their gates and guards
 * (门岗), the issuer keys, the passes, the versioned revocation list, and every scan at a gate.
 *  - `compounds.managing_org_id`: the Party organisation (or the host org's) that runs the compound's
 *    pilot; staff over it manage the compound (data scope by the Party-organisation tree).
 *  - `pass_keys`: Ed25519 issuer keys by key id; the private key (PKCS#8) under the field cipher. Status
 *    active (published, the newest signs) | retired (no longer published: its passes stop verifying).
 *  - `passes`: one pass per worker at a time; the token is signed on demand from the row (the payload is
 *    the row), so a rotated key re-signs it. `device_public_key` is the rider phone's key (raw, base64url).
 *  - `pass_revocations`: append-only; `version` is the list's version after that revocation.
 *  - `pass_scans.client_id`: the guard phone's id for the scan, unique, so an offline queue uploads once.
 */
export const passes: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('compounds')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('address', t.text)
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('managing_org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('host_org_id', t.id, (c) => c.references('host_orgs.id'))
      .addColumn('pilot', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('joined_on', t.date)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('compounds_org_idx')
      .on('compounds')
      .columns(['managing_org_id', 'pilot', 'joined_on'])
      .execute();
    await db.schema
      .createTable('compound_gates')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('compound_id', t.id, (c) => c.notNull().references('compounds.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema.createIndex('compound_gates_compound_idx').on('compound_gates').column('compound_id').execute();
    await db.schema
      .createTable('compound_guards')
      .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id'))
      .addColumn('compound_id', t.id, (c) => c.notNull().references('compounds.id'))
      .addColumn('gate_id', t.id, (c) => c.references('compound_gates.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('compound_guards_compound_idx').on('compound_guards').column('compound_id').execute();
    await db.schema
      .createTable('pass_keys')
      .addColumn('kid', t.id, (c) => c.primaryKey())
      .addColumn('public_key', t.text, (c) => c.notNull())
      .addColumn('private_key_enc', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('retired_at', t.timestamp)
      .addColumn('created_by', t.id, (c) => c.references('users.id'))
      .execute();
    await db.schema
      .createTable('passes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('worker_id', t.id, (c) => c.notNull().references('workers.id'))
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('scope', t.text, (c) => c.notNull())
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('device_alg', t.text)
      .addColumn('device_public_key', t.text)
      .addColumn('device_registered_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .addColumn('revoked_by', t.id, (c) => c.references('users.id'))
      .addColumn('revoke_reason', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('passes_worker_idx').on('passes').columns(['worker_id', 'status']).execute();
    await db.schema.createIndex('passes_expires_idx').on('passes').columns(['status', 'expires_at']).execute();
    await db.schema
      .createTable('pass_compounds')
      .addColumn('pass_id', t.id, (c) => c.notNull().references('passes.id'))
      .addColumn('compound_id', t.id, (c) => c.notNull().references('compounds.id'))
      .addPrimaryKeyConstraint('pass_compounds_pk', ['pass_id', 'compound_id'])
      .execute();
    await db.schema
      .createTable('pass_revocations')
      .addColumn('version', t.int, (c) => c.primaryKey())
      .addColumn('pass_id', t.id, (c) => c.notNull().unique().references('passes.id'))
      .addColumn('revoked_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('pass_scans')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('client_id', t.text, (c) => c.notNull().unique())
      .addColumn('pass_id', t.id, (c) => c.references('passes.id'))
      .addColumn('worker_id', t.id, (c) => c.references('workers.id'))
      .addColumn('compound_id', t.id, (c) => c.notNull().references('compounds.id'))
      .addColumn('gate_id', t.id, (c) => c.references('compound_gates.id'))
      .addColumn('guard_user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('scanned_at', t.timestamp, (c) => c.notNull())
      .addColumn('verdict', t.text, (c) => c.notNull())
      .addColumn('offline', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pass_scans_compound_idx')
      .on('pass_scans')
      .columns(['compound_id', 'scanned_at'])
      .execute();
    await db.schema
      .createIndex('pass_scans_worker_idx')
      .on('pass_scans')
      .columns(['worker_id', 'scanned_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'pass_scans',
      'pass_revocations',
      'pass_compounds',
      'passes',
      'pass_keys',
      'compound_guards',
      'compound_gates',
      'compounds',
    ])
      await db.schema.dropTable(table).execute();
  },
};
