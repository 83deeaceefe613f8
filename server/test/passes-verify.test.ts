import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  b64urlEncode,
  passIssueBody,
  passQrText,
  type CompoundView,
  type PassCryptoKey,
  type PassVerdictView,
} from '@touyan/schemas';
import { validated } from '../src/seed/factories';
import { createVerifiedWorker } from '../src/seed/worker-factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/**
 * The online verification's scan log under concurrency (issue 12): scans that arrive together are
 * committed together (group commit), each answered only once its row is stored, a client id logged once.
 */
let t: TestApp;
let w: World;
let guard: Session;
let compound: CompoundView;
let qr: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  compound = await t.services.passes.createCompound(t.admin, {
    name: '春风小区',
    address: null,
    regionCode: '210603',
    managingOrgId: w.a.committee.id,
    hostOrgId: null,
    pilot: true,
    joinedOn: '2025-05-01',
    gates: ['东门', '西门'],
  });
  await t.services.passes.assignGuard(t.admin, compound.id, {
    userId: w.users.guard.id,
    gateId: compound.gates[0]!.id,
  });
  guard = await login(t.app, w.usernames.guard);
  const worker = await createVerifiedWorker(t.services, t.admin, { regionCode: '210603' });
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  const x = b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const pass = await t.services.passes.issue(
    t.admin,
    validated(passIssueBody, {
      workerId: worker.id,
      scope: 'all',
      expiresOn,
      device: { alg: 'Ed25519', publicKey: x },
    }),
  );
  const token = (await t.services.passes.tokenForPass(pass.id))!;
  qr = await passQrText(token, pass.id, { privateKey: pair.privateKey, alg: 'Ed25519' }, Date.now());
});
afterAll(() => t.close());

const scan = (clientId: string, gateId: string | null = compound.gates[0]!.id) =>
  call(t.app, guard, 'POST', '/api/passes/verify', { qr, clientId, gateId });

async function logged(prefix: string): Promise<{ id: string; clientId: string; gateId: string | null }[]> {
  const r = await sql<{ id: string; client_id: string; gate_id: string | null }>`
    select id, client_id, gate_id from pass_scans where client_id like ${`${prefix}%`} order by client_id`.execute(
    t.database.db.withoutPlugins(),
  );
  return r.rows.map((x) => ({ id: x.id, clientId: x.client_id, gateId: x.gate_id }));
}

describe(`online scan log under concurrency (${TEST_DB})`, () => {
  it('logs each of 30 scans sent at once exactly once, and answers a resend of all 30 as duplicates of them', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `burst-${String(i).padStart(2, '0')}-${TEST_DB}`);
    const first = await Promise.all(ids.map((id) => scan(id)));
    for (const r of first) expect(r.statusCode, r.body).toBe(200);
    const views = first.map((r) => r.json<PassVerdictView>());
    expect(views.every((v) => v.verdict === 'valid' && !v.duplicate)).toBe(true);
    const rows = await logged('burst-');
    expect(rows.map((r) => r.clientId)).toEqual(ids);
    expect(rows.map((r) => r.id)).toEqual(views.map((v) => v.scanId));
    const again = await Promise.all(ids.map((id) => scan(id)));
    expect(again.map((r) => r.json<PassVerdictView>().duplicate)).toEqual(ids.map(() => true));
    expect(again.map((r) => r.json<PassVerdictView>().scanId)).toEqual(views.map((v) => v.scanId));
    expect(await logged('burst-')).toHaveLength(30);
  });

  it('logs one client id sent 8 times at once once: one answer is the scan, the others duplicates of it', async () => {
    const answers = (await Promise.all(Array.from({ length: 8 }, () => scan(`same-${TEST_DB}`)))).map((r) =>
      r.json<PassVerdictView>(),
    );
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    const rows = await logged('same-');
    expect(rows).toHaveLength(1);
    expect(new Set(answers.map((a) => a.scanId))).toEqual(new Set([rows[0]!.id]));
  });

  it("takes the guard's other gate, and refuses a gate of another compound (nothing logged)", async () => {
    const west = await scan(`gate-west-${TEST_DB}`, compound.gates[1]!.id);
    expect(west.statusCode, west.body).toBe(200);
    const other = await t.services.passes.createCompound(t.admin, {
      name: '秋月小区',
      address: null,
      regionCode: '210603',
      managingOrgId: w.a.committee.id,
      hostOrgId: null,
      pilot: true,
      joinedOn: '2025-05-01',
      gates: ['北门'],
    });
    const foreign = await scan(`gate-foreign-${TEST_DB}`, other.gates[0]!.id);
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect((await logged('gate-')).map((r) => [r.clientId, r.gateId])).toEqual([
      [`gate-west-${TEST_DB}`, compound.gates[1]!.id],
    ]);
  });

  it('stops a guard removed from the compound at once (the cached post is dropped)', async () => {
    expect((await scan(`removed-1-${TEST_DB}`)).statusCode).toBe(200);
    await t.services.passes.removeGuard(t.admin, compound.id, w.users.guard.id);
    // Naming the gate: no longer reachable (the reference check answers first); without: not a guard.
    const withGate = await scan(`removed-2-${TEST_DB}`);
    expect(withGate.statusCode, withGate.body).toBe(404);
    const r = await scan(`removed-3-${TEST_DB}`, null);
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json()).toMatchObject({ code: 'NOT_A_GUARD' });
    expect((await logged('removed-')).map((x) => x.clientId)).toEqual([`removed-1-${TEST_DB}`]);
  });
});
