import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { Store } from '../../store';
import { auditReadScope } from './audit.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AuditStore = Store<'audit'>;

/** Audit entries carry the Party organisation they concern; staff read those under their bindings. */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  list(ctx: RequestContext, q: AuditListQuery): Promise<Page<AuditView>> {
    return this.store.repos.audit.list(auditReadScope(ctx.actor), q);
  }

  /**
   * Retention (等保: audit records kept at least 180 days; AUDIT_RETENTION_DAYS, default 365): entries
   * older than the cut-off are written to a gzip'd JSON-lines archive in `dir`
   * (`audit-<cut-off day>-<time>.jsonl.gz`, one entry a line with every column) and only then deleted,
   * batch by batch, oldest first. Run daily by the audit-retention job; a crash between writing and
   * deleting leaves an entry in two archives at worst, never in none. Returns what was archived.
   */
  async archiveBefore(cutoff: Date, dir: string, at: Date): Promise<{ archived: number; file: string | null }> {
    const before = cutoff.toISOString();
    const repo = this.store.repos.audit;
    if ((await repo.oldest(before, 1)).length === 0) return { archived: 0, file: null };
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `audit-${before.slice(0, 10)}-${at.toISOString().replace(/[:.]/g, '-')}.jsonl.gz`);
    const gzip = createGzip();
    const out = createWriteStream(file, { mode: 0o600 });
    gzip.pipe(out);
    let archived = 0;
    for (;;) {
      const rows = await repo.oldest(before, 1000);
      if (rows.length === 0) break;
      for (const r of rows) if (!gzip.write(JSON.stringify(r) + '\n')) await once(gzip, 'drain');
      // Written to the archive before the rows go: flushed through gzip to the file.
      await new Promise<void>((resolve) => gzip.flush(() => resolve()));
      archived += await repo.deleteIds(rows.map((r) => r.id));
    }
    gzip.end();
    await once(out, 'finish');
    return { archived, file };
  }
}
