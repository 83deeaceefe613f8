import { workerSelfBody } from '@touyan/schemas';
import { actorOf, contextFor, validated } from '../src/seed/factories';
import { workerInput } from '../src/seed/worker-factories';
import type { TestApp } from './harness';

/**
 * A verified worker registration for a worker's account (the check-in needs one): the worker
 * registers on their phone (the workers service), the administrator verifies it.
 */
export async function verifiedWorkerFor(t: TestApp, userId: string, name = '李骑手'): Promise<string> {
  const s = t.services;
  const ctx = contextFor(await actorOf(s, userId), 'test');
  const mine = await s.workers.saveMe(ctx, validated(workerSelfBody, await workerInput(s, ctx, { name })));
  const w = await s.workers.verify(t.admin, mine.worker!.id, { version: mine.worker!.version });
  return w.id;
}
