import { describe, expect, it } from 'vitest';
import { feedQuarter, milestoneState } from './feed';

describe('feed quarter', () => {
  it('labels a Q1 report filed on 8 April as Q1, not the Q2 of its filing date', () => {
    expect(feedQuarter({ at: '2025-04-08T02:00:00.000Z', report: { year: 2025, quarter: 1 } })).toEqual({
      quarter: { year: 2025, quarter: 1 },
      isReport: true,
    });
  });

  it('labels a Q4 report filed in January as Q4 of the year before', () => {
    expect(feedQuarter({ at: '2026-01-06T02:00:00.000Z', report: { year: 2025, quarter: 4 } }).quarter).toEqual({
      year: 2025,
      quarter: 4,
    });
  });

  it('labels an ordinary post by its Beijing date (23:30 on 31 March is still Q1)', () => {
    expect(feedQuarter({ at: '2025-03-31T15:30:00.000Z', report: null })).toEqual({
      quarter: { year: 2025, quarter: 1 },
      isReport: false,
    });
    expect(feedQuarter({ at: '2025-03-31T16:30:00.000Z', report: null }).quarter).toEqual({ year: 2025, quarter: 2 });
  });
});

describe('milestone state', () => {
  it('tells a milestone completed after its planned date from one completed on time', () => {
    expect(milestoneState({ dueDate: '2025-06-30', completedOn: '2025-07-05', overdue: false })).toBe('done_late');
    expect(milestoneState({ dueDate: '2025-06-30', completedOn: '2025-06-30', overdue: false })).toBe('done');
    expect(milestoneState({ dueDate: '2025-06-30', completedOn: '2025-05-01', overdue: false })).toBe('done');
  });

  it('keeps open milestones overdue or in progress', () => {
    expect(milestoneState({ dueDate: '2025-06-30', completedOn: null, overdue: true })).toBe('overdue');
    expect(milestoneState({ dueDate: '2025-06-30', completedOn: null, overdue: false })).toBe('open');
  });
});
