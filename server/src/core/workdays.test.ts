import { describe, expect, it } from 'vitest';
import { makeWorkCalendar, officialCalendarKnows } from './workdays';

const cal = makeWorkCalendar();

describe('working-day calendar', () => {
  it('knows National Day 2025: Oct 1–8 off, Sun Sept 28 and Sat Oct 11 working days', () => {
    for (let d = 1; d <= 8; d++) expect(cal.isWorkday(`2025-10-0${d}`)).toBe(false);
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    expect(cal.isWorkday('2025-10-12')).toBe(false);
    expect(cal.isWorkday('2025-09-30')).toBe(true);
  });

  it('counts working days across National Day 2025', () => {
    // Tue Sept 30 + 1 working day → Thu Oct 9 (Oct 1–8 off).
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    // Sat Sept 27 + 1 → Sun Sept 28 (调休 working day).
    expect(cal.addWorkdays('2025-09-27', 1)).toBe('2025-09-28');
    // Oct 9, Oct 10, Sat Oct 11 (working), Mon Oct 13.
    expect(cal.addWorkdays('2025-09-30', 4)).toBe('2025-10-13');
    expect(cal.workdaysBetween('2025-09-30', '2025-10-13')).toBe(4);
    expect(cal.workdaysBetween('2025-09-26', '2025-09-30')).toBe(3);
    expect(cal.addWorkdays('2025-09-30', 0)).toBe('2025-09-30');
    expect(cal.workdaysBetween('2025-10-13', '2025-10-01')).toBe(0);
  });

  it('knows Spring Festival 2025: Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 working days', () => {
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-31', '2025-02-01', '2025-02-03', '2025-02-04'])
      expect(cal.isWorkday(d)).toBe(false);
    expect(cal.isWorkday('2025-01-26')).toBe(true);
    expect(cal.isWorkday('2025-02-08')).toBe(true);
    // Mon Jan 27 + 1 → Wed Feb 5; + 4 → Sat Feb 8.
    expect(cal.addWorkdays('2025-01-27', 1)).toBe('2025-02-05');
    expect(cal.addWorkdays('2025-01-27', 4)).toBe('2025-02-08');
    expect(cal.workdaysBetween('2025-01-24', '2025-02-08')).toBe(6);
  });

  it('lets an administrator add a later year: overrides win over the built-in calendar', () => {
    expect(officialCalendarKnows(2025)).toBe(true);
    expect(officialCalendarKnows(2031)).toBe(false);
    // 2031 unknown to the package: Oct 1 (Wed) would count as a working day.
    expect(cal.isWorkday('2031-10-01')).toBe(true);
    const overrides = new Map<string, 'holiday' | 'workday'>([
      ['2031-10-01', 'holiday'],
      ['2031-10-02', 'holiday'],
      ['2031-10-03', 'holiday'],
      ['2031-09-28', 'workday'], // a Sunday made a working day
    ]);
    const c2 = makeWorkCalendar(overrides);
    expect(c2.isWorkday('2031-10-01')).toBe(false);
    expect(c2.isWorkday('2031-09-28')).toBe(true);
    // Fri Sept 26 + 1 → Sun Sept 28; Tue Sept 30 + 1 → Mon Oct 6 (Oct 1–3 off, Oct 4–5 weekend).
    expect(c2.addWorkdays('2031-09-26', 1)).toBe('2031-09-28');
    expect(c2.addWorkdays('2031-09-30', 1)).toBe('2031-10-06');
    expect(c2.workdaysBetween('2031-09-26', '2031-10-06')).toBe(4); // Sept 28, 29, 30, Oct 6
  });

  it('refuses what is not a business date', () => {
    expect(() => cal.isWorkday('2025/10/01')).toThrow();
  });
});
