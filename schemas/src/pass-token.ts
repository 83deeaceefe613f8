/**
 * 小哥码 pass tokens (issue 12): one library for the server (issue, online verify) and the light phone
 * pages (the rider's QR, the guard's offline verify). No zod, no Node APIs: WebCrypto only
 * (`globalThis.crypto.subtle`, present in Node 20 and Chromium), so it stays small in the light bundle.
 *
 *  - Pass token: `P1.<payload b64url>.<sig b64url>`, the payload JSON signed with Ed25519 by the
 *    server's issuer key (key id `kid` in the payload); the signature covers the ASCII text
 *    `P1.<payload b64url>`.
 *  - Revocation list: `R1.<payload b64url>.<sig b64url>`, same signature scheme (versioned list of
 *    revoked pass ids), so a guard's phone can trust a list it synced earlier.
 *  - QR text: `<token>~<30 s time step>~<device signature over "<pass id>.<step>">`: the rider's phone
 *    holds a non-extractable device key (Ed25519, or ECDSA P-256 where the browser lacks Ed25519)
 *    whose public half is in the signed payload. A screenshot stops working after 60 s (`stale`).
 */

type Subtle = typeof globalThis.crypto.subtle;
export type PassCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

export const PASS_STEP_SECONDS = 30;
/** A QR whose time step began more than this long ago (or lies this far ahead) is refused as stale. */
export const PASS_MAX_AGE_SECONDS = 60;

export type DeviceAlg = 'Ed25519' | 'ES256';

export interface PassPayload {
  /** Format version. */
  v: 1;
  /** Issuer key id. */
  kid: string;
  /** Pass id. */
  pid: string;
  /** Worker id. */
  wid: string;
  name: string;
  /** Platform code (美团, 饿了么 … as the workers dictionary). */
  plat: string;
  /** Photo reference (attachment id) or null. */
  photo: string | null;
  /** Compound ids the pass opens, or 'ALL' (every pilot compound). */
  cmp: 'ALL' | string[];
  /** Issued at / expires at, Unix seconds. */
  iat: number;
  exp: number;
  /** Device public key: raw bytes, base64url (Ed25519: 32 bytes; ES256: 65-byte uncompressed point). */
  dk: { alg: DeviceAlg; x: string };
}

export interface RevocationPayload {
  v: 1;
  kid: string;
  /** Monotonic version of the list. */
  ver: number;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Revoked pass ids. */
  ids: string[];
}

export interface PublicPassKey {
  kid: string;
  /** Raw Ed25519 public key, base64url. */
  publicKey: string;
  status: 'active' | 'retired';
}

export const PASS_VERDICTS = [
  'valid',
  'expired',
  'revoked',
  'forged',
  'wrong_compound',
  'stale',
  'unknown_key',
] as const;
export type PassVerdict = (typeof PASS_VERDICTS)[number];

export interface PassVerification {
  verdict: PassVerdict;
  /** The signed payload, present once the issuer signature checked out (for the worker's name/photo). */
  pass: PassPayload | null;
  /** The QR's time step (null when it could not be read). */
  step: number | null;
}

// ---------------------------------------------------------------- base64url (no Buffer, no btoa)

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

export function b64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes strict base64url (no padding); null on any other character or an impossible length. */
export function b64urlDecode(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Canonical form only: leftover bits must be zero (otherwise two texts would decode alike).
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function subtle(): Subtle {
  return globalThis.crypto.subtle;
}

// ---------------------------------------------------------------- keys

/** Imports a raw Ed25519 public key (base64url) for verifying. */
export async function importIssuerPublicKey(publicKey: string): Promise<PassCryptoKey | null> {
  const raw = b64urlDecode(publicKey);
  if (!raw || raw.length !== 32) return null;
  try {
    return await subtle().importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return null;
  }
}

async function importDeviceKey(dk: PassPayload['dk']): Promise<PassCryptoKey | null> {
  const raw = b64urlDecode(dk.x);
  if (!raw) return null;
  try {
    if (dk.alg === 'Ed25519' && raw.length === 32)
      return await subtle().importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    if (dk.alg === 'ES256' && raw.length === 65)
      return await subtle().importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return null;
  }
  return null;
}

function deviceAlgorithm(alg: DeviceAlg) {
  return alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/**
 * A verifying keyring: imports each published key once (the guard's page keeps one for its session, so
 * verifying a pass costs two signature checks and no imports of the issuer key).
 */
export class PassKeyring {
  private readonly keys = new Map<string, Promise<PassCryptoKey | null>>();
  constructor(published: readonly PublicPassKey[]) {
    for (const k of published) if (k.status === 'active') this.keys.set(k.kid, importIssuerPublicKey(k.publicKey));
  }
  has(kid: string): boolean {
    return this.keys.has(kid);
  }
  get(kid: string): Promise<PassCryptoKey | null> {
    return this.keys.get(kid) ?? Promise.resolve(null);
  }
  /** Device keys met recently (a rider passes the same gate again): imported once each, at most 2,000 kept. */
  private readonly devices = new Map<string, Promise<PassCryptoKey | null>>();
  deviceKey(dk: PassPayload['dk']): Promise<PassCryptoKey | null> {
    const id = `${dk.alg}:${dk.x}`;
    let key = this.devices.get(id);
    if (!key) {
      if (this.devices.size >= 2000) this.devices.clear();
      key = importDeviceKey(dk);
      this.devices.set(id, key);
    }
    return key;
  }
}

// ---------------------------------------------------------------- compact signed texts

/** Signs `payload` as `<prefix>.<payload b64url>.<sig b64url>` with an Ed25519 private key. */
export async function signCompact(prefix: 'P1' | 'R1', payload: object, privateKey: PassCryptoKey): Promise<string> {
  const body = `${prefix}.${b64urlEncode(encoder.encode(JSON.stringify(payload)))}`;
  const sig = new Uint8Array(await subtle().sign({ name: 'Ed25519' }, privateKey, encoder.encode(body)));
  return `${body}.${b64urlEncode(sig)}`;
}

interface OpenedCompact {
  signed: string;
  payload: Record<string, unknown>;
  sig: Uint8Array<ArrayBuffer>;
}

function openCompact(prefix: 'P1' | 'R1', text: string): OpenedCompact | null {
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== prefix) return null;
  const body = b64urlDecode(parts[1]!);
  const sig = b64urlDecode(parts[2]!);
  if (!body || !sig || sig.length !== 64) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(body));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  return { signed: `${parts[0]}.${parts[1]}`, payload: payload as Record<string, unknown>, sig };
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function asPassPayload(p: Record<string, unknown>): PassPayload | null {
  const dk = p.dk as Record<string, unknown> | null | undefined;
  const cmpOk = p.cmp === 'ALL' || (Array.isArray(p.cmp) && p.cmp.length <= 1000 && p.cmp.every(isStr));
  if (
    p.v !== 1 ||
    !isStr(p.kid) ||
    !isStr(p.pid) ||
    !isStr(p.wid) ||
    !isStr(p.name) ||
    !isStr(p.plat) ||
    !(p.photo === null || isStr(p.photo)) ||
    !cmpOk ||
    !isInt(p.iat) ||
    !isInt(p.exp) ||
    !dk ||
    typeof dk !== 'object' ||
    (dk.alg !== 'Ed25519' && dk.alg !== 'ES256') ||
    !isStr(dk.x)
  )
    return null;
  return p as unknown as PassPayload;
}

/** Reads a pass token's payload WITHOUT checking its signature (display only; never trust it). */
export function peekPass(token: string): PassPayload | null {
  const opened = openCompact('P1', token);
  return opened ? asPassPayload(opened.payload) : null;
}

export async function signPass(payload: PassPayload, issuerPrivateKey: PassCryptoKey): Promise<string> {
  return signCompact('P1', payload, issuerPrivateKey);
}

export async function signRevocations(payload: RevocationPayload, issuerPrivateKey: PassCryptoKey): Promise<string> {
  return signCompact('R1', payload, issuerPrivateKey);
}

type Keys = PassKeyring | readonly PublicPassKey[];
const ringOf = (keys: Keys) => (keys instanceof PassKeyring ? keys : new PassKeyring(keys));

/** Checks a signed revocation list against the published keys; null when it is not genuine. */
export async function openRevocations(text: string, keys: Keys): Promise<RevocationPayload | null> {
  const opened = openCompact('R1', text);
  if (!opened) return null;
  const p = opened.payload;
  if (p.v !== 1 || !isStr(p.kid) || !isInt(p.ver) || !isInt(p.iat) || !Array.isArray(p.ids) || !p.ids.every(isStr))
    return null;
  const key = await ringOf(keys).get(p.kid);
  if (!key) return null;
  const ok = await subtle().verify({ name: 'Ed25519' }, key, opened.sig, encoder.encode(opened.signed));
  return ok ? (p as unknown as RevocationPayload) : null;
}

// ---------------------------------------------------------------- the QR (holder binding)

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PASS_STEP_SECONDS);
}

function deviceMessage(passId: string, step: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${passId}.${step}`);
}

/** The rider's phone: the QR text for the current 30 s step, signed with the device's private key. */
export async function passQrText(
  token: string,
  passId: string,
  device: { privateKey: PassCryptoKey; alg: DeviceAlg },
  nowMs: number,
): Promise<string> {
  const step = timeStep(nowMs);
  const sig = new Uint8Array(
    await subtle().sign(deviceAlgorithm(device.alg), device.privateKey, deviceMessage(passId, step)),
  );
  return `${token}~${step}~${b64urlEncode(sig)}`;
}

export interface VerifyPassOptions {
  keys: Keys;
  /** Revoked pass ids (from a revocation list whose signature was checked). */
  revocations: ReadonlySet<string> | readonly string[];
  /** The compound of the gate where the QR is shown. */
  compoundId: string;
  /** Now, in milliseconds since the epoch. */
  now: number;
}

/** A QR taken apart, before any signature is checked: its payload is NOT to be trusted yet. */
export interface PassQrParts {
  pass: PassPayload;
  step: number;
  /** What the issuer signed (`P1.<payload b64url>`), and its Ed25519 signature. */
  signed: Uint8Array<ArrayBuffer>;
  issuerSig: Uint8Array<ArrayBuffer>;
  /** What the device signed (`<pass id>.<step>`), and its signature. */
  deviceSigned: Uint8Array<ArrayBuffer>;
  deviceSig: Uint8Array<ArrayBuffer>;
}

/**
 * The first rule of `verifyPass`: a QR that cannot be read (three parts, a time step, a well-formed
 * signed payload, a base64url device signature) is forged. Otherwise its parts, for the signature checks.
 */
export function readPassQr(qr: string): PassQrParts | PassVerification {
  const parts = qr.trim().split('~');
  if (parts.length !== 3 || !/^\d{1,12}$/.test(parts[1]!)) return { verdict: 'forged', pass: null, step: null };
  const step = Number(parts[1]);
  const opened = openCompact('P1', parts[0]!);
  const pass = opened ? asPassPayload(opened.payload) : null;
  const deviceSig = b64urlDecode(parts[2]!);
  if (!opened || !pass || !deviceSig) return { verdict: 'forged', pass: null, step };
  return {
    pass,
    step,
    signed: encoder.encode(opened.signed),
    issuerSig: opened.sig,
    deviceSigned: deviceMessage(pass.pid, step),
    deviceSig,
  };
}

/**
 * The last rules of `verifyPass`, once the issuer's and the device's signatures checked out:
 * revoked, expired, wrong_compound, then the time step (older or further ahead than 60 s → stale).
 */
export function passRules(
  q: Pick<PassQrParts, 'pass' | 'step'>,
  opts: Omit<VerifyPassOptions, 'keys'>,
): PassVerification {
  const { pass, step } = q;
  const revoked = Array.isArray(opts.revocations)
    ? opts.revocations.includes(pass.pid)
    : (opts.revocations as ReadonlySet<string>).has(pass.pid);
  if (revoked) return { verdict: 'revoked', pass, step };
  const nowSec = opts.now / 1000;
  if (nowSec >= pass.exp) return { verdict: 'expired', pass, step };
  if (pass.cmp !== 'ALL' && !pass.cmp.includes(opts.compoundId)) return { verdict: 'wrong_compound', pass, step };
  const stepStart = step * PASS_STEP_SECONDS;
  if (nowSec - stepStart > PASS_MAX_AGE_SECONDS || stepStart - nowSec > PASS_MAX_AGE_SECONDS)
    return { verdict: 'stale', pass, step };
  return { verdict: 'valid', pass, step };
}

/**
 * One verdict for a scanned QR, the same rules online (server) and offline (guard's phone):
 * unreadable or tampered → forged; a key id not published (or retired) → unknown_key; then revoked,
 * expired, wrong_compound, and finally the device signature's time step (older than 60 s → stale).
 * (The server checks the signatures with node:crypto between the same `readPassQr` and `passRules`:
 * server/src/modules/passes/passes.verify.ts.)
 */
export async function verifyPass(qr: string, opts: VerifyPassOptions): Promise<PassVerification> {
  const q = readPassQr(qr);
  if ('verdict' in q) return q;
  const { pass, step } = q;
  const ring = ringOf(opts.keys);
  if (!ring.has(pass.kid)) return { verdict: 'unknown_key', pass: null, step };
  const issuerKey = await ring.get(pass.kid);
  if (!issuerKey) return { verdict: 'unknown_key', pass: null, step };
  const [issuerOk, deviceKey] = await Promise.all([
    subtle().verify({ name: 'Ed25519' }, issuerKey, q.issuerSig, q.signed),
    ring.deviceKey(pass.dk),
  ]);
  if (!issuerOk || !deviceKey) return { verdict: 'forged', pass: null, step };
  const deviceOk = await subtle()
    .verify(deviceAlgorithm(pass.dk.alg), deviceKey, q.deviceSig, q.deviceSigned)
    .catch(() => false);
  if (!deviceOk) return { verdict: 'forged', pass: null, step };
  return passRules(q, opts);
}

/** The guard's verdict words (large text on the phone), zh-CN first. */
export const PASS_VERDICT_LABELS: Record<PassVerdict, { 'zh-CN': string; en: string }> = {
  valid: { 'zh-CN': '有效', en: 'Valid' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
  revoked: { 'zh-CN': '已吊销', en: 'Revoked' },
  forged: { 'zh-CN': '伪造', en: 'Forged' },
  wrong_compound: { 'zh-CN': '非本小区', en: 'Not this compound' },
  stale: { 'zh-CN': '截图或超时', en: 'Screenshot or timed out' },
  unknown_key: { 'zh-CN': '未知签发密钥', en: 'Unknown issuer key' },
};
