import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiDateTime, shanghaiDayEnd, shanghaiDayStart } from './time';

describe('Asia/Shanghai business dates', () => {
  it('puts 2025-03-31 23:30 +08:00 on 31 March although it is 15:30 UTC', () => {
    expect(shanghaiDate('2025-03-31T15:30:00.000Z')).toBe('2025-03-31');
  });
  it('puts 2025-03-31 16:30 UTC on 1 April in Beijing', () => {
    expect(shanghaiDate('2025-03-31T16:30:00.000Z')).toBe('2025-04-01');
  });
  it('gives the UTC bounds of a Beijing day', () => {
    expect(shanghaiDayStart('2025-04-01')).toBe('2025-03-31T16:00:00.000Z');
    expect(shanghaiDayEnd('2025-04-01')).toBe('2025-04-01T16:00:00.000Z');
  });
  it('writes an instant as Beijing wall-clock time for exports', () => {
    expect(shanghaiDateTime('2025-12-26T01:05:09.123Z')).toBe('2025-12-26 09:05:09');
    expect(shanghaiDateTime('2025-12-31T16:30:00.000Z')).toBe('2026-01-01 00:30:00');
  });
});
