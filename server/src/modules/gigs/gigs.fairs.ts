import type {
  GigAttendancePage,
  GigFairCodeView,
  GigFairCreateBody,
  GigFairListQuery,
  GigFairMode,
  GigFairSignInBody,
  GigFairSignInView,
  GigFairStatus,
  GigFairUpdateBody,
  GigFairView,
  Page,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import type { GigFairCodes } from './gigs.code';
import { fairOrganiserScope, gigFairPolicy, gigFairReadScope, gigFairWriteScope } from './gigs.policy';
import type { GigFairRow } from './gigs.repository';

export type GigFairsStore = Store<'audit' | 'gigs' | 'partyOrgs'>;
type FairRepos = GigFairsStore['repos'];

const AUDITED = [
  'title',
  'mode',
  'heldOn',
  'startTime',
  'endTime',
  'regionCode',
  'address',
  'organiserOrgId',
  'description',
  'status',
  'outcome',
  'employerIds',
] as const;

/**
 * Job fairs (招聘会, issue 13): online or on site, organised by a Party organisation (staff of its
 * subtree keep them), with the participating employers, the positions (jobs naming the fair),
 * attendance by scanning the fair's signed code (one sign-in per worker), the intentions made there
 * and the outcome.
 */
export class GigFairsService {
  constructor(
    private readonly store: GigFairsStore,
    private readonly codes: GigFairCodes,
  ) {}

  private async views(repos: FairRepos, ctx: RequestContext, rows: GigFairRow[]): Promise<GigFairView[]> {
    const ids = rows.map((r) => r.id);
    const [employers, stats, writable, signIns] = await Promise.all([
      repos.gigs.fairEmployers(ids),
      repos.gigs.fairStats(ids),
      repos.gigs.fairIdsInScope(gigFairWriteScope(ctx.actor), ids),
      repos.gigs.signInsOfUser(ctx.actor.userId, ids),
    ]);
    return rows.map((r) => {
      const s = stats.get(r.id)!;
      return {
        id: r.id,
        title: r.title,
        mode: r.mode as GigFairMode,
        heldOn: String(r.heldOn),
        startTime: r.startTime,
        endTime: r.endTime,
        regionCode: r.regionCode,
        regionName: r.regionName,
        address: r.address,
        lat: r.lat === null ? null : Number(r.lat),
        lng: r.lng === null ? null : Number(r.lng),
        organiserOrgId: r.organiserOrgId,
        organiserName: r.organiserName,
        description: r.description,
        status: r.status as GigFairStatus,
        outcome: r.outcome,
        employers: employers.get(r.id) ?? [],
        ...s,
        version: r.version,
        createdAt: r.createdAt,
        abilities: gigFairPolicy.abilities(ctx.actor, { writable: writable.has(r.id) }),
        mySignInAt: signIns.get(r.id) ?? null,
      };
    });
  }

  async list(ctx: RequestContext, q: GigFairListQuery): Promise<Page<GigFairView>> {
    const repos = this.store.repos;
    const scope = gigFairReadScope(ctx.actor);
    const page = await repos.gigs.listFairs(scope, q, q);
    return {
      items: await this.views(repos, ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repos.gigs.countFairs(scope, q) } : {}),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<GigFairView> {
    const repos = this.store.repos;
    const row = await repos.gigs.getFair(gigFairReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.views(repos, ctx, [row]))[0]!;
  }

  /** The fairs among `ids` the caller reads (a job or an intention naming a fair). */
  visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.gigs.fairIdsInScope(gigFairReadScope(ctx.actor), ids);
  }

  /** The organiser must be in the caller's staff subtree, the region under it. */
  private async checkPlace(repos: FairRepos, ctx: RequestContext, body: GigFairCreateBody) {
    const scope = fairOrganiserScope(ctx.actor);
    if ((await repos.partyOrgs.idsInScope(scope, [body.organiserOrgId], { live: true })).size === 0)
      throw new AppError('NOT_FOUND', { organiserOrgId: 'not_found' });
    if (!(await repos.gigs.regionUnder(scope.all ? 'all' : scope.orgIds, body.regionCode)))
      throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
  }

  async create(ctx: RequestContext, body: GigFairCreateBody): Promise<GigFairView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      await this.checkPlace(repos, ctx, body);
      const { employerIds, ...rest } = body;
      await repos.gigs.insertFair({ id, ...rest, status: 'planned', outcome: null, createdBy: ctx.actor.userId });
      await repos.gigs.setFairEmployers(id, employerIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'gig_fair',
        entityId: id,
        entityLabel: body.title,
        scopeOrgId: body.organiserOrgId,
        changes: diffFields(null, { ...body, employerIds: employerIds.join(',') }, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  private async load(repos: FairRepos, ctx: RequestContext, id: string) {
    const row = await repos.gigs.getFair(gigFairReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    const writable = (await repos.gigs.fairIdsInScope(gigFairWriteScope(ctx.actor), [id])).has(id);
    return { row, facts: { writable } };
  }

  async update(ctx: RequestContext, id: string, body: GigFairUpdateBody): Promise<GigFairView> {
    await this.store.tx(async (repos) => {
      const { row, facts } = await this.load(repos, ctx, id);
      gigFairPolicy.authorize(ctx.actor, 'update', facts);
      await this.checkPlace(repos, ctx, body);
      const { employerIds, version, ...rest } = body;
      const before = (await repos.gigs.fairEmployers([id])).get(id) ?? [];
      await repos.gigs.updateFair(id, version, rest);
      await repos.gigs.setFairEmployers(id, employerIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'gig_fair',
        entityId: id,
        entityLabel: body.title,
        scopeOrgId: body.organiserOrgId,
        changes: diffFields(
          { ...row, employerIds: before.map((e) => e.hostOrgId).join(',') },
          { ...body, employerIds: employerIds.join(',') },
          AUDITED,
        ),
      });
    });
    return this.get(ctx, id);
  }

  async code(ctx: RequestContext, id: string): Promise<GigFairCodeView> {
    const { row, facts } = await this.load(this.store.repos, ctx, id);
    gigFairPolicy.authorize(ctx.actor, 'code', facts);
    return { fairId: id, title: row.title, code: this.codes.issue(id, row.codeSerial) };
  }

  async attendance(ctx: RequestContext, id: string, q: { limit: number; cursor?: string }): Promise<GigAttendancePage> {
    const repos = this.store.repos;
    const { facts } = await this.load(repos, ctx, id);
    gigFairPolicy.authorize(ctx.actor, 'attendance', facts);
    const page = await repos.gigs.attendance(id, q);
    return { items: page.items.map((s) => ({ ...s, created: true })), nextCursor: page.nextCursor };
  }

  /**
   * A worker signs in at a fair by scanning its code, on the day it is held (not a cancelled one);
   * scanning again answers the first sign-in (`created: false`).
   */
  async signIn(ctx: RequestContext, body: GigFairSignInBody): Promise<GigFairSignInView> {
    const named = this.codes.verify(body.code);
    if (!named) throw new AppError('GIG_FAIR_CODE_INVALID');
    const result = await this.store.tx(async (repos) => {
      const fair = await repos.gigs.fairForSignIn(named.fairId);
      if (!fair || fair.codeSerial !== named.serial) throw new AppError('GIG_FAIR_CODE_INVALID');
      if (fair.status === 'cancelled' || String(fair.heldOn) !== shanghaiDate())
        throw new AppError('GIG_FAIR_NOT_OPEN');
      const worker = await repos.gigs.workerOfUser(ctx.actor.userId);
      if (!worker) throw new AppError('GIG_NO_REGISTRATION');
      if (worker.status !== 'verified') throw new AppError('GIG_WORKER_NOT_VERIFIED');
      const made = await repos.gigs.signIn({
        fairId: fair.id,
        workerId: worker.id,
        userId: ctx.actor.userId,
        at: nowIso(),
      });
      if (made.created)
        await repos.audit.record(auditCtx(ctx), {
          action: 'sign_in',
          entityType: 'gig_fair',
          entityId: fair.id,
          entityLabel: fair.title,
          changes: [{ field: 'worker', before: null, after: worker.name }],
        });
      return made;
    });
    const row = await this.store.repos.gigs.signInById(result.id);
    return { ...row!, created: result.created };
  }
}
