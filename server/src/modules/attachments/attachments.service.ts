import type { Multipart } from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, idSchema, type AttachmentView } from '@touyan/schemas';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import { textProblem } from '../../core/validation';
import type { ReposOf, Store } from '../../store';
import type { ProjectsService } from '../projects/projects.service';
import { cleanFilename, resolveType } from './attachments.files';
import type { AttachmentRow } from './attachments.repository';
import { AttachmentStorage, type Received } from './attachments.storage';
import { seesUnlinkedUpload } from './attachments.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AttachmentsStore = Store<'attachments' | 'audit' | 'projects'>;

export const attachmentView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  url: `/api/attachments/${r.id}`,
  uploadedAt: r.uploadedAt,
});

/**
 * Files attached to declarations, progress posts, milestones and reports. Type and size are
 * checked on the bytes received; a file is readable by whoever can see its project (an upload not
 * yet linked to a project only by its uploader).
 *
 * Quotas per user (`Config['uploads']`, counters in `upload_daily_usage` / `upload_unlinked_usage`):
 * bytes stored per Asia/Shanghai day (429 UPLOAD_QUOTA_EXCEEDED) and bytes held in uploads not yet
 * linked to a project (429 UPLOAD_UNLINKED_QUOTA_EXCEEDED). Each is charged by one conditional
 * statement in the upload's transaction; linking an upload (`claim`) or its removal by the cleanup
 * (attachments.cleanup.ts) gives its bytes back to the unlinked allowance.
 */
export class AttachmentsService {
  readonly storage: AttachmentStorage;

  constructor(
    private readonly store: AttachmentsStore,
    private readonly projects: ProjectsService,
    dataDir: string,
    private readonly limits: Config['uploads'],
  ) {
    this.storage = new AttachmentStorage(dataDir, limits.objectStore);
  }

  /**
   * Reads a multipart form with one `file` and an optional `projectId`, in either order. A visit
   * photo (`photo`) takes no `projectId` and must be a JPEG or PNG (checked on the bytes, 400
   * VISIT_PHOTO_TYPE); it stays unlinked until the visit is saved (`claimForVisit`).
   */
  async upload(
    ctx: RequestContext,
    parts: AsyncIterable<Multipart>,
    /** `worker`: a worker's registration photo (same rules as a visit photo; linked with the worker). */
    /** `dispute`: evidence of a dispute case (any allowed type; linked with the case). */
    /** `photoOrPdf`: a worker's own evidence from the phone (images and PDF only). */
    opts: { photo?: boolean; worker?: boolean; dispute?: boolean; photoOrPdf?: boolean } = {},
  ): Promise<AttachmentView> {
    const id = newId();
    let received: Received | null = null;
    let filename = '';
    let projectId: string | null = null;
    try {
      try {
        for await (const part of parts) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || received) {
              part.file.resume();
              throw new AppError('VALIDATION_FAILED', { file: 'invalid' });
            }
            filename = cleanFilename(part.filename ?? '');
            received = await this.storage.receive(id, part.file);
          } else if (
            !opts.photo &&
            !opts.dispute &&
            part.fieldname === 'projectId' &&
            typeof part.value === 'string' &&
            part.value
          ) {
            projectId = part.value;
          }
        }
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE');
        if (e instanceof AppError) throw e;
        throw new AppError('VALIDATION_FAILED', { file: 'invalid' });
      }
      if (!received || received.size === 0) throw new AppError('VALIDATION_FAILED', { file: 'required' });
      if (received.truncated || received.size > ATTACHMENT_MAX_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE');
      const type = resolveType(filename, received.head);
      if (opts.photo && !type?.mime.startsWith('image/')) throw new AppError('VISIT_PHOTO_TYPE');
      if (opts.photoOrPdf && !(type?.mime.startsWith('image/') || type?.mime === 'application/pdf'))
        throw new AppError('DISPUTE_EVIDENCE_TYPE');
      if (!type) throw new AppError('ATTACHMENT_TYPE');
      if (projectId !== null && !idSchema.safeParse(projectId).success) {
        // Multipart fields do not pass parseInput: the same text rule, said the same way.
        throw new AppError('VALIDATION_FAILED', { projectId: textProblem(projectId) ?? 'invalid' });
      }
      const got = received;
      const userId = ctx.actor.userId;
      let kept: string | null = null;
      const row = await this.store
        .tx(async (repos) => {
          const project = projectId ? await this.projects.row(repos, ctx, projectId) : null;
          const today = shanghaiDate();
          if (!(await repos.attachments.chargeDaily(userId, today, got.size, this.limits.dailyQuotaBytes))) {
            throw new AppError('UPLOAD_QUOTA_EXCEEDED');
          }
          if (!project && !(await repos.attachments.chargeUnlinked(userId, got.size, this.limits.unlinkedQuotaBytes))) {
            throw new AppError('UPLOAD_UNLINKED_QUOTA_EXCEEDED');
          }
          const storagePath = await this.storage.keep(got.tmpPath, id, type.ext, today);
          kept = storagePath;
          const r: AttachmentRow = {
            id,
            projectId: project?.id ?? null,
            visitId: null,
            workerId: null,
            disputeCaseId: null,
            filename,
            mime: type.mime,
            size: got.size,
            sha256: got.sha256,
            storagePath,
            uploadedBy: userId,
            uploadedAt: nowIso(),
          };
          await repos.attachments.insert(r);
          await repos.audit.record(auditCtx(ctx), {
            action: 'create',
            entityType: opts.dispute ? 'dispute_case' : opts.worker ? 'worker' : opts.photo ? 'visit' : 'project',
            entityId: project?.id ?? null,
            entityLabel: `${opts.dispute ? '证据材料' : opts.worker ? '登记照片' : opts.photo ? '走访照片' : '附件'} ${filename}`,
            scopeOrgId: project?.orgId ?? null,
            changes: [
              { field: 'attachment', before: null, after: `${filename} (${got.size} B, sha256 ${got.sha256})` },
            ],
          });
          return r;
        })
        .catch(async (e: unknown) => {
          // Not recorded: the file moved into place goes too.
          if (kept) await this.storage.remove(kept);
          throw e;
        });
      return attachmentView(row);
    } catch (e) {
      if (received) await this.storage.discard(received.tmpPath);
      throw e;
    }
  }

  /** The file and its record if the caller may see it; 404 otherwise. */
  async open(ctx: RequestContext, id: string) {
    const repos = this.store.repos;
    const row = await repos.attachments.get(id);
    if (!row) throw notFound();
    // A visit's photo is read through its visit (GET /api/visits/:id/photos/:photoId).
    if (row.visitId || row.workerId || row.disputeCaseId) throw notFound();
    if (row.projectId) await this.projects.row(repos, ctx, row.projectId);
    else if (!seesUnlinkedUpload(ctx.actor, row)) throw notFound();
    const stream = await this.storage.open(row.storagePath);
    if (!stream) throw notFound();
    return { row, stream };
  }

  /**
   * Checks the attachments offered with a record of a project: each must belong to the project,
   * or be the caller's own upload not yet linked (which is then linked to it). An upload the cleanup
   * removed (or another save linked elsewhere) since it was read is refused like an unknown id:
   * 400, and the caller's transaction rolls back.
   */
  claim(repos: ReposOf<'attachments'>, ctx: RequestContext, projectId: string, ids: readonly string[]) {
    return claimUploads(repos, ctx, projectId, ids);
  }

  /** Removes stored files whose rows are gone (a visit's removed photos, after the commit). */
  async removeFiles(paths: readonly string[]) {
    for (const p of paths) await this.storage.remove(p);
  }

  /**
   * The file of a visit's photo. The caller (visits service) has checked the visit's read scope;
   * here the photo must belong to that visit, else 404.
   */
  async openVisitPhoto(visitId: string, photoId: string) {
    const row = await this.store.repos.attachments.get(photoId);
    if (!row || row.visitId !== visitId) throw notFound();
    const stream = await this.storage.open(row.storagePath);
    if (!stream) throw notFound();
    return { row, stream };
  }

  /**
   * Links the caller's unlinked photo uploads to the visit being saved, in the caller's
   * transaction. Anything else (another user's upload, a file already linked, one removed by the
   * cleanup, a document that is not an image) is 400 and the save rolls back.
   */
  static async claimForVisit(
    repos: ReposOf<'attachments'>,
    ctx: RequestContext,
    visitId: string,
    ids: readonly string[],
    field = 'photoIds',
  ) {
    if (ids.length === 0) return;
    const rows = await repos.attachments.byIds(ids);
    const ok =
      rows.length === new Set(ids).size &&
      rows.every(
        (r) =>
          r.projectId === null &&
          r.visitId === null &&
          r.workerId === null &&
          r.disputeCaseId === null &&
          r.uploadedBy === ctx.actor.userId &&
          r.mime.startsWith('image/'),
      );
    if (!ok) throw new AppError('VALIDATION_FAILED', { [field]: 'invalid' });
    const linked = await repos.attachments.linkToVisit(ids, visitId);
    if (linked.length !== rows.length) throw new AppError('VALIDATION_FAILED', { [field]: 'invalid' });
    await repos.attachments.releaseUnlinked(
      ctx.actor.userId,
      linked.reduce((sum, r) => sum + r.size, 0),
    );
  }

  /**
   * The file of a worker's photo. The caller (workers service) has checked the worker's read scope
   * (or that it is the caller's own registration); the photo must belong to that worker, else 404.
   */
  async openWorkerPhoto(workerId: string, photoId: string) {
    const row = await this.store.repos.attachments.get(photoId);
    if (!row || row.workerId !== workerId) throw notFound();
    const stream = await this.storage.open(row.storagePath);
    if (!stream) throw notFound();
    return { row, stream };
  }

  /**
   * Links the caller's unlinked photo upload to the worker being saved, in the caller's transaction
   * (a photo already this worker's is kept as it is). Anything else is 400 and the save rolls back.
   */
  static async claimForWorker(repos: ReposOf<'attachments'>, ctx: RequestContext, workerId: string, id: string) {
    const [row] = await repos.attachments.byIds([id]);
    if (row?.workerId === workerId) return;
    const ok =
      row &&
      row.projectId === null &&
      row.visitId === null &&
      row.workerId === null &&
      row.disputeCaseId === null &&
      row.uploadedBy === ctx.actor.userId &&
      row.mime.startsWith('image/');
    if (!ok) throw new AppError('VALIDATION_FAILED', { photoId: 'invalid' });
    const linked = await repos.attachments.linkToWorker(id, workerId);
    if (!linked) throw new AppError('VALIDATION_FAILED', { photoId: 'invalid' });
    await repos.attachments.releaseUnlinked(ctx.actor.userId, linked.size);
  }

  /**
   * The file of a dispute case's evidence. The caller (disputes service) has checked the case's read
   * scope; the file must belong to that case, else 404.
   */
  async openDisputeEvidence(caseId: string, fileId: string) {
    const row = await this.store.repos.attachments.get(fileId);
    if (!row || row.disputeCaseId !== caseId) throw notFound();
    const stream = await this.storage.open(row.storagePath);
    if (!stream) throw notFound();
    return { row, stream };
  }

  /**
   * Links the caller's unlinked uploads to a dispute case as evidence, in the caller's transaction.
   * Anything else (another user's upload, a file already linked, one the cleanup removed) is 400 and
   * the save rolls back.
   */
  static async claimForDisputeCase(
    repos: ReposOf<'attachments'>,
    ctx: RequestContext,
    caseId: string,
    ids: readonly string[],
  ) {
    if (ids.length === 0) return;
    const rows = await repos.attachments.byIds(ids);
    const ok =
      rows.length === new Set(ids).size &&
      rows.every(
        (r) =>
          r.projectId === null &&
          r.visitId === null &&
          r.workerId === null &&
          r.disputeCaseId === null &&
          r.uploadedBy === ctx.actor.userId,
      );
    if (!ok) throw new AppError('VALIDATION_FAILED', { evidenceIds: 'invalid' });
    const linked = await repos.attachments.linkToDisputeCase(ids, caseId);
    if (linked.length !== rows.length) throw new AppError('VALIDATION_FAILED', { evidenceIds: 'invalid' });
    await repos.attachments.releaseUnlinked(
      ctx.actor.userId,
      linked.reduce((sum, r) => sum + r.size, 0),
    );
  }

  /** The evidence of a dispute case (url: the case's evidence route), oldest first. */
  static async evidenceOf(repos: ReposOf<'attachments'>, caseId: string): Promise<AttachmentView[]> {
    return (await repos.attachments.ofDisputeCase(caseId)).map((r) => ({
      ...attachmentView(r),
      url: `/api/dispute-cases/${caseId}/evidence/${r.id}`,
    }));
  }

  /** The photos of each visit (url: the visit's photo route), oldest first. */
  static async photosOfVisits(
    repos: ReposOf<'attachments'>,
    visitIds: readonly string[],
  ): Promise<Map<string, AttachmentView[]>> {
    const out = new Map<string, AttachmentView[]>();
    for (const r of await repos.attachments.ofVisits(visitIds)) {
      const list = out.get(r.visitId!) ?? [];
      list.push({ ...attachmentView(r), url: `/api/visits/${r.visitId}/photos/${r.id}` });
      out.set(r.visitId!, list);
    }
    return out;
  }

  /** Views of the given attachments, by id (unknown ids are skipped). */
  static async views(repos: ReposOf<'attachments'>, ids: readonly string[]): Promise<Map<string, AttachmentView>> {
    const rows = await repos.attachments.byIds(ids);
    return new Map(rows.map((r) => [r.id, attachmentView(r)]));
  }
}

/**
 * Links the caller's unlinked uploads to the project a record of it (declaration, progress post,
 * milestone, report) now names; uploads already on the project stay. Anything else — another
 * user's upload, another project's file, one removed by the cleanup — is 400 and the save rolls back.
 */
export async function claimUploads(
  repos: ReposOf<'attachments'>,
  ctx: RequestContext,
  projectId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return;
  const rows = await repos.attachments.byIds(ids);
  const ok =
    rows.length === new Set(ids).size &&
    rows.every(
      (r) =>
        r.projectId === projectId ||
        (r.projectId === null &&
          r.visitId === null &&
          r.workerId === null &&
          r.disputeCaseId === null &&
          r.uploadedBy === ctx.actor.userId),
    );
  if (!ok) throw new AppError('VALIDATION_FAILED', { attachmentIds: 'invalid' });
  const toLink = rows.filter((r) => r.projectId === null).map((r) => r.id);
  const linked = await repos.attachments.linkToProject(toLink, projectId);
  if (linked.length !== toLink.length) throw new AppError('VALIDATION_FAILED', { attachmentIds: 'invalid' });
  await repos.attachments.releaseUnlinked(
    ctx.actor.userId,
    linked.reduce((sum, r) => sum + r.size, 0),
  );
}

/** Parses a stored JSON list of attachment ids. */
export const attachmentIdsOf = (json: string | null | undefined): string[] => {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** The views of a record's attachments, in the record's order. */
export const pickViews = (ids: readonly string[], all: Map<string, AttachmentView>): AttachmentView[] =>
  ids.map((id) => all.get(id)).filter((v): v is AttachmentView => !!v);
