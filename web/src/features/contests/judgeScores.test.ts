import { describe, expect, it } from 'vitest';
import { checkSheet, readScore } from './judgeScores';

describe("the judge's typed scores", () => {
  it('keeps a score above the maximum as typed and says it is too high', () => {
    expect(readScore('25', 20)).toEqual({ value: 25, problem: 'overMax' });
    expect(readScore('20', 20)).toEqual({ value: 20, problem: null });
    expect(readScore('0', 20)).toEqual({ value: 0, problem: null });
  });

  it('flags what is not a whole number and reads an empty box as not filled in', () => {
    expect(readScore('1.5', 20)).toEqual({ value: null, problem: 'notWhole' });
    expect(readScore('-3', 20)).toEqual({ value: null, problem: 'notWhole' });
    expect(readScore('abc', 20)).toEqual({ value: null, problem: 'notWhole' });
    expect(readScore('  ', 20)).toEqual({ value: null, problem: null });
  });

  it('reads full-width digits from a Chinese keyboard', () => {
    expect(readScore('１８', 20)).toEqual({ value: 18, problem: null });
  });

  it('checks a whole sheet: problems per criterion, complete only when every box holds a valid score', () => {
    const criteria = [
      { code: 'a', maxPoints: 20 },
      { code: 'b', maxPoints: 40 },
    ];
    expect(checkSheet(criteria, { a: 18, b: 35 }, {})).toEqual({ problems: {}, complete: true });
    expect(checkSheet(criteria, { a: 25, b: 35 }, {})).toEqual({ problems: { a: 'overMax' }, complete: true });
    expect(checkSheet(criteria, { a: 18 }, {})).toEqual({ problems: {}, complete: false });
    expect(checkSheet(criteria, { a: 18, b: null }, { b: '3.5' })).toEqual({
      problems: { b: 'notWhole' },
      complete: true,
    });
  });
});
