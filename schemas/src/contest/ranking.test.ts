import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate';
import { rankAndGrade, type Rankable } from './ranking';
import { inputFrom } from './testing';

/** Entries with final = stage and no daily work, in the given order of presentation. */
const plain = (scores: number[]): Rankable[] =>
  scores.map((s, i) => ({
    projectId: `p${String(i + 1).padStart(2, '0')}`,
    order: i + 1,
    finalScore: s,
    stageScore: s,
    dailyPoints: null,
  }));
const thresholds = { mode: 'thresholds' as const, thresholds: { good: 90, fair: 80, average: 60 } };
const quotas = (good: number, fair: number, average: number) => ({
  mode: 'quotas' as const,
  quotas: { good, fair, average },
});

describe('grades by thresholds', () => {
  it('compares the 2-decimal value: 89.995 shows as 90.00 and is 好; 79.994 shows as 79.99 and is 一般', () => {
    const { placements, grading } = rankAndGrade(plain([95, 89.995, 80, 79.994, 60, 59.99]), thresholds);
    expect(placements.map((p) => p.grade)).toEqual(['good', 'good', 'fair', 'average', 'average', 'poor']);
    expect(grading).toEqual({
      mode: 'thresholds',
      graded: 6,
      thresholds: { good: 90, fair: 80, average: 60 },
      counts: { good: 2, fair: 1, average: 2, poor: 1 },
    });
  });
});

describe('grades by quotas', () => {
  it('gives a tied group at the 好 boundary the lower grade so 30% is never exceeded', () => {
    // n = 10, quotas 30% / 40% / 30% → caps: 好 ≤ floor(10 × 0.3) = 3, 好+较好 ≤ floor(10 × 0.7) = 7,
    // all three ≤ floor(10 × 1.0) = 10. Ranks 1, 2, then 91 and 91 share rank 3: taking both would make
    // 4 好 > 3, so both are 较好. 较好 continues to position 7; positions 8–10 are 一般.
    const scores = [95, 93, 91, 91, 88, 85, 84, 80, 70, 60];
    const { placements, grading } = rankAndGrade(plain(scores), quotas(0.3, 0.4, 0.3));
    expect(placements.map((p) => p.rank)).toEqual([1, 2, 3, 3, 5, 6, 7, 8, 9, 10]);
    expect(placements.map((p) => p.grade)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'fair',
      'fair',
      'fair',
      'average',
      'average',
      'average',
    ]);
    expect(grading).toMatchObject({
      graded: 10,
      caps: { good: 3, fair: 7, average: 10 },
      counts: { good: 2, fair: 5, average: 3, poor: 0 },
    });
  });
  it('takes the whole tied group when it fits exactly, and gives 差 beyond the last cap', () => {
    // n = 10, quotas 20% / 30% / 30% → caps 2, 5, 8; the pair at rank 1 fills 好 exactly; 9th and 10th 差
    const scores = [95, 95, 90, 89, 88, 80, 79, 78, 50, 40];
    const { placements, grading } = rankAndGrade(plain(scores), quotas(0.2, 0.3, 0.3));
    expect(placements.map((p) => p.grade)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'fair',
      'average',
      'average',
      'average',
      'poor',
      'poor',
    ]);
    expect(grading).toMatchObject({ caps: { good: 2, fair: 5, average: 8 } });
  });
  it('rounds counts down, without float noise: n = 3 at 30% → 0 好; n = 10 at 10% + 20% → 3, not 2', () => {
    expect(rankAndGrade(plain([99, 98, 97]), quotas(0.3, 0.4, 0.3)).placements.map((p) => p.grade)).toEqual([
      'fair', // floor(0.9) = 0 好; floor(3 × 0.7) = floor(2.1) = 2
      'fair',
      'average',
    ]);
    // 0.1 + 0.2 is 0.30000000000000004 in binary; cleaned to 0.3 → floor(10 × 0.3) = 3
    const r = rankAndGrade(plain([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), quotas(0.1, 0.2, 0.7));
    expect(r.grading).toMatchObject({ caps: { good: 1, fair: 3, average: 10 } });
  });
});

describe('rank ties', () => {
  it('breaks ties by stage score, then daily-work points (none last); equal projects share a rank', () => {
    const e = (
      projectId: string,
      order: number,
      finalScore: number,
      stageScore: number,
      dailyPoints: number | null,
    ) => ({
      projectId,
      order,
      finalScore,
      stageScore,
      dailyPoints,
    });
    const entries: Rankable[] = [
      e('p_a', 2, 90, 90, null),
      e('p_b', 3, 85, 88, 78), // 0.7 × 88 + 0.3 × 78 = 61.6 + 23.4 = 85: ahead on stage score
      e('p_c', 4, 85, 85, 85),
      e('p_d', 5, 85, 85, null), // no ratings: behind p_c and p_e on the third key
      e('p_e', 1, 85, 85, 85), // equal to p_c on all keys: shares rank 3, listed first (presented first)
      e('p_f', 6, 80.004, 80.004, null), // 80.00 displayed
      e('p_g', 7, 79.996, 79.996, null), // 80.00 displayed too: tied with p_f
    ];
    const { placements } = rankAndGrade(entries, thresholds);
    expect(placements.map((p) => [p.projectId, p.rank])).toEqual([
      ['p_a', 1],
      ['p_b', 2],
      ['p_e', 3],
      ['p_c', 3],
      ['p_d', 5],
      ['p_f', 6],
      ['p_g', 6],
    ]);
  });
  it('shares ranks end to end: 88, 85, 85, 80 → 1, 2, 2, 4', () => {
    const table = {
      p1: { j_a: 85, j_b: 85 },
      p2: { j_a: 88, j_b: 88 },
      p3: { j_a: 80, j_b: 80 },
      p4: { j_a: 86, j_b: 84 },
    };
    const r = aggregate(
      inputFrom(table, { projects: [{ id: 'p1', order: 2 }, { id: 'p2' }, { id: 'p3' }, { id: 'p4', order: 1 }] }),
      {
        method: 'mean',
      },
    );
    expect(r.projects.map((p) => [p.projectId, p.rank, p.grade])).toEqual([
      ['p2', 1, 'fair'],
      ['p4', 2, 'fair'], // (86 + 84) / 2 = 85, presented before p1
      ['p1', 2, 'fair'],
      ['p3', 4, 'fair'],
    ]);
  });
});
