import { z } from 'zod';
import { msg } from '../common';
import { compareIds } from './stats';

/**
 * The presentation-order draw (抽签), reproducible by anyone from the recorded seed:
 *
 * 1. Sort the project ids by UTF-16 code units (JavaScript's default string order), so the result
 *    depends only on the set of projects and the seed, not on how the list was fetched.
 * 2. Hash the seed string with cyrb128 over its UTF-16 code units (for the hex seeds made by
 *    `seedFromBytes` these equal the ASCII bytes) into four unsigned 32-bit words.
 * 3. Seed sfc32 (Simple Fast Counter, 128-bit state) with those words; each call yields an unsigned
 *    32-bit integer u.
 * 4. Fisher–Yates from the end: for i = n − 1 down to 1, j = floor(u × (i + 1) / 2^32), swap i and j.
 *
 * Only 32-bit integer operations (Math.imul, shifts, `| 0`) and one exact multiplication are used
 * (u × (i + 1) < 2^53), so every JavaScript engine on every platform gives the same order. Record
 * `DRAW_ALGORITHM` with the seed: if the algorithm ever changes, old draws stay re-runnable.
 */
export const DRAW_ALGORITHM = 'cyrb128-sfc32-fisher-yates/v1';

export const drawSeedSchema = z.string().trim().min(1, msg('required')).max(128, msg('too_long'));

/** cyrb128 (bryc): a string to four unsigned 32-bit words. Not cryptographic; it only spreads the seed. */
export function cyrb128(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** sfc32 (Chris Doty-Humphrey, PractRand): returns a generator of unsigned 32-bit integers. */
export function sfc32(seed: readonly [number, number, number, number]): () => number {
  let [a, b, c, d] = seed.map((w) => w | 0) as [number, number, number, number];
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** The presentation order for these projects under this seed (see the algorithm above). */
export function drawOrder(projectIds: readonly string[], seed: string): string[] {
  const order = [...projectIds].sort(compareIds);
  for (let i = 1; i < order.length; i++) {
    if (order[i] === order[i - 1]) throw new RangeError(`duplicate project id ${order[i]}`);
  }
  if (seed.length === 0) throw new RangeError('empty seed');
  const next = sfc32(cyrb128(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor((next() * (i + 1)) / 4294967296);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * A fresh seed: the given random bytes as lowercase hex. Pass 16 bytes from a cryptographic source
 * (`crypto.randomBytes(16)` on the server, `crypto.getRandomValues(new Uint8Array(16))` in a browser);
 * the function stays pure so tests can pin it.
 */
export function seedFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('a draw seed needs at least 8 random bytes');
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
