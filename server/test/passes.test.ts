import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  b64urlEncode,
  openRevocations,
  passQrText,
  verifyPass,
  type CompoundView,
  type MyPass,
  type PassCryptoKey,
  type PassRoster,
  type PassVerdictView,
  type PassView,
  type PublicKeyList,
  type RevocationList,
  type ScanStats,
} from '@touyan/schemas';
import { createVerifiedWorker, workerInput } from '../src/seed/worker-factories';
import { PassesRepository } from '../src/modules/passes/passes.repository';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let admin: Session;
let staff: Session;
let guard: Session;
let rider: Session;
let compound: CompoundView;
let other: CompoundView;
let device: { privateKey: PassCryptoKey; alg: 'Ed25519'; x: string };

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
let seq = 0;
const clientId = () => `test-scan-${++seq}-${Date.now()}`;

async function newCompound(name: string): Promise<CompoundView> {
  const r = await call(t.app, staff, 'POST', '/api/compounds', {
    name,
    address: '振兴区春风路1号',
    regionCode: '210603',
    managingOrgId: w.a.committee.id,
    pilot: true,
    joinedOn: inDays(-3),
    gates: ['东门', '西门'],
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<CompoundView>();
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await login(t.app, 'admin');
  staff = await login(t.app, w.usernames.staff);
  guard = await login(t.app, w.usernames.guard);
  rider = await login(t.app, w.usernames.worker);
  compound = await newCompound('春风小区');
  other = await newCompound('秋月小区');
  const g = await call(t.app, staff, 'POST', `/api/compounds/${compound.id}/guards`, {
    userId: w.users.guard.id,
    gateId: compound.gates[0]!.id,
  });
  expect(g.statusCode, g.body).toBe(200);
  // The rider registers on the phone; staff verify.
  const reg = await call(t.app, rider, 'PUT', '/api/workers/me', {
    ...(await workerInput(t.services, t.admin, { regionCode: '210603', name: '王小骑' })),
  });
  expect(reg.statusCode, reg.body).toBe(200);
  const workerId = reg.json<{ worker: { id: string; version: number } }>().worker.id;
  const version = reg.json<{ worker: { id: string; version: number } }>().worker.version;
  const v = await call(t.app, staff, 'POST', `/api/workers/${workerId}/verify`, { version });
  expect(v.statusCode, v.body).toBe(200);
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  device = {
    privateKey: pair.privateKey,
    alg: 'Ed25519',
    x: b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
  };
});
afterAll(() => t.close());

async function issue(workerId: string, body: Record<string, unknown> = {}) {
  return call(t.app, staff, 'POST', '/api/passes', {
    workerId,
    scope: 'list',
    compoundIds: [compound.id],
    expiresOn: inDays(30),
    ...body,
  });
}

async function myWorkerId(): Promise<string> {
  const me = await call(t.app, rider, 'GET', '/api/workers/me');
  return me.json<{ worker: { id: string } }>().worker.id;
}

async function verify(qr: string): Promise<PassVerdictView> {
  const r = await call(t.app, guard, 'POST', '/api/passes/verify', { qr, clientId: clientId() });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PassVerdictView>();
}

describe(`小哥码 passes (${TEST_DB})`, () => {
  let pass: PassView;
  let token: string;

  it('issues a verified rider a pass for a list of pilot compounds; refuses a second one', async () => {
    const r = await issue(await myWorkerId());
    expect(r.statusCode, r.body).toBe(200);
    pass = r.json<PassView>();
    expect(pass).toMatchObject({ status: 'active', scope: 'list', workerName: '王小骑', deviceRegistered: false });
    expect(pass.compounds.map((c) => c.id)).toEqual([compound.id]);
    expect(pass.abilities).toEqual(['renew', 'revoke']);
    const again = await issue(await myWorkerId());
    expect(again.json().code).toBe('PASS_ALREADY_ACTIVE');
    const empty = await issue(await myWorkerId(), { compoundIds: [] });
    expect(empty.statusCode).toBe(409);
  });

  it('gives the rider a signed token once the phone registered its device key', async () => {
    const before = await call(t.app, rider, 'GET', '/api/passes/me');
    expect(before.json<MyPass>()).toMatchObject({ token: null, pass: { id: pass.id } });
    const r = await call(t.app, rider, 'POST', '/api/passes/me/device', { alg: 'Ed25519', publicKey: device.x });
    expect(r.statusCode, r.body).toBe(200);
    token = r.json<MyPass>().token!;
    expect(token).toMatch(/^P1\./);
  });

  it('verifies online at the guard’s gate (valid), logs the scan once per client id', async () => {
    const qr = await passQrText(token, pass.id, device, Date.now());
    const v = await verify(qr);
    expect(v).toMatchObject({ verdict: 'valid', passId: pass.id, workerName: '王小骑', duplicate: false });
    const id = clientId();
    const once = await call(t.app, guard, 'POST', '/api/passes/verify', { qr, clientId: id });
    const twice = await call(t.app, guard, 'POST', '/api/passes/verify', { qr, clientId: id });
    expect(twice.json<PassVerdictView>()).toMatchObject({ duplicate: true, scanId: once.json().scanId });
    const mine = await call(t.app, rider, 'GET', '/api/passes/me/scans');
    expect(mine.json<{ items: { verdict: string; compoundName: string }[] }>().items[0]).toMatchObject({
      verdict: 'valid',
      compoundName: '春风小区',
    });
  });

  it('answers stale for a screenshot older than 60 s and forged for a flipped character', async () => {
    expect((await verify(await passQrText(token, pass.id, device, Date.now() - 95_000))).verdict).toBe('stale');
    const qr = await passQrText(token, pass.id, device, Date.now());
    const at = 20;
    const flipped = qr.slice(0, at) + (qr[at] === 'A' ? 'B' : 'A') + qr.slice(at + 1);
    expect((await verify(flipped)).verdict).toBe('forged');
  });

  it('answers wrong_compound at a compound not on the pass', async () => {
    await call(t.app, staff, 'POST', `/api/compounds/${other.id}/guards`, { userId: w.users.guard.id, gateId: null });
    expect((await verify(await passQrText(token, pass.id, device, Date.now()))).verdict).toBe('wrong_compound');
    await call(t.app, staff, 'POST', `/api/compounds/${compound.id}/guards`, {
      userId: w.users.guard.id,
      gateId: compound.gates[0]!.id,
    });
  });

  it('offline: the phone verifies with the published keys and uploads its queue exactly once', async () => {
    const keys = (await call(t.app, guard, 'GET', '/api/passes/public-keys')).json<PublicKeyList>();
    const list = (await call(t.app, guard, 'GET', '/api/passes/revocations')).json<RevocationList>();
    const revoked = await openRevocations(list.signed, keys.items);
    expect(revoked).not.toBeNull();
    const qr = await passQrText(token, pass.id, device, Date.now());
    const r = await verifyPass(qr, {
      keys: keys.items,
      revocations: revoked!.ids,
      compoundId: compound.id,
      now: Date.now(),
    });
    expect(r.verdict).toBe('valid');
    const scans = [1, 2, 3].map(() => ({
      clientId: clientId(),
      qr,
      verdict: r.verdict,
      scannedAt: new Date().toISOString(),
    }));
    const first = await call(t.app, guard, 'POST', '/api/pass-scans/batch', { scans });
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0 });
    const retry = await call(t.app, guard, 'POST', '/api/pass-scans/batch', { scans });
    expect(retry.json()).toEqual({ accepted: 0, duplicates: 3 });
    const stats = (
      await call(t.app, staff, 'GET', `/api/pass-scans/stats?compoundId=${compound.id}`)
    ).json<ScanStats>();
    expect(stats.byCompound[0]).toMatchObject({ label: '春风小区' });
    expect(stats.byVerdict.find((v) => v.verdict === 'valid')!.count).toBeGreaterThanOrEqual(5);
    expect(stats.byHour).toHaveLength(24);
  });

  it('takes a scan queued offline at a gate removed since (the scan names the gate it was made at)', async () => {
    const added = await call(t.app, staff, 'POST', `/api/compounds/${compound.id}/gates`, { name: '临时门' });
    const gate = added.json<CompoundView>().gates.find((g) => g.name === '临时门')!;
    const qr = await passQrText(token, pass.id, device, Date.now());
    const queued = [
      { clientId: clientId(), qr, verdict: 'valid', scannedAt: new Date().toISOString(), gateId: gate.id },
    ];
    const removed = await call(t.app, staff, 'DELETE', `/api/compounds/${compound.id}/gates/${gate.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<CompoundView>().gates.map((g) => g.id)).not.toContain(gate.id);
    const post = (await call(t.app, guard, 'GET', '/api/guard-posts/me')).json<{ gates: { id: string }[] }>();
    expect(post.gates.map((g) => g.id)).not.toContain(gate.id);
    const up = await call(t.app, guard, 'POST', '/api/pass-scans/batch', { scans: queued });
    expect(up.json()).toEqual({ accepted: 1, duplicates: 0 });
    const row = await t.services.db
      .selectFrom('passScans')
      .select('gateId')
      .where('clientId', '=', queued[0]!.clientId)
      .executeTakeFirstOrThrow();
    expect(row.gateId).toBe(gate.id);
  });

  it('renews, then revokes with a reason: revoked online and, after a sync, offline', async () => {
    const renewed = await call(t.app, staff, 'POST', `/api/passes/${pass.id}/renew`, {
      expiresOn: inDays(90),
      version: 1,
    });
    expect(renewed.json().code).toBe('VERSION_CONFLICT');
    const cur = (await call(t.app, staff, 'GET', `/api/passes/${pass.id}`)).json<PassView>();
    const ok = await call(t.app, staff, 'POST', `/api/passes/${pass.id}/renew`, {
      expiresOn: inDays(90),
      version: cur.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rv = await call(t.app, staff, 'POST', `/api/passes/${pass.id}/revoke`, {
      reason: '已离开配送岗位',
      version: ok.json<PassView>().version,
    });
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json<PassView>()).toMatchObject({ status: 'revoked', revokeReason: '已离开配送岗位', abilities: [] });
    const qr = await passQrText(token, pass.id, device, Date.now());
    expect((await verify(qr)).verdict).toBe('revoked');
    const keys = (await call(t.app, guard, 'GET', '/api/passes/public-keys')).json<PublicKeyList>();
    const list = (await call(t.app, guard, 'GET', '/api/passes/revocations')).json<RevocationList>();
    expect(list.version).toBeGreaterThanOrEqual(1);
    const opened = await openRevocations(list.signed, keys.items);
    expect(opened!.ids).toContain(pass.id);
    const r = await verifyPass(qr, {
      keys: keys.items,
      revocations: opened!.ids,
      compoundId: compound.id,
      now: Date.now(),
    });
    expect(r.verdict).toBe('revoked');
  });

  it('rotates keys: old passes verify until the old key is retired (unknown_key); the only key cannot be retired', async () => {
    const res = await call(t.app, admin, 'POST', `/api/pass-keys/rotate`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { kid: string; signing: boolean; status: string }[] }>().items;
    expect(items.filter((k) => k.status === 'active')).toHaveLength(2);
    const old = items.find((k) => !k.signing)!;
    // A pass signed by the old key (a fresh worker, fresh pass).
    const list = await call(t.app, staff, 'GET', '/api/passes?limit=5');
    expect(list.statusCode).toBe(200);
    const retire = await call(t.app, admin, 'POST', `/api/pass-keys/${old.kid}/retire`);
    expect(retire.statusCode, retire.body).toBe(200);
    const signing = retire.json<{ items: { kid: string; signing: boolean }[] }>().items.find((k) => k.signing)!;
    const last = await call(t.app, admin, 'POST', `/api/pass-keys/${signing.kid}/retire`);
    expect(last.json().code).toBe('PASS_KEY_LAST');
    const keys = (await call(t.app, guard, 'GET', '/api/passes/public-keys')).json<PublicKeyList>();
    expect(keys.items.map((k) => k.kid)).toEqual([signing.kid]);
  });

  it('binds figures: riders with a pass, compounds joined in the period', async () => {
    const riders = t.services.figures.get('passes.riders_with_pass')!;
    const compounds = t.services.figures.get('passes.compounds_in_pilot')!;
    const period = { from: inDays(-30), to: inDays(0) };
    expect(await compounds.count({ orgId: w.a.dept.id }, period)).toBe(2);
    expect(await compounds.count({ orgId: w.b.dept.id }, period)).toBe(0);
    expect(await riders.count({ orgId: w.a.dept.id }, period)).toBe(0);
  });

  it("keeps the dashboard's daily summary of scans (issue 15): online and offline scans, a retried upload, the Beijing date", async () => {
    const scans = t.services.figures.get('passes.scans')!;
    const passed = t.services.figures.get('passes.scans_valid')!;
    const areas = [w.city, w.a.dept, w.b.dept].map((o) => ({ orgId: o.id }));
    const today = inDays(0);
    const yesterday = inDays(-1);
    const periods = [
      { from: today, to: today },
      { from: yesterday, to: yesterday },
      { from: inDays(-30), to: today },
    ];
    /** Each area's figure from the summary (countAreas) equals the 核验记录 list's count; the summary equals a rebuild. */
    const expectSummaryTrue = async (): Promise<number[]> => {
      const out: number[] = [];
      for (const fig of [scans, passed])
        for (const period of periods) {
          const summed = await fig.countAreas!(areas, period);
          for (const [i, a] of areas.entries())
            expect(summed[i], `${fig.key} ${a.orgId} ${period.from}`).toBe(await fig.count(a, period));
          out.push(...summed);
        }
      const repo = new PassesRepository(t.services.db);
      expect(await repo.scanSummaryRows()).toEqual(await repo.recomputedScanSummary());
      return out;
    };
    // [scans today: city, A, B; yesterday ×3; 30 days ×3; then the same nine for the scans passed]
    const before = await expectSummaryTrue();
    expect(before[1]).toBeGreaterThan(0); // the scans of the cases above
    expect(before[2]).toBe(0);

    const qr = await passQrText(token, pass.id, device, Date.now());
    await verify(qr); // online: the scan log's batch insert
    const online = await expectSummaryTrue();
    expect(online[1]! - before[1]!).toBe(1);

    // Offline: one scan at 00:30 Beijing today (16:30 UTC yesterday), one at 23:30 Beijing yesterday.
    const queued = [
      { clientId: clientId(), qr, verdict: 'valid', scannedAt: `${yesterday}T16:30:00.000Z` },
      { clientId: clientId(), qr, verdict: 'stale', scannedAt: `${yesterday}T15:30:00.000Z` },
    ];
    const up = await call(t.app, guard, 'POST', '/api/pass-scans/batch', { scans: queued });
    expect(up.json()).toEqual({ accepted: 2, duplicates: 0 });
    const offline = await expectSummaryTrue();
    expect(offline[1]! - online[1]!).toBe(1); // today
    expect(offline[4]! - online[4]!).toBe(1); // yesterday
    expect(offline[9 + 1]! - online[9 + 1]!).toBe(1); // passed today
    expect(offline[9 + 4]! - online[9 + 4]!).toBe(0); // the stale one yesterday did not pass
    expect(offline[0]! - online[0]!).toBe(1); // the city holds county A
    // A retried upload adds nothing; a rebuild (the migration's fill, `npm run rebuild-summaries`) changes nothing.
    const retry = await call(t.app, guard, 'POST', '/api/pass-scans/batch', { scans: queued });
    expect(retry.json()).toEqual({ accepted: 0, duplicates: 2 });
    expect(await expectSummaryTrue()).toEqual(offline);
    const repo = new PassesRepository(t.services.db);
    const kept = await repo.scanSummaryRows();
    await repo.rebuildScanSummary();
    expect(await repo.scanSummaryRows()).toEqual(kept);
  });
});

describe(`the pass validity and issue summaries (issue 15, ${TEST_DB})`, () => {
  const areas = () => [w.city, w.a.dept, w.b.dept, w.a.committee].map((o) => ({ orgId: o.id }));
  const monthStart = `${inDays(0).slice(0, 7)}-01`;
  /** `to` dates for the validity: today, either side of a month-end, the expiry days, years ahead. */
  const validTo = [
    inDays(0),
    inDays(-1),
    inDays(29),
    inDays(30),
    inDays(31),
    inDays(89),
    inDays(90),
    inDays(91),
    inDays(800),
  ];
  const issuedIn = [
    { from: inDays(0), to: inDays(0) },
    { from: monthStart, to: inDays(0) },
    { from: inDays(-45), to: inDays(45) },
    { from: '2000-01-01', to: '2099-12-31' },
  ];
  /**
   * Each area's 期末有效 and 新发 figure from the summaries (countAreas) equals the pass list's count,
   * and both summaries equal a recomputation; gives the values, validity first.
   */
  const expectPassSummaryTrue = async (): Promise<number[]> => {
    const out: number[] = [];
    const periods = [
      ...validTo.map((to) => ['passes.valid', { from: inDays(-10), to }] as const),
      ...issuedIn.map((p) => ['passes.issued', p] as const),
    ];
    for (const [key, period] of periods) {
      const fig = t.services.figures.get(key)!;
      const summed = await fig.countAreas!(areas(), period);
      for (const [i, a] of areas().entries())
        expect(summed[i], `${key} ${a.orgId} ${period.from}…${period.to}`).toBe(await fig.count(a, period));
      out.push(...summed);
    }
    const repo = new PassesRepository(t.services.db);
    const stored = await repo.passSummaryRows();
    expect(stored).toEqual(await repo.recomputedPassSummary());
    return out;
  };
  const get = async (id: string) => (await call(t.app, staff, 'GET', `/api/passes/${id}`)).json<PassView>();

  it('follow an issue, a renewal, a revocation and the worker’s move to another county', async () => {
    const before = await expectPassSummaryTrue();
    const { id: workerId } = await holder(false);
    const r = await issue(workerId, { expiresOn: inDays(30) });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<PassView>();
    const issued = await expectPassSummaryTrue();
    // Valid today in county A and the city (areas 0, 1, 3), not in county B; to the end of day 29 (it
    // expires on day 30), not at the end of day 30.
    expect(issued.slice(0, 4).map((n, i) => n - before[i]!)).toEqual([1, 1, 0, 1]);
    expect(issued[2 * 4 + 1]! - before[2 * 4 + 1]!).toBe(1);
    expect(issued[3 * 4 + 1]! - before[3 * 4 + 1]!).toBe(0);

    const renewed = await call(t.app, staff, 'POST', `/api/passes/${p.id}/renew`, {
      expiresOn: inDays(90),
      version: (await get(p.id)).version,
    });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const afterRenewal = await expectPassSummaryTrue();
    expect(afterRenewal[3 * 4 + 1]! - before[3 * 4 + 1]!).toBe(1); // valid at the end of day 30 now
    expect(afterRenewal[6 * 4 + 1]! - before[6 * 4 + 1]!).toBe(0); // to the end of day 89

    // The worker moves to county B: the pass is counted there.
    const worker = (await call(t.app, admin, 'GET', `/api/workers/${workerId}`)).json<{
      name: string;
      platform: string;
      occupation: string;
      partyMember: boolean;
      partyOrgId: string | null;
      version: number;
    }>();
    const moved = await call(t.app, admin, 'PATCH', `/api/workers/${workerId}`, {
      name: worker.name,
      platform: worker.platform,
      occupation: worker.occupation,
      regionCode: '210602',
      partyMember: worker.partyMember,
      partyOrgId: worker.partyOrgId,
      version: worker.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const afterMove = await expectPassSummaryTrue();
    expect(afterMove.slice(0, 4).map((n, i) => n - before[i]!)).toEqual([1, 0, 1, 0]);

    // County A's staff no longer reach the worker in county B: the administrator revokes.
    const cur = (await call(t.app, admin, 'GET', `/api/passes/${p.id}`)).json<PassView>();
    const revoked = await call(t.app, admin, 'POST', `/api/passes/${p.id}/revoke`, {
      reason: '已离职',
      version: cur.version,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const afterRevoke = await expectPassSummaryTrue();
    expect(afterRevoke.slice(0, 4)).toEqual(before.slice(0, 4));
    // Issued stays issued, revoked or not: the whole-time issue count keeps the pass.
    expect(afterRevoke[(validTo.length + 3) * 4]! - before[(validTo.length + 3) * 4]!).toBe(1);

    const repo = new PassesRepository(t.services.db);
    const kept = await repo.passSummaryRows();
    await repo.rebuildPassSummaries();
    expect(await repo.passSummaryRows()).toEqual(kept);
  });
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 9)]);

/** A verified worker of county A, with a registration photo (or none), entered by the administrator. */
async function holder(photo = true): Promise<{ id: string; photoId: string | null }> {
  let photoId: string | null = null;
  if (photo) {
    const { body, headers } = multipart({}, { field: 'file', filename: 'me.jpg', type: 'image/jpeg', data: JPEG });
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/worker-photos',
      payload: body,
      headers: { ...headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(up.statusCode, up.body).toBe(200);
    photoId = up.json<{ id: string }>().id;
  }
  const worker = await createVerifiedWorker(t.services, t.admin, { regionCode: '210603', photoId });
  return { id: worker.id, photoId };
}

const roster = async (s = guard) => {
  const r = await call(t.app, s, 'GET', '/api/passes/roster?limit=1000');
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PassRoster>();
};

describe(`the guard's photos of pass holders (${TEST_DB})`, () => {
  it('lists the holders of a pass valid at the guard’s compound with their photo ids, and serves those photos only', async () => {
    const here = await holder();
    const all = await holder();
    const elsewhere = await holder();
    const noPhoto = await holder(false);
    expect((await issue(here.id)).statusCode).toBe(200);
    expect((await issue(all.id, { scope: 'all', compoundIds: [] })).statusCode).toBe(200);
    expect((await issue(elsewhere.id, { compoundIds: [other.id] })).statusCode).toBe(200);
    expect((await issue(noPhoto.id)).statusCode).toBe(200);

    const r = await roster();
    expect(r.compoundId).toBe(compound.id);
    expect(r.items).toEqual(
      expect.arrayContaining([
        { workerId: here.id, photoId: here.photoId },
        { workerId: all.id, photoId: all.photoId },
      ]),
    );
    const listed = r.items.map((i) => i.workerId);
    expect(listed).not.toContain(elsewhere.id);
    expect(listed).not.toContain(noPhoto.id);

    const photo = await call(t.app, guard, 'GET', `/api/passes/holders/${here.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers.etag).toBe(`"${here.photoId}"`);
    expect(photo.rawPayload.equals(JPEG)).toBe(true);
    const again = await call(t.app, guard, 'GET', `/api/passes/holders/${here.id}/photo`, undefined, {
      'if-none-match': `"${here.photoId}"`,
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // Not a holder for this compound, no photo, or no such worker: 404 alike.
    for (const id of [elsewhere.id, noPhoto.id, '01JZZZZZZZZZZZZZZZZZZZZZZZ'])
      expect((await call(t.app, guard, 'GET', `/api/passes/holders/${id}/photo`)).statusCode).toBe(404);
    // The administrator (posted nowhere) sees any holder's photo; staff and riders have no pass.verify.
    expect((await call(t.app, admin, 'GET', `/api/passes/holders/${elsewhere.id}/photo`)).statusCode).toBe(200);
    expect((await call(t.app, staff, 'GET', `/api/passes/holders/${here.id}/photo`)).statusCode).toBe(403);
    expect((await call(t.app, rider, 'GET', '/api/passes/roster')).statusCode).toBe(403);
    expect((await call(t.app, admin, 'GET', '/api/passes/roster')).json().code).toBe('NOT_A_GUARD');
  });

  it('drops a holder from the roster and refuses their photo once the pass is revoked', async () => {
    const h = await holder();
    const p = (await issue(h.id)).json<PassView>();
    expect((await roster()).items.map((i) => i.workerId)).toContain(h.id);
    const rv = await call(t.app, staff, 'POST', `/api/passes/${p.id}/revoke`, { reason: '离职', version: p.version });
    expect(rv.statusCode, rv.body).toBe(200);
    expect((await roster()).items.map((i) => i.workerId)).not.toContain(h.id);
    expect((await call(t.app, guard, 'GET', `/api/passes/holders/${h.id}/photo`)).statusCode).toBe(404);
  });

  it('pages the roster by worker id and refuses a limit above 1000', async () => {
    const first = await call(t.app, guard, 'GET', '/api/passes/roster?limit=1');
    const page = first.json<PassRoster>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBe(page.items[0]!.workerId);
    const next = (
      await call(t.app, guard, 'GET', `/api/passes/roster?limit=1000&cursor=${page.nextCursor}`)
    ).json<PassRoster>();
    expect(next.items.map((i) => i.workerId)).not.toContain(page.items[0]!.workerId);
    expect(next.items.length + 1).toBe((await roster()).items.length);
    const big = await call(t.app, guard, 'GET', '/api/passes/roster?limit=1001');
    expect(big.statusCode).toBe(400);
    expect(big.json().fields.limit).toBeDefined();
  });
});

describe(`compounds, gates and guards managed by staff (${TEST_DB})`, () => {
  it('refuses a compound whose region lies outside the managing organisation’s region, in Chinese', async () => {
    const before = (await call(t.app, staff, 'GET', '/api/compounds?withTotal=1')).json<{ total: number }>().total;
    const r = await call(t.app, staff, 'POST', '/api/compounds', {
      name: '越界小区',
      regionCode: '210602',
      managingOrgId: w.a.committee.id,
      gates: [],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { regionCode: '所在区划须在管理党组织所在区划之内' },
    });
    const after = (await call(t.app, staff, 'GET', '/api/compounds?withTotal=1')).json<{ total: number }>().total;
    expect(after).toBe(before);
  });

  it('renames a gate with the compound’s version (bumped, audited); a stale version or another compound’s gate is refused', async () => {
    const c = await newCompound('晨曦小区');
    const gate = c.gates[0]!;
    const ok = await call(t.app, staff, 'PATCH', `/api/compounds/${c.id}/gates/${gate.id}`, {
      name: '东大门',
      version: c.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json<CompoundView>();
    expect(v.gates.find((g) => g.id === gate.id)!.name).toBe('东大门');
    expect(v.version).toBe(c.version + 1);
    const stale = await call(t.app, staff, 'PATCH', `/api/compounds/${c.id}/gates/${gate.id}`, {
      name: '北门',
      version: c.version,
    });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const foreign = await call(t.app, staff, 'PATCH', `/api/compounds/${c.id}/gates/${compound.gates[0]!.id}`, {
      name: '北门',
      version: v.version,
    });
    expect(foreign.statusCode).toBe(404);
    const blank = await call(t.app, staff, 'PATCH', `/api/compounds/${c.id}/gates/${gate.id}`, {
      name: '  ',
      version: v.version,
    });
    expect(blank.statusCode).toBe(400);
    expect((await call(t.app, staff, 'GET', `/api/compounds/${c.id}`)).json<CompoundView>().version).toBe(v.version);
    const audit = await t.services.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('entityId', '=', c.id)
      .where('action', '=', 'update')
      .execute();
    expect(audit.some((a) => String(a.changes).includes('东大门'))).toBe(true);
  });

  it('removes a gate (audited): its guard stays at the compound at no gate; a second removal or another compound’s gate is 404', async () => {
    const c = await newCompound('映月小区');
    const [east, west] = c.gates;
    await call(t.app, staff, 'POST', `/api/compounds/${c.id}/guards`, { userId: w.users.guard.id, gateId: west!.id });
    const r = await call(t.app, staff, 'DELETE', `/api/compounds/${c.id}/gates/${west!.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json<CompoundView>();
    expect(v.gates.map((g) => g.name)).toEqual([east!.name]);
    expect(v.guards).toEqual([{ userId: w.users.guard.id, name: expect.any(String), gateId: null, gateName: null }]);
    expect((await call(t.app, staff, 'DELETE', `/api/compounds/${c.id}/gates/${west!.id}`)).statusCode).toBe(404);
    expect(
      (await call(t.app, staff, 'DELETE', `/api/compounds/${c.id}/gates/${compound.gates[0]!.id}`)).statusCode,
    ).toBe(404);
    const audit = await t.services.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('entityId', '=', c.id)
      .where('action', '=', 'update')
      .execute();
    expect(audit.some((a) => String(a.changes).includes('西门'))).toBe(true);
    await call(t.app, staff, 'POST', `/api/compounds/${compound.id}/guards`, {
      userId: w.users.guard.id,
      gateId: compound.gates[0]!.id,
    });
  });

  it('assigns a guard account to a gate and unassigns it; refuses an account without the guard role', async () => {
    const c = await newCompound('朝阳小区');
    const gate = c.gates[1]!;
    const other = await call(t.app, staff, 'POST', `/api/compounds/${c.id}/guards`, {
      userId: w.users.staff.id,
      gateId: gate.id,
    });
    expect(other.json().code).toBe('NOT_A_GUARD_USER');
    const assigned = await call(t.app, staff, 'POST', `/api/compounds/${c.id}/guards`, {
      userId: w.users.guard.id,
      gateId: gate.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<CompoundView>().guards).toEqual([
      { userId: w.users.guard.id, name: expect.any(String), gateId: gate.id, gateName: gate.name },
    ]);
    const removed = await call(t.app, staff, 'DELETE', `/api/compounds/${c.id}/guards/${w.users.guard.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<CompoundView>().guards).toEqual([]);
    expect((await call(t.app, guard, 'GET', '/api/guard-posts/me')).json().code).toBe('NOT_A_GUARD');
    // Back to the post the other cases use.
    await call(t.app, staff, 'POST', `/api/compounds/${compound.id}/guards`, {
      userId: w.users.guard.id,
      gateId: compound.gates[0]!.id,
    });
  });
});
