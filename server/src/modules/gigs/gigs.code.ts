import { createHmac, timingSafeEqual } from 'node:crypto';
import { GIG_FAIR_CODE_PATTERN, GIG_FAIR_CODE_PREFIX } from '@touyan/schemas';

/**
 * A job fair's sign-in code, shown as a QR at the fair: `TYGF1.<fair id>.<serial>.<signature>`, the
 * signature an HMAC-SHA-256 (first 16 bytes, base64url) under a key derived from the server's secret
 * for this purpose only (as the 驿家 station codes).
 */
export class GigFairCodes {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('touyan/gig-fair-code/v1').digest();
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }

  issue(fairId: string, serial: number): string {
    const body = `${GIG_FAIR_CODE_PREFIX}.${fairId}.${serial}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The fair and serial a code names, or null when it is malformed or its signature is wrong. */
  verify(code: string): { fairId: string; serial: number } | null {
    if (!GIG_FAIR_CODE_PATTERN.test(code)) return null;
    const cut = code.lastIndexOf('.');
    const body = code.slice(0, cut);
    const sig = Buffer.from(code.slice(cut + 1));
    const want = Buffer.from(this.sign(body));
    if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
    const [, fairId, serial] = body.split('.');
    return { fairId: fairId!, serial: Number(serial) };
  }
}
