import { expect } from 'vitest';
import type { Role } from '@touyan/schemas';
import { shanghaiDate } from '../../src/core/time';
import { call } from '../harness';
import { createGigJob, gigJobBody, gigWorker } from '../gig-fixtures';
import { verifiedWorkerFor } from '../station-fixtures';
import { createUser } from '../../src/seed/factories';
import { ids, STAFF, type Fixtures, type ProbeModule } from './types';

/*
 * 零工快招 (issue 13): staff reach county A's jobs (by region) and fairs (by organiser), the employer
 * of county A's firm its own jobs and the fairs it takes part in; workers read every open job and
 * every fair. County B's records stay out of reach.
 */
const READERS: Role[] = ['admin', 'staff', 'employer', 'worker'];
const POSTERS: Role[] = ['admin', 'staff', 'employer'];

const jobIn = (f: Fixtures, county: 'a' | 'b', extra: Record<string, unknown> = {}) =>
  gigJobBody({
    hostOrgId: county === 'a' ? f.w.a.hostOrg.id : f.w.b.hostOrg.id,
    regionCode: county === 'a' ? '210603' : '210602',
    headcount: 100,
    ...extra,
  });

/** A job of county A or B posted by the administrator, then (for the probes) put in a given state. */
async function job(f: Fixtures, county: 'a' | 'b', status: 'open' | 'pending' | 'closed' = 'open'): Promise<string> {
  const j = await createGigJob(f.t, f.t.admin, jobIn(f, county));
  if (status !== 'open')
    await f.t.services.db
      .updateTable('gigJobs')
      .set({ status, closeReason: status === 'closed' ? 'withdrawn' : null })
      .where('id', '=', j.id)
      .execute();
  return j.id;
}

const fairBody = (f: Fixtures, county: 'a' | 'b') => ({
  title: county === 'a' ? '振兴区零工招聘会' : '元宝区零工招聘会',
  mode: 'onsite',
  heldOn: shanghaiDate(),
  startTime: '09:00',
  endTime: '12:00',
  regionCode: county === 'a' ? '210603' : '210602',
  address: county === 'a' ? '振兴区人力资源市场' : '元宝区人力资源市场',
  organiserOrgId: county === 'a' ? f.w.a.dept.id : f.w.b.dept.id,
  employerIds: [county === 'a' ? f.w.a.hostOrg.id : f.w.b.hostOrg.id],
});

async function fair(f: Fixtures, county: 'a' | 'b'): Promise<string> {
  const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/gig-fairs', fairBody(f, county));
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

/** A fresh verified worker of county A who registered an intention on `jobId` (through the service). */
async function intention(f: Fixtures, jobId: string): Promise<{ id: string; version: number }> {
  const n = f.seq();
  const w = await gigWorker(f.t, `a_gig_applicant_${n}`, f.w.a.dept.id, null, '赵师傅');
  const i = await f.t.services.gigs.apply(w.ctx, jobId, { shareContact: false, fairId: null, workerId: null });
  return { id: i.id, version: i.version };
}

/** The stored preferences' version of a worker, as the body's `version` (none before the first save). */
async function prefVersion(f: Fixtures, workerId: string): Promise<{ version?: number }> {
  const r = await f.t.services.db
    .selectFrom('gigPreferences')
    .select('version')
    .where('workerId', '=', workerId)
    .executeTakeFirst();
  return r ? { version: r.version } : {};
}

const versionOf = (f: Fixtures, id: string) => f.version('gig-jobs', id);
const transition = (action: string, state: 'open' | 'pending' | 'closed', payload: Record<string, unknown> = {}) => ({
  in: async (f: Fixtures) => {
    const id = await job(f, 'a', state);
    return {
      method: 'POST' as const,
      url: `/api/gig-jobs/${id}/${action}`,
      payload: { version: await versionOf(f, id), ...payload },
    };
  },
});

export const gigsProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.gigJobA = await job(f, 'a');
    f.extra.gigJobB = await job(f, 'b');
    // Another open job of county B for the intentions' probe (the close probe closes gigJobB).
    f.extra.gigJobB2 = await job(f, 'b');
    f.extra.gigPendingB = await job(f, 'b', 'pending');
    f.extra.gigClosedB = await job(f, 'b', 'closed');
    f.extra.gigFairA = await fair(f, 'a');
    f.extra.gigFairB = await fair(f, 'b');
    // A verified rider of county A (the matrix's own worker stays pending for the workers' probes).
    const rider = await createUser(f.t.services, f.t.admin, {
      username: 'a_gig_rider',
      roles: [{ role: 'worker', orgId: f.w.a.dept.id }],
    });
    f.extra.gigRiderWorker = await verifiedWorkerFor(f.t, rider.id, '钱师傅');
    f.extra.gigIntentionA = (await intention(f, f.extra.gigJobA)).id;
    f.extra.gigIntentionB = (await intention(f, f.extra.gigJobB)).id;
  },
  probes: {
    'GET /api/gig-jobs': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/gig-jobs?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.gigJobA);
        // Workers read every open job; staff and the employer only county A's.
        if (role === 'staff' || role === 'employer') expect(ids(body)).not.toContain(f.extra.gigJobB);
        else expect(ids(body)).toContain(f.extra.gigJobB);
      },
    },
    'GET /api/gig-jobs/for-me': {
      // The worker's own registration (pending still sees jobs); the administrator has none.
      allow: ['worker'],
      reads: READERS,
      statusFor: { admin: { in: 409 } },
      in: () => ({ method: 'GET', url: '/api/gig-jobs/for-me' }),
    },
    'POST /api/gig-jobs': {
      allow: POSTERS,
      in: (f) => ({ method: 'POST', url: '/api/gig-jobs', payload: jobIn(f, 'a') }),
      out: (f) => ({ method: 'POST', url: '/api/gig-jobs', payload: jobIn(f, 'b') }),
    },
    'GET /api/gig-jobs/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/gig-jobs/${f.extra.gigJobA}` }),
      out: (f) => ({ method: 'GET', url: `/api/gig-jobs/${f.extra.gigJobB}` }),
      statusFor: { worker: { out: 200 } },
    },
    'PATCH /api/gig-jobs/:id': {
      allow: POSTERS,
      reads: READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/gig-jobs/${f.extra.gigJobA}`,
        payload: { ...jobIn(f, 'a'), version: await versionOf(f, f.extra.gigJobA!) },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/gig-jobs/${f.extra.gigJobB}`,
        payload: { ...jobIn(f, 'b'), version: await versionOf(f, f.extra.gigJobB!) },
      }),
      statusFor: { worker: { out: 403 } },
    },
    'POST /api/gig-jobs/:id/approve': {
      allow: STAFF,
      reads: READERS,
      ...transition('approve', 'pending'),
      out: async (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigPendingB}/approve`,
        payload: { version: await versionOf(f, f.extra.gigPendingB!) },
      }),
    },
    'POST /api/gig-jobs/:id/reject': {
      allow: STAFF,
      reads: READERS,
      ...transition('reject', 'pending', { reason: '岗位信息不完整' }),
    },
    'POST /api/gig-jobs/:id/close': {
      allow: POSTERS,
      reads: READERS,
      ...transition('close', 'open'),
      out: async (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigJobB}/close`,
        payload: { version: await versionOf(f, f.extra.gigJobB!) },
      }),
      statusFor: { worker: { out: 403 } },
    },
    'POST /api/gig-jobs/:id/reopen': {
      allow: POSTERS,
      ...transition('reopen', 'closed'),
      out: async (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigClosedB}/reopen`,
        payload: { version: await versionOf(f, f.extra.gigClosedB!) },
      }),
    },
    'GET /api/gig-jobs/:id/matches': {
      allow: POSTERS,
      reads: READERS,
      in: (f) => ({ method: 'GET', url: `/api/gig-jobs/${f.extra.gigJobA}/matches` }),
      out: (f) => ({ method: 'GET', url: `/api/gig-jobs/${f.extra.gigJobB}/matches` }),
      statusFor: { worker: { out: 403 } },
    },
    'POST /api/gig-jobs/:id/intentions': {
      // Staff register a worker's intention at a fair's desk; the worker named must be theirs to read
      // (others: 404 on the reference). A worker applies for themselves (stations-style: gigs.test.ts).
      allow: STAFF,
      reads: READERS,
      statusFor: { worker: { in: 404, out: 404 }, employer: { in: 404, out: 404 } },
      in: (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigJobA}/intentions`,
        payload: { workerId: f.extra.gigRiderWorker },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigJobB2}/intentions`,
        payload: { workerId: f.extra.gigRiderWorker },
      }),
    },
    'POST /api/gig-jobs/:id/intentions/batch': {
      allow: STAFF,
      reads: READERS,
      in: (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigJobA}/intentions/batch`,
        payload: { workers: [{ workerId: f.extra.gigRiderWorker, shareContact: true }] },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/gig-jobs/${f.extra.gigJobB2}/intentions/batch`,
        payload: { workers: [{ workerId: f.extra.gigRiderWorker }] },
      }),
    },
    'GET /api/gig-intentions': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/gig-intentions?limit=200' }),
      check: (body, f, role) => {
        if (role === 'worker') expect(ids(body)).toEqual([]);
        else expect(ids(body)).toContain(f.extra.gigIntentionA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.gigIntentionB);
      },
    },
    'POST /api/gig-intentions/:id/share': {
      // Only the worker who registered it (gigs.test.ts); the administrator reads it but is not them.
      allow: [],
      statusFor: { admin: { in: 403 } },
      in: (f) => ({ method: 'POST', url: `/api/gig-intentions/${f.extra.gigIntentionA}/share` }),
    },
    'POST /api/gig-intentions/:id/withdraw': {
      allow: [],
      statusFor: { admin: { in: 403 } },
      in: (f) => ({ method: 'POST', url: `/api/gig-intentions/${f.extra.gigIntentionA}/withdraw` }),
    },
    'POST /api/gig-intentions/:id/decide': {
      allow: POSTERS,
      // Each call decides a fresh intention on county A's job.
      in: async (f) => {
        const i = await intention(f, f.extra.gigJobA!);
        return {
          method: 'POST',
          url: `/api/gig-intentions/${i.id}/decide`,
          payload: { outcome: 'not_hired', version: i.version },
        };
      },
      out: (f) => ({
        method: 'POST',
        url: `/api/gig-intentions/${f.extra.gigIntentionB}/decide`,
        payload: { outcome: 'not_hired', version: 1 },
      }),
      statusFor: { admin: { out: 200 }, staff: { out: 404 }, employer: { out: 404 } },
    },
    'GET /api/gig-preferences/me': {
      allow: ['worker'],
      reads: READERS,
      statusFor: { admin: { in: 409 } },
      in: () => ({ method: 'GET', url: '/api/gig-preferences/me' }),
    },
    'PUT /api/gig-preferences/me': {
      allow: ['worker'],
      reads: READERS,
      statusFor: { admin: { in: 409 } },
      in: async (f) => {
        const me = await call(f.t.app, f.sessions.get('worker')!, 'GET', '/api/gig-preferences/me');
        const version = me.json<{ version: number }>().version;
        return {
          method: 'PUT',
          url: '/api/gig-preferences/me',
          payload: { kinds: ['loading'], maxDistanceKm: 15, ...(version ? { version } : {}) },
        };
      },
    },
    'PUT /api/gig-preferences/:id': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PUT',
        url: `/api/gig-preferences/${f.extra.workerA}`,
        payload: {
          kinds: ['cleaning', 'housekeeping'],
          regionCode: '210603',
          ...(await prefVersion(f, f.extra.workerA!)),
        },
      }),
      out: async (f) => ({
        method: 'PUT',
        url: `/api/gig-preferences/${f.extra.workerB}`,
        payload: { kinds: ['cleaning'], regionCode: '210602', ...(await prefVersion(f, f.extra.workerB!)) },
      }),
    },
    'GET /api/gig-pushes': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/gig-pushes' }),
    },
    'GET /api/gig-pushes/export.xlsx': {
      allow: STAFF,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/gig-pushes/export.xlsx' }),
    },
    'GET /api/gig-intentions/export.xlsx': {
      allow: READERS,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/gig-intentions/export.xlsx' }),
    },
    'GET /api/gig-fairs': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/gig-fairs?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.gigFairA);
        if (role === 'staff' || role === 'employer') expect(ids(body)).not.toContain(f.extra.gigFairB);
        else expect(ids(body)).toContain(f.extra.gigFairB);
      },
    },
    'POST /api/gig-fairs': {
      allow: STAFF,
      in: (f) => ({ method: 'POST', url: '/api/gig-fairs', payload: fairBody(f, 'a') }),
      out: (f) => ({ method: 'POST', url: '/api/gig-fairs', payload: fairBody(f, 'b') }),
    },
    'GET /api/gig-fairs/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairA}` }),
      out: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairB}` }),
      statusFor: { worker: { out: 200 } },
    },
    'PATCH /api/gig-fairs/:id': {
      allow: STAFF,
      reads: READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/gig-fairs/${f.extra.gigFairA}`,
        payload: {
          ...fairBody(f, 'a'),
          status: 'planned',
          outcome: null,
          version: await f.version('gig-fairs', f.extra.gigFairA!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/gig-fairs/${f.extra.gigFairB}`,
        payload: {
          ...fairBody(f, 'b'),
          status: 'planned',
          outcome: null,
          version: await f.version('gig-fairs', f.extra.gigFairB!),
        },
      }),
    },
    'GET /api/gig-fairs/:id/code': {
      allow: STAFF,
      reads: READERS,
      in: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairA}/code` }),
      out: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairB}/code` }),
    },
    'GET /api/gig-fairs/:id/attendance': {
      allow: STAFF,
      reads: READERS,
      in: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairA}/attendance` }),
      out: (f) => ({ method: 'GET', url: `/api/gig-fairs/${f.extra.gigFairB}/attendance` }),
    },
    'POST /api/gig-fair-sign-ins': {
      // A verified worker signs in (gigs.test.ts): the matrix's worker is pending, the administrator has no registration.
      allow: [],
      statusFor: { admin: { in: 409 }, worker: { in: 403 } },
      in: async (f) => {
        const r = await call(f.t.app, f.sessions.get('admin')!, 'GET', `/api/gig-fairs/${f.extra.gigFairA}/code`);
        return { method: 'POST', url: '/api/gig-fair-sign-ins', payload: { code: r.json<{ code: string }>().code } };
      },
    },
  },
};
