import {
  HOST_ORG_BOUND_ROLES,
  maskMobile,
  type Page,
  type RoleGrantBody,
  type UserCreateBody,
  type UserUpdateBody,
  type UserView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { hashPassword } from '../../core/password';
import { nowIso } from '../../core/time';
import { toBool } from '../../db/portability';
import type { Store } from '../../store';
import { hostOrgWriteScope } from '../host-orgs/host-orgs.policy';
import { grantRefusal, mayCreateWithoutRoles, revokeRefusal, userPolicy, userReadScope } from './users.policy';
import type { UserListFilter, UserRow } from './users.repository';
import type { SessionCache } from '../auth/session-cache';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type UsersStore = Store<'audit' | 'hostOrgs' | 'loginThrottle' | 'partyOrgs' | 'sessions' | 'users'>;
type UsersRepos = UsersStore['repos'];

/** Users and role bindings. Staff manage users bound inside their subtree and never grant admin. */
export class UsersService {
  constructor(
    private readonly store: UsersStore,
    private readonly cipher: FieldCipher,
    /** Sessions of a user whose roles, password or status change are re-read at once. */
    private readonly sessions: SessionCache,
  ) {}

  private scope = (ctx: RequestContext) => userReadScope(ctx.actor);

  /**
   * The abilities on each of these users (users.policy decides who manages whom), after one query
   * for which of their bindings' organisations lie in the caller's scope.
   */
  private async abilitiesOf(
    ctx: RequestContext,
    repos: UsersRepos,
    bindings: Map<string, { role: string; orgId: string | null }[]>,
  ): Promise<(userId: string) => string[]> {
    if (!ctx.actor.permissions.has('user.write')) return () => [];
    const orgIds = [...new Set([...bindings.values()].flat().flatMap((b) => (b.orgId ? [b.orgId] : [])))];
    const inScope = await repos.partyOrgs.idsInScope(this.scope(ctx), orgIds);
    return (userId) =>
      userPolicy.abilities(ctx.actor, {
        bindings: (bindings.get(userId) ?? []).map((b) => ({
          role: b.role,
          inScope: b.orgId !== null && inScope.has(b.orgId),
        })),
      });
  }

  private async views(ctx: RequestContext, rows: UserRow[], repos: UsersRepos = this.store.repos): Promise<UserView[]> {
    const bindings = await repos.users.bindingsOf(rows.map((r) => r.id));
    const abilities = await this.abilitiesOf(ctx, repos, bindings);
    const now = nowIso();
    return rows.map((r) => {
      const roles = bindings.get(r.id) ?? [];
      return {
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        mobileMasked: r.mobileEnc ? maskMobile(this.cipher.decrypt(r.mobileEnc)) : null,
        disabled: toBool(r.disabled),
        locked: !!r.lockedUntil && r.lockedUntil > now,
        lastLoginAt: r.lastLoginAt,
        roles,
        version: r.version,
        createdAt: r.createdAt,
        abilities: abilities(r.id),
      };
    });
  }

  async list(ctx: RequestContext, f: UserListFilter): Promise<Page<UserView>> {
    const { items: rows, nextCursor } = await this.store.repos.users.list(this.scope(ctx), f);
    return { items: await this.views(ctx, rows), nextCursor };
  }

  /** The user if any of their bindings lies in the caller's scope; 404 otherwise. */
  private async visible(ctx: RequestContext, repos: UsersRepos, id: string): Promise<UserRow> {
    const row = await repos.users.byId(id);
    if (!row) throw notFound();
    const scope = this.scope(ctx);
    if (scope.all) return row;
    const bindings = (await repos.users.bindingsOf([id])).get(id) ?? [];
    for (const b of bindings) if (b.orgId && (await repos.partyOrgs.inScope(scope, b.orgId))) return row;
    throw notFound();
  }

  /** The user if the caller may manage them (users.policy): 404 when not visible, 403 when read-only. */
  private async writable(ctx: RequestContext, repos: UsersRepos, id: string): Promise<UserRow> {
    const row = await this.visible(ctx, repos, id);
    const abilities = await this.abilitiesOf(ctx, repos, await repos.users.bindingsOf([id]));
    if (!abilities(id).includes('update')) throw new AppError('FORBIDDEN');
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<UserView> {
    const row = await this.visible(ctx, this.store.repos, id);
    return (await this.views(ctx, [row]))[0]!;
  }

  private async checkGrant(ctx: RequestContext, repos: UsersRepos, g: RoleGrantBody) {
    const orgInScope = g.orgId !== null && (await repos.partyOrgs.inScope(this.scope(ctx), g.orgId));
    const refusal = grantRefusal(ctx.actor, { role: g.role, orgId: g.orgId, orgInScope });
    if (refusal) throw new AppError(refusal);
    if (g.orgId === null) return { role: g.role, orgId: null, hostOrgId: null };
    const needsHostOrg = HOST_ORG_BOUND_ROLES.includes(g.role);
    if (needsHostOrg && !g.hostOrgId) throw new AppError('VALIDATION_FAILED', { hostOrgId: 'required' });
    if (g.hostOrgId && !(await repos.hostOrgs.get(hostOrgWriteScope(ctx.actor), g.hostOrgId))) {
      throw new AppError('VALIDATION_FAILED', { hostOrgId: 'invalid' });
    }
    return { role: g.role, orgId: g.orgId, hostOrgId: needsHostOrg ? (g.hostOrgId ?? null) : null };
  }

  async create(ctx: RequestContext, body: UserCreateBody): Promise<UserView> {
    if (!mayCreateWithoutRoles(ctx.actor) && body.roles.length === 0)
      throw new AppError('VALIDATION_FAILED', { roles: 'required' });
    const id = newId();
    const passwordHash = await hashPassword(body.password);
    await this.store.tx(async (repos) => {
      const mobileHash = body.mobile ? this.cipher.lookupHash(body.mobile) : null;
      if (await repos.users.byLogin(body.username, mobileHash ?? '-'))
        throw new AppError('DUPLICATE', { username: 'invalid' });
      await repos.users.insert({
        id,
        username: body.username,
        displayName: body.displayName,
        mobileEnc: body.mobile ? this.cipher.encrypt(body.mobile) : null,
        mobileHash,
        passwordHash,
        mustChangePassword: body.mustChangePassword,
        createdBy: ctx.actor.userId,
      });
      const grants = [];
      for (const g of body.roles)
        grants.push(await this.checkGrant(ctx, repos, { ...g, hostOrgId: g.hostOrgId ?? null }));
      for (const g of grants) await repos.users.addBinding({ id: newId(), userId: id, ...g }, ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'user',
        entityId: id,
        entityLabel: body.displayName,
        scopeOrgId: grants[0]?.orgId ?? null,
        changes: diffFields(
          null,
          {
            username: body.username,
            displayName: body.displayName,
            mobile: body.mobile ? maskMobile(body.mobile) : null,
            roles: grants.map((g) => `${g.role}@${g.orgId}`),
          },
          ['username', 'displayName', 'mobile', 'roles'],
        ),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: UserUpdateBody): Promise<UserView> {
    await this.store.tx(async (repos) => {
      const before = await this.writable(ctx, repos, id);
      if (id === ctx.actor.userId && body.disabled) throw new AppError('FORBIDDEN');
      const keep = body.mobile === undefined;
      await repos.users.update(id, body.version, {
        displayName: body.displayName,
        mobileEnc: keep ? before.mobileEnc : body.mobile ? this.cipher.encrypt(body.mobile) : null,
        mobileHash: keep ? before.mobileHash : body.mobile ? this.cipher.lookupHash(body.mobile) : null,
        disabled: body.disabled,
      });
      const beforeSnap = {
        displayName: before.displayName,
        mobile: before.mobileEnc ? maskMobile(this.cipher.decrypt(before.mobileEnc)) : null,
        disabled: toBool(before.disabled),
      };
      const afterSnap = {
        displayName: body.displayName,
        mobile: keep ? beforeSnap.mobile : body.mobile ? maskMobile(body.mobile) : null,
        disabled: body.disabled,
      };
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'user',
        entityId: id,
        entityLabel: body.displayName,
        scopeOrgId: await this.firstOrg(repos, id),
        changes: diffFields(beforeSnap, afterSnap, ['displayName', 'mobile', 'disabled']),
      });
    });
    await this.sessions.revokeUser(id);
    return this.get(ctx, id);
  }

  private async firstOrg(repos: UsersRepos, userId: string): Promise<string | null> {
    return (await repos.users.bindingsOf([userId])).get(userId)?.[0]?.orgId ?? null;
  }

  async grant(ctx: RequestContext, id: string, body: RoleGrantBody): Promise<UserView> {
    await this.store.tx(async (repos) => {
      const user = await this.writable(ctx, repos, id);
      const g = await this.checkGrant(ctx, repos, body);
      // The same role on the same organisation twice would only have to be revoked twice.
      const held = (await repos.users.bindingsOf([id])).get(id) ?? [];
      if (held.some((b) => b.role === g.role && b.orgId === g.orgId && (b.hostOrgId ?? null) === g.hostOrgId)) {
        throw new AppError('DUPLICATE', { role: 'duplicate' });
      }
      const bindingId = newId();
      await repos.users.addBinding({ id: bindingId, userId: id, ...g }, ctx.actor.userId);
      await repos.users.bumpVersion(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'grant_role',
        entityType: 'user',
        entityId: id,
        entityLabel: user.displayName,
        scopeOrgId: g.orgId,
        changes: [{ field: 'role', before: null, after: { role: g.role, orgId: g.orgId, hostOrgId: g.hostOrgId } }],
      });
    });
    await this.sessions.revokeUser(id);
    return this.get(ctx, id);
  }

  /**
   * Removes one role binding. Staff cannot remove a user's last one (the account would fall out of
   * every scope but the administrator's): they disable the account instead. The reply is the user as
   * the transaction left them, not re-read through the caller's scope.
   */
  async revoke(ctx: RequestContext, id: string, bindingId: string): Promise<UserView> {
    const view = await this.store.tx(async (repos) => {
      const user = await this.writable(ctx, repos, id);
      const bindings = (await repos.users.bindingsOf([id])).get(id) ?? [];
      const binding = bindings.find((b) => b.id === bindingId);
      if (!binding) throw notFound();
      const inScope = !!binding.orgId && (await repos.partyOrgs.inScope(this.scope(ctx), binding.orgId));
      const refusal = revokeRefusal(ctx.actor, { inScope, last: bindings.length === 1 });
      if (refusal) throw new AppError(refusal);
      if (id === ctx.actor.userId && binding.role === 'admin') throw new AppError('FORBIDDEN');
      await repos.users.removeBinding(id, bindingId);
      await repos.users.bumpVersion(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'revoke_role',
        entityType: 'user',
        entityId: id,
        entityLabel: user.displayName,
        scopeOrgId: binding.orgId,
        changes: [{ field: 'role', before: { role: binding.role, orgId: binding.orgId }, after: null }],
      });
      const after = await repos.users.byId(id);
      return (await this.views(ctx, [after!], repos))[0]!;
    });
    await this.sessions.revokeUser(id);
    return view;
  }

  async resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<{ ok: true }> {
    const passwordHash = await hashPassword(newPassword);
    await this.store.tx(async (repos) => {
      const user = await this.writable(ctx, repos, id);
      await repos.users.setPassword(id, passwordHash, true);
      await repos.sessions.deleteForUser(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'reset_password',
        entityType: 'user',
        entityId: id,
        entityLabel: user.displayName,
        scopeOrgId: await this.firstOrg(repos, id),
      });
    });
    await this.sessions.revokeUser(id);
    return { ok: true };
  }

  async unlock(ctx: RequestContext, id: string): Promise<UserView> {
    await this.store.tx(async (repos) => {
      const user = await this.writable(ctx, repos, id);
      await repos.loginThrottle.clearUser(id);
      await repos.users.unlock(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'unlock',
        entityType: 'user',
        entityId: id,
        entityLabel: user.displayName,
        scopeOrgId: await this.firstOrg(repos, id),
      });
    });
    return this.get(ctx, id);
  }
}
