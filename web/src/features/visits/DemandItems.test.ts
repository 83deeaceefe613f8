import { describe, expect, it } from 'vitest';
import { draftItems, draftProblems, type DemandDraft } from './DemandItems';

const draft = (over: Partial<DemandDraft> = {}): DemandDraft => ({
  key: 1,
  category: 'factor_finance',
  title: ' 技改贷款 ',
  description: ' 申请贴息 ',
  amountYuan: '',
  ...over,
});

describe('demand drafts on the visit forms', () => {
  it('names what is missing: a category, a title, the details, a well-formed amount', () => {
    expect(draftProblems(draft())).toEqual({});
    expect(draftProblems(draft({ category: null, title: ' ', description: '' }))).toEqual({
      category: true,
      title: true,
      description: true,
    });
    expect(draftProblems(draft({ amountYuan: '12.345' }))).toEqual({ amount: true });
    expect(draftProblems(draft({ amountYuan: '-5' }))).toEqual({ amount: true });
    // An amount typed before switching away from 融资 is not checked (nor sent).
    expect(draftProblems(draft({ category: 'policy', amountYuan: 'abc' }))).toEqual({});
  });

  it('sends yuan as whole fen, trimmed text, and an amount only for 融资', () => {
    expect(draftItems([draft({ amountYuan: '5000000.5' })])).toEqual([
      { category: 'factor_finance', title: '技改贷款', description: '申请贴息', amountAskedFen: 500_000_050 },
    ]);
    expect(draftItems([draft({ amountYuan: '0.07' })])[0]!.amountAskedFen).toBe(7);
    expect(draftItems([draft({ amountYuan: '' })])[0]!.amountAskedFen).toBeNull();
    expect(draftItems([draft({ category: 'policy', amountYuan: '100' })])[0]!.amountAskedFen).toBeNull();
  });
});
