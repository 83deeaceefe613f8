import { describe, expect, it } from 'vitest';
import { beijingToday } from './beijing';

describe('beijingToday', () => {
  it('gives the Beijing date, which starts eight hours before UTC midnight', () => {
    expect(beijingToday(new Date('2026-12-05T15:59:59Z'))).toBe('2026-12-05');
    expect(beijingToday(new Date('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
  });
});
