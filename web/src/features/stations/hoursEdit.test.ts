import { describe, expect, it } from 'vitest';
import { holidayDates, hoursProblems, weeklyLines, type OpeningHours } from '@touyan/schemas/plain';
import {
  addHoliday,
  addSpan,
  copyDay,
  EVERY_DAY,
  openStateText,
  problemsBySlot,
  removeSpan,
  setHolidayClosed,
  setSpanTime,
  sortSpans,
  WORKDAYS,
} from './hoursEdit';

const closedWeek: OpeningHours = { allDay: false, weekly: Array.from({ length: 7 }, () => []), holidays: [] };
const mon = { kind: 'week', day: 0 } as const;
const words = { until: '营业至 {time}', opensAt: '{time} 开门', tomorrow: '明天' };
const at = (local: string) => new Date(`${local}:00+08:00`);

describe('editing opening hours', () => {
  it('adds spans after the last one, up to four a day, and removes them', () => {
    let h = addSpan(closedWeek, mon);
    expect(h.weekly[0]).toEqual([{ open: '08:00', close: '20:00' }]);
    h = setSpanTime(h, mon, 0, 'close', '11:30');
    h = addSpan(h, mon);
    expect(h.weekly[0]![1]).toEqual({ open: '12:30', close: '15:30' });
    h = addSpan(addSpan(h, mon), mon);
    expect(h.weekly[0]).toHaveLength(4);
    expect(addSpan(h, mon)).toBe(h);
    expect(removeSpan(h, mon, 1).weekly[0]).toHaveLength(3);
    // A cleared time input changes nothing.
    expect(setSpanTime(h, mon, 0, 'open', '')).toBe(h);
    // After a span to midnight or past it, the next is a day span to adjust.
    const late = addSpan(setSpanTime(addSpan(closedWeek, mon), mon, 0, 'close', '02:00'), mon);
    expect(late.weekly[0]![1]).toEqual({ open: '13:30', close: '22:00' });
  });

  it('copies Monday to every day or the workdays', () => {
    const h = setSpanTime(addSpan(addSpan(closedWeek, mon), mon), mon, 0, 'close', '11:30');
    expect(copyDay(h, 0, EVERY_DAY).weekly.every((d) => d.length === 2)).toBe(true);
    const work = copyDay(h, 0, WORKDAYS);
    expect(work.weekly.map((d) => d.length)).toEqual([2, 2, 2, 2, 2, 0, 0]);
  });

  it('adds a closed holiday and gives it a span when not closed', () => {
    let h = addHoliday(closedWeek, '2027-02-06');
    expect(h.holidays).toEqual([{ from: '2027-02-06', to: '2027-02-06', spans: [], note: null }]);
    h = setHolidayClosed(h, 0, false);
    expect(h.holidays[0]!.spans).toEqual([{ open: '09:00', close: '17:00' }]);
    expect(setHolidayClosed(h, 0, true).holidays[0]!.spans).toEqual([]);
  });

  it('sorts each slot’s spans as the form saves them, and groups problems by slot', () => {
    const h: OpeningHours = {
      ...closedWeek,
      weekly: [
        [
          { open: '13:30', close: '22:00' },
          { open: '07:00', close: '11:30' },
        ],
        [
          { open: '07:00', close: '12:00' },
          { open: '11:00', close: '22:00' },
        ],
        ...closedWeek.weekly.slice(2),
      ],
    };
    const sorted = sortSpans(h);
    expect(sorted.weekly[0]!.map((s) => s.open)).toEqual(['07:00', '13:30']);
    const by = problemsBySlot(hoursProblems(sorted));
    expect([...by.keys()]).toEqual(['weekly.1']);
    expect(by.get('weekly.1')).toEqual(['hours_order']);
  });

  it('writes the week in lines, like days together', () => {
    const h: OpeningHours = {
      allDay: false,
      weekly: [
        ...Array.from({ length: 5 }, () => [
          { open: '07:00', close: '11:30' },
          { open: '13:30', close: '22:00' },
        ]),
        [{ open: '09:00', close: '02:00' }],
        [],
      ],
      holidays: [],
    };
    expect(weeklyLines(h, 'zh-CN', '休息')).toEqual([
      { days: '周一至周五', hours: '07:00–11:30、13:30–22:00' },
      { days: '周六', hours: '09:00–次日02:00' },
      { days: '周日', hours: '休息' },
    ]);
    expect(weeklyLines({ ...h, allDay: true }, 'zh-CN', '休息')).toEqual([]);
    expect(holidayDates({ from: '2027-02-06', to: '2027-02-08', spans: [], note: null }, 'zh-CN')).toBe(
      '2027-02-06 至 02-08',
    );
  });

  it('says until when a station is open or when it opens, by the phone’s clock agreeing with the server', () => {
    const h: OpeningHours = {
      allDay: false,
      weekly: Array.from({ length: 7 }, (_, i) =>
        i === 2
          ? []
          : [
              { open: '07:00', close: '11:30' },
              { open: '13:30', close: '22:00' },
            ],
      ),
      holidays: [],
    };
    // 2026-12-07 is a Monday.
    expect(openStateText(h, true, at('2026-12-07T10:00'), 'zh-CN', words)).toBe('营业至 11:30');
    expect(openStateText(h, false, at('2026-12-07T12:00'), 'zh-CN', words)).toBe('13:30 开门');
    expect(openStateText(h, false, at('2026-12-07T23:00'), 'zh-CN', words)).toBe('明天 07:00 开门');
    // Tuesday night: Wednesday is closed, so Thursday.
    expect(openStateText(h, false, at('2026-12-08T23:00'), 'zh-CN', words)).toBe('周四 07:00 开门');
    // The server says otherwise (a phone with a wrong clock): nothing rather than a contradiction.
    expect(openStateText(h, false, at('2026-12-07T10:00'), 'zh-CN', words)).toBeNull();
  });
});
