import type { JobList, JobListQuery, JobView } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { JobQueue } from '../../jobs';
import type { Store } from '../../store';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type JobsAdminStore = Store<'audit'>;

/**
 * The administrator's view of the background job queue (server/src/jobs): jobs by state and the
 * retry of a failed one (audited). The route's `job.admin` permission is the system administrator's
 * alone; jobs belong to no organisation, so there is no narrower scope.
 */
export class JobsService {
  constructor(
    private readonly store: JobsAdminStore,
    private readonly queue: JobQueue,
  ) {}

  async list(_ctx: RequestContext, q: JobListQuery): Promise<JobList> {
    return { items: await this.queue.list(q) };
  }

  /** Puts a failed job back in the queue with one more retry; 404 unknown, 409 not failed. */
  async retry(ctx: RequestContext, id: string): Promise<JobView> {
    const job = await this.queue.get(id);
    if (!job) throw new AppError('NOT_FOUND');
    if (job.state !== 'failed' || !(await this.queue.retry(id))) throw new AppError('JOB_NOT_RETRYABLE');
    await this.store.repos.audit.record(auditCtx(ctx), {
      action: 'retry',
      entityType: 'job',
      entityId: id,
      entityLabel: `${job.name}（第 ${job.retryCount + 1} 次运行后失败）`,
      scopeOrgId: null,
      changes: [{ field: 'state', before: 'failed', after: 'retry' }],
    });
    return (await this.queue.get(id)) ?? job;
  }
}
