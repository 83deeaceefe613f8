import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  b64urlEncode,
  openRevocations,
  passQrText,
  verifyPass,
  type CompoundView,
  type MyPass,
  type PassCryptoKey,
  type PassVerdictView,
  type PassView,
  type PublicKeyList,
  type RevocationList,
  type ScanStats,
} from '@touyan/schemas';
import { workerInput } from '../src/seed/worker-factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
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
});
