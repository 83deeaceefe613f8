import { describe, expect, it } from 'vitest';
import {
  b64urlEncode,
  passQrText,
  signPass,
  verifyPass,
  type DeviceAlg,
  type PassCryptoKey,
  type PassPayload,
  type PublicPassKey,
  type VerifyPassOptions,
} from '@touyan/schemas';
import { PassVerifier } from './passes.verify';

const subtle = globalThis.crypto.subtle;
const NOW = Date.parse('2026-05-01T08:00:00Z');

async function issuerKey(kid: string) {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, published: { kid, publicKey: b64urlEncode(raw), status: 'active' as const } };
}

async function deviceKey(alg: DeviceAlg) {
  const params = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = (await subtle.generateKey(params, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
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

const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

type Case = { name: string; qr: string; keys: PublicPassKey[]; opts?: Partial<Omit<VerifyPassOptions, 'keys'>> };

describe('online verification with node:crypto (passes.verify.ts) agrees with verifyPass (WebCrypto)', async () => {
  const k1 = await issuerKey('k1');
  const k2 = await issuerKey('k2');
  const rogue = await issuerKey('k1');
  const ed = await deviceKey('Ed25519');
  const es = await deviceKey('ES256');
  const otherEd = await deviceKey('Ed25519');
  const otherEs = await deviceKey('ES256');
  const keys = [k1.published];
  const sign = (p: PassPayload, key = k1.privateKey) => signPass(p, key);
  const qrOf = async (
    dev: { privateKey: PassCryptoKey; alg: DeviceAlg },
    p: PassPayload,
    at = NOW,
    key = k1.privateKey,
  ) => passQrText(await sign(p, key), p.pid, dev, at);

  const edQr = await qrOf(ed, payload('k1', ed));
  const esQr = await qrOf(es, payload('k1', es));
  const edToken = edQr.split('~')[0]!;
  const [, edStep, edSig] = edQr.split('~');
  const retired = [{ ...k1.published, status: 'retired' as const }, k2.published];
  // A P-256 point that is not on the curve, and an Ed25519 key of the wrong length.
  const offCurve = b64urlEncode(Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 7)));
  const shortEd = b64urlEncode(new Uint8Array(31).fill(9));

  const cases: Case[] = [
    { name: 'valid, Ed25519 device', qr: edQr, keys },
    { name: 'valid, P-256 device', qr: esQr, keys },
    { name: 'valid, a pass for every compound', qr: await qrOf(ed, payload('k1', ed, { cmp: 'ALL' })), keys },
    { name: 'valid, QR of 25 s ago', qr: await qrOf(ed, payload('k1', ed), NOW - 25_000), keys },
    { name: 'valid while the old key is still published', qr: edQr, keys: [k1.published, k2.published] },
    { name: 'expired', qr: await qrOf(ed, payload('k1', ed, { exp: Math.floor(NOW / 1000) - 1 })), keys },
    { name: 'revoked (Ed25519)', qr: edQr, keys, opts: { revocations: ['PASS1'] } },
    { name: 'revoked (P-256, as a set)', qr: esQr, keys, opts: { revocations: new Set(['PASS1']) } },
    { name: 'wrong_compound', qr: edQr, keys, opts: { compoundId: 'C3' } },
    { name: 'wrong_compound, P-256', qr: esQr, keys, opts: { compoundId: 'C3' } },
    { name: 'stale: 95 s old', qr: await qrOf(ed, payload('k1', ed), NOW - 95_000), keys },
    { name: 'stale: 95 s ahead', qr: await qrOf(es, payload('k1', es), NOW + 95_000), keys },
    { name: 'unknown_key: retired', qr: edQr, keys: retired },
    { name: 'unknown_key: not published', qr: edQr, keys: [k2.published] },
    { name: 'unknown_key: published key unreadable', qr: edQr, keys: [{ ...k1.published, publicKey: shortEd }] },
    {
      name: 'forged: another private key under a known key id',
      qr: await qrOf(ed, payload('k1', ed), NOW, rogue.privateKey),
      keys,
    },
    { name: 'forged: another phone (Ed25519)', qr: await passQrText(edToken, 'PASS1', otherEd, NOW), keys },
    {
      name: 'forged: another phone (P-256)',
      qr: await passQrText(esQr.split('~')[0]!, 'PASS1', otherEs, NOW),
      keys,
    },
    { name: 'forged: the device signature of another step', qr: `${edToken}~${Number(edStep) - 1}~${edSig}`, keys },
    { name: 'forged: device signature cut short', qr: `${edToken}~${edStep}~${edSig!.slice(0, 40)}`, keys },
    { name: 'forged: device signature not base64url', qr: `${edToken}~${edStep}~${edSig}+`, keys },
    { name: 'forged: P-256 key off the curve', qr: await qrOf(es, payload('k1', { alg: 'ES256', x: offCurve })), keys },
    {
      name: 'forged: Ed25519 device key too short',
      qr: await qrOf(ed, payload('k1', { alg: 'Ed25519', x: shortEd })),
      keys,
    },
    { name: 'forged: not a QR', qr: 'hello', keys },
    { name: 'forged: two parts', qr: `${edToken}~${edStep}`, keys },
    { name: 'forged: step not a number', qr: `${edToken}~x1~${edSig}`, keys },
    { name: 'forged: token of a revocation list', qr: `R1${edQr.slice(2)}`, keys },
    { name: 'valid with spaces around', qr: `  ${edQr}\n`, keys },
  ];
  for (const at of [5, 40, Math.floor(edToken.length / 2), edToken.length - 3, edToken.length + 20]) {
    cases.push({ name: `forged: one flipped character at ${at}`, qr: flip(edQr, at), keys });
  }

  const opts = (c: Case) => ({ revocations: [] as string[], compoundId: 'C1', now: NOW, ...c.opts });

  it('gives the same verdict, pass and step in every case, once fresh and once with the token remembered', async () => {
    const verifier = new PassVerifier();
    const verdicts = new Set<string>();
    for (const round of [1, 2]) {
      for (const c of cases) {
        const web = await verifyPass(c.qr, { keys: c.keys, ...opts(c) });
        const node = verifier.verify(c.qr, new Map(c.keys.map((k) => [k.kid, k])), opts(c));
        expect({ round, case: c.name, ...node }).toEqual({ round, case: c.name, ...web });
        verdicts.add(web.verdict);
      }
    }
    // Every verdict of the library is among the cases.
    expect([...verdicts].sort()).toEqual(
      ['expired', 'forged', 'revoked', 'stale', 'unknown_key', 'valid', 'wrong_compound'].sort(),
    );
  });

  it('a remembered token is checked again under a different key for the same key id (forged)', async () => {
    const verifier = new PassVerifier();
    const valid = new Map([['k1', k1.published]]);
    expect(verifier.verify(edQr, valid, opts({} as Case)).verdict).toBe('valid');
    const swapped = new Map([['k1', { ...rogue.published }]]);
    expect(verifier.verify(edQr, swapped, opts({} as Case)).verdict).toBe('forged');
    expect(await verifyPass(edQr, { keys: [rogue.published], ...opts({} as Case) })).toMatchObject({
      verdict: 'forged',
    });
  });
});
