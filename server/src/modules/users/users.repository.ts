import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Page, Role, RoleBindingView } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { flag, likeContains } from '../../db/portability';
import { changedOne, pageByIdDesc, updateBumping, updateVersioned } from '../../db/repo-helpers';
import { underScope } from '../../db/scope-sql';
import type { DB, UsersTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

export type UserRow = Selectable<UsersTable>;

export interface UserListFilter {
  q?: string;
  role?: Role;
  orgId?: string;
  limit: number;
  cursor?: string;
}

/**
 * A user row as the services see it. `lockedUntil` is not the legacy column (the log-in throttle of
 * migration 0006 replaced that lock) but the latest end of a throttle block on the account, at any
 * address or account-wide: "locked" = that instant is still ahead.
 */
const userColumns = (eb: ExpressionBuilder<DB & { u: UsersTable }, 'u'>) => [
  'u.id' as const,
  'u.username' as const,
  'u.displayName' as const,
  'u.mobileEnc' as const,
  'u.mobileHash' as const,
  'u.passwordHash' as const,
  'u.mustChangePassword' as const,
  'u.failedLogins' as const,
  'u.disabled' as const,
  'u.locale' as const,
  'u.lastLoginAt' as const,
  'u.version' as const,
  'u.createdAt' as const,
  'u.updatedAt' as const,
  'u.createdBy' as const,
  eb
    .selectFrom('loginThrottle as lt')
    .select((sub) => sub.fn.max('lt.blockedUntil').as('blockedUntil'))
    .whereRef('lt.userId', '=', 'u.id')
    .$castTo<string | null>()
    .as('lockedUntil'),
];

export class UsersRepository {
  constructor(private readonly db: Executor) {}

  async exists(id: string): Promise<boolean> {
    return !!(await this.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
  }

  async hasRole(id: string, role: Role): Promise<boolean> {
    return !!(await this.db
      .selectFrom('roleBindings')
      .select('id')
      .where('userId', '=', id)
      .where('role', '=', role)
      .executeTakeFirst());
  }

  /** With `lockedUntil` derived from the log-in throttle (see userColumns). */
  byId(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users as u').select(userColumns).where('u.id', '=', id).executeTakeFirst();
  }

  byLogin(username: string, mobileHash: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username', '=', username), eb('mobileHash', '=', mobileHash)]))
      .executeTakeFirst();
  }

  async bindingsOf(userIds: string[]): Promise<Map<string, RoleBindingView[]>> {
    const out = new Map<string, RoleBindingView[]>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('roleBindings as b')
      .leftJoin('partyOrgs as o', 'o.id', 'b.orgId')
      .leftJoin('hostOrgs as h', 'h.id', 'b.hostOrgId')
      .select(['b.id', 'b.userId', 'b.role', 'b.orgId', 'o.name as orgName', 'b.hostOrgId', 'h.name as hostOrgName'])
      .where('b.userId', 'in', userIds)
      .orderBy('b.id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.userId) ?? [];
      list.push({
        id: r.id,
        role: r.role as Role,
        orgId: r.orgId,
        orgName: r.orgName ?? null,
        hostOrgId: r.hostOrgId,
        hostOrgName: r.hostOrgName ?? null,
      });
      out.set(r.userId, list);
    }
    return out;
  }

  /** Users with at least one role binding inside the scope (all users for a global scope). */
  async list(scope: SubtreeScope, f: UserListFilter): Promise<Page<UserRow>> {
    let query = this.db.selectFrom('users as u').select(userColumns);
    if (!scope.all || f.role || f.orgId) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('roleBindings as b')
            .select('b.id')
            .whereRef('b.userId', '=', 'u.id')
            .where(underScope('b.orgId', scope))
            .$if(!!f.role, (qb) => qb.where('b.role', '=', f.role!))
            .$if(!!f.orgId, (qb) => qb.where('b.orgId', '=', f.orgId!)),
        ),
      );
    }
    if (f.q) {
      const text = f.q;
      query = query.where((eb) =>
        eb.or([likeContains(this.db, 'u.username', text), likeContains(this.db, 'u.displayName', text)]),
      );
    }
    return pageByIdDesc(query, 'u.id', f);
  }

  async insert(row: {
    id: string;
    username: string;
    displayName: string;
    mobileEnc: string | null;
    mobileHash: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
    createdBy: string | null;
  }) {
    const now = nowIso();
    await this.db
      .insertInto('users')
      .values({ ...row, mustChangePassword: flag(row.mustChangePassword), createdAt: now, updatedAt: now })
      .execute();
  }

  async update(
    id: string,
    version: number,
    row: { displayName: string; mobileEnc: string | null; mobileHash: string | null; disabled: boolean },
  ) {
    await updateVersioned(this.db, 'users', { id }, version, { ...row, disabled: flag(row.disabled) });
  }

  async setPassword(id: string, passwordHash: string, mustChange: boolean) {
    await updateBumping(
      this.db,
      'users',
      { id },
      {
        passwordHash,
        mustChangePassword: flag(mustChange),
        failedLogins: 0,
        lockedUntil: null,
      },
    );
  }

  async setLocale(id: string, locale: string) {
    await this.db.updateTable('users').set({ locale }).where('id', '=', id).execute();
  }

  async recordFailure(id: string, failedLogins: number, lockedUntil: string | null) {
    await this.db.updateTable('users').set({ failedLogins, lockedUntil }).where('id', '=', id).execute();
  }

  async recordSuccess(id: string) {
    await this.db
      .updateTable('users')
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  /** Clears the legacy lock columns; the throttle rows are the auth module's (LoginThrottleRepository.clearUser). */
  async unlock(id: string) {
    await this.db.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', id).execute();
  }

  async addBinding(
    b: { id: string; userId: string; role: Role; orgId: string | null; hostOrgId: string | null },
    by: string | null,
  ) {
    await this.db
      .insertInto('roleBindings')
      .values({ ...b, createdAt: nowIso(), createdBy: by })
      .execute();
  }

  async removeBinding(userId: string, bindingId: string): Promise<boolean> {
    return changedOne(this.db.deleteFrom('roleBindings').where('id', '=', bindingId).where('userId', '=', userId));
  }

  async bumpVersion(id: string) {
    await updateBumping(this.db, 'users', { id }, {});
  }
}
