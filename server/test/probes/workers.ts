import { expect } from 'vitest';
import { createWorker, workerInput } from '../../src/seed/worker-factories';
import { call, multipart } from '../harness';
import { ALL, ids, STAFF, type Fixtures, type ProbeModule } from './types';

/*
 * Workers (issue 12): staff and the station manager of county A reach county A's workers; the
 * worker account reaches only its own registration (/workers/me).
 */
const READERS = [...STAFF, 'station_manager'] as const;
const VERIFIERS = READERS;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
const photoUpload = () => {
  const { body, headers } = multipart({}, { field: 'file', filename: '登记照.jpg', type: 'image/jpeg', data: JPEG });
  return { method: 'POST' as const, url: '/api/worker-photos', payload: body, headers };
};

async function photo(f: Fixtures): Promise<string> {
  const s = f.sessions.get('admin')!;
  const req = photoUpload();
  const r = await f.t.app.inject({ ...req, headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

const fresh = (f: Fixtures, regionCode: string) => createWorker(f.t.services, f.t.admin, { regionCode });
const input = (f: Fixtures, regionCode: string) => workerInput(f.t.services, f.t.admin, { regionCode });

export const workersProbes: ProbeModule = {
  setup: async (f) => {
    // Entered by the matrix's administrator, with a photo each.
    for (const [k, regionCode] of [
      ['workerA', '210603'],
      ['workerB', '210602'],
    ] as const) {
      const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/workers', {
        ...(await input(f, regionCode)),
        photoId: await photo(f),
      });
      expect(r.statusCode, r.body).toBe(200);
      f.extra[k] = r.json<{ id: string }>().id;
    }
    // The worker account of county A has registered (pending).
    const r = await call(f.t.app, f.sessions.get('worker')!, 'PUT', '/api/workers/me', {
      ...(await input(f, '210603')),
      partyMember: false,
    });
    expect(r.statusCode, r.body).toBe(200);
  },
  probes: {
    'GET /api/workers': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/workers?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.workerA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.workerB);
      },
    },
    'GET /api/workers/export': {
      allow: READERS,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/workers/export' }),
    },
    'GET /api/workers/me': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/workers/me' }),
      check: (body, _f, role) => {
        const w = (body as { worker: { status: string } | null }).worker;
        if (role === 'worker') expect(w?.status).toBe('pending');
        else expect(w).toBeNull();
      },
    },
    'PUT /api/workers/me': {
      // Only a worker account registers itself (others 403 WORKER_ACCOUNT_ONLY); the worker edits its
      // pending registration (with its version).
      allow: ['worker'],
      reads: ALL,
      in: async (f) => {
        const me = await call(f.t.app, f.sessions.get('worker')!, 'GET', '/api/workers/me');
        const version = me.json<{ worker: { version: number } }>().worker.version;
        return { method: 'PUT', url: '/api/workers/me', payload: { ...(await input(f, '210603')), version } };
      },
    },
    'GET /api/workers/me/options': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/workers/me/options' }),
      check: (body, f, role) => {
        const o = body as { regions: { code: string }[]; partyOrgs: { id: string }[] };
        if (role === 'worker') {
          expect(o.regions.map((r) => r.code)).toContain('210603');
          expect(o.regions.map((r) => r.code)).not.toContain('210602');
          expect(o.partyOrgs.map((p) => p.id)).toContain(f.w.a.committee.id);
          expect(o.partyOrgs.map((p) => p.id)).not.toContain(f.w.b.committee.id);
        } else expect(o).toEqual({ regions: [], partyOrgs: [] });
      },
    },
    'GET /api/workers/me/photo': {
      // No photo was sent with the worker's own registration: 404 for everyone.
      allow: [],
      reads: [],
      statusFor: Object.fromEntries(ALL.map((r) => [r, { in: 404 }])),
      in: () => ({ method: 'GET', url: '/api/workers/me/photo' }),
    },
    'POST /api/workers/verify-batch': {
      allow: VERIFIERS,
      in: async (f) => ({
        method: 'POST',
        url: '/api/workers/verify-batch',
        payload: { ids: [(await fresh(f, '210603')).id] },
      }),
      out: async (f) => ({
        method: 'POST',
        url: '/api/workers/verify-batch',
        payload: { ids: [(await fresh(f, '210602')).id] },
      }),
    },
    'POST /api/worker-photos': {
      // Staff entering workers, or a worker account for its own registration.
      // Every role holds 'self': the others are refused by the service (403).
      allow: [...STAFF, 'worker'],
      statusFor: Object.fromEntries(ALL.filter((r) => ![...STAFF, 'worker'].includes(r)).map((r) => [r, { in: 403 }])),
      in: photoUpload,
    },
    'GET /api/workers/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/workers/${f.extra.workerA}` }),
      out: (f) => ({ method: 'GET', url: `/api/workers/${f.extra.workerB}` }),
    },
    'GET /api/workers/:id/photo': {
      allow: READERS,
      binary: true,
      in: (f) => ({ method: 'GET', url: `/api/workers/${f.extra.workerA}/photo` }),
      out: (f) => ({ method: 'GET', url: `/api/workers/${f.extra.workerB}/photo` }),
      check: (body) => expect((body as Buffer).subarray(0, 4).equals(JPEG.subarray(0, 4))).toBe(true),
    },
    'POST /api/workers': {
      allow: STAFF,
      in: async (f) => ({ method: 'POST', url: '/api/workers', payload: await input(f, '210603') }),
      out: async (f) => ({ method: 'POST', url: '/api/workers', payload: await input(f, '210602') }),
    },
    'PATCH /api/workers/:id': {
      allow: STAFF,
      reads: READERS,
      in: async (f) => {
        const w = await fresh(f, '210603');
        return {
          method: 'PATCH',
          url: `/api/workers/${w.id}`,
          payload: { ...(await input(f, '210603')), version: w.version },
        };
      },
      out: async (f) => {
        const w = await fresh(f, '210602');
        return {
          method: 'PATCH',
          url: `/api/workers/${w.id}`,
          payload: { ...(await input(f, '210602')), version: w.version },
        };
      },
    },
    'POST /api/workers/:id/verify': {
      allow: VERIFIERS,
      in: async (f) => {
        const w = await fresh(f, '210603');
        return { method: 'POST', url: `/api/workers/${w.id}/verify`, payload: { version: w.version } };
      },
      out: async (f) => {
        const w = await fresh(f, '210602');
        return { method: 'POST', url: `/api/workers/${w.id}/verify`, payload: { version: w.version } };
      },
    },
    'POST /api/workers/:id/reject': {
      allow: VERIFIERS,
      in: async (f) => {
        const w = await fresh(f, '210603');
        return {
          method: 'POST',
          url: `/api/workers/${w.id}/reject`,
          payload: { version: w.version, reason: '信息不全' },
        };
      },
      out: async (f) => {
        const w = await fresh(f, '210602');
        return {
          method: 'POST',
          url: `/api/workers/${w.id}/reject`,
          payload: { version: w.version, reason: '信息不全' },
        };
      },
    },
    'POST /api/workers/:id/disable': {
      allow: VERIFIERS,
      in: async (f) => {
        const w = await fresh(f, '210603');
        const v = await f.t.services.workers.verify(f.t.admin, w.id, { version: w.version });
        return { method: 'POST', url: `/api/workers/${w.id}/disable`, payload: { version: v.version } };
      },
      out: async (f) => {
        const w = await fresh(f, '210602');
        const v = await f.t.services.workers.verify(f.t.admin, w.id, { version: w.version });
        return { method: 'POST', url: `/api/workers/${w.id}/disable`, payload: { version: v.version } };
      },
    },
    'POST /api/workers/:id/reveal': {
      allow: STAFF,
      reads: READERS,
      in: (f) => ({ method: 'POST', url: `/api/workers/${f.extra.workerA}/reveal` }),
      out: (f) => ({ method: 'POST', url: `/api/workers/${f.extra.workerB}/reveal` }),
    },
  },
};
