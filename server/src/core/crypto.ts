import * as crypto from 'node:crypto';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** A key's public name: 8 hex of an HMAC under the key itself (names the key, reveals nothing of it). */
export function fieldKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('touyan field key id').digest('hex').slice(0, 8);
}

/** A protected value's key id (`kid:iv.tag.ciphertext`), or null for one written before key ids (iv.tag.ct). */
export function storedKeyId(stored: string): string | null {
  const colon = stored.indexOf(':');
  return colon === 8 ? stored.slice(0, 8) : null;
}

/** The process's field key does not open what the database holds (core/key-canary.ts names which). */
export class FieldKeyError extends Error {}

/**
 * Protects personal data at rest (mobiles, ID numbers, the pass signing keys): AES-256-GCM with a
 * random IV, stored as base64 `kid:iv.tag.ciphertext`, where `kid` names the key (fieldKeyId). A keyed
 * HMAC under the current key gives an exact-match lookup value.
 *
 * Keys rotate (server/src/db/key-rotation.ts, `npm run rotate-key`): the process holds the current key,
 * with which it writes, and may hold earlier ones (`SECRET_KEY_PREVIOUS`) to read values not yet
 * rotated. A value is read with the key its id names; a value from before key ids (no `kid:`) is tried
 * with the current key, then the earlier ones.
 */
export class FieldCipher {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly key: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    for (const k of [key, ...previous]) {
      if (k.length !== 32) throw new Error('FieldCipher needs 32-byte keys');
      if (!this.keys.has(fieldKeyId(k))) this.keys.set(fieldKeyId(k), k);
    }
    this.keyId = fieldKeyId(key);
  }

  /** The ids of every key this cipher can read with, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.keyId}:${[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.')}`;
  }

  decrypt(stored: string): string {
    const kid = storedKeyId(stored);
    if (kid === null) {
      // Written before key ids: the current key, then the earlier ones.
      let last: unknown;
      for (const k of this.keys.values()) {
        try {
          return open(k, stored);
        } catch (e) {
          last = e;
        }
      }
      throw last;
    }
    const key = this.keys.get(kid);
    if (!key) throw new FieldKeyError(`protected value written under key id ${kid}, which this process lacks`);
    return open(key, stored.slice(9));
  }

  /** Whether a stored value is written under a key other than the current one (the rotation redoes it). */
  isStale(stored: string): boolean {
    return storedKeyId(stored) !== this.keyId;
  }

  lookupHash(plain: string): string {
    return createHmac('sha256', this.key).update(plain).digest('hex');
  }
}

function open(key: Buffer, body: string): string {
  const [iv, tag, data] = body.split('.').map((p) => Buffer.from(p, 'base64'));
  if (!iv || !tag || !data) throw new Error('malformed protected value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/**
 * The one-shot `crypto.hash` (Node.js 20.12+, 21.7+) where there is one: a fifth of the cost of a
 * Hash object, and every request hashes its session cookie to look the session up.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export const sha256 = oneShot
  ? (s: string): string => oneShot('sha256', s, 'hex')
  : (s: string): string => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
