import { describe, expect, it } from 'vitest';
import {
  b64urlDecode,
  b64urlEncode,
  openRevocations,
  passQrText,
  peekPass,
  signPass,
  signRevocations,
  verifyPass,
  type DeviceAlg,
  type PassCryptoKey,
  type PassPayload,
  type PublicPassKey,
} from './pass-token';

const subtle = globalThis.crypto.subtle;
const NOW = Date.parse('2026-05-01T08:00:00Z');

async function issuerKey(kid: string, status: PublicPassKey['status'] = 'active') {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, published: { kid, publicKey: b64urlEncode(raw), status } };
}

async function deviceKey(alg: DeviceAlg) {
  const pair = (
    alg === 'Ed25519'
      ? await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])
      : await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  ) as { privateKey: PassCryptoKey; publicKey: PassCryptoKey };
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, alg, x: b64urlEncode(raw) };
}

function payload(kid: string, dk: { alg: DeviceAlg; x: string }, over: Partial<PassPayload> = {}): PassPayload {
  return {
    v: 1,
    kid,
    pid: 'PASS1',
    wid: 'W1',
    name: '张小哥',
    plat: 'meituan',
    photo: null,
    cmp: ['C1', 'C2'],
    iat: Math.floor(NOW / 1000) - 86400,
    exp: Math.floor(NOW / 1000) + 86400 * 30,
    dk,
    ...over,
  };
}

describe('pass tokens (小哥码)', async () => {
  const k1 = await issuerKey('k1');
  const dev = await deviceKey('Ed25519');
  const token = await signPass(payload('k1', dev), k1.privateKey);
  const qr = await passQrText(token, 'PASS1', dev, NOW - 5000);
  const base = { keys: [k1.published], revocations: [] as string[], compoundId: 'C1', now: NOW };

  it('round-trips base64url for every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(b64urlDecode(b64urlEncode(bytes))).toEqual(bytes);
    }
    expect(b64urlDecode('a+b/')).toBeNull();
    expect(b64urlDecode('abcde')).toBeNull();
  });

  it('valid: a fresh QR at a compound of the pass', async () => {
    const r = await verifyPass(qr, base);
    expect(r.verdict).toBe('valid');
    expect(r.pass?.name).toBe('张小哥');
    expect(peekPass(token)?.pid).toBe('PASS1');
  });

  it('valid with an ECDSA P-256 device key (browsers without Ed25519)', async () => {
    const es = await deviceKey('ES256');
    const t = await signPass(payload('k1', es), k1.privateKey);
    expect((await verifyPass(await passQrText(t, 'PASS1', es, NOW), base)).verdict).toBe('valid');
  });

  it('ALL opens every compound', async () => {
    const t = await signPass(payload('k1', dev, { cmp: 'ALL' }), k1.privateKey);
    const r = await verifyPass(await passQrText(t, 'PASS1', dev, NOW), { ...base, compoundId: 'C9' });
    expect(r.verdict).toBe('valid');
  });

  it('expired', async () => {
    const t = await signPass(payload('k1', dev, { exp: Math.floor(NOW / 1000) - 1 }), k1.privateKey);
    expect((await verifyPass(await passQrText(t, 'PASS1', dev, NOW), base)).verdict).toBe('expired');
  });

  it('revoked after a signed revocation list is synced', async () => {
    const list = await signRevocations({ v: 1, kid: 'k1', ver: 3, iat: NOW / 1000, ids: ['PASS1'] }, k1.privateKey);
    const opened = await openRevocations(list, [k1.published]);
    expect(opened?.ver).toBe(3);
    expect((await verifyPass(qr, { ...base, revocations: new Set(opened!.ids) })).verdict).toBe('revoked');
    // A tampered list is refused.
    const [p, b, s] = list.split('.');
    expect(await openRevocations(`${p}.${b}x.${s}`, [k1.published])).toBeNull();
  });

  it('forged: one flipped character anywhere in the token', async () => {
    const [tok] = qr.split('~');
    for (const at of [5, Math.floor(tok!.length / 2), tok!.length - 3]) {
      const c = qr[at]!;
      const flipped = qr.slice(0, at) + (c === 'A' ? 'B' : 'A') + qr.slice(at + 1);
      expect((await verifyPass(flipped, base)).verdict).toBe('forged');
    }
    expect((await verifyPass('hello', base)).verdict).toBe('forged');
  });

  it('forged: a pass signed by another private key under a known key id', async () => {
    const rogue = await issuerKey('k1');
    const t = await signPass(payload('k1', dev), rogue.privateKey);
    expect((await verifyPass(await passQrText(t, 'PASS1', dev, NOW), base)).verdict).toBe('forged');
  });

  it('forged: a device signature from another phone (copied token)', async () => {
    const other = await deviceKey('Ed25519');
    expect((await verifyPass(await passQrText(token, 'PASS1', other, NOW), base)).verdict).toBe('forged');
  });

  it('wrong_compound: a list pass at another compound', async () => {
    expect((await verifyPass(qr, { ...base, compoundId: 'C3' })).verdict).toBe('wrong_compound');
  });

  it('stale: a replayed QR (screenshot) older than 60 s', async () => {
    const old = await passQrText(token, 'PASS1', dev, NOW - 95_000);
    expect((await verifyPass(old, base)).verdict).toBe('stale');
    const recent = await passQrText(token, 'PASS1', dev, NOW - 25_000);
    expect((await verifyPass(recent, base)).verdict).toBe('valid');
  });

  it('a pass signed by a rotated-out key: valid while the old key is published, unknown_key once retired', async () => {
    const k2 = await issuerKey('k2');
    const both = [{ ...k1.published }, k2.published];
    expect((await verifyPass(qr, { ...base, keys: both })).verdict).toBe('valid');
    const retired = [{ ...k1.published, status: 'retired' as const }, k2.published];
    expect((await verifyPass(qr, { ...base, keys: retired })).verdict).toBe('unknown_key');
    expect((await verifyPass(qr, { ...base, keys: [k2.published] })).verdict).toBe('unknown_key');
  });
});
