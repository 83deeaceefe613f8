import {
  coverageStatusOf,
  HOST_ORG_TYPE_CATEGORY,
  type HostOrgCreateBody,
  type HostOrgListQuery,
  type HostOrgUpdateBody,
  type HostOrgView,
  type Page,
} from '@touyan/schemas';
import type { Actor, RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../store';
import { ALL_HOST_ORGS, hostOrgPolicy, hostOrgReadScope, hostOrgWriteScope } from './host-orgs.policy';
import type { HostOrgRow, HostOrgWrite } from './host-orgs.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type HostOrgsStore = Store<'audit' | 'hostOrgs' | 'instructors' | 'partyOrgs' | 'regions' | 'users'>;
type HostOrgsRepos = HostOrgsStore['repos'];

/** Audited as users read them: names rather than the ids behind them. */
const AUDITED = [
  'name',
  'creditCode',
  'type',
  'industry',
  'sizeClass',
  'regionName',
  'park',
  'address',
  'staffCount',
  'partyMemberCount',
  'managingOrgName',
  'partyOrgName',
  'instructorName',
  'specialistName',
  'coverageStatus',
] as const;

export class HostOrgsService {
  constructor(private readonly store: HostOrgsStore) {}

  private toView(actor: Actor, row: HostOrgRow, managingInWriteScope: boolean): HostOrgView {
    return {
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      category: row.category as HostOrgView['category'],
      type: row.type as HostOrgView['type'],
      industry: row.industry as HostOrgView['industry'],
      sizeClass: row.sizeClass as HostOrgView['sizeClass'],
      regionCode: row.regionCode,
      regionName: row.regionName,
      park: row.park,
      address: row.address,
      staffCount: row.staffCount,
      partyMemberCount: row.partyMemberCount,
      managingOrgId: row.managingOrgId,
      managingOrgName: row.managingOrgName,
      partyOrgId: row.partyOrgId,
      partyOrgName: row.partyOrgName,
      instructorId: row.instructorId,
      instructorName: row.instructorName,
      specialistUserId: row.specialistUserId,
      specialistName: row.specialistName,
      coverageStatus: row.coverageStatus as HostOrgView['coverageStatus'],
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      abilities: hostOrgPolicy.abilities(actor, { managingInWriteScope }),
    };
  }

  async list(ctx: RequestContext, q: HostOrgListQuery): Promise<Page<HostOrgView>> {
    const scope = hostOrgReadScope(ctx.actor);
    const repo = this.store.repos.hostOrgs;
    const [{ items: rows, nextCursor }, total] = await Promise.all([
      repo.list(scope, q),
      q.withTotal ? repo.count(scope, q) : Promise.resolve(undefined),
    ]);
    const writable = await this.writableManaging(ctx, rows);
    return {
      items: rows.map((r) => this.toView(ctx.actor, r, writable(r))),
      nextCursor,
      ...(total !== undefined ? { total } : {}),
    };
  }

  /** Whether each row's managing organisation lies in the caller's write scope: decided once per organisation. */
  private async writableManaging(ctx: RequestContext, rows: HostOrgRow[]) {
    if (!ctx.actor.permissions.has('hostOrg.write')) return () => false;
    const ws = hostOrgWriteScope(ctx.actor);
    if (ws.all) return () => true;
    const managing = [...new Set(rows.map((r) => r.managingOrgId))];
    const ok = await this.store.repos.partyOrgs.idsInScope(ws.subtree, managing);
    return (r: HostOrgRow) => ok.has(r.managingOrgId);
  }

  async parks(ctx: RequestContext): Promise<{ items: string[] }> {
    return { items: await this.store.repos.hostOrgs.parks(hostOrgReadScope(ctx.actor)) };
  }

  async get(ctx: RequestContext, id: string): Promise<HostOrgView> {
    const row = await this.store.repos.hostOrgs.get(hostOrgReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return this.toView(ctx.actor, row, (await this.writableManaging(ctx, [row]))(row));
  }

  /** Checks every reference against the caller's write scope and derives category and coverage. */
  private async toWrite(
    ctx: RequestContext,
    repos: HostOrgsRepos,
    body: HostOrgCreateBody,
    selfId?: string,
  ): Promise<HostOrgWrite> {
    const ws = hostOrgWriteScope(ctx.actor).subtree;
    const fields: Record<string, string> = {};
    if (!(await repos.regions.get(body.regionCode))) fields.regionCode = 'invalid';
    if (!(await repos.partyOrgs.inScope(ws, body.managingOrgId))) fields.managingOrgId = 'invalid';
    if (body.partyOrgId && !(await repos.partyOrgs.inScope(ws, body.partyOrgId))) fields.partyOrgId = 'invalid';
    if (body.instructorId && !(await repos.instructors.exists(body.instructorId))) fields.instructorId = 'invalid';
    if (body.specialistUserId && !(await repos.users.hasRole(body.specialistUserId, 'specialist'))) {
      fields.specialistUserId = 'invalid';
    }
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    const existing = await repos.hostOrgs.idByCreditCode(body.creditCode);
    if (existing && existing !== selfId)
      throw new AppError('CREDIT_CODE_DUPLICATE', { creditCode: 'credit_code_duplicate' });
    return {
      name: body.name,
      creditCode: body.creditCode,
      category: HOST_ORG_TYPE_CATEGORY[body.type],
      type: body.type,
      industry: body.industry,
      sizeClass: body.sizeClass,
      regionCode: body.regionCode,
      park: body.park,
      address: body.address,
      staffCount: body.staffCount,
      partyMemberCount: body.partyMemberCount,
      managingOrgId: body.managingOrgId,
      partyOrgId: body.partyOrgId,
      instructorId: body.instructorId,
      specialistUserId: body.specialistUserId,
      coverageStatus: coverageStatusOf(body),
    };
  }

  async create(ctx: RequestContext, body: HostOrgCreateBody): Promise<HostOrgView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const row = await this.toWrite(ctx, repos, body);
      await repos.hostOrgs.insert(id, row, ctx.actor.userId);
      const after = await repos.hostOrgs.get(ALL_HOST_ORGS, id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'host_org',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(null, after ?? null, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: HostOrgUpdateBody): Promise<HostOrgView> {
    await this.store.tx(async (repos) => {
      const before = await repos.hostOrgs.get(hostOrgWriteScope(ctx.actor), id);
      if (!before) throw notFound();
      const row = await this.toWrite(ctx, repos, body, id);
      await repos.hostOrgs.update(id, body.version, row);
      const after = await repos.hostOrgs.get(ALL_HOST_ORGS, id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'host_org',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(before, after ?? null, AUDITED),
      });
    });
    return this.get(ctx, id);
  }
}
