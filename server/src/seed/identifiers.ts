import { creditCodeCheckChar, idNumberCheckChar } from '@touyan/schemas';
import type { Rng } from './random';

const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgValue = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);

/** GB 11714 organisation code (8 characters + check), the 9th–17th characters of a credit code. */
export function organisationCode(rng: Rng): string {
  for (;;) {
    let body = '';
    for (let i = 0; i < 8; i++) body += rng.pick(i < 2 ? '0123456789'.split('') : ORG_CODE_CHARS.split(''));
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += orgValue(body[i]!) * ORG_WEIGHTS[i]!;
    const c = 11 - (sum % 11);
    const check = c === 10 ? 'X' : c === 11 ? '0' : String(c);
    // 'X' is outside the credit-code alphabet; such organisation codes cannot appear in one.
    if (check !== 'X') return body + check;
  }
}

/** A valid 统一社会信用代码 for a firm ('91') or a social organisation ('51'/'52'/'53'). */
export function creditCode(rng: Rng, regionCode: string, kind: '91' | '51' | '52' | '53' = '91'): string {
  const prefix = kind + regionCode + organisationCode(rng);
  return prefix + creditCodeCheckChar(prefix)!;
}

/** A valid 18-digit resident ID number born in the given region. */
export function idNumber(rng: Rng, regionCode: string): string {
  const y = rng.int(1965, 2004);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  const prefix = `${regionCode}${y}${m}${d}${String(rng.int(0, 999)).padStart(3, '0')}`;
  return prefix + idNumberCheckChar(prefix)!;
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['35', '36', '38', '39', '50', '52', '58', '77', '86', '87', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}
