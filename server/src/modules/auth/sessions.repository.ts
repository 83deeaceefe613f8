import type { Executor } from '../../db/closure';

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

  /** The live session with its user and role bindings, in one round trip for the user row. */
  async find(idHash: string, now: string) {
    return this.db
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
      .where('s.idHash', '=', idHash)
      .where('s.expiresAt', '>', now)
      .executeTakeFirst();
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
