/**
 * THE SEAM between the ledger import and the durable job queue (issue 11).
 *
 * `HostOrgImportsService` registers its two handlers (`validateImport`, `commitImport`) here and
 * sends jobs by name with the import's id as the singleton key. Today `LocalImportRunner` runs them
 * in this process, one at a time, right after the request. At merge, bind this interface to the
 * durable queue (`queue.register(name, handler)` / `queue.send(name, { importId }, { singletonKey:
 * importId })`): the handlers are idempotent and safe to run again after a crash (see the service).
 */
export type ImportJobName = 'hostOrgImport.validate' | 'hostOrgImport.commit';

/** Reports a job's progress (rows done of rows total; total 0 while unknown). */
export type ImportProgress = (done: number, total: number) => void;
export type ImportHandler = (importId: string, progress: ImportProgress) => Promise<void>;

export interface ImportRunner {
  register(name: ImportJobName, handler: ImportHandler): void;
  /** Queues a job; one job per (name, importId) at a time (the queue's singletonKey). */
  send(name: ImportJobName, importId: string): Promise<void>;
}

/** In-process runner: a FIFO of jobs, run one after another; errors go to `onError`. */
export class LocalImportRunner implements ImportRunner {
  private readonly handlers = new Map<ImportJobName, ImportHandler>();
  private readonly pending = new Set<string>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (e: unknown, job: string) => void = (e) => console.error(e)) {}

  register(name: ImportJobName, handler: ImportHandler) {
    this.handlers.set(name, handler);
  }

  async send(name: ImportJobName, importId: string) {
    const key = `${name}:${importId}`;
    if (this.pending.has(key)) return;
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    this.pending.add(key);
    this.tail = this.tail.then(async () => {
      // Let the request that queued the job answer first.
      await new Promise((r) => setImmediate(r));
      try {
        await handler(importId, () => {});
      } catch (e) {
        this.onError(e, key);
      } finally {
        this.pending.delete(key);
      }
    });
  }

  /** Resolves when every job queued so far has run (tests, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }
}
