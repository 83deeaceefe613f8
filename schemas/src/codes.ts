/**
 * Check characters of Chinese national identifiers.
 * Shared by server and web so a form refuses exactly what the API refuses.
 */

// GB 32100-2015 统一社会信用代码: 31 characters without I, O, S, V, Z.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character a 17-character prefix must end with, or null if the prefix is malformed. */
export function creditCodeCheckChar(prefix17: string): string | null {
  if (prefix17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(prefix17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_ALPHABET[check]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

/** Why a 统一社会信用代码 is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_ALPHABET.includes(ch)) return 'charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

// GB 11643-1999 公民身份号码.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(prefix17: string): string | null {
  if (!/^\d{17}$/.test(prefix17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(prefix17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return false;
  const birth = upper.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idNumberCheckChar(upper.slice(0, 17)) === upper[17];
}

export const isValidMobile = (m: string): boolean => /^1[3-9]\d{9}$/.test(m);

/** 138****1234 */
export function maskMobile(m: string): string {
  return m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '****';
}

/** 2106**********1234 */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` : '****';
}
