import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, FieldKeyError, fieldKeyId, storedKeyId } from './crypto';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));
  it('round-trips a value and never stores the plain text', () => {
    const stored = cipher.encrypt('13812341234');
    expect(stored).not.toContain('1381234');
    expect(cipher.decrypt(stored)).toBe('13812341234');
  });
  it('gives a stable lookup hash for the same value', () => {
    expect(cipher.lookupHash('13812341234')).toBe(cipher.lookupHash('13812341234'));
    expect(cipher.lookupHash('13812341234')).not.toBe(cipher.lookupHash('13812341235'));
  });
  it('refuses a tampered value', () => {
    const stored = cipher.encrypt('13812341234');
    const [iv, tag, data] = stored.slice(9).split('.');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt(`${cipher.keyId}:${[iv, tag, flipped.toString('base64')].join('.')}`)).toThrow();
  });
  it('names the key a value was written under, and reads it with that key only', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const underA = new FieldCipher(a).encrypt('110101199003074514');
    expect(storedKeyId(underA)).toBe(fieldKeyId(a));
    // Rotated: the current key b writes, the earlier key a still reads.
    const both = new FieldCipher(b, [a]);
    expect(both.decrypt(underA)).toBe('110101199003074514');
    expect(both.isStale(underA)).toBe(true);
    expect(both.isStale(both.encrypt('x'))).toBe(false);
    expect(storedKeyId(both.encrypt('x'))).toBe(fieldKeyId(b));
    // Without the earlier key, the value is refused by name, not garbled.
    expect(() => new FieldCipher(b).decrypt(underA)).toThrow(FieldKeyError);
    expect(both.keyIds).toEqual([fieldKeyId(b), fieldKeyId(a)]);
  });
  it('reads a value written before key ids with the current key or an earlier one', () => {
    const a = randomBytes(32);
    const legacy = new FieldCipher(a).encrypt('13812341234').slice(9);
    expect(storedKeyId(legacy)).toBeNull();
    expect(new FieldCipher(a).decrypt(legacy)).toBe('13812341234');
    expect(new FieldCipher(randomBytes(32), [a]).decrypt(legacy)).toBe('13812341234');
    expect(() => new FieldCipher(randomBytes(32)).decrypt(legacy)).toThrow();
  });
});
