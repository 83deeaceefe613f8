import type { FastifyBaseLogger } from 'fastify';
import { addDays, type FieldChange } from '@touyan/schemas';
import type { Config } from '../../config';
import { now } from '../../core/clock';
import { shanghaiDate } from '../../core/time';
import type { Services } from '../../services';
import type { Store } from '../../store';
import type { AttachmentStorage } from './attachments.storage';

/** The repositories the cleanup declares: `startUploadCleanupJob` gives it `store.view(…)` of exactly these. */
export type UploadsCleanupStore = Store<'attachments' | 'audit'>;

/** Rows deleted per transaction: keeps each transaction (and its audit entry) small. */
const BATCH = 200;
/** Daily upload counters are kept this many days (for support questions), then dropped. */
const KEEP_DAILY_DAYS = 7;

export interface CleanupResult {
  /** Unlinked uploads removed (row and file). */
  removed: number;
  bytes: number;
}

/**
 * Removes uploads never linked to a project and older than the TTL (24 h by default): an upload
 * made for a post or report that was never saved. Per batch, one transaction deletes the rows still
 * unlinked (`deleteUnlinkedBefore`: a single statement, so a save linking the file at that moment
 * either wins — the row is kept — or finds it gone and answers 400), gives the bytes back to each
 * uploader's unlinked allowance and writes one audit entry listing the files; the files of the
 * deleted rows are removed after the commit. Safe to run in several processes at once (each row is
 * deleted, and its file removed, by one of them) and to run again after a failure: a file whose row
 * is gone but which a crash left on disk is the only leftover.
 */
export class UnlinkedUploadsCleanup {
  constructor(
    private readonly store: UploadsCleanupStore,
    private readonly storage: AttachmentStorage,
    private readonly ttlMs: number,
  ) {}

  async run(): Promise<CleanupResult> {
    const before = new Date(now().getTime() - this.ttlMs).toISOString();
    const result: CleanupResult = { removed: 0, bytes: 0 };
    for (;;) {
      const rows = await this.store.tx(async (repos) => {
        const gone = await repos.attachments.deleteUnlinkedBefore(before, BATCH);
        if (gone.length === 0) return gone;
        const byUser = new Map<string, number>();
        for (const r of gone) if (r.uploadedBy) byUser.set(r.uploadedBy, (byUser.get(r.uploadedBy) ?? 0) + r.size);
        for (const [userId, bytes] of byUser) await repos.attachments.releaseUnlinked(userId, bytes);
        const changes: FieldChange[] = gone.map((r) => ({
          field: 'attachment',
          before: `${r.filename} (${r.size} B, sha256 ${r.sha256}, uploaded ${r.uploadedAt} by ${r.uploadedBy ?? '—'})`,
          after: null,
        }));
        await repos.audit.record(
          { userId: null, userName: '系统', ip: null, requestId: 'upload-cleanup' },
          {
            action: 'delete',
            entityType: 'project',
            entityId: null,
            entityLabel: `清理未关联的附件 ${gone.length} 个`,
            scopeOrgId: null,
            changes,
          },
        );
        return gone;
      });
      for (const r of rows) await this.storage.remove(r.storagePath);
      result.removed += rows.length;
      result.bytes += rows.reduce((sum, r) => sum + r.size, 0);
      if (rows.length < BATCH) break;
    }
    await this.store.repos.attachments.forgetDaysBefore(addDays(shanghaiDate(), -KEEP_DAILY_DAYS));
    return result;
  }
}

/**
 * The `upload-cleanup` job's handler (registered and scheduled hourly by the composition root,
 * server/src/background.ts): runs the cleanup once and logs the counts removed. Missing a run only
 * delays the removal, and every run catches up on everything due; a failure throws, so the job queue
 * retries it with backoff.
 */
export function uploadCleanupJob(
  services: Pick<Services, 'store' | 'attachments'>,
  config: Pick<Config, 'uploads'>,
  log: Pick<FastifyBaseLogger, 'info'>,
): () => Promise<CleanupResult> {
  const cleanup = new UnlinkedUploadsCleanup(
    services.store.view('attachments', 'audit'),
    services.attachments.storage,
    config.uploads.unlinkedTtlMs,
  );
  return async () => {
    const r = await cleanup.run();
    if (r.removed) log.info(r, 'unlinked uploads removed');
    return r;
  };
}
