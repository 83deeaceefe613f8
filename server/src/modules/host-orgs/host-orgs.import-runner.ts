import type { JobQueue } from '../../jobs';

/**
 * Where the ledger import's work runs (issue 11). `HostOrgImportsService` registers its two handlers
 * (`validateImport`, `commitImport`) and sends jobs by name with the import's id as the singleton
 * key. The app binds it to the durable job queue (`QueueImportRunner`: a job survives a restart and
 * is retried with backoff; any server process sharing the database may run it); the handlers are
 * idempotent and safe to run again after a crash (see the service).
 */
export type ImportJobName = 'hostOrgImport.validate' | 'hostOrgImport.commit';

/** Reports a job's progress (rows done of rows total; total 0 while unknown). */
export type ImportProgress = (done: number, total: number) => void;
export type ImportHandler = (importId: string, progress: ImportProgress) => Promise<void>;

export interface ImportRunner {
  register(name: ImportJobName, handler: ImportHandler): void;
  /** Queues a job; one job per (name, importId) at a time (the queue's singletonKey). */
  send(name: ImportJobName, importId: string): Promise<void>;
  /** Resolves when every import job queued so far has run (tests, the bench). */
  idle(): Promise<void>;
}

const IMPORT_JOBS: readonly ImportJobName[] = ['hostOrgImport.validate', 'hostOrgImport.commit'];

/** The import's jobs on the durable job queue (server/src/jobs). */
export class QueueImportRunner implements ImportRunner {
  constructor(private readonly queue: JobQueue) {}

  register(name: ImportJobName, handler: ImportHandler) {
    this.queue.register<{ importId: string }>(
      name,
      async (job) => {
        // The import keeps its own progress (host_org_imports), read by its progress bar.
        await handler(job.data.importId, () => {});
      },
      // A 100,000-row commit takes about 15 s; a process that died mid-run is replaced after 30 min.
      { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 30 * 60 },
    );
  }

  async send(name: ImportJobName, importId: string) {
    await this.queue.send(name, { importId }, { singletonKey: `${name}:${importId}` });
  }

  /** Runs the queued import jobs in this process (the queue's workers do it in a running server). */
  async idle() {
    await this.queue.drain(IMPORT_JOBS);
  }
}
