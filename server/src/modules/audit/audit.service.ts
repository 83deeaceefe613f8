import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { Store } from '../../store';
import type { FileBackend } from '../attachments/attachments.backend';
import { auditReadScope } from './audit.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AuditStore = Store<'audit'>;

/** Where audit archives go: the file backend's `audit-archive` area, written first to `tmpDir` (local). */
export interface AuditArchiveStorage {
  files: FileBackend;
  tmpDir: string;
}

/** Audit entries carry the Party organisation they concern; staff read those under their bindings. */
export class AuditService {
  constructor(
    private readonly store: AuditStore,
    private readonly archive: AuditArchiveStorage | null = null,
  ) {}

  /** Where archives are written before they are stored (`*.part`, this machine's disk), or null without archive storage. */
  get archiveTmpDir(): string | null {
    return this.archive?.tmpDir ?? null;
  }

  list(ctx: RequestContext, q: AuditListQuery): Promise<Page<AuditView>> {
    return this.store.repos.audit.list(auditReadScope(ctx.actor), q);
  }

  /**
   * Retention (等保: audit records kept at least 180 days; AUDIT_RETENTION_DAYS, default 365): entries
   * older than the cut-off are written, oldest first, to a gzip'd JSON-lines archive
   * (`audit-archive/audit-<cut-off day>-<time>.jsonl.gz`, one entry a line with every column), which
   * is stored by the file backend — the data directory, or with STORAGE=s3 the shared bucket, so no
   * archive stays on the one machine whose process ran the job — and only then are they deleted,
   * batch by batch, none past the last one archived. Run daily by the audit-retention job; a crash
   * before the archive is stored deletes nothing, one after leaves entries in two archives at worst,
   * never in none. Returns what was archived and the archive's path in the backend.
   */
  async archiveBefore(cutoff: Date, at: Date): Promise<{ archived: number; file: string | null }> {
    if (!this.archive) throw new Error('no audit archive storage configured');
    const { files, tmpDir } = this.archive;
    const before = cutoff.toISOString();
    const repo = this.store.repos.audit;
    if ((await repo.oldest(before, 1)).length === 0) return { archived: 0, file: null };
    const name = `audit-${before.slice(0, 10)}-${at.toISOString().replace(/[:.]/g, '-')}.jsonl.gz`;
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${name}.part`);
    const rel = path.posix.join('audit-archive', name);
    let last: { at: string; id: string } | null = null;
    let written = 0;
    try {
      const gzip = createGzip();
      const out = createWriteStream(tmpPath, { mode: 0o600 });
      gzip.pipe(out);
      for (;;) {
        const rows = await repo.oldest(before, 1000, last);
        if (rows.length === 0) break;
        for (const r of rows) if (!gzip.write(JSON.stringify(r) + '\n')) await once(gzip, 'drain');
        written += rows.length;
        const end = rows[rows.length - 1]!;
        last = { at: end.at, id: end.id };
      }
      gzip.end();
      await once(out, 'finish');
      const { size } = await stat(tmpPath);
      await files.put(tmpPath, rel, size);
    } finally {
      await rm(tmpPath, { force: true });
    }
    // Stored: now the archived entries go.
    let archived = 0;
    for (;;) {
      const n = await repo.deleteUpTo(before, last!, 1000);
      if (n === 0) break;
      archived += n;
    }
    if (archived !== written) throw new Error(`audit archive ${rel}: ${written} entries written, ${archived} deleted`);
    return { archived, file: rel };
  }
}
