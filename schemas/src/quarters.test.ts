import { describe, expect, it } from 'vitest';
import { beijingDate, quarterDueDate, quarterEnd, quarterLabel, quarterOf } from './quarters';

describe('Asia/Shanghai quarters', () => {
  it('puts a report dated 2025-03-31 23:30 +08:00 in Q1 (it is 15:30 UTC)', () => {
    expect(quarterOf(new Date('2025-03-31T23:30:00+08:00'))).toEqual({ year: 2025, quarter: 1 });
    expect(quarterOf('2025-03-31T15:30:00.000Z')).toEqual({ year: 2025, quarter: 1 });
  });
  it('puts 2025-03-31 16:30 UTC (00:30 on 1 April in Beijing) in Q2', () => {
    expect(quarterOf('2025-03-31T16:30:00.000Z')).toEqual({ year: 2025, quarter: 2 });
    expect(beijingDate('2025-03-31T16:30:00.000Z')).toBe('2025-04-01');
  });
  it('ends quarters on the right day, leap years included', () => {
    expect(quarterEnd({ year: 2024, quarter: 1 })).toBe('2024-03-31');
    expect(quarterEnd({ year: 2025, quarter: 2 })).toBe('2025-06-30');
    expect(quarterEnd({ year: 2025, quarter: 4 })).toBe('2025-12-31');
  });
  it('dues a report on the 10th day after the quarter ends by default', () => {
    expect(quarterDueDate({ year: 2025, quarter: 1 })).toBe('2025-04-10');
    expect(quarterDueDate({ year: 2025, quarter: 4 })).toBe('2026-01-10');
    expect(quarterDueDate({ year: 2025, quarter: 3 }, 15)).toBe('2025-10-15');
  });
  it('labels quarters in both languages', () => {
    expect(quarterLabel({ year: 2025, quarter: 3 })).toBe('2025年第三季度');
    expect(quarterLabel({ year: 2025, quarter: 3 }, 'en')).toBe('2025 Q3');
  });
});
