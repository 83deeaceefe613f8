import { describe, expect, it } from 'vitest';
import { cleanFraction, mean, populationSd, round2 } from './stats';

describe('number helpers', () => {
  it('rounds half away from zero to 2 decimals despite binary noise', () => {
    expect(round2(1.005)).toBe(1.01); // 1.005 × 100 = 100.49999999999999 in binary
    expect(round2(88.335)).toBe(88.34);
    expect(round2(82.748737)).toBe(82.75);
    expect(round2(-0.125)).toBe(-0.13);
    expect(Object.is(round2(-0.001), 0)).toBe(true); // never −0
  });
  it('uses the population standard deviation: [70, 80, 90] → √(200 / 3) = 8.164966', () => {
    expect(mean([70, 80, 90])).toBe(80);
    expect(populationSd([70, 80, 90])).toBeCloseTo(8.164966, 6);
    expect(populationSd([85, 85, 85])).toBe(0);
    expect(mean([])).toBeNull();
    expect(populationSd([])).toBeNull();
  });
  it('cleans fraction sums: 0.1 + 0.2 → 0.3', () => {
    expect(cleanFraction(0.1 + 0.2)).toBe(0.3);
  });
});
