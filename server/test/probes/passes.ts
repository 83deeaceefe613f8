import { expect } from 'vitest';
import { createUser } from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import { createVerifiedWorker, workerInput } from '../../src/seed/worker-factories';
import { call, login, multipart } from '../harness';
import { ALL, ids, STAFF, type Fixtures, type ProbeModule } from './types';

/*
 * 小哥码 (issue 12): staff of county A reach county A's compounds (by managing organisation) and the
 * passes of county A's workers (by region); the guard of county A verifies at the compound they are
 * posted to; every account reads its own pass (none here) and entry history.
 */
const rng = new Rng(1212);
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

async function compound(f: Fixtures, managingOrgId: string, regionCode: string, name: string) {
  const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/compounds', {
    name,
    regionCode,
    managingOrgId,
    pilot: true,
    joinedOn: inDays(-10),
    gates: ['东门', '西门'],
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string; gates: { id: string }[] }>();
}

async function pass(f: Fixtures, regionCode: string, compoundId: string): Promise<string> {
  const w = await createVerifiedWorker(f.t.services, f.t.admin, { regionCode });
  const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/passes', {
    workerId: w.id,
    scope: 'list',
    compoundIds: [compoundId],
    expiresOn: inDays(30),
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

/** A verified worker of the region with a registration photo (uploaded by the administrator). */
async function workerWithPhoto(f: Fixtures, regionCode: string): Promise<string> {
  const admin = f.sessions.get('admin')!;
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
  const { body, headers } = multipart({}, { field: 'file', filename: 'p.jpg', type: 'image/jpeg', data: JPEG });
  const up = await f.t.app.inject({
    method: 'POST',
    url: '/api/worker-photos',
    payload: body,
    headers: { ...headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  });
  expect(up.statusCode, up.body).toBe(200);
  // Entered and verified by the same account that uploaded the photo (the photo is the uploader's to link).
  const input = await workerInput(f.t.services, f.t.admin, { regionCode, photoId: up.json<{ id: string }>().id });
  const created = await call(f.t.app, admin, 'POST', '/api/workers', input);
  expect(created.statusCode, created.body).toBe(200);
  const w = created.json<{ id: string; version: number }>();
  const verified = await call(f.t.app, admin, 'POST', `/api/workers/${w.id}/verify`, { version: w.version });
  expect(verified.statusCode, verified.body).toBe(200);
  return w.id;
}

async function guardUser(f: Fixtures): Promise<string> {
  const u = await createUser(
    f.t.services,
    f.t.admin,
    { username: `guard_${f.seq()}`, roles: [{ role: 'guard', orgId: f.w.a.dept.id }] },
    rng,
  );
  return u.id;
}

const GUARD_ONLY = { admin: { in: 403 } } as const;

export const passesProbes: ProbeModule = {
  setup: async (f) => {
    const a = await compound(f, f.w.a.committee.id, '210603', '振兴小区');
    const b = await compound(f, f.w.b.committee.id, '210602', '元宝小区');
    f.extra.compoundA = a.id;
    f.extra.gateA = a.gates[0]!.id;
    f.extra.compoundB = b.id;
    f.extra.gateB = b.gates[0]!.id;
    const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', `/api/compounds/${a.id}/guards`, {
      userId: f.w.users.guard.id,
      gateId: f.extra.gateA,
    });
    expect(r.statusCode, r.body).toBe(200);
    f.extra.passA = await pass(f, '210603', a.id);
    f.extra.passB = await pass(f, '210602', b.id);
    // Pass holders with a photo: one at county A's compound (the guard's post), one at county B's.
    for (const [k, region, c] of [
      ['holderA', '210603', a.id],
      ['holderB', '210602', b.id],
    ] as const) {
      const workerId = await workerWithPhoto(f, region);
      const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/passes', {
        workerId,
        scope: 'list',
        compoundIds: [c],
        expiresOn: inDays(30),
      });
      expect(r.statusCode, r.body).toBe(200);
      f.extra[k] = workerId;
    }
    // One scan at each county's compound, uploaded by a guard posted at its gate (核验记录).
    const guardB = await createUser(
      f.t.services,
      f.t.admin,
      { username: `guard_b_${f.seq()}`, roles: [{ role: 'guard', orgId: f.w.b.dept.id }] },
      rng,
    );
    const posted = await call(f.t.app, f.sessions.get('admin')!, 'POST', `/api/compounds/${b.id}/guards`, {
      userId: guardB.id,
      gateId: f.extra.gateB,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    for (const [session, gateId] of [
      [f.sessions.get('guard')!, f.extra.gateA],
      [await login(f.t.app, guardB.username), f.extra.gateB],
    ] as const) {
      const up = await call(f.t.app, session, 'POST', '/api/pass-scans/batch', {
        scans: [
          {
            clientId: `probe-${f.seq()}-setup`,
            qr: 'P1.abc.def~1~xyz',
            verdict: 'forged',
            scannedAt: new Date().toISOString(),
            gateId,
          },
        ],
      });
      expect(up.statusCode, up.body).toBe(200);
    }
  },
  probes: {
    'GET /api/compounds': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/compounds?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.compoundA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.compoundB);
      },
    },
    'POST /api/compounds': {
      allow: STAFF,
      in: (f) => ({
        method: 'POST',
        url: '/api/compounds',
        payload: { name: `小区${f.seq()}`, regionCode: '210603', managingOrgId: f.w.a.committee.id, gates: ['南门'] },
      }),
      out: (f) => ({
        method: 'POST',
        url: '/api/compounds',
        payload: { name: `小区${f.seq()}`, regionCode: '210602', managingOrgId: f.w.b.committee.id },
      }),
    },
    'GET /api/compounds/:id': {
      allow: STAFF,
      in: (f) => ({ method: 'GET', url: `/api/compounds/${f.extra.compoundA}` }),
      out: (f) => ({ method: 'GET', url: `/api/compounds/${f.extra.compoundB}` }),
    },
    'PATCH /api/compounds/:id': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/compounds/${f.extra.compoundA}`,
        payload: {
          name: '振兴小区',
          address: '振兴区一号路',
          pilot: true,
          joinedOn: inDays(-10),
          version: await f.version('compounds', f.extra.compoundA!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/compounds/${f.extra.compoundB}`,
        payload: {
          name: '元宝小区',
          address: null,
          pilot: true,
          joinedOn: inDays(-10),
          version: await f.version('compounds', f.extra.compoundB!),
        },
      }),
    },
    'POST /api/compounds/:id/gates': {
      allow: STAFF,
      in: (f) => ({
        method: 'POST',
        url: `/api/compounds/${f.extra.compoundA}/gates`,
        payload: { name: `门${f.seq()}` },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/compounds/${f.extra.compoundB}/gates`,
        payload: { name: `门${f.seq()}` },
      }),
    },
    'PATCH /api/compounds/:id/gates/:gateId': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/compounds/${f.extra.compoundA}/gates/${f.extra.gateA}`,
        payload: { name: `东门${f.seq()}`, version: await f.version('compounds', f.extra.compoundA!) },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/compounds/${f.extra.compoundB}/gates/${f.extra.gateB}`,
        payload: { name: `东门${f.seq()}`, version: await f.version('compounds', f.extra.compoundB!) },
      }),
    },
    'DELETE /api/compounds/:id/gates/:gateId': {
      allow: STAFF,
      in: async (f) => {
        const c = await f.t.services.passes.addGate(f.t.admin, f.extra.compoundA!, { name: `临时门${f.seq()}` });
        return { method: 'DELETE', url: `/api/compounds/${c.id}/gates/${c.gates.at(-1)!.id}` };
      },
      out: async (f) => {
        const c = await f.t.services.passes.addGate(f.t.admin, f.extra.compoundB!, { name: `临时门${f.seq()}` });
        return { method: 'DELETE', url: `/api/compounds/${c.id}/gates/${c.gates.at(-1)!.id}` };
      },
    },
    'POST /api/compounds/:id/guards': {
      allow: STAFF,
      in: async (f) => ({
        method: 'POST',
        url: `/api/compounds/${f.extra.compoundA}/guards`,
        payload: { userId: await guardUser(f), gateId: f.extra.gateA },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/compounds/${f.extra.compoundB}/guards`,
        payload: { userId: await guardUser(f), gateId: null },
      }),
    },
    'DELETE /api/compounds/:id/guards/:userId': {
      allow: STAFF,
      in: async (f) => {
        const userId = await guardUser(f);
        await f.t.services.passes.assignGuard(f.t.admin, f.extra.compoundA!, { userId, gateId: null });
        return { method: 'DELETE', url: `/api/compounds/${f.extra.compoundA}/guards/${userId}` };
      },
      out: async (f) => {
        const userId = await guardUser(f);
        await f.t.services.passes.assignGuard(f.t.admin, f.extra.compoundB!, { userId, gateId: null });
        return { method: 'DELETE', url: `/api/compounds/${f.extra.compoundB}/guards/${userId}` };
      },
    },
    'GET /api/passes': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/passes?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.passA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.passB);
      },
    },
    'POST /api/passes': {
      allow: STAFF,
      in: async (f) => ({
        method: 'POST',
        url: '/api/passes',
        payload: {
          workerId: (await createVerifiedWorker(f.t.services, f.t.admin, { regionCode: '210603' })).id,
          scope: 'list',
          compoundIds: [f.extra.compoundA],
          expiresOn: inDays(30),
        },
      }),
      out: async (f) => ({
        method: 'POST',
        url: '/api/passes',
        payload: {
          workerId: (await createVerifiedWorker(f.t.services, f.t.admin, { regionCode: '210602' })).id,
          scope: 'all',
          expiresOn: inDays(30),
        },
      }),
    },
    'GET /api/passes/me': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/passes/me' }),
      check: (body) => expect((body as { pass: unknown }).pass).toBeNull(),
    },
    'POST /api/passes/me/device': {
      // No account of the matrix holds a pass: 404 for everyone.
      allow: [],
      reads: [],
      statusFor: Object.fromEntries(ALL.map((r) => [r, { in: 404 }])),
      in: () => ({
        method: 'POST',
        url: '/api/passes/me/device',
        payload: { alg: 'Ed25519', publicKey: 'A'.repeat(43) },
      }),
    },
    'GET /api/passes/me/scans': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/passes/me/scans' }),
    },
    'GET /api/passes/public-keys': {
      allow: ['admin', 'guard'],
      in: () => ({ method: 'GET', url: '/api/passes/public-keys' }),
    },
    'GET /api/passes/revocations': {
      allow: ['admin', 'guard'],
      in: () => ({ method: 'GET', url: '/api/passes/revocations' }),
    },
    'GET /api/passes/roster': {
      allow: ['guard'],
      statusFor: GUARD_ONLY,
      in: () => ({ method: 'GET', url: '/api/passes/roster?limit=1000' }),
      check: (body, f) => {
        const workers = (body as { items: { workerId: string }[] }).items.map((i) => i.workerId);
        expect(workers).toContain(f.extra.holderA);
        expect(workers).not.toContain(f.extra.holderB);
      },
    },
    'GET /api/passes/holders/:workerId/photo': {
      // The guard: holders of a pass for their compound; the administrator (posted nowhere): any holder.
      allow: ['admin', 'guard'],
      binary: true,
      in: (f) => ({ method: 'GET', url: `/api/passes/holders/${f.extra.holderA}/photo` }),
      out: (f) => ({ method: 'GET', url: `/api/passes/holders/${f.extra.holderB}/photo` }),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString('hex')).toBe('ffd8'),
    },
    'POST /api/passes/verify': {
      allow: ['guard'],
      statusFor: GUARD_ONLY,
      in: (f) => ({
        method: 'POST',
        url: '/api/passes/verify',
        payload: { qr: 'P1.abc.def~1~xyz', clientId: `probe-${f.seq()}-verify`, gateId: f.extra.gateA },
      }),
    },
    'GET /api/passes/:id': {
      allow: STAFF,
      in: (f) => ({ method: 'GET', url: `/api/passes/${f.extra.passA}` }),
      out: (f) => ({ method: 'GET', url: `/api/passes/${f.extra.passB}` }),
    },
    'POST /api/passes/:id/renew': {
      allow: STAFF,
      in: async (f) => ({
        method: 'POST',
        url: `/api/passes/${f.extra.passA}/renew`,
        payload: { expiresOn: inDays(60), version: await f.version('passes', f.extra.passA!) },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/passes/${f.extra.passB}/renew`,
        payload: { expiresOn: inDays(60), version: await f.version('passes', f.extra.passB!) },
      }),
    },
    'POST /api/passes/:id/revoke': {
      allow: STAFF,
      in: async (f) => {
        const id = await pass(f, '210603', f.extra.compoundA!);
        return { method: 'POST', url: `/api/passes/${id}/revoke`, payload: { reason: '离职', version: 1 } };
      },
      out: async (f) => {
        const id = await pass(f, '210602', f.extra.compoundB!);
        return { method: 'POST', url: `/api/passes/${id}/revoke`, payload: { reason: '离职', version: 1 } };
      },
    },
    'GET /api/pass-keys': {
      allow: ['admin'],
      in: () => ({ method: 'GET', url: '/api/pass-keys' }),
    },
    'POST /api/pass-keys/rotate': {
      allow: ['admin'],
      in: () => ({ method: 'POST', url: '/api/pass-keys/rotate' }),
    },
    'POST /api/pass-keys/:kid/retire': {
      allow: ['admin'],
      in: async (f) => {
        // A fresh key to retire (the signing key stays).
        const keys = await f.t.services.passes.rotateKey(f.t.admin);
        const spare = keys.items.find((k) => k.status === 'active' && !k.signing)!;
        return { method: 'POST', url: `/api/pass-keys/${spare.kid}/retire` };
      },
    },
    'GET /api/guard-posts/me': {
      allow: ['guard'],
      statusFor: GUARD_ONLY,
      in: () => ({ method: 'GET', url: '/api/guard-posts/me' }),
      check: (body, f) => expect((body as { compoundId: string }).compoundId).toBe(f.extra.compoundA),
    },
    'POST /api/pass-scans/batch': {
      allow: ['guard'],
      statusFor: GUARD_ONLY,
      in: (f) => ({
        method: 'POST',
        url: '/api/pass-scans/batch',
        payload: {
          scans: [
            {
              clientId: `probe-${f.seq()}-batch`,
              qr: 'P1.abc.def~1~xyz',
              verdict: 'forged',
              scannedAt: new Date().toISOString(),
              gateId: f.extra.gateA,
            },
          ],
        },
      }),
    },
    'GET /api/pass-scans': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/pass-scans?limit=200&withTotal=1' }),
      check: (body, f, role) => {
        const rows = (body as { items: { compoundId: string }[] }).items.map((r) => r.compoundId);
        expect(rows).toContain(f.extra.compoundA);
        if (role !== 'admin') expect(rows).not.toContain(f.extra.compoundB);
        else expect(rows).toContain(f.extra.compoundB);
      },
    },
    'GET /api/pass-scans/stats': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/pass-scans/stats' }),
    },
  },
};
