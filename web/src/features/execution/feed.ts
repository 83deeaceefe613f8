import { quarterOf, type MilestoneView, type ProgressView, type QuarterRef } from '@touyan/schemas';

/**
 * The quarter a feed entry is shown under: a quarterly report by the quarter it reports on (its own
 * year and quarter — a Q1 report filed on 8 April is Q1, a Q4 report filed in January is Q4 of the
 * year before); an ordinary post by the Beijing date it was posted.
 */
export function feedQuarter(p: Pick<ProgressView, 'at' | 'report'>): { quarter: QuarterRef; isReport: boolean } {
  return p.report ? { quarter: p.report, isReport: true } : { quarter: quarterOf(p.at), isReport: false };
}

export type MilestoneState = 'done' | 'done_late' | 'overdue' | 'open';

/**
 * Where a milestone stands: done on or before its planned date, done after it (late — not the same
 * green as on time), open past its date (overdue), or open. Dates are calendar dates (YYYY-MM-DD),
 * so they compare as strings.
 */
export function milestoneState(m: Pick<MilestoneView, 'completedOn' | 'dueDate' | 'overdue'>): MilestoneState {
  if (m.completedOn) return m.completedOn > m.dueDate ? 'done_late' : 'done';
  return m.overdue ? 'overdue' : 'open';
}
