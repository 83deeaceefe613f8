import { describe, expect, it } from 'vitest';
import { diffText, type DiffPart } from './textDiff';

/** What the older text was (shared + deleted runs) and what the newer one is (shared + added). */
const older = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.type !== 'add')
    .map((p) => p.text)
    .join('');
const newer = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.type !== 'del')
    .map((p) => p.text)
    .join('');

describe('diffText', () => {
  it('gives one shared run for identical texts and nothing for two empty ones', () => {
    expect(diffText('建立流动党员台账', '建立流动党员台账')).toEqual([{ type: 'same', text: '建立流动党员台账' }]);
    expect(diffText('', '')).toEqual([]);
  });

  it('shows an insertion in Chinese text as one added run between shared runs', () => {
    const parts = diffText('每季度走访企业', '每季度走访规上企业');
    expect(parts).toEqual([
      { type: 'same', text: '每季度走访' },
      { type: 'add', text: '规上' },
      { type: 'same', text: '企业' },
    ]);
  });

  it('keeps Latin words and numbers whole: 15 → 20 is one replaced token, not digit confetti', () => {
    const parts = diffText('覆盖 15 家企业', '覆盖 20 家企业');
    expect(parts.filter((p) => p.type !== 'same')).toEqual([
      { type: 'del', text: '15' },
      { type: 'add', text: '20' },
    ]);
  });

  it('folds a one- or two-character match between two changes into the change', () => {
    const parts = diffText('组织开展培训活动', '统一安排培训课程');
    // "培训" (two characters) matches between two rewritten phrases: one deletion, one insertion.
    expect(parts).toEqual([
      { type: 'del', text: '组织开展培训活动' },
      { type: 'add', text: '统一安排培训课程' },
    ]);
  });

  it('shows very different texts as replaced whole when they are more than maxD edits apart', () => {
    const parts = diffText('甲乙丙丁戊己庚辛', '子丑寅卯辰巳午未', 3);
    expect(parts).toEqual([
      { type: 'del', text: '甲乙丙丁戊己庚辛' },
      { type: 'add', text: '子丑寅卯辰巳午未' },
    ]);
  });

  it('rebuilds both texts exactly for edits anywhere (start, middle, end, whitespace, punctuation)', () => {
    const cases: [string, string][] = [
      ['项目目标：覆盖 10 个网点。', '总体目标：覆盖 12 个网点，建立台账。'],
      ['A plan for riders', 'A better plan for delivery riders'],
      ['第一行\n第二行', '第一行\n第 2 行\n第三行'],
      ['', '新增内容'],
      ['删除的内容', ''],
    ];
    for (const [a, b] of cases) {
      const parts = diffText(a, b);
      expect(older(parts), `${a} → ${b}`).toBe(a);
      expect(newer(parts), `${a} → ${b}`).toBe(b);
      expect(parts.every((p) => p.text.length > 0)).toBe(true);
    }
  });
});
