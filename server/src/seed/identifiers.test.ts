import { describe, expect, it } from 'vitest';
import { creditCodeProblem, isValidIdNumber, isValidMobile } from '@touyan/schemas';
import { creditCode, idNumber, mobile } from './identifiers';
import { Rng } from './random';

describe('generated identifiers', () => {
  it('are always valid by their national standards', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) {
      expect(creditCodeProblem(creditCode(rng, '210603', rng.pick(['91', '51', '52', '53'] as const)))).toBeNull();
      expect(isValidIdNumber(idNumber(rng, '210603'))).toBe(true);
      expect(isValidMobile(mobile(rng))).toBe(true);
    }
  });
  it('are the same for the same seed', () => {
    expect(creditCode(new Rng(1), '370687')).toBe(creditCode(new Rng(1), '370687'));
  });
});
