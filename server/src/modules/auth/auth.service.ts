import { maskMobile, type Locale, type Me, type Role } from '@touyan/schemas';
import { makeActor, type Actor, type RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { randomToken, sha256, type FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { now } from '../../core/clock';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../core/password';
import { toBool } from '../../db/portability';
import type { Store } from '../../store';
import type { ThrottleKey } from './login-throttle.repository';
import { SessionCache } from './session-cache';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AuthStore = Store<'audit' | 'loginThrottle' | 'sessions' | 'users'>;

/**
 * Log-in throttling (ASVS V2.2: throttle, do not lock out). Per account and client address: 5 attempts,
 * then one more after each wait of 1, 2, 4, 8 and then 15 minutes. Per account across all addresses
 * (distributed guessing): 50 attempts, then the same waits. A success from an address clears that
 * address's count; failures are forgotten after a day without an attempt. A stranger's failures at
 * another address never slow the real user down before the account-wide ceiling.
 */
export const LOGIN_THROTTLE = {
  addressFreeAttempts: 5,
  accountFreeAttempts: 50,
  delayMinutes: [1, 2, 4, 8, 15],
  forgetAfterMs: 24 * 3600_000,
} as const;
/** Stale throttle rows are deleted at most this often per process. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Sessions slide: activity extends them, but the row is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** 429 LOGIN_THROTTLED; the route sends `retryAfterSeconds` as the Retry-After header. */
export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('LOGIN_THROTTLED');
  }
}

export interface SessionInfo {
  actor: Actor;
  idHash: string;
  csrfToken: string;
  locale: Locale;
}

export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly cipher: FieldCipher,
    private readonly sessionTtlMs: number,
    readonly cache: SessionCache = new SessionCache(),
  ) {}

  private lastPruneMs = 0;

  /**
   * Known and unknown log-in names take the same path — the same throttle claims (an unknown name is
   * keyed by a hash of the name), one password check (a burned one for an unknown name) and the same
   * answers: 401 INVALID_CREDENTIALS, or 429 LOGIN_THROTTLED with Retry-After.
   */
  async login(
    input: { login: string; password: string },
    req: { ip: string | null; userAgent: string | null; requestId: string },
  ): Promise<{ token: string; session: SessionInfo }> {
    const repos = this.store.repos;
    const at = now();
    const user = await repos.users.byLogin(input.login, this.cipher.lookupHash(input.login));
    const audit = { ip: req.ip, requestId: req.requestId };
    const accountKey = user ? `u:${user.id}` : `n:${this.cipher.lookupHash(`login-name\n${input.login}`)}`;
    const userId = user?.id ?? null;
    const account = { id: accountKey, accountKey, userId, scope: 'account' as const };
    const address = {
      id: `${accountKey}@${this.cipher.lookupHash(`login-address\n${req.ip ?? '-'}`).slice(0, 32)}`,
      accountKey,
      userId,
      scope: 'address' as const,
    };

    const gate = await this.claimAttempt(address, account, at);
    if (!gate.allowed) {
      const waitMs = gate.blockedUntil ? Date.parse(gate.blockedUntil) - at.getTime() : 0;
      throw new LoginThrottledError(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    if (!user) {
      await burnPasswordCheck(input.password);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const who = { ...audit, userId: user.id, userName: user.displayName };
      const entity = { entityType: 'user', entityId: user.id, entityLabel: user.displayName };
      await repos.audit.record(who, {
        action: 'login_failed',
        ...entity,
        changes: [
          { field: 'failedLogins', before: gate.address.failures - 1, after: gate.address.failures },
          { field: 'failedLoginsAllAddresses', before: gate.account.failures - 1, after: gate.account.failures },
        ],
      });
      // This failure spent the last free attempt (or the last wait): the next one has to wait.
      const engaged = (['address', 'account'] as const).filter((k) => isFuture(gate[k].blockedUntil, at));
      if (engaged.length > 0) {
        await repos.audit.record(who, {
          action: 'login_throttled',
          ...entity,
          changes: engaged.map((k) => ({
            field: k === 'address' ? 'throttledUntil' : 'throttledUntilAllAddresses',
            before: null,
            after: gate[k].blockedUntil,
          })),
        });
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (toBool(user.disabled)) throw new AppError('ACCOUNT_DISABLED');
    const token = randomToken();
    const csrfToken = randomToken(24);
    const idHash = sha256(token);
    await this.store.tx(async (tx) => {
      await tx.loginThrottle.succeeded(address.id, account.id, LOGIN_THROTTLE.accountFreeAttempts);
      await tx.users.recordSuccess(user.id);
      await tx.sessions.insert({
        idHash,
        userId: user.id,
        csrfToken,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + this.sessionTtlMs).toISOString(),
        ip: req.ip,
        userAgent: cleanUserAgent(req.userAgent),
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

  /**
   * Claims one attempt on the address row, then on the account-wide row, in one transaction: when the
   * account-wide row refuses, the address claim is rolled back, so an attempt that was never checked
   * counts nowhere (and one refused at the address never reaches the account-wide count, so a single
   * stranger cannot push the account to its ceiling).
   */
  private async claimAttempt(
    address: ThrottleKey,
    account: ThrottleKey,
    at: Date,
  ): Promise<
    | {
        allowed: true;
        address: { failures: number; blockedUntil: string | null };
        account: { failures: number; blockedUntil: string | null };
      }
    | { allowed: false; blockedUntil: string | null }
  > {
    const nowIso = at.toISOString();
    const forgetBefore = new Date(at.getTime() - LOGIN_THROTTLE.forgetAfterMs).toISOString();
    const blockUntil = LOGIN_THROTTLE.delayMinutes.map((m) => new Date(at.getTime() + m * 60_000).toISOString());
    if (at.getTime() - this.lastPruneMs > PRUNE_EVERY_MS) {
      this.lastPruneMs = at.getTime();
      await this.store.repos.loginThrottle.prune(forgetBefore);
    }
    const refused = Symbol('refused');
    let refusedUntil: string | null = null;
    try {
      return await this.store.tx(async (tx) => {
        const a = await tx.loginThrottle.claim(
          address,
          { freeAttempts: LOGIN_THROTTLE.addressFreeAttempts, blockUntil, forgetBefore },
          nowIso,
        );
        if (!a.claimed) return { allowed: false as const, blockedUntil: a.blockedUntil };
        const c = await tx.loginThrottle.claim(
          account,
          { freeAttempts: LOGIN_THROTTLE.accountFreeAttempts, blockUntil, forgetBefore },
          nowIso,
        );
        if (!c.claimed) {
          refusedUntil = c.blockedUntil;
          throw refused;
        }
        return { allowed: true as const, address: a, account: c };
      });
    } catch (e) {
      if (e === refused) return { allowed: false, blockedUntil: refusedUntil };
      throw e;
    }
  }

  /**
   * The session behind a cookie value when resolved in the last seconds (SessionCache); else undefined.
   * With several processes on one database (the cache shared through a relay) always undefined: every
   * request confirms its session row (see `resolve`).
   */
  cached(token: string): SessionInfo | undefined {
    if (this.cache.shared) return undefined;
    return this.cache.get(sha256(token));
  }

  /**
   * The session behind a cookie value, or null when absent, expired or the user is disabled.
   * One process: a session resolved in the last seconds comes from the cache. Several processes on one
   * PostgreSQL database: the session row and the user's status are read on every request (one primary-
   * key lookup), so a log-out, password change, reset or disabled account on any process is refused
   * everywhere from its commit on; only the role bindings come from the cache, dropped on every
   * process by the revocation notification (a role change is seen within that notification's delay).
   */
  async resolve(token: string): Promise<SessionInfo | null> {
    const idHash = sha256(token);
    const cached = this.cache.get(idHash);
    if (cached && !this.cache.shared) return cached;
    const generation = this.cache.mark();
    const at = now();
    const row = await this.store.repos.sessions.find(idHash, at.toISOString());
    if (!row || toBool(row.disabled)) {
      if (cached) this.cache.drop(idHash);
      return null;
    }
    if (at.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
      await this.store.repos.sessions.touch(
        idHash,
        at.toISOString(),
        new Date(at.getTime() + this.sessionTtlMs).toISOString(),
      );
    }
    if (cached && cached.csrfToken === row.csrfToken && cached.locale === row.locale) return cached;
    const bindings = await this.store.repos.sessions.bindings(row.userId);
    const actor = makeActor(
      { id: row.userId, username: row.username, displayName: row.displayName },
      bindings.map((b) => ({ id: b.id, role: b.role as Role, orgId: b.orgId, hostOrgId: b.hostOrgId })),
    );
    const info = { actor, idHash, csrfToken: row.csrfToken, locale: row.locale as Locale };
    this.cache.set(idHash, info, generation);
    return info;
  }

  async logout(ctx: RequestContext, idHash: string) {
    await this.store.tx(async (repos) => {
      await repos.sessions.delete(idHash);
      this.cache.drop(idHash);
      await repos.audit.record(auditCtx(ctx), { action: 'logout', entityType: 'user', entityId: ctx.actor.userId });
    });
    // Committed: every other process drops it too before the answer goes out.
    await this.cache.revokeSession(idHash);
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
    await this.cache.revokeUser(user.id);
  }

  async setLocale(ctx: RequestContext, locale: Locale) {
    await this.store.repos.users.setLocale(ctx.actor.userId, locale);
  }
}

const isFuture = (instant: string | null, at: Date): instant is string =>
  !!instant && Date.parse(instant) > at.getTime();

/**
 * The User-Agent header is the client's to choose: keep it as a hint only, without control characters
 * (PostgreSQL refuses NUL in text) or lone surrogates, and bounded in length.
 */
export function cleanUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const clean = ua.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
  const cut = clean.slice(0, 300).replace(/[\ud800-\udbff]$/, '');
  return cut.trim() === '' ? null : cut;
}
