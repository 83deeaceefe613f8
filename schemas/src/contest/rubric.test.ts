import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, criterionWeight, rubricSchema, scoreSheetSchema, sheetTotal } from './rubric';
import { scoresFor } from './testing';

const sheet = scoreSheetSchema(DEFAULT_RUBRIC);
const good = { topic_precision: 18, tackling_results: 35, demonstration: 17, presentation: 19 };

describe('rubric', () => {
  it('accepts the default template: 20 + 40 + 20 + 20 = 100, weights 20% / 40% / 20% / 20%', () => {
    expect(rubricSchema.safeParse(DEFAULT_RUBRIC).success).toBe(true);
    expect(DEFAULT_RUBRIC.criteria.map((c) => c.name)).toEqual(['选题精准', '攻坚成效', '示范带动', '汇报表现']);
    expect(DEFAULT_RUBRIC.criteria.map(criterionWeight)).toEqual([0.2, 0.4, 0.2, 0.2]);
  });
  it('refuses a rubric whose maxima do not add up to 100, and duplicate codes', () => {
    const short = { criteria: [{ code: 'aa', name: '甲', maxPoints: 60 }] };
    expect(rubricSchema.safeParse(short).error?.issues[0]?.message).toBe('too_small');
    const dup = {
      criteria: [
        { code: 'aa', name: '甲', maxPoints: 50 },
        { code: 'aa', name: '乙', maxPoints: 50 },
      ],
    };
    expect(rubricSchema.safeParse(dup).error?.issues[0]?.path).toEqual(['criteria', 1, 'code']);
  });
});

describe('score sheet', () => {
  it('accepts whole points within each maximum and totals them: 18 + 35 + 17 + 19 = 89', () => {
    expect(sheet.parse({ scores: good }).scores).toEqual(good);
    expect(sheetTotal(DEFAULT_RUBRIC, good)).toBe(89);
  });
  it('refuses a score over its maximum (攻坚成效 41 > 40)', () => {
    const r = sheet.safeParse({ scores: { ...good, tackling_results: 41 } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['scores.tackling_results', 'too_big']]);
    expect(() => sheetTotal(DEFAULT_RUBRIC, { ...good, tackling_results: 41 })).toThrow(RangeError);
  });
  it('refuses a missing criterion', () => {
    const { presentation: _omit, ...missing } = good;
    const r = sheet.safeParse({ scores: missing });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['scores.presentation', 'required']]);
    expect(() => sheetTotal(DEFAULT_RUBRIC, missing)).toThrow(/presentation/);
  });
  it('refuses halves, negatives, strings and unknown criteria', () => {
    expect(sheet.safeParse({ scores: { ...good, topic_precision: 17.5 } }).success).toBe(false);
    expect(sheet.safeParse({ scores: { ...good, topic_precision: -1 } }).success).toBe(false);
    expect(sheet.safeParse({ scores: { ...good, topic_precision: '' } }).success).toBe(false); // never a silent 0
    expect(sheet.safeParse({ scores: { ...good, bonus: 5 } }).success).toBe(false);
    // The same messages in the judge's form: text for a score is invalid, a missing score required.
    expect(sheet.safeParse({ scores: { ...good, topic_precision: '15' } }).error?.issues[0]?.message).toBe('invalid');
    expect(sheet.safeParse({ scores: { ...good, topic_precision: null } }).error?.issues[0]?.message).toBe('required');
    expect(() => sheetTotal(DEFAULT_RUBRIC, { ...good, bonus: 5 })).toThrow(/unknown criterion bonus/);
  });
  it('fixture helper spreads a total over the criteria: 85 → 17 + 34 + 17 + 17, 88 → 19 + 35 + 17 + 17', () => {
    expect(scoresFor(85)).toEqual({ topic_precision: 17, tackling_results: 34, demonstration: 17, presentation: 17 });
    // 88: floors 17 + 35 + 17 + 17 = 86, the remainder 2 goes to the first criterion with room
    expect(scoresFor(88)).toEqual({ topic_precision: 19, tackling_results: 35, demonstration: 17, presentation: 17 });
    expect(sheetTotal(DEFAULT_RUBRIC, scoresFor(100))).toBe(100);
  });
});
