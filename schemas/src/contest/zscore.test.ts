import { describe, expect, it } from 'vitest';
import { aggregate, type AggregateResult } from './aggregate';
import { round2 } from './stats';
import { inputFrom } from './testing';

const stage = (r: AggregateResult, id: string) => r.projects.find((p) => p.projectId === id)!.stageScore!;
const judge = (r: AggregateResult, id: string) => r.judges.find((j) => j.judgeId === id)!;

/**
 * Worked example, 3 judges × 3 projects:
 *             p1   p2   p3   mean  population sd
 *   j_a       90   80   70   80    √((100 + 0 + 100) / 3) = √(200/3) = 8.164966
 *   j_b       82   80   78   80    √((4 + 0 + 4) / 3)     = √(8/3)   = 1.632993
 *   j_c       70   90   80   80    √(200/3)               = 8.164966
 * Every z is +√1.5, 0 or −√1.5 (10 / 8.164966 = 2 / 1.632993 = 1.224745).
 * Panel (all 9 totals): mean 720 / 9 = 80; squared deviations 100+0+100+4+0+4+100+100+0 = 408,
 *   sd = √(408 / 9) = 6.733003. A z of ±√1.5 maps to 80 ± √1.5 × 6.733003 = 80 ± √68 = 80 ± 8.246211.
 * Stage: p1 (88.246211 + 88.246211 + 71.753789) / 3 = 80 + √68 / 3 = 82.748737
 *        p2 (80 + 80 + 88.246211) / 3                = 80 + √68 / 3 = 82.748737
 *        p3 (71.753789 + 71.753789 + 80) / 3         = 80 − 2√68 / 3 = 74.502526
 * (Raw means would be 80.67, 83.33 and 76: j_b's narrow range now counts as much as the others.)
 */
const worked = {
  p1: { j_a: 90, j_b: 82, j_c: 70 },
  p2: { j_a: 80, j_b: 80, j_c: 90 },
  p3: { j_a: 70, j_b: 78, j_c: 80 },
};

describe('z-score normalisation', () => {
  it('normalises each judge and maps back to the panel scale (worked example)', () => {
    const r = aggregate(inputFrom(worked), { method: 'zscore' });
    expect(r.panel?.mean).toBe(80);
    expect(r.panel?.sd).toBeCloseTo(6.733003, 6);
    expect(r.panel).toMatchObject({ judgeCount: 3, totalCount: 9 });
    expect(judge(r, 'j_b')).toMatchObject({ count: 3, mean: 80, normalised: true, reason: null });
    expect(judge(r, 'j_b').sd).toBeCloseTo(1.632993, 6);

    const row = r.projects.find((p) => p.projectId === 'p1')!.rows.find((x) => x.judgeId === 'j_b')!;
    expect(row.total).toBe(82);
    expect(row.z).toBeCloseTo(1.224745, 6);
    expect(row.normalised).toBeCloseTo(88.246211, 6);
    expect(row.value).toBe(row.normalised);

    expect(stage(r, 'p1')).toBeCloseTo(82.748737, 6);
    expect(stage(r, 'p2')).toBeCloseTo(82.748737, 6);
    expect(stage(r, 'p3')).toBeCloseTo(74.502526, 6);
    // equal to 2 decimals (82.75) → they share rank 1 and the next rank is 3
    expect(r.projects.map((p) => [p.projectId, p.rank])).toEqual([
      ['p1', 1],
      ['p2', 1],
      ['p3', 3],
    ]);
    expect(r.flags).toEqual([]);
  });

  it('leaves a judge with identical totals unnormalised and flagged (zero spread, no division by 0)', () => {
    // j_d gives 85 to all three: sd 0 → raw totals; panel over j_a, j_b, j_c stays mean 80, sd 6.733003
    // p1 = (88.246211 + 88.246211 + 71.753789 + 85) / 4 = 333.246211 / 4 = 83.311553
    // p3 = (71.753789 + 71.753789 + 80 + 85) / 4 = 308.507577 / 4 = 77.126894
    const table = {
      p1: { ...worked.p1, j_d: 85 },
      p2: { ...worked.p2, j_d: 85 },
      p3: { ...worked.p3, j_d: 85 },
    };
    const r = aggregate(inputFrom(table), { method: 'zscore' });
    expect(judge(r, 'j_d')).toMatchObject({ count: 3, mean: 85, sd: 0, normalised: false, reason: 'zero_spread' });
    expect(r.panel).toMatchObject({ mean: 80, judgeCount: 3, totalCount: 9 });
    const p1 = r.projects.find((p) => p.projectId === 'p1')!;
    expect(p1.rows.find((x) => x.judgeId === 'j_d')).toMatchObject({ total: 85, z: null, normalised: null, value: 85 });
    expect(p1.flags).toEqual(['zero_spread']);
    expect(stage(r, 'p1')).toBeCloseTo(83.311553, 6);
    expect(stage(r, 'p3')).toBeCloseTo(77.126894, 6);
  });

  it('leaves a judge who scored fewer than 3 projects unnormalised and flagged', () => {
    // j_e scored p1 (60) and p2 (100) only: sd 20 but count 2 → too_few, raw totals
    // p1 = (88.246211 + 88.246211 + 71.753789 + 60) / 4 = 308.246211 / 4 = 77.061553
    const table = { p1: { ...worked.p1, j_e: 60 }, p2: { ...worked.p2, j_e: 100 }, p3: worked.p3 };
    const r = aggregate(inputFrom(table), { method: 'zscore' });
    expect(judge(r, 'j_e')).toMatchObject({ count: 2, mean: 80, sd: 20, normalised: false, reason: 'too_few' });
    expect(stage(r, 'p1')).toBeCloseTo(77.061553, 6);
    expect(r.projects.find((p) => p.projectId === 'p3')!.flags).toEqual([]); // j_e did not score p3
  });

  it('reports too_few before zero_spread, and honours a configured minimum', () => {
    const table = { p1: { j_a: 80 }, p2: { j_a: 80 } };
    expect(judge(aggregate(inputFrom(table), { method: 'zscore' }), 'j_a').reason).toBe('too_few');
    const r = aggregate(inputFrom({ p1: { j_a: 70, j_b: 80 }, p2: { j_a: 90, j_b: 100 } }), {
      method: 'zscore',
      zMinProjects: 2,
    });
    expect(r.judges.map((j) => j.normalised)).toEqual([true, true]);
  });

  it('falls back to raw totals for everyone when no judge qualifies', () => {
    // j_a: 80 80 80 → zero spread; j_b scored 2 projects → too few. Raw means:
    // p1 = (80 + 70) / 2 = 75, p2 = (80 + 90) / 2 = 85, p3 = 80
    const table = { p1: { j_a: 80, j_b: 70 }, p2: { j_a: 80, j_b: 90 }, p3: { j_a: 80 } };
    const r = aggregate(inputFrom(table), { method: 'zscore' });
    expect(r.panel).toBeNull();
    expect(r.flags).toEqual(['no_judge_normalised']);
    expect(r.judges.map((j) => j.reason)).toEqual(['zero_spread', 'too_few']);
    expect([stage(r, 'p1'), stage(r, 'p2'), stage(r, 'p3')]).toEqual([75, 85, 80]);
  });

  it('keeps a mapped total within 0–100 and flags it', () => {
    // j_a: 100 40 40 40 → mean 55, sd √675 = 25.980762, z(100) = 45 / 25.980762 = √3
    // j_b:  60 60 60 100 → mean 70, sd √300 = 17.320508, z(100) = 30 / 17.320508 = √3
    // panel: 8 totals, mean 500 / 8 = 62.5, sd √(4350 / 8) = √543.75 = 23.318448
    // mapped(z = √3) = 62.5 + √3 × 23.318448 = 62.5 + 40.388736 = 102.888736 → 100
    const table = {
      p1: { j_a: 100, j_b: 60 },
      p2: { j_a: 40, j_b: 60 },
      p3: { j_a: 40, j_b: 60 },
      p4: { j_a: 40, j_b: 100 },
    };
    const r = aggregate(inputFrom(table), { method: 'zscore' });
    expect(r.panel?.sd).toBeCloseTo(23.318448, 6);
    const row = r.projects.find((p) => p.projectId === 'p1')!.rows.find((x) => x.judgeId === 'j_a')!;
    expect(row.z).toBeCloseTo(1.732051, 6);
    expect(row).toMatchObject({ normalised: 100, value: 100, clamped: true });
    expect(r.projects.find((p) => p.projectId === 'p1')!.flags).toEqual(['clamped']);
  });

  it('under the other methods normalises and flags nobody, and has no panel', () => {
    // the same worked sheets, plain mean: p2 = (80 + 80 + 90) / 3 = 83.33
    const r = aggregate(inputFrom(worked), { method: 'mean' });
    expect(round2(stage(r, 'p2'))).toBe(83.33);
    expect(r.judges.every((j) => !j.normalised && j.reason === null)).toBe(true);
    expect(r.panel).toBeNull();
  });
});
