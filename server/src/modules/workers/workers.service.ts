import {
  maskIdNumber,
  maskMobile,
  workerTransition,
  type Page,
  type WorkerBatchResult,
  type WorkerCreateBody,
  type WorkerListQuery,
  type WorkerRejectBody,
  type WorkerReveal,
  type WorkerSelfBody,
  type WorkerSelfView,
  type WorkerSelfOptions,
  type WorkerStatus,
  type WorkerUpdateBody,
  type WorkerView,
  type WorkerVersionBody,
  type WorkerEvent,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { SubtreeScope } from '../../core/scope';
import { nowIso, shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import { constraintError, violationOf } from '../../db/constraint-errors';
import type { Store } from '../../store';
import { AttachmentsService } from '../attachments/attachments.service';
import type { WorkerFilter, WorkerPatch, WorkerRow } from './workers.repository';
import {
  covers,
  isWorkerAccount,
  reachesNothing,
  selfEditable,
  workerPolicy,
  workerReadScope,
  workerSelfScope,
  workerVerifyScope,
  workerWriteScope,
  type WorkerFacts,
} from './workers.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type WorkersStore = Store<'attachments' | 'audit' | 'passes' | 'workers'>;
type WorkersRepos = WorkersStore['repos'];

/** Most rows in one export. */
export const WORKER_EXPORT_MAX = 10_000;

/** Fields whose changes the audit log records (display-safe: masked values only). */
const AUDITED = [
  'name',
  'mobileMasked',
  'idNumberMasked',
  'platform',
  'occupation',
  'regionCode',
  'partyMember',
  'partyOrgId',
  'photoId',
] as const;

type Fields = WorkerCreateBody;

/**
 * The registry of new-employment workers (新就业群体, issue 12). Staff enter workers of their regions;
 * a worker registers themselves on the phone (pending until a station manager or staff verifies).
 * The ID number and the mobile are kept under the field cipher with a keyed lookup hash; lists show
 * them masked, and the full values are a separate permission (`worker.reveal`) with an audit entry.
 * One registration per ID number: the service checks first (409 WORKER_DUPLICATE), and the unique
 * index on `id_number_hash` answers the same when two requests race.
 */
export class WorkersService {
  constructor(
    private readonly store: WorkersStore,
    private readonly cipher: FieldCipher,
    private readonly attachments: AttachmentsService,
  ) {}

  // ——— views ———

  private facts(ctx: RequestContext, r: WorkerRow, writable: boolean, verifiable: boolean): WorkerFacts {
    return { status: r.status as WorkerStatus, writable, verifiable };
  }

  private toView(ctx: RequestContext, r: WorkerRow, writable: boolean, verifiable: boolean, self = false): WorkerView {
    return {
      id: r.id,
      userId: r.userId,
      name: r.name,
      mobileMasked: maskMobile(this.cipher.decrypt(r.mobileEnc)),
      idNumberMasked: r.idNumberMasked,
      platform: r.platform as WorkerView['platform'],
      occupation: r.occupation as WorkerView['occupation'],
      regionCode: r.regionCode,
      regionName: r.regionName,
      partyMember: r.partyMember === 1,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.partyOrgName,
      photoUrl: r.photoAttachmentId ? (self ? '/api/workers/me/photo' : `/api/workers/${r.id}/photo`) : null,
      status: r.status as WorkerStatus,
      registeredVia: r.registeredVia,
      verifiedByName: r.verifiedByName,
      verifiedAt: r.verifiedAt,
      rejectReason: r.rejectReason,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      abilities: self ? [] : workerPolicy.abilities(ctx.actor, this.facts(ctx, r, writable, verifiable)),
    };
  }

  private async views(ctx: RequestContext, rows: WorkerRow[]): Promise<WorkerView[]> {
    const repos = this.store.repos;
    const ids = rows.map((r) => r.id);
    const writable = await this.inScope(repos, workerWriteScope(ctx.actor), ctx, ids);
    const verifiable = await this.inScope(repos, workerVerifyScope(ctx.actor), ctx, ids);
    return rows.map((r) => this.toView(ctx, r, writable.has(r.id), verifiable.has(r.id)));
  }

  /**
   * Which of these workers (all read by the caller) lie in `scope`: every one when the scope covers
   * the caller's read scope (no query), else a lookup.
   */
  private async inScope(
    repos: Pick<WorkersRepos, 'workers'>,
    scope: SubtreeScope,
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<Set<string>> {
    if (covers(scope, workerReadScope(ctx.actor))) return new Set(ids);
    return repos.workers.idsInScope(scope, ids);
  }

  /** The list filter: a search that is a mobile or an ID number is looked up by its hash. */
  private filter(q: WorkerListQuery): WorkerFilter {
    const text = q.q?.trim();
    const upper = text?.toUpperCase();
    return {
      q: text || undefined,
      mobileHash: text && /^1\d{10}$/.test(text) ? this.cipher.lookupHash(text) : undefined,
      idNumberHash: upper && /^\d{17}[\dX]$/.test(upper) ? this.cipher.lookupHash(upper) : undefined,
      status: q.status,
      platform: q.platform,
      occupation: q.occupation,
      regionCode: q.regionCode,
      partyMember: q.partyMember,
      orgId: q.orgId,
      verifiedFrom: q.verifiedFrom ? shanghaiDayStart(q.verifiedFrom) : undefined,
      verifiedTo: q.verifiedTo ? shanghaiDayEnd(q.verifiedTo) : undefined,
    };
  }

  // ——— reads ———

  async list(ctx: RequestContext, q: WorkerListQuery): Promise<Page<WorkerView>> {
    const { workers } = this.store.repos;
    const scope = workerReadScope(ctx.actor);
    const f = this.filter(q);
    const page = await workers.list(scope, f, q);
    return {
      items: await this.views(ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await workers.count(scope, f) } : {}),
    };
  }

  /** The rows of the export (masked, as the list shows them). */
  async exportRows(ctx: RequestContext, q: WorkerListQuery): Promise<WorkerView[]> {
    const rows = await this.store.repos.workers.all(workerReadScope(ctx.actor), this.filter(q), WORKER_EXPORT_MAX);
    return this.views(ctx, rows);
  }

  /** Counts workers over an area (a Party organisation's region) and verification period, whoever asks (figures). */
  countVerified(orgId: string, from: string, to: string): Promise<number> {
    return this.store.repos.workers.count(
      { all: true },
      { status: 'verified', orgId, verifiedFrom: shanghaiDayStart(from), verifiedTo: shanghaiDayEnd(to) },
    );
  }

  private async row(repos: WorkersRepos, ctx: RequestContext, id: string): Promise<WorkerRow> {
    const row = await repos.workers.get(workerReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<WorkerView> {
    return (await this.views(ctx, [await this.row(this.store.repos, ctx, id)]))[0]!;
  }

  /** Which of these workers the caller reads (reference resolver). */
  visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.workers.idsInScope(workerReadScope(ctx.actor), ids);
  }

  async photo(ctx: RequestContext, id: string) {
    const row = await this.row(this.store.repos, ctx, id);
    if (!row.photoAttachmentId) throw notFound();
    return this.attachments.openWorkerPhoto(row.id, row.photoAttachmentId);
  }

  /** The full ID number and mobile: `worker.reveal` over the worker's region, recorded in the audit log. */
  async reveal(ctx: RequestContext, id: string): Promise<WorkerReveal> {
    return this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      const writable = (await this.inScope(repos, workerWriteScope(ctx.actor), ctx, [id])).has(id);
      workerPolicy.authorize(ctx.actor, 'reveal', this.facts(ctx, row, writable, false));
      await repos.audit.record(auditCtx(ctx), {
        action: 'reveal',
        entityType: 'worker',
        entityId: id,
        entityLabel: row.name,
        changes: [{ field: 'idNumber', before: null, after: `${row.idNumberMasked}（查看完整号码）` }],
      });
      return { idNumber: this.cipher.decrypt(row.idNumberEnc), mobile: this.cipher.decrypt(row.mobileEnc) };
    });
  }

  // ——— writes ———

  /** The stored form of the personal fields. */
  private protectedFields(b: Fields) {
    const idNumber = b.idNumber.toUpperCase();
    return {
      mobileEnc: this.cipher.encrypt(b.mobile),
      mobileHash: this.cipher.lookupHash(b.mobile),
      idNumberEnc: this.cipher.encrypt(idNumber),
      idNumberHash: this.cipher.lookupHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
    };
  }

  /** The audit snapshot of a body or a row (masked). */
  private snapshot(b: Fields) {
    return {
      ...b,
      mobileMasked: maskMobile(b.mobile),
      idNumberMasked: maskIdNumber(b.idNumber.toUpperCase()),
      partyOrgId: b.partyMember ? b.partyOrgId : null,
    };
  }
  private rowSnapshot(r: WorkerRow) {
    return {
      ...r,
      mobileMasked: maskMobile(this.cipher.decrypt(r.mobileEnc)),
      partyMember: r.partyMember === 1,
      photoId: r.photoAttachmentId,
    };
  }

  private async checkRegion(
    repos: WorkersRepos,
    scope: Parameters<WorkersRepos['workers']['regionInScope']>[0],
    code: string,
  ) {
    // A region outside the caller's reach is answered as one that does not exist.
    if (reachesNothing(scope) || !(await repos.workers.regionInScope(scope, code)))
      throw new AppError('NOT_FOUND', { regionCode: 'invalid' });
  }

  private async checkDuplicate(repos: WorkersRepos, idNumberHash: string, exceptId: string | null) {
    const other = await repos.workers.idByIdNumberHash(idNumberHash);
    if (other && other !== exceptId) throw new AppError('WORKER_DUPLICATE', { idNumber: 'worker_duplicate' });
  }

  /** Runs a write; the unique index's answer to a race is the same 409 as the check's. */
  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const v = violationOf(e);
      if (v?.kind === 'unique' && v.columns.some((c) => c === 'id_number_hash' || c === 'idNumberHash'))
        throw new AppError('WORKER_DUPLICATE', { idNumber: 'worker_duplicate' });
      if (v?.kind === 'unique' && v.columns.some((c) => c === 'user_id' || c === 'userId'))
        throw new AppError('DUPLICATE');
      throw constraintError(e) ?? e;
    }
  }

  private async insertWorker(
    repos: WorkersRepos,
    ctx: RequestContext,
    body: Fields,
    via: 'self' | 'staff' | 'station',
    userId: string | null,
  ): Promise<string> {
    const id = newId();
    const p = this.protectedFields(body);
    await this.checkDuplicate(repos, p.idNumberHash, null);
    await repos.workers.insert({
      id,
      userId,
      name: body.name,
      ...p,
      platform: body.platform,
      occupation: body.occupation,
      regionCode: body.regionCode,
      partyMember: body.partyMember ? 1 : 0,
      partyOrgId: body.partyMember ? body.partyOrgId : null,
      photoAttachmentId: body.photoId,
      status: 'pending',
      registeredVia: via,
      verifiedBy: null,
      verifiedAt: null,
      rejectReason: null,
      createdBy: ctx.actor.userId,
    });
    if (body.photoId) await AttachmentsService.claimForWorker(repos, ctx, id, body.photoId);
    await repos.audit.record(auditCtx(ctx), {
      action: 'create',
      entityType: 'worker',
      entityId: id,
      entityLabel: body.name,
      changes: diffFields(null, this.snapshot(body), [...AUDITED, 'status']),
    });
    return id;
  }

  /** Staff enter a worker of their regions (pending until verified). */
  async create(ctx: RequestContext, body: WorkerCreateBody): Promise<WorkerView> {
    if (!ctx.actor.permissions.has('worker.write')) throw new AppError('FORBIDDEN');
    const id = await this.guarded(() =>
      this.store.tx(async (repos) => {
        await this.checkRegion(repos, workerWriteScope(ctx.actor), body.regionCode);
        return this.insertWorker(repos, ctx, body, 'staff', null);
      }),
    );
    return this.get(ctx, id);
  }

  private async patchFields(
    repos: WorkersRepos,
    ctx: RequestContext,
    row: WorkerRow,
    edit: Omit<Fields, 'mobile' | 'idNumber'> & { mobile?: string; idNumber?: string; version: number },
    extra: WorkerPatch = {},
    fromStatus?: readonly string[],
  ) {
    // A number left out stays as stored.
    const body = {
      ...edit,
      mobile: edit.mobile ?? this.cipher.decrypt(row.mobileEnc),
      idNumber: edit.idNumber ?? this.cipher.decrypt(row.idNumberEnc),
    };
    const p = this.protectedFields(body);
    await this.checkDuplicate(repos, p.idNumberHash, row.id);
    if (body.photoId && body.photoId !== row.photoAttachmentId)
      await AttachmentsService.claimForWorker(repos, ctx, row.id, body.photoId);
    const patch: WorkerPatch = {
      name: body.name,
      ...p,
      platform: body.platform,
      occupation: body.occupation,
      regionCode: body.regionCode,
      partyMember: body.partyMember ? 1 : 0,
      partyOrgId: body.partyMember ? body.partyOrgId : null,
      ...(body.photoId ? { photoAttachmentId: body.photoId } : {}),
      ...extra,
    };
    await repos.workers.update(row.id, body.version, patch, fromStatus);
    // The worker's passes are counted by the worker's region in the pass summaries (issue 15).
    await repos.passes.moveWorkerInSummary(row.id, row.regionCode, body.regionCode);
    await repos.audit.record(auditCtx(ctx), {
      action: 'update',
      entityType: 'worker',
      entityId: row.id,
      entityLabel: body.name,
      changes: diffFields(
        this.rowSnapshot(row),
        { ...this.snapshot(body), photoId: body.photoId ?? row.photoAttachmentId, status: extra.status ?? row.status },
        [...AUDITED, 'status'],
      ),
    });
  }

  async update(ctx: RequestContext, id: string, body: WorkerUpdateBody): Promise<WorkerView> {
    await this.guarded(() =>
      this.store.tx(async (repos) => {
        const row = await this.row(repos, ctx, id);
        const writable = (await this.inScope(repos, workerWriteScope(ctx.actor), ctx, [id])).has(id);
        workerPolicy.authorize(ctx.actor, 'update', this.facts(ctx, row, writable, false));
        await this.checkRegion(repos, workerWriteScope(ctx.actor), body.regionCode);
        await this.patchFields(repos, ctx, row, body);
      }),
    );
    return this.get(ctx, id);
  }

  /** One step of the state machine (verify, reject, disable) by a station manager or staff over the region. */
  private async step(
    repos: WorkersRepos,
    ctx: RequestContext,
    row: WorkerRow,
    event: Extract<WorkerEvent, 'verify' | 'reject' | 'disable'>,
    version: number,
    reason: string | null,
  ) {
    const verifiable = (await this.inScope(repos, workerVerifyScope(ctx.actor), ctx, [row.id])).has(row.id);
    workerPolicy.authorize(ctx.actor, event, this.facts(ctx, row, false, verifiable));
    const from = row.status as WorkerStatus;
    const to = workerTransition(from, event)!;
    const patch: WorkerPatch =
      event === 'verify'
        ? { status: to, verifiedBy: ctx.actor.userId, verifiedAt: nowIso(), rejectReason: null }
        : event === 'reject'
          ? { status: to, rejectReason: reason }
          : { status: to };
    await repos.workers.update(row.id, version, patch, [from]);
    await repos.audit.record(auditCtx(ctx), {
      action: 'update',
      entityType: 'worker',
      entityId: row.id,
      entityLabel: row.name,
      changes: [
        { field: 'status', before: from, after: to },
        ...(reason ? [{ field: 'rejectReason', before: row.rejectReason, after: reason }] : []),
      ],
    });
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    event: 'verify' | 'reject' | 'disable',
    body: WorkerVersionBody & { reason?: string },
  ): Promise<WorkerView> {
    await this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      await this.step(repos, ctx, row, event, body.version, body.reason ?? null);
    });
    return this.get(ctx, id);
  }

  verify = (ctx: RequestContext, id: string, body: WorkerVersionBody) => this.transition(ctx, id, 'verify', body);
  reject = (ctx: RequestContext, id: string, body: WorkerRejectBody) => this.transition(ctx, id, 'reject', body);
  disable = (ctx: RequestContext, id: string, body: WorkerVersionBody) => this.transition(ctx, id, 'disable', body);

  /**
   * Verifies several pending workers at once (the station manager's list). Every id was resolved
   * through the caller's read scope before this ran; those not pending or not verifiable are skipped.
   */
  async verifyBatch(ctx: RequestContext, ids: readonly string[]): Promise<WorkerBatchResult> {
    let verified = 0;
    await this.store.tx(async (repos) => {
      const verifiable = await this.inScope(repos, workerVerifyScope(ctx.actor), ctx, ids);
      for (const id of new Set(ids)) {
        const row = await this.row(repos, ctx, id);
        if (!verifiable.has(id) || row.status !== 'pending') continue;
        await this.step(repos, ctx, row, 'verify', row.version, null);
        verified++;
      }
    });
    return { verified, skipped: new Set(ids).size - verified };
  }

  // ——— the worker's own registration ———

  private selfView(ctx: RequestContext, row: WorkerRow | undefined): WorkerSelfView {
    return { worker: row ? this.toView(ctx, row, false, false, true) : null };
  }

  async me(ctx: RequestContext): Promise<WorkerSelfView> {
    return this.selfView(ctx, await this.store.repos.workers.ofUser(ctx.actor.userId));
  }

  /**
   * Registers the caller (a worker account) or edits their registration while it is pending or was
   * rejected (a rejected one goes back to pending). The region must be under their own binding.
   */
  async saveMe(ctx: RequestContext, body: WorkerSelfBody): Promise<WorkerSelfView> {
    if (!isWorkerAccount(ctx.actor)) throw new AppError('WORKER_ACCOUNT_ONLY');
    await this.guarded(() =>
      this.store.tx(async (repos) => {
        await this.checkRegion(repos, workerSelfScope(ctx.actor), body.regionCode);
        const row = await repos.workers.ofUser(ctx.actor.userId);
        if (!row) {
          const { mobile, idNumber } = body;
          if (!mobile || !idNumber)
            throw new AppError('VALIDATION_FAILED', {
              ...(mobile ? {} : { mobile: 'required' }),
              ...(idNumber ? {} : { idNumber: 'required' }),
            });
          await this.insertWorker(repos, ctx, { ...body, mobile, idNumber }, 'self', ctx.actor.userId);
          return;
        }
        const status = row.status as WorkerStatus;
        if (!selfEditable(status)) throw new AppError('WORKER_NOT_EDITABLE');
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        const extra: WorkerPatch =
          status === 'rejected' ? { status: workerTransition(status, 'resubmit')!, rejectReason: null } : {};
        await this.patchFields(repos, ctx, row, { ...body, version: body.version }, extra, ['pending', 'rejected']);
      }),
    );
    return this.me(ctx);
  }

  /** The regions and Party organisations a worker account may choose (under its own bindings). */
  async myOptions(ctx: RequestContext): Promise<WorkerSelfOptions> {
    const orgIds = workerSelfScope(ctx.actor).orgIds;
    const { workers } = this.store.repos;
    const regions = await workers.regionsUnderOrgs(orgIds);
    return {
      regions: regions.map((r) => ({ code: r.code, name: r.name, level: Number(r.level) })),
      partyOrgs: await workers.partyOrgsUnder(orgIds),
    };
  }

  async myPhoto(ctx: RequestContext) {
    const row = await this.store.repos.workers.ofUser(ctx.actor.userId);
    if (!row?.photoAttachmentId) throw notFound();
    return this.attachments.openWorkerPhoto(row.id, row.photoAttachmentId);
  }

  /** Who may upload a registration photo: staff entering workers, or a worker account for their own. */
  assertMayUploadPhoto(ctx: RequestContext) {
    if (!ctx.actor.permissions.has('worker.write') && !isWorkerAccount(ctx.actor)) throw new AppError('FORBIDDEN');
  }
}
