import { maskMobile, type Locale, type Me, type Role } from '@touyan/schemas';
import { makeActor, type Actor, type RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { randomToken, sha256, type FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../core/password';
import { toBool } from '../../db/portability';
import type { Store } from '../../store';
import { SessionCache } from './session-cache';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Sessions slide: activity extends them, but the row is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionInfo {
  actor: Actor;
  idHash: string;
  csrfToken: string;
  locale: Locale;
}

export class AuthService {
  constructor(
    private readonly store: Store,
    private readonly cipher: FieldCipher,
    private readonly sessionTtlMs: number,
    readonly cache: SessionCache = new SessionCache(),
  ) {}

  async login(
    input: { login: string; password: string },
    req: { ip: string | null; userAgent: string | null; requestId: string },
  ): Promise<{ token: string; session: SessionInfo }> {
    const repos = this.store.repos;
    const user = await repos.users.byLogin(input.login, this.cipher.lookupHash(input.login));
    const audit = { ip: req.ip, requestId: req.requestId };
    if (!user) {
      await burnPasswordCheck(input.password);
      throw new AppError('INVALID_CREDENTIALS');
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now.toISOString()) throw new AppError('ACCOUNT_LOCKED');
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failed = user.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await repos.users.recordFailure(
        user.id,
        lock ? 0 : failed,
        lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null,
      );
      await repos.audit.record(
        { ...audit, userId: user.id, userName: user.displayName },
        {
          action: 'login_failed',
          entityType: 'user',
          entityId: user.id,
          entityLabel: user.displayName,
          changes: [{ field: 'failedLogins', before: user.failedLogins, after: lock ? 'locked' : failed }],
        },
      );
      throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
    }
    if (toBool(user.disabled)) throw new AppError('ACCOUNT_DISABLED');
    const token = randomToken();
    const csrfToken = randomToken(24);
    const idHash = sha256(token);
    await this.store.tx(async (tx) => {
      await tx.users.recordSuccess(user.id);
      await tx.sessions.insert({
        idHash,
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.sessionTtlMs).toISOString(),
        ip: req.ip,
        userAgent: req.userAgent?.slice(0, 300) ?? null,
      });
      await tx.audit.record(
        { ...audit, userId: user.id, userName: user.displayName },
        {
          action: 'login',
          entityType: 'user',
          entityId: user.id,
          entityLabel: user.displayName,
        },
      );
    });
    const session = await this.resolve(token);
    if (!session) throw new AppError('INTERNAL');
    return { token, session };
  }

  /** The session behind a cookie value, or null when absent, expired or the user is disabled. */
  async resolve(token: string): Promise<SessionInfo | null> {
    const idHash = sha256(token);
    const cached = this.cache.get(idHash);
    if (cached) return cached;
    const now = new Date();
    const row = await this.store.repos.sessions.find(idHash, now.toISOString());
    if (!row || toBool(row.disabled)) return null;
    if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
      await this.store.repos.sessions.touch(
        idHash,
        now.toISOString(),
        new Date(now.getTime() + this.sessionTtlMs).toISOString(),
      );
    }
    const bindings = await this.store.repos.sessions.bindings(row.userId);
    const actor = makeActor(
      { id: row.userId, username: row.username, displayName: row.displayName },
      bindings.map((b) => ({ id: b.id, role: b.role as Role, orgId: b.orgId, hostOrgId: b.hostOrgId })),
    );
    const info = { actor, idHash, csrfToken: row.csrfToken, locale: row.locale as Locale };
    this.cache.set(idHash, info);
    return info;
  }

  async logout(ctx: RequestContext, idHash: string) {
    await this.store.tx(async (repos) => {
      await repos.sessions.delete(idHash);
      this.cache.drop(idHash);
      await repos.audit.record(auditCtx(ctx), { action: 'logout', entityType: 'user', entityId: ctx.actor.userId });
    });
  }

  async me(actor: Actor, csrfToken: string): Promise<Me> {
    const repos = this.store.repos;
    const user = await repos.users.byId(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const roles = (await repos.users.bindingsOf([actor.userId])).get(actor.userId) ?? [];
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mobileMasked: user.mobileEnc ? maskMobile(this.cipher.decrypt(user.mobileEnc)) : null,
      locale: user.locale as Locale,
      mustChangePassword: toBool(user.mustChangePassword),
      roles,
      permissions: [...actor.permissions],
      csrfToken,
    };
  }

  async changePassword(ctx: RequestContext, idHash: string, oldPassword: string, newPassword: string) {
    const user = await this.store.repos.users.byId(ctx.actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, oldPassword))) {
      throw new AppError('PASSWORD_WRONG', { oldPassword: 'invalid' });
    }
    if (oldPassword === newPassword) throw new AppError('VALIDATION_FAILED', { newPassword: 'invalid' });
    const passwordHash = await hashPassword(newPassword);
    await this.store.tx(async (repos) => {
      await repos.users.setPassword(user.id, passwordHash, false);
      // Other sessions of this user end: a changed password should lock out whoever had the old one.
      await repos.sessions.deleteForUser(user.id, idHash);
      this.cache.dropUser(user.id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'change_password',
        entityType: 'user',
        entityId: user.id,
        entityLabel: user.displayName,
      });
    });
  }

  async setLocale(ctx: RequestContext, locale: Locale) {
    await this.store.repos.users.setLocale(ctx.actor.userId, locale);
  }
}
