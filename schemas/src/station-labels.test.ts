import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  boundingBox,
  compassPoint,
  distanceM,
  formatDistance,
  formatSpans,
  hoursProblems,
  isOpenAt,
  openState,
  sortedHours,
  type OpeningHours,
} from './station-labels';

const week = (open: string, close: string) => Array.from({ length: 7 }, () => [{ open, close }]);

describe('station geometry', () => {
  const huishan = { lat: 31.6812, lng: 120.2036 };

  it('measures the great-circle distance (haversine)', () => {
    expect(distanceM(huishan, huishan)).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(distanceM({ lat: 31, lng: 120 }, { lat: 32, lng: 120 })).toBeCloseTo(111_195, -1);
    // 无锡 → 上海 (人民广场) is about 118 km.
    const d = distanceM({ lat: 31.4912, lng: 120.3119 }, { lat: 31.2304, lng: 121.4737 });
    expect(d).toBeGreaterThan(113_000);
    expect(d).toBeLessThan(118_000);
  });

  it('gives the bearing and the eight-point compass direction', () => {
    expect(bearingDeg(huishan, { lat: 31.7, lng: 120.2036 })).toBeCloseTo(0, 5);
    expect(bearingDeg(huishan, { lat: 31.6812, lng: 120.25 })).toBeCloseTo(90, 0);
    expect(bearingDeg(huishan, { lat: 31.66, lng: 120.2036 })).toBeCloseTo(180, 5);
    expect(bearingDeg(huishan, { lat: 31.6812, lng: 120.15 })).toBeCloseTo(270, 0);
    expect(compassPoint(0)).toBe('N');
    expect(compassPoint(22)).toBe('N');
    expect(compassPoint(23)).toBe('NE');
    expect(compassPoint(135)).toBe('SE');
    expect(compassPoint(200)).toBe('S');
    expect(compassPoint(247)).toBe('SW');
    expect(compassPoint(248)).toBe('W');
    expect(compassPoint(350)).toBe('N');
    expect(compassPoint(-45)).toBe('NW');
  });

  it('holds every point of the radius in the bounding box, and little more', () => {
    const box = boundingBox(huishan, 5000);
    for (let deg = 0; deg < 360; deg += 15) {
      // A point 4,999 m away in each direction (small steps along the bearing).
      const rad = (deg * Math.PI) / 180;
      const p = {
        lat: huishan.lat + ((4999 * Math.cos(rad)) / 6_371_008.8) * (180 / Math.PI),
        lng:
          huishan.lng +
          ((4999 * Math.sin(rad)) / (6_371_008.8 * Math.cos((huishan.lat * Math.PI) / 180))) * (180 / Math.PI),
      };
      expect(distanceM(huishan, p)).toBeLessThan(5001);
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
    expect(distanceM(huishan, { lat: box.maxLat, lng: huishan.lng })).toBeCloseTo(5000, -1);
    expect(distanceM(huishan, { lat: huishan.lat, lng: box.maxLng })).toBeCloseTo(5000, -1);
    // Near a pole the longitudes span everything.
    const polar = boundingBox({ lat: 89.99, lng: 0 }, 5000);
    expect(polar.maxLat).toBe(90);
  });

  it('formats distances', () => {
    expect(formatDistance(850.4, 'zh-CN')).toBe('850 米');
    expect(formatDistance(1234, 'zh-CN')).toBe('1.2 公里');
    expect(formatDistance(12_600, 'en')).toBe('13 km');
  });
});

describe('opening hours', () => {
  // 2026-12-07 is a Monday; 10:00 Asia/Shanghai is 02:00 UTC.
  const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
  const nineToSix: OpeningHours = { allDay: false, weekly: week('09:00', '18:00'), holidays: [] };
  const split: OpeningHours = {
    allDay: false,
    weekly: Array.from({ length: 7 }, () => [
      { open: '07:00', close: '11:30' },
      { open: '13:30', close: '22:00' },
    ]),
    holidays: [],
  };

  it('opens by the weekday spans, closed on an empty day', () => {
    expect(isOpenAt(nineToSix, at('2026-12-07', '10:00'))).toBe(true);
    expect(isOpenAt(nineToSix, at('2026-12-07', '08:59'))).toBe(false);
    expect(isOpenAt(nineToSix, at('2026-12-07', '18:00'))).toBe(false);
    const weekdaysOnly = { ...nineToSix, weekly: [...week('09:00', '18:00').slice(0, 5), [], []] };
    expect(isOpenAt(weekdaysOnly, at('2026-12-12', '10:00'))).toBe(false); // Saturday
    expect(isOpenAt(weekdaysOnly, at('2026-12-11', '10:00'))).toBe(true); // Friday
  });

  it('opens in each of several spans a day and closes between them', () => {
    expect(isOpenAt(split, at('2026-12-07', '06:59'))).toBe(false);
    expect(isOpenAt(split, at('2026-12-07', '07:00'))).toBe(true);
    expect(isOpenAt(split, at('2026-12-07', '11:29'))).toBe(true);
    expect(isOpenAt(split, at('2026-12-07', '11:30'))).toBe(false);
    expect(isOpenAt(split, at('2026-12-07', '12:45'))).toBe(false);
    expect(isOpenAt(split, at('2026-12-07', '13:30'))).toBe(true);
    expect(isOpenAt(split, at('2026-12-07', '21:59'))).toBe(true);
    expect(isOpenAt(split, at('2026-12-07', '22:00'))).toBe(false);
    // When it changes: open until 11:30; at the lunch break, open again at 13:30; at night, tomorrow 07:00.
    expect(openState(split, at('2026-12-07', '10:00'))).toEqual({ open: true, until: { dayOffset: 0, time: '11:30' } });
    expect(openState(split, at('2026-12-07', '12:00'))).toEqual({ open: false, next: { dayOffset: 0, time: '13:30' } });
    expect(openState(split, at('2026-12-07', '23:00'))).toEqual({ open: false, next: { dayOffset: 1, time: '07:00' } });
  });

  it('runs a span past midnight into the next morning, ending there', () => {
    const late: OpeningHours = {
      allDay: false,
      weekly: Array.from({ length: 7 }, (_, i) =>
        i === 6
          ? []
          : [
              { open: '10:00', close: '14:00' },
              { open: '18:00', close: '02:00' },
            ],
      ),
      holidays: [],
    };
    expect(isOpenAt(late, at('2026-12-07', '23:30'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-08', '01:30'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-08', '02:00'))).toBe(false);
    expect(isOpenAt(late, at('2026-12-08', '03:00'))).toBe(false);
    // Saturday's evening runs into Sunday morning though Sunday itself is closed; Sunday night is not open.
    expect(isOpenAt(late, at('2026-12-13', '01:00'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-13', '23:00'))).toBe(false);
    expect(isOpenAt(late, at('2026-12-14', '01:00'))).toBe(false);
    expect(openState(late, at('2026-12-07', '23:30'))).toEqual({ open: true, until: { dayOffset: 1, time: '02:00' } });
    // A close of 00:00 is midnight (the end of the day), not an overnight span.
    const toMidnight = { ...late, weekly: week('20:00', '00:00') };
    expect(isOpenAt(toMidnight, at('2026-12-07', '23:59'))).toBe(true);
    expect(isOpenAt(toMidnight, at('2026-12-08', '00:30'))).toBe(false);
  });

  it('keeps 24-hour stations open, and lets holiday hours win over them', () => {
    const allDay: OpeningHours = {
      allDay: true,
      weekly: week('08:00', '20:00'),
      holidays: [{ from: '2027-01-01', to: '2027-01-01', spans: [], note: '元旦闭站' }],
    };
    expect(isOpenAt(allDay, at('2026-12-07', '03:00'))).toBe(true);
    expect(openState(allDay, at('2026-12-07', '03:00'))).toEqual({ open: true, until: null });
    expect(isOpenAt(allDay, at('2027-01-01', '12:00'))).toBe(false);
    expect(isOpenAt(allDay, at('2027-01-02', '00:00'))).toBe(true);
    expect(openState(allDay, at('2026-12-31', '12:00'))).toEqual({
      open: true,
      until: { dayOffset: 1, time: '00:00' },
    });
  });

  it('applies a holiday range with its own spans to each of its days (春节), then the weekly hours again', () => {
    const springFestival: OpeningHours = {
      ...split,
      holidays: [
        { from: '2027-02-05', to: '2027-02-05', spans: [{ open: '09:00', close: '16:00' }], note: '除夕' },
        { from: '2027-02-06', to: '2027-02-08', spans: [], note: '春节' },
      ],
    };
    expect(isOpenAt(springFestival, at('2027-02-05', '08:00'))).toBe(false);
    expect(isOpenAt(springFestival, at('2027-02-05', '12:00'))).toBe(true);
    expect(isOpenAt(springFestival, at('2027-02-05', '20:00'))).toBe(false);
    for (const d of ['2027-02-06', '2027-02-07', '2027-02-08'])
      expect(isOpenAt(springFestival, at(d, '10:00')), d).toBe(false);
    expect(isOpenAt(springFestival, at('2027-02-09', '10:00'))).toBe(true);
    expect(openState(springFestival, at('2027-02-06', '10:00'))).toEqual({
      open: false,
      next: { dayOffset: 3, time: '07:00' },
    });
    // The evening before a closed holiday still runs past midnight into it (a span belongs to its start day).
    const overnight: OpeningHours = {
      allDay: false,
      weekly: week('18:00', '02:00'),
      holidays: [{ from: '2027-02-06', to: '2027-02-06', spans: [], note: null }],
    };
    expect(isOpenAt(overnight, at('2027-02-06', '01:00'))).toBe(true);
    expect(isOpenAt(overnight, at('2027-02-06', '20:00'))).toBe(false);
    expect(isOpenAt(overnight, at('2027-02-07', '01:00'))).toBe(false);
  });

  it('formats spans, overnight closes on the next day', () => {
    expect(formatSpans(split.weekly[0]!, 'zh-CN')).toBe('07:00–11:30、13:30–22:00');
    expect(formatSpans([{ open: '18:00', close: '02:00' }], 'zh-CN')).toBe('18:00–次日02:00');
    expect(formatSpans([{ open: '18:00', close: '02:00' }], 'en')).toBe('18:00–02:00 (+1)');
  });
});

describe('opening hours rules', () => {
  const day = (...spans: [string, string][]) => spans.map(([open, close]) => ({ open, close }));
  const hours = (weekly: ReturnType<typeof day>[], holidays: OpeningHours['holidays'] = []): OpeningHours => ({
    allDay: false,
    weekly,
    holidays,
  });
  const seven = (d: ReturnType<typeof day>) => Array.from({ length: 7 }, () => d);
  const problems = (h: OpeningHours) => hoursProblems(h).map((p) => `${p.path.join('.')}:${p.message}`);

  it('takes split days, closed days, overnight last spans and up to four spans', () => {
    expect(problems(hours(seven(day(['07:00', '11:30'], ['13:30', '22:00']))))).toEqual([]);
    expect(problems(hours([...seven(day(['09:00', '18:00'])).slice(0, 6), []]))).toEqual([]);
    expect(problems(hours(seven(day(['10:00', '14:00'], ['18:00', '02:00']))))).toEqual([]);
    expect(
      problems(hours(seven(day(['06:00', '08:00'], ['09:00', '11:00'], ['12:00', '14:00'], ['17:00', '24:00'])))),
    ).toEqual([]);
  });

  it('refuses a fifth span, spans out of order or overlapping, an empty span, an overnight span not last', () => {
    const five = day(
      ['06:00', '07:00'],
      ['08:00', '09:00'],
      ['10:00', '11:00'],
      ['12:00', '13:00'],
      ['14:00', '15:00'],
    );
    expect(problems(hours([five, ...seven([]).slice(1)]))).toEqual(['weekly.0:hours_too_many']);
    const unsorted = day(['13:30', '22:00'], ['07:00', '11:30']);
    expect(problems(hours([unsorted, ...seven([]).slice(1)]))).toEqual(['weekly.0.1:hours_order']);
    const overlapping = day(['07:00', '12:00'], ['11:30', '22:00']);
    expect(problems(hours([[], overlapping, ...seven([]).slice(2)]))).toEqual(['weekly.1.1:hours_order']);
    expect(problems(hours([day(['09:00', '09:00']), ...seven([]).slice(1)]))).toEqual(['weekly.0.0:hours_span_empty']);
    const overnightFirst = day(['18:00', '02:00'], ['20:00', '23:00']);
    expect(problems(hours([overnightFirst, ...seven([]).slice(1)]))).toEqual(['weekly.0.1:hours_order']);
    expect(problems(hours([day(['9:00', '18:00']), ...seven([]).slice(1)]))).toEqual(['weekly.0.0.open:invalid']);
    expect(problems(hours([day(['24:00', '02:00']), ...seven([]).slice(1)]))).toEqual(['weekly.0.0.open:invalid']);
  });

  it('refuses an overnight span running into the next day’s first span', () => {
    const w = seven(day(['08:00', '20:00']));
    w[4] = day(['08:00', '12:00'], ['18:00', '09:00']);
    expect(problems(hours(w))).toEqual(['weekly.4.1:hours_overnight']);
    // Sunday's overnight span runs into Monday.
    const s = seven(day(['08:00', '20:00']));
    s[6] = day(['22:00', '08:30']);
    expect(problems(hours(s))).toEqual(['weekly.6.0:hours_overnight']);
    s[6] = day(['22:00', '08:00']);
    expect(problems(hours(s))).toEqual([]);
  });

  it('checks holiday dates: real, in order, at most 31 days, not overlapping another', () => {
    const w = seven(day(['08:00', '20:00']));
    const h = (from: string, to: string) => ({ from, to, spans: [], note: null });
    expect(problems(hours(w, [h('2027-02-05', '2027-02-11'), h('2027-10-01', '2027-10-07')]))).toEqual([]);
    expect(problems(hours(w, [h('2027-02-30', '2027-03-01')]))).toEqual(['holidays.0.from:invalid']);
    expect(problems(hours(w, [h('2027-02-05', '2027-02-04')]))).toEqual(['holidays.0.to:holiday_range']);
    expect(problems(hours(w, [h('2027-01-01', '2027-02-01')]))).toEqual(['holidays.0.to:holiday_range']);
    expect(problems(hours(w, [h('2027-01-01', '2027-01-31')]))).toEqual([]);
    expect(problems(hours(w, [h('2027-02-05', '2027-02-11'), h('2027-02-11', '2027-02-12')]))).toEqual([
      'holidays.1.from:holiday_overlap',
    ]);
    const bad = {
      from: '2027-02-05',
      to: '2027-02-05',
      spans: day(['12:00', '16:00'], ['09:00', '11:00']),
      note: null,
    };
    expect(problems(hours(w, [bad]))).toEqual(['holidays.0.spans.1:hours_order']);
  });

  it('sorts spans and holidays as a form does before saving', () => {
    const h = sortedHours(
      hours(seven(day(['13:30', '22:00'], ['07:00', '11:30'])), [
        { from: '2027-10-01', to: '2027-10-03', spans: [], note: null },
        { from: '2027-02-05', to: '2027-02-05', spans: day(['12:00', '16:00'], ['09:00', '11:00']), note: null },
      ]),
    );
    expect(problems(h)).toEqual([]);
    expect(h.weekly[0]).toEqual(day(['07:00', '11:30'], ['13:30', '22:00']));
    expect(h.holidays.map((x) => x.from)).toEqual(['2027-02-05', '2027-10-01']);
  });
});
