import { describe, expect, it } from 'vitest';
import { makeWorkCalendar } from '../../core/workdays';
import {
  addYears,
  clockDueOn,
  clockView,
  daysBetween,
  dueThresholds,
  runningState,
  stoppedState,
} from './disputes.clocks';
import type { DisputeClockKind } from '@touyan/schemas';

const cal = makeWorkCalendar();

describe('the statutory clocks of a labour dispute', () => {
  // [clock, started on, extended days, last day, why]
  const table: [DisputeClockKind, string, number, string, string][] = [
    ['mediation', '2025-03-03', 0, '2025-03-18', '15 calendar days, the first day not counted'],
    ['mediation', '2025-02-13', 0, '2025-02-28', 'across the end of February'],
    ['mediation', '2025-01-31', 0, '2025-02-17', 'ends on a Saturday: the next Monday'],
    ['mediation', '2025-01-15', 0, '2025-02-05', 'ends in the Spring Festival holiday: the first working day after it'],
    ['mediation', '2025-09-16', 0, '2025-10-09', 'ends on National Day: after the holiday'],
    ['mediation', '2025-09-13', 0, '2025-09-28', 'ends on Sunday 28 September 2025, a make-up working day: no roll'],
    ['mediation', '2025-04-15', 0, '2025-04-30', 'ends on the last day of a 30-day month, before Labour Day'],
    ['mediation', '2024-02-14', 0, '2024-02-29', 'ends on 29 February of a leap year'],
    [
      'mediation',
      '2025-12-17',
      0,
      '2026-01-04',
      'ends on New Year’s Day 2026: the next working day, the make-up Sunday 4 January',
    ],
    ['mediation', '2025-03-03', 10, '2025-03-28', 'extended by the parties by 10 days'],
    ['mediation', '2025-09-06', 10, '2025-10-09', 'extended into the National Day holiday'],
    ['acceptance', '2025-03-03', 0, '2025-03-10', '5 working days over a weekend'],
    ['acceptance', '2025-09-26', 0, '2025-10-10', '5 working days across National Day, counting the make-up Sunday'],
    ['acceptance', '2025-01-24', 0, '2025-02-07', '5 working days across the Spring Festival'],
    ['acceptance', '2025-12-29', 0, '2026-01-06', '5 working days across New Year 2026'],
    ['award', '2025-03-03', 0, '2025-04-17', '45 calendar days'],
    ['award', '2025-01-31', 0, '2025-03-17', '45 days across a short February'],
    ['award', '2025-08-17', 0, '2025-10-09', '45 days ending on National Day: after the holiday'],
    ['award', '2025-08-17', 15, '2025-10-16', 'extended by the statutory 15 days'],
    ['award', '2025-12-20', 0, '2026-02-03', 'across the year end'],
    ['award', '2024-01-20', 0, '2024-03-05', '45 days across a leap February'],
    ['limitation', '2025-03-31', 0, '2026-03-31', 'one year: the same day a year later'],
    ['limitation', '2024-02-29', 0, '2025-02-28', 'from 29 February: the last day of February'],
    ['limitation', '2024-10-01', 0, '2025-10-09', 'ends on National Day: after the holiday'],
    ['limitation', '2024-05-01', 0, '2025-05-06', 'ends in the Labour Day holiday'],
    ['limitation', '2024-12-31', 0, '2025-12-31', 'from the last day of a year'],
  ];
  for (const [kind, start, ext, due, why] of table) {
    it(`${kind} from ${start}${ext ? ` +${ext}` : ''} ends on ${due} (${why})`, () => {
      expect(clockDueOn(kind, start, ext, cal)).toBe(due);
    });
  }

  it('counts years to the month end where the day does not exist', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
    expect(addYears('2025-01-31', 1)).toBe('2026-01-31');
  });

  it('counts calendar days between dates across months and years', () => {
    expect(daysBetween('2025-02-27', '2025-03-01')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2025-03-10', '2025-03-08')).toBe(-2);
  });

  // [clock, last day, today, state, days left]
  const colours: [DisputeClockKind, string, string, string, number][] = [
    ['mediation', '2025-03-18', '2025-03-10', 'ok', 8],
    ['mediation', '2025-03-18', '2025-03-13', 'amber', 5],
    ['mediation', '2025-03-18', '2025-03-16', 'red', 2],
    ['mediation', '2025-03-18', '2025-03-18', 'red', 0],
    ['mediation', '2025-03-18', '2025-03-19', 'overdue', -1],
    ['acceptance', '2025-03-10', '2025-03-07', 'ok', 3],
    ['acceptance', '2025-03-10', '2025-03-08', 'amber', 2],
    ['acceptance', '2025-03-10', '2025-03-09', 'red', 1],
    ['award', '2025-04-17', '2025-04-07', 'amber', 10],
    ['award', '2025-04-17', '2025-04-14', 'red', 3],
    ['award', '2025-04-17', '2025-05-01', 'overdue', -14],
    ['limitation', '2026-03-31', '2026-01-30', 'amber', 60],
    ['limitation', '2026-03-31', '2026-03-01', 'red', 30],
    ['limitation', '2026-03-31', '2025-12-31', 'ok', 90],
  ];
  for (const [kind, due, today, state, left] of colours) {
    it(`${kind} due ${due} is ${state} on ${today} with ${left} days left`, () => {
      expect(runningState(kind, due, today)).toEqual({ state, daysLeft: left });
    });
  }

  it('reports a stopped clock as stored, without days left, and judges the stop against the last day', () => {
    expect(stoppedState('2025-03-18', '2025-03-18')).toBe('met');
    expect(stoppedState('2025-03-18', '2025-03-19')).toBe('missed');
    expect(
      clockView({ kind: 'mediation', dueOn: '2025-03-18', stoppedOn: '2025-03-12', state: 'met' }, '2025-06-01'),
    ).toEqual({
      state: 'met',
      daysLeft: null,
    });
    expect(
      clockView({ kind: 'mediation', dueOn: '2025-03-18', stoppedOn: null, state: 'running' }, '2025-03-20'),
    ).toEqual({
      state: 'overdue',
      daysLeft: -2,
    });
  });

  it('gives the list filter the last days that make each clock overdue, red or amber today', () => {
    const red = dueThresholds('red', '2025-03-10');
    expect(red.find((t) => t.kind === 'mediation')!.dueOnBefore).toBe('2025-03-12');
    expect(red.find((t) => t.kind === 'limitation')!.dueOnBefore).toBe('2025-04-09');
    expect(dueThresholds('overdue', '2025-03-10').every((t) => t.dueOnBefore === '2025-03-09')).toBe(true);
    // A clock due exactly on the threshold is in the state; one day later is not.
    const amber = dueThresholds('amber', '2025-03-10').find((t) => t.kind === 'award')!.dueOnBefore;
    expect(runningState('award', amber, '2025-03-10').state).toBe('amber');
  });
});
