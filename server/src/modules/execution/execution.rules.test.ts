import { describe, expect, it } from 'vitest';
import {
  filedLate,
  quarterDueDate,
  quarterOf,
  reportDueSoon,
  reportOpensOn,
  reportOverdue,
  type QuarterRef,
} from '@touyan/schemas';
import { shanghaiDate } from '../../core/time';
import { indicatorProgress, notFuture, reportFileable, reportValueDate } from './execution.rules';

const Q1: QuarterRef = { year: 2025, quarter: 1 };
const Q4: QuarterRef = { year: 2025, quarter: 4 };

describe('quarters in Asia/Shanghai', () => {
  it('puts 2025-03-31 23:30 +08:00 in Q1 and 2025-04-01 00:30 +08:00 in Q2', () => {
    expect(quarterOf('2025-03-31T23:30:00+08:00')).toEqual({ year: 2025, quarter: 1 });
    expect(quarterOf(new Date('2025-03-31T15:30:00Z'))).toEqual({ year: 2025, quarter: 1 });
    // 2025-03-31 16:30 UTC is already April 1st in Beijing.
    expect(quarterOf('2025-03-31T16:30:00Z')).toEqual({ year: 2025, quarter: 2 });
    expect(shanghaiDate('2025-03-31T16:30:00Z')).toBe('2025-04-01');
    expect(quarterOf('2025-12-31T23:59:59+08:00')).toEqual({ year: 2025, quarter: 4 });
    expect(quarterOf('2025-12-31T16:00:00Z')).toEqual({ year: 2026, quarter: 1 });
  });

  it('dues a report N days after its quarter ends', () => {
    expect(quarterDueDate(Q1)).toBe('2025-04-10');
    expect(quarterDueDate(Q4)).toBe('2026-01-10');
    expect(quarterDueDate({ year: 2024, quarter: 1 }, 15)).toBe('2024-04-15');
  });
});

describe('filing window', () => {
  it('opens on the first day of the quarter’s last month and stays open', () => {
    expect(reportOpensOn(Q1)).toBe('2025-03-01');
    expect(reportOpensOn(Q4)).toBe('2025-12-01');
    expect(reportFileable(Q1, '2025-02-28')).toBe(false);
    expect(reportFileable(Q1, '2025-03-01')).toBe(true);
    expect(reportFileable(Q1, '2025-03-31')).toBe(true);
    expect(reportFileable(Q1, '2025-06-30')).toBe(true);
    expect(reportFileable({ year: 2025, quarter: 2 }, '2025-03-31')).toBe(false);
  });

  it('records a report’s values on the quarter’s last day, or today when filed early', () => {
    expect(reportValueDate(Q1, '2025-03-20')).toBe('2025-03-20');
    expect(reportValueDate(Q1, '2025-04-08')).toBe('2025-03-31');
  });
});

describe('lateness', () => {
  it('is overdue only while pending after the due date', () => {
    expect(reportOverdue('pending', '2025-04-10', '2025-04-10')).toBe(false);
    expect(reportOverdue('pending', '2025-04-10', '2025-04-11')).toBe(true);
    expect(reportOverdue('filed', '2025-04-10', '2025-05-01')).toBe(false);
  });

  it('keeps a late filing visible', () => {
    expect(filedLate('2025-04-10', '2025-04-10')).toBe(false);
    expect(filedLate('2025-04-10', '2025-04-11')).toBe(true);
    expect(filedLate('2025-04-10', null)).toBe(false);
  });

  it('reminds three days ahead', () => {
    expect(reportDueSoon('pending', '2025-04-10', '2025-04-06')).toBe(false);
    expect(reportDueSoon('pending', '2025-04-10', '2025-04-07')).toBe(true);
    expect(reportDueSoon('pending', '2025-04-10', '2025-04-10')).toBe(true);
    expect(reportDueSoon('pending', '2025-04-10', '2025-04-11')).toBe(false);
    expect(reportDueSoon('filed', '2025-04-10', '2025-04-08')).toBe(false);
  });
});

describe('indicator progress', () => {
  it('measures from baseline to target', () => {
    expect(indicatorProgress(0, 85, 0)).toBe(0);
    expect(indicatorProgress(0, 85, 34)).toBe(0.4);
    expect(indicatorProgress(10, 20, 25)).toBe(1.5);
    expect(indicatorProgress(10, 20, 5)).toBe(0);
    expect(indicatorProgress(50, 10, 30)).toBe(0.5);
    expect(indicatorProgress(5, 5, 7)).toBeNull();
  });

  it('refuses future dates', () => {
    expect(notFuture('2025-03-31', '2025-03-31')).toBe(true);
    expect(notFuture('2025-04-01', '2025-03-31')).toBe(false);
  });
});
