import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { aggregate, ContestInputError, type AggregateResult } from './aggregate';
import { round2 } from './stats';
import { inputFrom, scoresFor } from './testing';

const project = (r: AggregateResult, id: string) => r.projects.find((p) => p.projectId === id)!;
const dropped = (r: AggregateResult, id: string) =>
  Object.fromEntries(project(r, id).rows.map((row) => [row.judgeId, row.dropped]));

describe('plain mean', () => {
  it('averages every eligible total: (81 + 86 + 90) / 3 = 257 / 3 = 85.666… → 85.67', () => {
    const r = aggregate(inputFrom({ p1: { j_a: 81, j_b: 86, j_c: 90 } }), { method: 'mean' });
    const p = project(r, 'p1');
    expect(p.rows.map((row) => row.total)).toEqual([81, 86, 90]);
    expect(p.stageScore).toBeCloseTo(85.666667, 6);
    expect(round2(p.finalScore!)).toBe(85.67);
    expect(p.trimmed).toBe(false);
    expect(p.flags).toEqual([]);
  });
});

describe('trimmed mean', () => {
  it('with 5 judges drops 95 and 70: (82 + 85 + 88) / 3 = 255 / 3 = 85', () => {
    const r = aggregate(inputFrom({ p1: { j_a: 70, j_b: 82, j_c: 85, j_d: 88, j_e: 95 } }));
    expect(r.method).toBe('trimmed'); // the default
    expect(project(r, 'p1').stageScore).toBe(85);
    expect(project(r, 'p1').trimmed).toBe(true);
    expect(dropped(r, 'p1')).toEqual({ j_a: 'low', j_b: null, j_c: null, j_d: null, j_e: 'high' });
    expect(project(r, 'p1').flags).toEqual(['dropped_low', 'dropped_high']);
  });
  it('with 7 judges drops 99 and 60: (78 + 80 + 83 + 85 + 90) / 5 = 416 / 5 = 83.2', () => {
    const table = { p1: { j_a: 78, j_b: 99, j_c: 80, j_d: 60, j_e: 83, j_f: 85, j_g: 90 } };
    const r = aggregate(inputFrom(table));
    expect(project(r, 'p1').stageScore).toBeCloseTo(83.2, 10);
    expect(dropped(r, 'p1')).toMatchObject({ j_b: 'high', j_d: 'low' });
    expect(project(r, 'p1').rows.filter((row) => row.dropped === null)).toHaveLength(5);
  });
  it('below N judges takes the plain mean and says so: (70 + 80 + 84 + 100) / 4 = 334 / 4 = 83.5', () => {
    const input = inputFrom({ p1: { j_a: 70, j_b: 80, j_c: 84, j_d: 100 } });
    const r = aggregate(input);
    expect(project(r, 'p1').stageScore).toBe(83.5);
    expect(project(r, 'p1').trimmed).toBe(false);
    expect(project(r, 'p1').flags).toEqual(['below_trim_min']);
    // N is configurable: with N = 4 the same sheets give (80 + 84) / 2 = 82
    expect(project(aggregate(input, { trimMinJudges: 4 }), 'p1').stageScore).toBe(82);
  });
  it('drops only one of several equal highs (and lows): ordered low → high, equal totals by judge id', () => {
    // ordered: j_d 75, j_e 75, j_c 80, j_a 90, j_b 90 → drop the first (j_d) and the last (j_b)
    // stage = (75 + 80 + 90) / 3 = 245 / 3 = 81.666… → 81.67
    const r = aggregate(inputFrom({ p1: { j_a: 90, j_b: 90, j_c: 80, j_d: 75, j_e: 75 } }));
    expect(dropped(r, 'p1')).toEqual({ j_a: null, j_b: 'high', j_c: null, j_d: 'low', j_e: null });
    expect(round2(project(r, 'p1').stageScore!)).toBe(81.67);
  });
  it('drops two different judges when all totals are equal: 5 × 80 → 80', () => {
    const r = aggregate(inputFrom({ p1: { j_a: 80, j_b: 80, j_c: 80, j_d: 80, j_e: 80 } }));
    expect(dropped(r, 'p1')).toEqual({ j_a: 'low', j_b: null, j_c: null, j_d: null, j_e: 'high' });
    expect(project(r, 'p1').stageScore).toBe(80);
  });
});

describe('conflicts of interest', () => {
  it('uses only eligible judges and lists the exclusion; 6 judges, 1 excluded → 5 → still trimmed', () => {
    // p1: j_f is from the project's organisation and has no sheet; the 5 others: 70 82 85 88 95 → 85
    const input = inputFrom(
      { p1: { j_a: 70, j_b: 82, j_c: 85, j_d: 88, j_e: 95 }, p2: { j_a: 80, j_f: 90 } },
      {
        judgeIds: ['j_a', 'j_b', 'j_c', 'j_d', 'j_e', 'j_f'],
        exclusions: [{ judgeId: 'j_f', projectId: 'p1', reason: 'same_org' }],
      },
    );
    const r = aggregate(input);
    expect(project(r, 'p1').rows.map((row) => row.judgeId)).toEqual(['j_a', 'j_b', 'j_c', 'j_d', 'j_e']);
    expect(project(r, 'p1').excluded).toEqual([{ judgeId: 'j_f', projectId: 'p1', reason: 'same_org' }]);
    expect(project(r, 'p1').stageScore).toBe(85);
    expect(project(r, 'p2').excluded).toEqual([]);
  });
  it('an exclusion that brings a project below N judges gives the plain mean: (70 + 82 + 85 + 88) / 4 = 81.25', () => {
    const input = inputFrom(
      { p1: { j_a: 70, j_b: 82, j_c: 85, j_d: 88 } },
      {
        judgeIds: ['j_a', 'j_b', 'j_c', 'j_d', 'j_e'],
        exclusions: [{ judgeId: 'j_e', projectId: 'p1', reason: 'declared_conflict' }],
      },
    );
    const p = project(aggregate(input), 'p1');
    expect(p.stageScore).toBe(81.25);
    expect(p.flags).toEqual(['below_trim_min']);
  });
  it('refuses a sheet from an excluded judge, duplicate sheets, unknown ids and off-rubric scores', () => {
    const base = inputFrom({ p1: { j_a: 80, j_b: 90 } });
    const withExclusion = { ...base, exclusions: [{ judgeId: 'j_a', projectId: 'p1', reason: 'same_org' as const }] };
    expect(() => aggregate(withExclusion)).toThrow(ContestInputError);
    expect(() => aggregate({ ...base, sheets: [...base.sheets, base.sheets[0]!] })).toThrow(/two sheets/);
    expect(() => aggregate({ ...base, judgeIds: ['j_a'] })).toThrow(/unknown/);
    const over = { judgeId: 'j_a', projectId: 'p1', scores: { ...scoresFor(80), tackling_results: 41 } };
    expect(() => aggregate({ ...base, sheets: [over] })).toThrow(ContestInputError);
  });
  it('refuses an invalid config (thresholds out of order, daily-work weight 1)', () => {
    const input = inputFrom({ p1: { j_a: 80 } });
    const thresholds = { good: 80, fair: 90, average: 60 };
    expect(() => aggregate(input, { grading: { mode: 'thresholds', thresholds } })).toThrow(ZodError);
    const dailyWork = { enabled: true, weight: 1, points: { on_track: 100, lagging: 70, at_risk: 40 } };
    expect(() => aggregate(input, { dailyWork })).toThrow(ZodError);
  });
});

describe('daily-work share', () => {
  const dailyWork = { enabled: true, weight: 0.3, points: { on_track: 100, lagging: 70, at_risk: 40 } };
  const input = inputFrom(
    { p1: { j_a: 80, j_b: 84, j_c: 88 }, p2: { j_a: 84, j_b: 86, j_c: 88 } },
    {
      projects: [
        { id: 'p1', ratings: ['on_track', 'on_track', 'lagging', 'at_risk'] },
        { id: 'p2', ratings: [] },
      ],
    },
  );

  it('counts 30%: stage (80 + 84 + 88) / 3 = 84; daily (100 + 100 + 70 + 40) / 4 = 77.5; 0.7 × 84 + 0.3 × 77.5 = 82.05', () => {
    const p = project(aggregate(input, { method: 'mean', dailyWork }), 'p1');
    expect(p.stageScore).toBe(84);
    expect(p.dailyWork).toEqual({
      ratings: ['on_track', 'on_track', 'lagging', 'at_risk'],
      points: [100, 100, 70, 40],
      meanPoints: 77.5,
      weight: 0.3,
      appliedWeight: 0.3,
    });
    expect(p.finalScore).toBeCloseTo(82.05, 10);
    expect(round2(p.finalScore!)).toBe(82.05);
  });
  it('a project without ratings keeps its stage score alone, flagged: (84 + 86 + 88) / 3 = 86', () => {
    const r = aggregate(input, { method: 'mean', dailyWork });
    const p = project(r, 'p2');
    expect(p.dailyWork).toMatchObject({ meanPoints: null, appliedWeight: 0 });
    expect(p.finalScore).toBe(86);
    expect(p.flags).toEqual(['no_ratings']);
    expect(r.projects.map((x) => [x.projectId, x.rank])).toEqual([
      ['p2', 1],
      ['p1', 2],
    ]);
  });
  it('uses configured points: lagging 60, weight 20% → 0.8 × 84 + 0.2 × (100 + 100 + 60 + 40) / 4 = 67.2 + 15 = 82.2', () => {
    const custom = { enabled: true, weight: 0.2, points: { on_track: 100, lagging: 60, at_risk: 40 } };
    const p = project(aggregate(input, { method: 'mean', dailyWork: custom }), 'p1');
    expect(p.dailyWork?.meanPoints).toBe(75);
    expect(p.finalScore).toBeCloseTo(82.2, 10);
  });
  it('is left out entirely when disabled', () => {
    const p = project(aggregate(input, { method: 'mean' }), 'p1');
    expect(p.dailyWork).toBeNull();
    expect(p.finalScore).toBe(84);
  });
});

describe('projects without sheets', () => {
  it('are neither ranked nor graded and come last', () => {
    const input = inputFrom({ p2: { j_a: 90 } }, { projects: [{ id: 'p1' }, { id: 'p2' }] });
    const r = aggregate(input, { method: 'mean' });
    expect(r.projects.map((p) => [p.projectId, p.rank, p.grade, p.finalScore])).toEqual([
      ['p2', 1, 'good', 90],
      ['p1', null, null, null],
    ]);
    expect(project(r, 'p1').flags).toEqual(['no_sheets']);
    expect(r.grading.graded).toBe(1);
  });
});
