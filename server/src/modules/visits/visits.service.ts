import { randomBytes } from 'node:crypto';
import {
  ONLINE_VISIT_DAYS,
  VISIT_PHOTOS_MAX,
  type MyFirm,
  type OnlineVisitCreateBody,
  type OnlineVisitFillBody,
  type OnlineVisitInvitation,
  type OnlineVisitPublicView,
  type Page,
  type VisitCreateBody,
  type VisitListQuery,
  type VisitStatus,
  type VisitUpdateBody,
  type VisitDemandSummary,
  type VisitView,
  type VisitedFirm,
  type VisitedFirmQuery,
  type AttachmentView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { now } from '../../core/clock';
import { sha256 } from '../../core/crypto';
import { AppError, conflict } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { AttachmentsService } from '../attachments/attachments.service';
import type { DemandsService } from '../demands/demands.service';
import type { VisitRow } from './visits.repository';
import { visitPolicy, visitReadScope, visitWriteScope, type VisitFacts } from './visits.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type VisitsStore = Store<'attachments' | 'audit' | 'demands' | 'notifications' | 'visits'>;
type VisitsRepos = VisitsStore['repos'];

/** What a visit shows besides its row: its photos and the demands it raised (those the caller reads). */
interface Extras {
  photos: Map<string, AttachmentView[]>;
  demands: Map<string, VisitDemandSummary[]>;
}

const AUDITED = ['kind', 'visitedOn', 'people', 'findings'] as const;

function statusOf(r: Pick<VisitRow, 'kind' | 'completedAt' | 'onlineExpiresAt'>, at: string): VisitStatus {
  if (r.kind !== 'online' || r.completedAt) return 'recorded';
  return r.onlineExpiresAt !== null && r.onlineExpiresAt > at ? 'awaiting' : 'expired';
}

/**
 * 走访 (issue 11): a specialist or staff member logs a visit to a firm in their reach (kind, date,
 * people, findings, where the phone was), or sends the firm a link to fill in an online visit
 * (线上访企). The link's secret is shown once and stored as its SHA-256; it opens a short public form
 * for ONLINE_VISIT_DAYS, fillable once.
 */
export class VisitsService {
  constructor(
    private readonly store: VisitsStore,
    private readonly demands: DemandsService,
    private readonly attachments: AttachmentsService,
  ) {}

  private async extras(repos: VisitsRepos, ctx: RequestContext, visitIds: string[]): Promise<Extras> {
    return {
      photos: await AttachmentsService.photosOfVisits(repos, visitIds),
      demands: await this.demands.ofVisits(repos, ctx, visitIds),
    };
  }

  private facts(ctx: RequestContext, r: Pick<VisitRow, 'kind' | 'createdBy'>, firmWritable: boolean): VisitFacts {
    return { firmWritable, isCreator: r.createdBy === ctx.actor.userId, kind: r.kind };
  }

  private toView(ctx: RequestContext, r: VisitRow, firmWritable: boolean, extras: Extras, at = nowIso()): VisitView {
    return {
      id: r.id,
      hostOrgId: r.hostOrgId,
      hostOrgName: r.hostOrgName,
      kind: r.kind as VisitView['kind'],
      status: statusOf(r, at),
      visitedOn: r.visitedOn,
      people: r.people,
      findings: r.findings,
      note: r.note,
      contactName: r.contactName,
      position: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng, accuracyM: r.accuracyM ?? 0 } : null,
      onlineExpiresAt: r.onlineExpiresAt,
      createdBy: r.createdBy,
      createdByName: r.createdByName,
      photos: extras.photos.get(r.id) ?? [],
      demands: extras.demands.get(r.id) ?? [],
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      abilities: visitPolicy.abilities(ctx.actor, this.facts(ctx, r, firmWritable)),
    };
  }

  async list(ctx: RequestContext, q: VisitListQuery): Promise<Page<VisitView>> {
    const { visits } = this.store.repos;
    const scope = visitReadScope(ctx.actor);
    const page = await visits.list(scope, q, ctx.actor.userId);
    const writable = await visits.firmsInScope(
      visitWriteScope(ctx.actor),
      page.items.map((r) => r.hostOrgId),
    );
    const at = nowIso();
    const extras = await this.extras(
      this.store.repos,
      ctx,
      page.items.map((r) => r.id),
    );
    return {
      items: page.items.map((r) => this.toView(ctx, r, writable.has(r.hostOrgId), extras, at)),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await visits.count(scope, q, ctx.actor.userId) } : {}),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<VisitView> {
    const { visits } = this.store.repos;
    const row = await visits.get(visitReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    const writable = await visits.firmsInScope(visitWriteScope(ctx.actor), [row.hostOrgId]);
    return this.toView(ctx, row, writable.has(row.hostOrgId), await this.extras(this.store.repos, ctx, [id]));
  }

  /** A photo of a visit the caller reads (else 404). */
  async photo(ctx: RequestContext, id: string, photoId: string) {
    const row = await this.store.repos.visits.get(visitReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return this.attachments.openVisitPhoto(id, photoId);
  }

  /**
   * The firm must be in the caller's write scope (else 403). Its read scope was checked before the
   * handler ran: `hostOrgId` is a `refId('hostOrg')`, resolved by defineRoute (404 outside it).
   */
  private async authorizeFirm(ctx: RequestContext, repos: VisitsRepos, hostOrgId: string) {
    const writable = await repos.visits.firmsInScope(visitWriteScope(ctx.actor), [hostOrgId]);
    visitPolicy.authorize(ctx.actor, 'create', {
      firmWritable: writable.has(hostOrgId),
      isCreator: true,
      kind: 'daily',
    });
  }

  async create(ctx: RequestContext, body: VisitCreateBody): Promise<VisitView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      await this.authorizeFirm(ctx, repos, body.hostOrgId);
      await repos.visits.insert({
        id,
        hostOrgId: body.hostOrgId,
        kind: body.kind,
        visitedOn: body.visitedOn,
        people: body.people,
        findings: body.findings,
        note: null,
        contactName: null,
        lat: body.position?.lat ?? null,
        lng: body.position?.lng ?? null,
        accuracyM: body.position?.accuracyM ?? null,
        onlineTokenHash: null,
        onlineExpiresAt: null,
        completedAt: nowIso(),
        createdBy: ctx.actor.userId,
      });
      await AttachmentsService.claimForVisit(repos, ctx, id, body.photoIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'visit',
        entityId: id,
        entityLabel: body.visitedOn,
        changes: diffFields(null, body, [...AUDITED, 'hostOrgId', 'photoIds']),
      });
      // Demands raised during the visit: through the demands service (its rules, routing, audit).
      for (const d of body.demands) {
        await this.demands.createIn(repos, ctx, {
          ...d,
          hostOrgId: body.hostOrgId,
          source: 'visit',
          visitId: id,
          leadDepartmentId: null,
          assistDepartmentIds: [],
        });
      }
    });
    return this.get(ctx, id);
  }

  /**
   * Edits a visit: its fields, photos added (the caller's own unlinked uploads) and photos removed
   * (this visit's own; their rows go in the same transaction, their files right after the commit, so
   * nothing is left orphaned). At most VISIT_PHOTOS_MAX photos after the edit. A stale copy gets 409.
   */
  async update(ctx: RequestContext, id: string, body: VisitUpdateBody): Promise<VisitView> {
    const add = body.addPhotoIds ?? [];
    const remove = [...new Set(body.removePhotoIds ?? [])];
    const removed = await this.store.tx(async (repos) => {
      const row = await repos.visits.get(visitReadScope(ctx.actor), id);
      if (!row) throw new AppError('NOT_FOUND');
      const writable = await repos.visits.firmsInScope(visitWriteScope(ctx.actor), [row.hostOrgId]);
      visitPolicy.authorize(ctx.actor, 'update', this.facts(ctx, row, writable.has(row.hostOrgId)));
      const patch = { kind: body.kind, visitedOn: body.visitedOn, people: body.people, findings: body.findings };
      await repos.visits.update(id, body.version, patch);
      const current = (await AttachmentsService.photosOfVisits(repos, [id])).get(id) ?? [];
      const own = new Map(current.map((p) => [p.id, p]));
      if (remove.some((p) => !own.has(p))) throw new AppError('VALIDATION_FAILED', { removePhotoIds: 'invalid' });
      if (current.length - remove.length + new Set(add).size > VISIT_PHOTOS_MAX) {
        throw new AppError('VALIDATION_FAILED', { addPhotoIds: 'too_many' });
      }
      const gone = await repos.attachments.deleteVisitPhotos(remove, id);
      if (gone.length !== remove.length) throw conflict();
      await AttachmentsService.claimForVisit(repos, ctx, id, add, 'addPhotoIds');
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'visit',
        entityId: id,
        entityLabel: body.visitedOn,
        changes: [
          ...diffFields(row, patch, AUDITED),
          ...(add.length ? [{ field: 'photoIds', before: null, after: add.join(',') }] : []),
          ...gone.map((g) => ({
            field: 'photo',
            before: `${g.filename} (${g.size} B, sha256 ${g.sha256})`,
            after: null,
          })),
        ],
      });
      return gone;
    });
    await this.attachments.removeFiles(removed.map((g) => g.storagePath));
    return this.get(ctx, id);
  }

  /** An online visit: a link (shown once) the firm's contact opens without logging in. */
  async createOnline(ctx: RequestContext, body: OnlineVisitCreateBody): Promise<OnlineVisitInvitation> {
    const id = newId();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now().getTime() + ONLINE_VISIT_DAYS * 86_400_000).toISOString();
    await this.store.tx(async (repos) => {
      await this.authorizeFirm(ctx, repos, body.hostOrgId);
      await repos.visits.insert({
        id,
        hostOrgId: body.hostOrgId,
        kind: 'online',
        visitedOn: null,
        people: null,
        findings: null,
        note: body.note,
        contactName: null,
        lat: null,
        lng: null,
        accuracyM: null,
        onlineTokenHash: sha256(token),
        onlineExpiresAt: expiresAt,
        completedAt: null,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'visit',
        entityId: id,
        entityLabel: '线上访企',
        changes: diffFields(null, { ...body, kind: 'online' }, ['hostOrgId', 'kind', 'note']),
      });
    });
    return { visit: await this.get(ctx, id), token, expiresAt };
  }

  private async byToken(token: string) {
    const row = await this.store.repos.visits.byTokenHash(sha256(token));
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async openOnline(token: string): Promise<OnlineVisitPublicView> {
    const row = await this.byToken(token);
    return {
      hostOrgName: row.hostOrgName,
      specialistName: row.specialistName,
      note: row.note,
      expiresAt: row.onlineExpiresAt ?? '',
      status: statusOf({ kind: 'online', ...row }, nowIso()),
    };
  }

  /**
   * The firm fills in the online visit: once, before the link expires. The demands it lists are
   * created for the link's firm and visit in the same transaction, after the link is claimed: a
   * replay of the link or a failing demand creates nothing.
   */
  async fillOnline(ctx: Omit<RequestContext, 'actor'>, token: string, body: OnlineVisitFillBody): Promise<void> {
    await this.store.tx(async (repos) => {
      const row = await repos.visits.byTokenHash(sha256(token));
      if (!row) throw new AppError('NOT_FOUND');
      const at = nowIso();
      const filled = await repos.visits.fillOnline(row.id, {
        contactName: body.contactName,
        findings: body.findings,
        visitedOn: shanghaiDate(),
        completedAt: at,
      });
      if (!filled) throw new AppError(row.completedAt ? 'ONLINE_VISIT_DONE' : 'ONLINE_VISIT_EXPIRED');
      const userName = `${body.contactName}（企业填写）`;
      await repos.audit.record(
        { userId: null, userName, ip: ctx.ip, requestId: ctx.requestId },
        {
          action: 'update',
          entityType: 'visit',
          entityId: row.id,
          entityLabel: '线上访企',
          scopeOrgId: row.managingOrgId,
          changes: diffFields(null, { ...body, demands: body.demands.length }, ['contactName', 'findings', 'demands']),
        },
      );
      await this.demands.createFromOnlineVisit(
        repos,
        { ip: ctx.ip, requestId: ctx.requestId, userName },
        { id: row.id, hostOrgId: row.hostOrgId },
        body.demands,
      );
    });
  }

  /** The caller's firms as their specialist (一企一专员), least recently visited first. */
  async myFirms(ctx: RequestContext): Promise<{ items: MyFirm[] }> {
    const repos = this.store.repos;
    const firms = await repos.visits.firmsOfSpecialist(ctx.actor.userId);
    const open = await this.demands.openCounts(
      repos,
      ctx,
      firms.map((f) => f.hostOrgId),
    );
    return { items: firms.map((f) => ({ ...f, openDemandCount: open.get(f.hostOrgId) ?? 0 })) };
  }

  /** The firms visited in the caller's read scope (the same rows the home's figure counts). */
  async visitedFirms(ctx: RequestContext, q: VisitedFirmQuery): Promise<Page<VisitedFirm>> {
    const { visits } = this.store.repos;
    const scope = visitReadScope(ctx.actor);
    const page = await visits.visitedFirms(scope, q);
    return { ...page, ...(q.withTotal ? { total: await visits.countVisitedFirms(scope, q) } : {}) };
  }
}
