import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The field key's canary (issue 16): one row per protected-data key role (`name` 'field'), holding a
 * known text encrypted under the key the database is at. A process whose SECRET_KEY does not open it
 * refuses to start (server/src/db/key-canary.ts). `rotating_to` names the key a rotation under way
 * (`npm run rotate-key`) is moving the protected fields to; null when none is.
 */
export const keyCanary: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('key_canary')
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('check_value', t.text, (c) => c.notNull())
      .addColumn('rotating_to', t.text)
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('key_canary').execute();
  },
};
