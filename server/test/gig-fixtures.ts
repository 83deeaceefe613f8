import { gigJobCreateBody, gigPreferenceBody, type GigJobView } from '@touyan/schemas';
import type { RequestContext } from '../src/core/actor';
import { shanghaiDate } from '../src/core/time';
import { actorOf, contextFor, createUser, validated } from '../src/seed/factories';
import type { TestApp } from './harness';
import { verifiedWorkerFor } from './station-fixtures';

/** A date `days` after today (Asia/Shanghai). */
export function daysFromToday(days: number): string {
  const d = new Date(`${shanghaiDate()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A valid job body (振兴区 by default), overridden by `extra`. */
export function gigJobBody(extra: Record<string, unknown> = {}) {
  return {
    title: '仓库装卸工',
    kind: 'loading',
    payFen: 22_000,
    payUnit: 'day',
    regionCode: '210603',
    address: '振兴区六纬路1号物流园',
    lat: 40.1,
    lng: 124.37,
    startOn: daysFromToday(1),
    endOn: daysFromToday(60),
    weekdays: [1, 2, 3, 4, 5],
    dayStart: '08:00',
    dayEnd: '17:00',
    skills: [],
    headcount: 5,
    closingOn: daysFromToday(20),
    contactName: '张经理',
    contactPhone: '13800001111',
    ...extra,
  };
}

/** A job posted through the service by `ctx` (staff or the administrator publish at once). */
export async function createGigJob(
  t: TestApp,
  ctx: RequestContext,
  extra: Record<string, unknown> = {},
): Promise<GigJobView> {
  return t.services.gigs.createJob(ctx, validated(gigJobCreateBody, gigJobBody(extra)));
}

/**
 * A worker account bound on `orgId` with a verified registration and the given preferences: the
 * account's context and the worker's id.
 */
export async function gigWorker(
  t: TestApp,
  username: string,
  orgId: string,
  prefs: Record<string, unknown> | null,
  name = '李师傅',
): Promise<{ ctx: RequestContext; workerId: string; userId: string }> {
  const user = await createUser(t.services, t.admin, { username, roles: [{ role: 'worker', orgId }] });
  const workerId = await verifiedWorkerFor(t, user.id, name);
  const ctx = contextFor(await actorOf(t.services, user.id), 'test');
  if (prefs) await t.services.gigs.saveMyPreferences(ctx, validated(gigPreferenceBody, prefs));
  return { ctx, workerId, userId: user.id };
}
