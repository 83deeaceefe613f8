import { expect } from 'vitest';
import { call, multipart } from '../harness';
import { ALL, ids, STAFF, type Fixtures, type ProbeModule } from './types';

const VISIT_READERS = ['admin', 'staff', 'specialist', 'contact'] as const;
const VISIT_WRITERS = [...STAFF, 'specialist'] as const;

const visitBody = (hostOrgId: string) => ({
  hostOrgId,
  kind: 'daily',
  visitedOn: '2026-11-20',
  people: '企业专员、企业负责人',
  findings: '企业反映用工紧张，希望对接零工招聘。',
});

/** A 1×1 JPEG header and some bytes: the server checks the magic number. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 3)]);

const photoUpload = () => {
  const { body, headers } = multipart({}, { field: 'file', filename: '走访.jpg', type: 'image/jpeg', data: JPEG });
  return { method: 'POST' as const, url: '/api/visit-photos', payload: body, headers };
};

/** A visit photo uploaded by the matrix's administrator (not yet linked). */
async function photo(f: Fixtures): Promise<string> {
  const s = f.sessions.get('admin')!;
  const req = photoUpload();
  const r = await f.t.app.inject({ ...req, headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

async function logVisit(f: Fixtures, hostOrgId: string, photoIds: string[] = []): Promise<string> {
  const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/visits', {
    ...visitBody(hostOrgId),
    photoIds,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

export const visitsProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.aPhoto = await photo(f);
    f.extra.bPhoto = await photo(f);
    f.extra.aVisit = await logVisit(f, f.w.a.hostOrg.id, [f.extra.aPhoto]);
    f.extra.bVisit = await logVisit(f, f.w.b.hostOrg.id, [f.extra.bPhoto]);
    const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/visits/online', {
      hostOrgId: f.w.a.hostOrg.id,
      note: '请填写近期经营情况和困难',
    });
    expect(r.statusCode, r.body).toBe(200);
    f.extra.aOnlineToken = r.json<{ token: string }>().token;
  },
  probes: {
    'GET /api/visits': {
      allow: VISIT_READERS,
      in: () => ({ method: 'GET', url: '/api/visits?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.aVisit);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.bVisit);
      },
    },
    'GET /api/visits/firms': {
      allow: VISIT_READERS,
      in: () => ({ method: 'GET', url: '/api/visits/firms?limit=200' }),
      check: (body, f, role) => {
        const firms = (body as { items: { hostOrgId: string }[] }).items.map((i) => i.hostOrgId);
        expect(firms).toContain(f.w.a.hostOrg.id);
        if (role !== 'admin') expect(firms).not.toContain(f.w.b.hostOrg.id);
      },
    },
    'GET /api/visits/my-firms': {
      allow: VISIT_WRITERS,
      in: () => ({ method: 'GET', url: '/api/visits/my-firms' }),
      check: (body, f, role) => {
        const firms = (body as { items: { hostOrgId: string }[] }).items.map((i) => i.hostOrgId);
        if (role === 'specialist') expect(firms).toEqual([f.w.a.hostOrg.id]);
        else expect(firms).toEqual([]);
      },
    },
    'POST /api/visits': {
      allow: VISIT_WRITERS,
      in: (f) => ({ method: 'POST', url: '/api/visits', payload: visitBody(f.w.a.hostOrg.id) }),
      out: (f) => ({ method: 'POST', url: '/api/visits', payload: visitBody(f.w.b.hostOrg.id) }),
    },
    'GET /api/visits/:id': {
      allow: VISIT_READERS,
      in: (f) => ({ method: 'GET', url: `/api/visits/${f.extra.aVisit}` }),
      out: (f) => ({ method: 'GET', url: `/api/visits/${f.extra.bVisit}` }),
    },
    'GET /api/visits/:id/photos/:photoId': {
      allow: VISIT_READERS,
      binary: true,
      in: (f) => ({ method: 'GET', url: `/api/visits/${f.extra.aVisit}/photos/${f.extra.aPhoto}` }),
      out: (f) => ({ method: 'GET', url: `/api/visits/${f.extra.bVisit}/photos/${f.extra.bPhoto}` }),
      check: (body) => expect((body as Buffer).subarray(0, 4).equals(JPEG.subarray(0, 4))).toBe(true),
    },
    'POST /api/visit-photos': {
      // A real multipart upload of a JPEG; the visit it is saved with decides its scope.
      allow: VISIT_WRITERS,
      in: photoUpload,
    },
    'PATCH /api/visits/:id': {
      // The administrator logged it: staff over the firm may edit it, its specialist (not the author) may not.
      allow: STAFF,
      reads: VISIT_READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/visits/${f.extra.aVisit}`,
        payload: {
          ...visitBody(f.w.a.hostOrg.id),
          hostOrgId: undefined,
          version: await f.version('visits', f.extra.aVisit!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/visits/${f.extra.bVisit}`,
        payload: {
          ...visitBody(f.w.b.hostOrg.id),
          hostOrgId: undefined,
          version: await f.version('visits', f.extra.bVisit!),
        },
      }),
    },
    'POST /api/visits/online': {
      allow: VISIT_WRITERS,
      in: (f) => ({ method: 'POST', url: '/api/visits/online', payload: { hostOrgId: f.w.a.hostOrg.id } }),
      out: (f) => ({ method: 'POST', url: '/api/visits/online', payload: { hostOrgId: f.w.b.hostOrg.id } }),
    },
    'GET /api/online-visits/:token': {
      allow: ALL,
      in: (f) => ({ method: 'GET', url: `/api/online-visits/${f.extra.aOnlineToken}` }),
    },
    'POST /api/online-visits/:token': {
      // A link that was never issued: 404 for everyone, nothing written (the fill itself: visits.test.ts).
      allow: ALL,
      inStatus: 404,
      in: () => ({
        method: 'POST',
        url: `/api/online-visits/${'x'.repeat(32)}`,
        payload: { contactName: '王经理', findings: '无' },
      }),
    },
  },
};
