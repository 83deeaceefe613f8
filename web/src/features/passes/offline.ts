/**
 * The pass pages' offline store (IndexedDB, no library): a key/value store for what the page last
 * synced (the rider's pass, the guard's keys and revocation list, the device key pair — a
 * non-extractable CryptoKey survives in IndexedDB by structured clone), the guard's scan queue and
 * the guard's thumbnails of the pass holders' photos (version 2).
 */
import { b64urlEncode, type DeviceAlg, type PassCryptoKey } from '@touyan/schemas/plain';

const DB_NAME = 'touyan-pass';
const KV = 'kv';
const QUEUE = 'queue';
const PHOTOS = 'photos';

let opening: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = () => {
      const names = req.result.objectStoreNames;
      if (!names.contains(KV)) req.result.createObjectStore(KV);
      if (!names.contains(QUEUE)) req.result.createObjectStore(QUEUE, { keyPath: 'clientId' });
      if (!names.contains(PHOTOS)) req.result.createObjectStore(PHOTOS, { keyPath: 'workerId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error);
  });
}

export const kvGet = <T>(key: string) => run<T | undefined>(KV, 'readonly', (s) => s.get(key));
export const kvSet = (key: string, value: unknown) => run<void>(KV, 'readwrite', (s) => s.put(value, key));

export interface QueuedScan {
  clientId: string;
  qr: string;
  verdict: string;
  scannedAt: string;
  gateId: string | null;
}
export const queueAll = () => run<QueuedScan[]>(QUEUE, 'readonly', (s) => s.getAll());
export const queueAdd = (scan: QueuedScan) => run<void>(QUEUE, 'readwrite', (s) => s.put(scan));
export const queueDelete = (clientId: string) => run<void>(QUEUE, 'readwrite', (s) => s.delete(clientId));

/** A pass holder's photo as the guard's page keeps it: a small JPEG thumbnail, keyed by worker. */
export interface CachedPhoto {
  workerId: string;
  /** The photo's id on the server (its ETag): a different id means a new photo. */
  photoId: string;
  thumb: Blob;
}
export const photoGet = (workerId: string) => run<CachedPhoto | undefined>(PHOTOS, 'readonly', (s) => s.get(workerId));
export const photoPut = (photo: CachedPhoto) => run<void>(PHOTOS, 'readwrite', (s) => s.put(photo));
export const photoDelete = (workerId: string) => run<void>(PHOTOS, 'readwrite', (s) => s.delete(workerId));
/** Worker id → photo id of every thumbnail kept (the keys and the ids only, not the images). */
export async function photoIds(): Promise<Map<string, string>> {
  const all = await run<CachedPhoto[]>(PHOTOS, 'readonly', (s) => s.getAll());
  return new Map(all.map((p) => [p.workerId, p.photoId]));
}

export interface DeviceKey {
  alg: DeviceAlg;
  privateKey: PassCryptoKey;
  /** Raw public key, base64url. */
  x: string;
}

/**
 * The phone's device key: made once, non-extractable (the private half never leaves the browser),
 * Ed25519 where the browser has it, else ECDSA P-256.
 */
export async function deviceKey(): Promise<DeviceKey> {
  const stored = await kvGet<DeviceKey>('device');
  if (stored) return stored;
  const subtle = crypto.subtle;
  let alg: DeviceAlg = 'Ed25519';
  let pair: CryptoKeyPair;
  try {
    pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  } catch {
    alg = 'ES256';
    pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  }
  const x = b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  const key: DeviceKey = { alg, privateKey: pair.privateKey, x };
  await kvSet('device', key);
  return key;
}

/** A random client id for a scan (the server logs each once). */
export function newClientId(): string {
  return b64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/** Registers the pass pages' service worker (web/public/pass-sw.js): the page opens offline once loaded. */
export function registerPassWorker(): void {
  if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/pass-sw.js').catch(() => undefined);
}
