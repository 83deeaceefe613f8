import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Log-in throttling (replaces the lock in users.failed_logins / locked_until, which stay but no longer
 * decide anything). One row per account and client address, and one per account across all addresses;
 * an attempt is claimed in one upsert before the password is checked. Unknown log-in names get rows too
 * (keyed by a hash of the name), so they answer like real accounts. In the database, so every server
 * process on one PostgreSQL shares it.
 */
export const loginThrottle: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('login_throttle')
      // `<account key>` for the account-wide row, `<account key>@<address hash>` for one address.
      .addColumn('id', t.text, (c) => c.primaryKey())
      // `u:<user id>` for an account, `n:<hash of the log-in name>` for a name that matches none.
      .addColumn('account_key', t.text, (c) => c.notNull())
      // The user behind a real account (null for an unknown name): the user list and unlock use it.
      .addColumn('user_id', t.id)
      // 'address' or 'account'.
      .addColumn('scope', t.text, (c) => c.notNull())
      .addColumn('failures', t.int, (c) => c.notNull())
      .addColumn('blocked_until', t.timestamp)
      .addColumn('last_attempt_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_throttle_user_idx').on('login_throttle').columns(['user_id']).execute();
    await db.schema
      .createIndex('login_throttle_last_attempt_idx')
      .on('login_throttle')
      .columns(['last_attempt_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('login_throttle').execute();
  },
};
