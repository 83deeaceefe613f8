import type { Executor } from '../../db/closure';
import { prepare } from '../../db/prepared';

const findStatement = prepare((db, p: { idHash: string; now: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.idHash',
      's.csrfToken',
      's.lastSeenAt',
      's.expiresAt',
      'u.id as userId',
      'u.username',
      'u.displayName',
      'u.disabled',
      'u.locale',
    ])
    .where('s.idHash', '=', p.idHash)
    .where('s.expiresAt', '>', p.now),
);

export class SessionsRepository {
  constructor(private readonly db: Executor) {}

  async insert(s: {
    idHash: string;
    userId: string;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  }) {
    await this.db
      .insertInto('sessions')
      .values({ ...s, lastSeenAt: s.createdAt })
      .execute();
  }

  /**
   * The live session with its user, in one round trip. Prepared (db/prepared.ts): with several
   * processes on one PostgreSQL every request confirms its session row.
   */
  async find(idHash: string, now: string) {
    return findStatement.first(this.db, { idHash, now });
  }

  async bindings(userId: string) {
    return this.db
      .selectFrom('roleBindings')
      .select(['id', 'role', 'orgId', 'hostOrgId'])
      .where('userId', '=', userId)
      .orderBy('id')
      .execute();
  }

  async touch(idHash: string, now: string, expiresAt: string) {
    await this.db.updateTable('sessions').set({ lastSeenAt: now, expiresAt }).where('idHash', '=', idHash).execute();
  }

  async delete(idHash: string) {
    await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
  }

  async deleteForUser(userId: string, except?: string) {
    let q = this.db.deleteFrom('sessions').where('userId', '=', userId);
    if (except) q = q.where('idHash', '<>', except);
    await q.execute();
  }

  async deleteExpired(now: string) {
    await this.db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
  }
}
