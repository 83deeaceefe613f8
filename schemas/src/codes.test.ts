import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  maskMobile,
} from './codes';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts published codes whose check character is right', () => {
    // Codes printed on public business licences.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000802100433B')).toBeNull();
  });

  it('computes the check character from the 17-character prefix', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100YO3')).toBe('charset');
  });

  it('maps a remainder of zero to the character 0', () => {
    // Search a prefix whose weighted sum is divisible by 31: the check must be '0', never '31'.
    let found = false;
    for (let n = 0; n < 31 && !found; n++) {
      const prefix = `9121060000000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'[n]}`;
      if (creditCodeCheckChar(prefix) === '0') found = true;
    }
    expect(found).toBe(true);
  });
});

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the standard example and computes X as a check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });
  it('refuses a wrong check digit and an impossible birth date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300027')).toBe(false);
  });
  it('masks personal numbers for display', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskIdNumber('21060219800101123X')).toBe('2106**********123X');
  });
});
