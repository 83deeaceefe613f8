import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  b64urlDecode,
  b64urlEncode,
  passRules,
  readPassQr,
  type PassPayload,
  type PassQrParts,
  type PassVerification,
  type PublicPassKey,
  type VerifyPassOptions,
} from '@touyan/schemas';

/** Device keys met recently (riders pass the same gates again), as the guard's page keeps them. */
const DEVICE_KEYS = 2000;
/** Issuer tokens whose signature checked out, remembered (a rider's token is the same for months). */
const VERIFIED_TOKENS = 5000;

const none = (step: number | null, verdict: 'forged' | 'unknown_key'): PassVerification => ({
  verdict,
  pass: null,
  step,
});

/** A scanned QR's parts and its issuer token (`P1.<payload>.<sig>`, the text before the first `~`). */
export interface ReadQr {
  q: PassQrParts;
  token: string;
}

/** A raw Ed25519 public key (32 bytes) as a KeyObject; null when it is not one. */
function ed25519Key(raw: Uint8Array): KeyObject | null {
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64urlEncode(raw) }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** A raw uncompressed P-256 point (65 bytes, 0x04 ‖ x ‖ y) as a KeyObject; null when it is not one. */
function p256Key(raw: Uint8Array): KeyObject | null {
  if (raw.length !== 65 || raw[0] !== 4) return null;
  try {
    const x = b64urlEncode(raw.subarray(1, 33));
    const y = b64urlEncode(raw.subarray(33));
    return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
  } catch {
    return null;
  }
}

function deviceKey(dk: PassPayload['dk']): KeyObject | null {
  const raw = b64urlDecode(dk.x);
  if (!raw) return null;
  return dk.alg === 'Ed25519' ? ed25519Key(raw) : p256Key(raw);
}

/** One signature check; a malformed signature is a failed check, as WebCrypto answers false. */
function checks(alg: PassPayload['dk']['alg'], key: KeyObject, data: Uint8Array, sig: Uint8Array): boolean {
  try {
    return alg === 'Ed25519'
      ? verify(null, data, key, sig)
      : verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

/** Keeps at most `max` entries, dropping the least recently used. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
}

/**
 * `verifyPass` (schemas/src/pass-token.ts) for the server: the same reading of the QR (`readPassQr`)
 * and the same rules after the signatures (`passRules`), with the signature checks done by node:crypto
 * synchronously — no promise, no WebCrypto job — over KeyObjects made once per key. The guard's phone
 * keeps WebCrypto; a unit test holds both to the same verdict in every case.
 *
 * A token whose issuer signature checked out is remembered (by its full text and the issuer key it was
 * checked with): a rider's token is the same for every scan until it is re-issued, so a rider seen
 * again costs one signature check, the device's, which is new every 30 s and never remembered.
 */
export class PassVerifier {
  private readonly issuers = new Map<string, KeyObject | null>();
  private readonly devices = new Lru<KeyObject | null>(DEVICE_KEYS);
  private readonly verified = new Lru<string>(VERIFIED_TOKENS);

  private issuerKey(k: PublicPassKey): KeyObject | null {
    const id = `${k.kid}:${k.publicKey}`;
    let key = this.issuers.get(id);
    if (key === undefined) {
      const raw = b64urlDecode(k.publicKey);
      key = raw ? ed25519Key(raw) : null;
      this.issuers.set(id, key);
    }
    return key;
  }

  private deviceKey(dk: PassPayload['dk']): KeyObject | null {
    const id = `${dk.alg}:${dk.x}`;
    let key = this.devices.get(id);
    if (key === undefined) {
      key = deviceKey(dk);
      this.devices.set(id, key);
    }
    return key;
  }

  /** Reads a scanned QR (`readPassQr`): forged when unreadable, else its parts, nothing checked yet. */
  read(qr: string): ReadQr | PassVerification {
    const q = readPassQr(qr);
    return 'verdict' in q ? q : { q, token: qr.trim().split('~', 1)[0]! };
  }

  /**
   * The verdict for a QR read by `read`. `keys`: the published issuer keys by key id (retired ones
   * are not published, as the keyring leaves them out).
   */
  check(
    { q, token }: ReadQr,
    keys: ReadonlyMap<string, PublicPassKey>,
    opts: Omit<VerifyPassOptions, 'keys'>,
  ): PassVerification {
    const { pass, step } = q;
    const published = keys.get(pass.kid);
    if (!published || published.status !== 'active') return none(step, 'unknown_key');
    const issuer = this.issuerKey(published);
    if (!issuer) return none(step, 'unknown_key');
    if (this.verified.get(token) !== published.publicKey) {
      if (!checks('Ed25519', issuer, q.signed, q.issuerSig)) return none(step, 'forged');
      this.verified.set(token, published.publicKey);
    }
    const device = this.deviceKey(pass.dk);
    if (!device || !checks(pass.dk.alg, device, q.deviceSigned, q.deviceSig)) return none(step, 'forged');
    return passRules(q, opts);
  }

  /** `read` then `check`: what `verifyPass` answers for the same QR, keys and options. */
  verify(
    qr: string,
    keys: ReadonlyMap<string, PublicPassKey>,
    opts: Omit<VerifyPassOptions, 'keys'>,
  ): PassVerification {
    const read = this.read(qr);
    return 'verdict' in read ? read : this.check(read, keys, opts);
  }
}
