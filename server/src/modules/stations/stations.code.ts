import { createHmac, timingSafeEqual } from 'node:crypto';
import { STATION_CODE_PATTERN, STATION_CODE_PREFIX } from '@touyan/schemas';

/**
 * The station code printed as a QR at each 惠新驿家: `TYST1.<station id>.<serial>.<signature>`, the
 * signature an HMAC-SHA-256 (first 16 bytes, base64url) of the rest under a key derived from the
 * server's secret for this purpose only. A reissue bumps the serial: the old print then verifies but
 * names an old serial (410 STATION_CODE_REVOKED).
 */
export class StationCodes {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('touyan/station-code/v1').digest();
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }

  issue(stationId: string, serial: number): string {
    const body = `${STATION_CODE_PREFIX}.${stationId}.${serial}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The station and serial a code names, or null when it is malformed or its signature is wrong. */
  verify(code: string): { stationId: string; serial: number } | null {
    if (!STATION_CODE_PATTERN.test(code)) return null;
    const cut = code.lastIndexOf('.');
    const body = code.slice(0, cut);
    const sig = Buffer.from(code.slice(cut + 1));
    const want = Buffer.from(this.sign(body));
    if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
    const [, stationId, serial] = body.split('.');
    return { stationId: stationId!, serial: Number(serial) };
  }
}
