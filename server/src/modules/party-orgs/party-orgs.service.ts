import {
  maskMobile,
  PARTY_ORG_CHILD_TYPES,
  type PartyOrgCreateBody,
  type PartyOrgType,
  type PartyOrgUpdateBody,
  type PartyOrgView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../store';
import {
  mayCreateRoot,
  partyOrgPolicy,
  partyOrgReadScope,
  partyOrgWriteScope,
  type PartyOrgFacts,
} from './party-orgs.policy';
import type { PartyOrgRow, PartyOrgWrite } from './party-orgs.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type PartyOrgsStore = Store<'audit' | 'hostOrgs' | 'partyOrgs' | 'regions' | 'users'>;
type PartyOrgsRepos = PartyOrgsStore['repos'];

const AUDITED = [
  'name',
  'type',
  'regionCode',
  'secretaryName',
  'secretaryUserId',
  'contactPhone',
  'establishedOn',
  'memberCount',
  'note',
] as const;

/** Party-organisation tree: reads within the caller's subtree, writes only where staff are bound. */
export class PartyOrgsService {
  constructor(
    private readonly store: PartyOrgsStore,
    private readonly cipher: FieldCipher,
  ) {}

  readScope = (ctx: RequestContext) => partyOrgReadScope(ctx.actor);
  writeScope = (ctx: RequestContext) => partyOrgWriteScope(ctx.actor);

  private phone(row: PartyOrgRow): string | null {
    return row.contactPhoneEnc ? maskMobile(this.cipher.decrypt(row.contactPhoneEnc)) : null;
  }

  private facts(row: PartyOrgRow, inWriteScope: boolean): PartyOrgFacts {
    return {
      id: row.id,
      type: row.type as PartyOrgType,
      parentId: row.parentId,
      childCount: row.childCount,
      inWriteScope,
    };
  }

  private toView(ctx: RequestContext, row: PartyOrgRow, writable: boolean): PartyOrgView {
    return {
      id: row.id,
      name: row.name,
      type: row.type as PartyOrgType,
      parentId: row.parentId,
      regionCode: row.regionCode,
      regionName: row.regionName,
      secretaryName: row.secretaryName,
      secretaryUserId: row.secretaryUserId,
      contactPhoneMasked: this.phone(row),
      establishedOn: row.establishedOn,
      memberCount: row.memberCount,
      note: row.note,
      depth: row.depth,
      childCount: row.childCount,
      version: row.version,
      updatedAt: row.updatedAt,
      abilities: partyOrgPolicy.abilities(ctx.actor, this.facts(row, writable)),
    };
  }

  private async views(ctx: RequestContext, rows: PartyOrgRow[]): Promise<PartyOrgView[]> {
    const ws = this.writeScope(ctx);
    const writable = await this.store.repos.partyOrgs.idsInScope(
      ws,
      rows.map((r) => r.id),
    );
    return rows.map((r) => this.toView(ctx, r, writable.has(r.id)));
  }

  async get(ctx: RequestContext, id: string): Promise<PartyOrgView> {
    const row = await this.store.repos.partyOrgs.get(this.readScope(ctx), id);
    if (!row) throw notFound();
    return (await this.views(ctx, [row]))[0]!;
  }

  /** Children of a node, or the caller's top nodes. */
  async list(ctx: RequestContext, q: { parentId?: string; q?: string }): Promise<{ items: PartyOrgView[] }> {
    const scope = this.readScope(ctx);
    const repo = this.store.repos.partyOrgs;
    let rows: PartyOrgRow[];
    if (q.q) rows = await repo.tree(scope, q.q);
    else if (q.parentId) rows = await repo.children(scope, q.parentId);
    else if (scope.all) rows = await repo.roots();
    else rows = topNodes(await repo.byIds(scope, scope.orgIds));
    return { items: await this.views(ctx, rows) };
  }

  async tree(ctx: RequestContext): Promise<{ items: PartyOrgView[] }> {
    return { items: await this.views(ctx, await this.store.repos.partyOrgs.tree(this.readScope(ctx))) };
  }

  private async toWrite(
    repos: PartyOrgsRepos,
    body: PartyOrgCreateBody | PartyOrgUpdateBody,
    current?: PartyOrgRow,
  ): Promise<PartyOrgWrite> {
    if (!(await repos.regions.get(body.regionCode))) throw new AppError('VALIDATION_FAILED', { regionCode: 'invalid' });
    if (body.secretaryUserId && !(await repos.users.exists(body.secretaryUserId))) {
      throw new AppError('VALIDATION_FAILED', { secretaryUserId: 'invalid' });
    }
    return {
      name: body.name,
      type: body.type,
      regionCode: body.regionCode,
      secretaryName: body.secretaryName,
      secretaryUserId: body.secretaryUserId,
      contactPhoneEnc:
        body.contactPhone === undefined
          ? (current?.contactPhoneEnc ?? null)
          : body.contactPhone
            ? this.cipher.encrypt(body.contactPhone)
            : null,
      establishedOn: body.establishedOn,
      memberCount: body.memberCount,
      note: body.note,
    };
  }

  private snapshot(row: PartyOrgRow | null, body?: PartyOrgCreateBody | PartyOrgUpdateBody) {
    if (body && body.contactPhone !== undefined) {
      return { ...body, contactPhone: body.contactPhone ? maskMobile(body.contactPhone) : null };
    }
    if (body) return { ...body, contactPhone: row ? this.phone(row) : null };
    return row ? { ...row, contactPhone: this.phone(row) } : null;
  }

  async create(ctx: RequestContext, body: PartyOrgCreateBody): Promise<PartyOrgView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      let parentId: string | null = null;
      if (body.parentId === null) {
        if (!mayCreateRoot(ctx.actor)) throw new AppError('FORBIDDEN');
        if (body.type !== 'sw_dept') throw new AppError('TREE_TYPE_NOT_ALLOWED', { type: 'invalid' });
      } else {
        const parent = await repos.partyOrgs.get(this.writeScope(ctx), body.parentId);
        if (!parent) throw notFound();
        if (!PARTY_ORG_CHILD_TYPES[parent.type as PartyOrgType].includes(body.type)) {
          throw new AppError('TREE_TYPE_NOT_ALLOWED', { type: 'invalid' });
        }
        parentId = parent.id;
      }
      await repos.partyOrgs.insert(id, parentId, await this.toWrite(repos, body), ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'party_org',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: id,
        changes: diffFields(null, { ...this.snapshot(null, body), parentId }, [...AUDITED, 'parentId']),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: PartyOrgUpdateBody): Promise<PartyOrgView> {
    await this.store.tx(async (repos) => {
      const before = await repos.partyOrgs.get(this.writeScope(ctx), id);
      if (!before) throw notFound();
      if (before.parentId) {
        const parent = await repos.partyOrgs.get({ all: true }, before.parentId);
        if (parent && !PARTY_ORG_CHILD_TYPES[parent.type as PartyOrgType].includes(body.type)) {
          throw new AppError('TREE_TYPE_NOT_ALLOWED', { type: 'invalid' });
        }
      }
      await repos.partyOrgs.update(id, body.version, await this.toWrite(repos, body, before));
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'party_org',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: id,
        changes: diffFields(this.snapshot(before), this.snapshot(before, body), AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  /** Moves a node and, through the closure table, its whole subtree. */
  async move(ctx: RequestContext, id: string, parentId: string, version: number): Promise<PartyOrgView> {
    await this.store.tx(async (repos) => {
      const ws = this.writeScope(ctx);
      const node = await repos.partyOrgs.get(ws, id);
      if (!node) throw notFound();
      partyOrgPolicy.authorize(ctx.actor, 'move', this.facts(node, true));
      const parent = await repos.partyOrgs.get(ws, parentId);
      if (!parent) throw new AppError('VALIDATION_FAILED', { parentId: 'invalid' });
      if (await repos.partyOrgs.contains(id, parentId)) throw new AppError('TREE_CYCLE');
      if (!PARTY_ORG_CHILD_TYPES[parent.type as PartyOrgType].includes(node.type as PartyOrgType)) {
        throw new AppError('TREE_TYPE_NOT_ALLOWED');
      }
      // A firm's own Party organisation keys the coverage summary by its parent (issue 15).
      await repos.hostOrgs.aroundPartyOrgMove(id, () => repos.partyOrgs.move(id, parentId, version));
      await repos.audit.record(auditCtx(ctx), {
        action: 'move',
        entityType: 'party_org',
        entityId: id,
        entityLabel: node.name,
        scopeOrgId: id,
        changes: [{ field: 'parentId', before: node.parentId, after: parentId }],
      });
    });
    return this.get(ctx, id);
  }

  async remove(ctx: RequestContext, id: string): Promise<{ ok: true }> {
    await this.store.tx(async (repos) => {
      const node = await repos.partyOrgs.get(this.writeScope(ctx), id);
      if (!node) throw notFound();
      // Removing needs what moving needs (not a root, not the caller's own); children answer 409 below.
      partyOrgPolicy.authorize(ctx.actor, 'move', this.facts(node, true));
      if ((await repos.partyOrgs.linkedCount(id)) > 0) throw new AppError('TREE_HAS_CHILDREN');
      await repos.partyOrgs.softDelete(id, node.version);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'party_org',
        entityId: id,
        entityLabel: node.name,
        scopeOrgId: node.parentId,
        changes: diffFields(this.snapshot(node), null, AUDITED),
      });
    });
    return { ok: true };
  }
}

/** Drops nodes that lie under another node of the list (by depth and parent chain in the list). */
function topNodes(rows: PartyOrgRow[]): PartyOrgRow[] {
  const ids = new Set(rows.map((r) => r.id));
  return rows.filter((r) => !r.parentId || !ids.has(r.parentId));
}
