import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveType } from '../modules/attachments/attachments.files';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH, riderPortrait } from './portrait';

describe('demo registration portraits', () => {
  it('are PNG files the photo upload accepts, of the stated size, with intact chunks', () => {
    const png = riderPortrait(7, 'meituan');
    expect(resolveType('登记照片.png', png.subarray(0, 8))).toEqual({ mime: 'image/png', ext: 'png' });
    expect(png.readUInt32BE(16)).toBe(PORTRAIT_WIDTH);
    expect(png.readUInt32BE(20)).toBe(PORTRAIT_HEIGHT);
    // IDAT inflates to one filter byte + RGB per row.
    const idatLen = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe((PORTRAIT_WIDTH * 3 + 1) * PORTRAIT_HEIGHT);
    expect(png.subarray(-8, -4).toString('ascii')).toBe('IEND');
    expect(png.length).toBeLessThan(20_000);
  });

  it('are the same for the same seed, and differ by seed and by the platform’s jacket', () => {
    expect(riderPortrait(3, 'eleme').equals(riderPortrait(3, 'eleme'))).toBe(true);
    expect(riderPortrait(3, 'eleme').equals(riderPortrait(3, 'meituan'))).toBe(false);
    expect(riderPortrait(3, 'eleme').equals(riderPortrait(4, 'eleme'))).toBe(false);
  });
});
