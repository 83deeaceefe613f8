import { expect } from 'vitest';
import { EmbeddedJobQueue, PgBossJobQueue, type JobQueue } from '../../src/jobs';
import type { TestApp } from '../harness';
import { ids, type ProbeModule } from './types';

/**
 * A job that failed for good, made by a queue of its own over the test database (as another process
 * would): a handler that always throws, no retry.
 */
export async function failedJob(t: TestApp): Promise<string> {
  const q: JobQueue =
    t.config.db.kind === 'postgres'
      ? new PgBossJobQueue(t.database.db, t.config.db.url)
      : new EmbeddedJobQueue(t.database.db);
  try {
    q.register(
      'probe-fail',
      async () => {
        throw new Error('探针任务失败');
      },
      { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: true },
    );
    const id = (await q.send('probe-fail', { probe: true }))!;
    await q.drain(['probe-fail']);
    expect((await q.get(id))?.state).toBe('failed');
    return id;
  } finally {
    await q.stop();
  }
}

/** Background jobs: the system administrator's alone (job.admin); they belong to no organisation. */
export const jobsProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.failedJob = await failedJob(f.t);
  },
  probes: {
    'GET /api/admin/jobs': {
      allow: ['admin'],
      in: () => ({ method: 'GET', url: '/api/admin/jobs?state=failed' }),
      check: (body, f) => expect(ids(body)).toContain(f.extra.failedJob),
    },
    'POST /api/admin/jobs/:id/retry': {
      allow: ['admin'],
      in: (f) => ({ method: 'POST', url: `/api/admin/jobs/${f.extra.failedJob}/retry` }),
    },
  },
};
