import { describe, expect, it } from 'vitest';
import { STATION_CODE_PATTERN } from '@touyan/schemas';
import { StationCodes } from './stations.code';

const codes = new StationCodes(Buffer.alloc(32, 7));
const id = '01JF0000000000000000000000';

describe('station codes (HMAC-signed)', () => {
  it('issues a code that verifies to its station and serial', () => {
    const code = codes.issue(id, 3);
    expect(code).toMatch(STATION_CODE_PATTERN);
    expect(code.startsWith(`TYST1.${id}.3.`)).toBe(true);
    expect(codes.verify(code)).toEqual({ stationId: id, serial: 3 });
  });

  it('refuses a changed character, another serial with the old signature, another key, and garbage', () => {
    const code = codes.issue(id, 1);
    const sig = code.slice(code.lastIndexOf('.') + 1);
    const flipped = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect(codes.verify(flipped)).toBeNull();
    expect(codes.verify(`TYST1.${id}.2.${sig}`)).toBeNull();
    expect(new StationCodes(Buffer.alloc(32, 8)).verify(code)).toBeNull();
    expect(codes.verify('TYST1.x.1.y')).toBeNull();
    expect(codes.verify('')).toBeNull();
  });
});
