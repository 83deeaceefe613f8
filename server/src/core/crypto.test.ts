import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './crypto';

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
    const [iv, tag, data] = stored.split('.');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
});
