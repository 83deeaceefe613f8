import type { ScanInsert } from './passes.repository';

/** Rows in one insert at most (SQLite allows 32,766 bound values; a scan row has 12). */
const MAX_BATCH = 200;

interface Waiting {
  row: ScanInsert;
  resolve: (inserted: boolean) => void;
  reject: (e: unknown) => void;
}

/**
 * The online scan log's group commit (issue 12). A verification waits for its scan row to be
 * committed before it answers ("logged" is never said of a row that is not stored: nothing
 * acknowledged is ever lost), but the rows of the requests that arrive together are written by one
 * statement, committed once: those that came in during the same turn of the event loop, and on
 * PostgreSQL also all that came in while the previous batch was being committed. An idle server
 * writes each scan alone at once (no timer, no added wait).
 *
 * A client id is logged once: `write` inserts with ON CONFLICT (client_id) DO NOTHING and answers the
 * client ids it inserted; a client id twice in one batch is written once, the later request answered
 * as a duplicate. When a batch fails as a whole, its rows are written one by one, so one bad row
 * fails only its own request.
 */
export class ScanLog {
  private queue: Waiting[] = [];
  private scheduled = false;
  private writing = false;

  constructor(private readonly write: (rows: ScanInsert[]) => Promise<Set<string>>) {}

  /** Resolves once the row is committed: true if inserted, false if its client id was logged before. */
  append(row: ScanInsert): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.scheduled && !this.writing) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const first = new Map<string, Waiting>();
    const repeats: Waiting[] = [];
    for (const w of batch) {
      if (first.has(w.row.clientId)) repeats.push(w);
      else first.set(w.row.clientId, w);
    }
    const rows = [...first.values()];
    try {
      const inserted = await this.write(rows.map((w) => w.row));
      for (const w of rows) w.resolve(inserted.has(w.row.clientId));
      for (const w of repeats) w.resolve(false);
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      for (const w of [...rows, ...repeats]) {
        try {
          w.resolve((await this.write([w.row])).has(w.row.clientId));
        } catch (err) {
          w.reject(err);
        }
      }
    }
  }
}
