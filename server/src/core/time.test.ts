import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiDateTime, shanghaiDayEnd, shanghaiDayStart, wholeMonths } from './time';

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

describe('wholeMonths: a period as whole months and the days around them', () => {
  it('a calendar year is twelve whole months and no days', () => {
    expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual({
      months: { from: '2025-01-01', to: '2025-12-01' },
      days: [],
    });
  });
  it('a period starting and ending mid-month keeps its edges as days', () => {
    expect(wholeMonths('2025-01-15', '2025-04-10')).toEqual({
      months: { from: '2025-02-01', to: '2025-03-01' },
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
  });
  it('February of a leap year ends on the 29th; a year ending on 12-31 reaches into the next', () => {
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({
      months: { from: '2024-02-01', to: '2024-02-01' },
      days: [],
    });
    expect(wholeMonths('2024-02-01', '2024-02-28').months).toBeNull();
    expect(wholeMonths('2025-12-01', '2026-01-31')).toEqual({
      months: { from: '2025-12-01', to: '2026-01-01' },
      days: [],
    });
  });
  it('a period inside one month, or empty, has no whole month', () => {
    expect(wholeMonths('2025-03-02', '2025-03-30')).toEqual({
      months: null,
      days: [{ from: '2025-03-02', to: '2025-03-30' }],
    });
    expect(wholeMonths('2025-03-31', '2025-04-01')).toEqual({
      months: null,
      days: [{ from: '2025-03-31', to: '2025-04-01' }],
    });
    expect(wholeMonths('2025-03-02', '2025-03-01')).toEqual({ months: null, days: [] });
  });
  it('every day of a period is counted once, whole month or day (checked day by day over three years of periods)', () => {
    const day = (n: number) => new Date(Date.UTC(2023, 11, 1) + n * 86_400_000).toISOString().slice(0, 10);
    for (let a = 0; a < 430; a += 7)
      for (let b = a; b < a + 400; b += 11) {
        const { months, days } = wholeMonths(day(a), day(b));
        const covered: string[] = [];
        for (const r of days)
          for (let d = r.from; d <= r.to; d = day((Date.parse(d) - Date.UTC(2023, 11, 1)) / 86_400_000 + 1))
            covered.push(d);
        if (months)
          for (
            let d = months.from;
            d <= months.to;
            d = new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 1)).toISOString().slice(0, 10)
          )
            for (
              let x = d;
              x.slice(0, 7) === d.slice(0, 7);
              x = day((Date.parse(x) - Date.UTC(2023, 11, 1)) / 86_400_000 + 1)
            )
              covered.push(x);
        const want: string[] = [];
        for (let n = a; n <= b; n++) want.push(day(n));
        expect(covered.sort(), `${day(a)}…${day(b)}`).toEqual(want);
      }
  });
});
