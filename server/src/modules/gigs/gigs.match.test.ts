import { describe, expect, it } from 'vitest';
import { weekdayMask } from '@touyan/schemas';
import { byScore, reasonTexts, scoreMatch, summaryOf, type MatchJob, type MatchPrefs } from './gigs.match';

// A job at 富顺县城 (29.18, 104.97); the worker stands 2.1 km north of it.
const job: MatchJob = {
  kind: 'loading',
  payFen: 22_000,
  payUnit: 'day',
  lat: 29.18,
  lng: 104.97,
  regionName: '富顺县',
  weekdays: weekdayMask([1, 2, 3, 4, 5]),
  dayStart: '08:00',
  dayEnd: '17:00',
  skills: ['forklift'],
};
const north = (m: number) => ({ lat: 29.18 + m / 111_195, lng: 104.97 });
const prefs: MatchPrefs = {
  kinds: ['loading'],
  ...north(2100),
  inRegion: true,
  maxDistanceKm: 10,
  weekdays: weekdayMask([1, 2, 3, 4, 5, 6]),
  hourFrom: '07:00',
  hourTo: '19:00',
  minPayFen: 20_000,
  minPayUnit: 'day',
  skills: ['forklift', 'electrician'],
};

describe('gig matching score', () => {
  it('explains a full match in the issue’s words and scores it out of 100', () => {
    const m = scoreMatch(job, prefs)!;
    expect(summaryOf(m.reasons, 'zh-CN')).toBe(
      '距离 2.1 km · 时间吻合 · 技能：叉车证 · 工种：装卸 · 薪资 220 元/天（期望 ≥ 200 元/天）',
    );
    // 25·(1 − 2.1/10) = 19.75 → 20, time 20, skills 10, kind 30, pay 15.
    expect(m.score).toBe(95);
    expect(m.distanceM).toBe(2100);
    expect(reasonTexts(m.reasons, 'en')[0]).toBe('2.1 km away');
  });

  it('leaves out a worker beyond their distance, on other days, at other hours, of another kind or well below their pay', () => {
    expect(scoreMatch(job, { ...prefs, maxDistanceKm: 2 })).toBeNull();
    expect(scoreMatch(job, { ...prefs, weekdays: weekdayMask([6, 7]) })).toBeNull();
    expect(scoreMatch(job, { ...prefs, hourFrom: '18:00', hourTo: '23:00' })).toBeNull();
    expect(scoreMatch(job, { ...prefs, kinds: ['cleaning'] })).toBeNull();
    expect(scoreMatch(job, { ...prefs, minPayFen: 30_000 })).toBeNull();
  });

  it('scores partial fits lower and says so', () => {
    const m = scoreMatch(job, { ...prefs, weekdays: weekdayMask([1, 2]), skills: [], minPayFen: 23_000 })!;
    expect(reasonTexts(m.reasons, 'zh-CN')).toEqual([
      '距离 2.1 km',
      '时间部分吻合',
      '缺少：叉车证',
      '工种：装卸',
      '薪资 220 元/天，略低于期望',
    ]);
    expect(m.score).toBe(20 + 10 + 0 + 30 + 4);
  });

  it('matches a worker without a position by region, and one without preferences as taking anything', () => {
    const none: MatchPrefs = {
      kinds: [],
      lat: null,
      lng: null,
      inRegion: true,
      maxDistanceKm: 10,
      weekdays: 0,
      hourFrom: null,
      hourTo: null,
      minPayFen: null,
      minPayUnit: null,
      skills: [],
    };
    const m = scoreMatch(job, none)!;
    expect(summaryOf(m.reasons, 'zh-CN')).toBe('位于富顺县 · 缺少：叉车证');
    expect(m.score).toBe(12 + 15 + 0 + 15 + 8);
    expect(m.distanceM).toBeNull();
    expect(scoreMatch(job, { ...none, inRegion: false })).toBeNull();
  });

  it('compares pay across units (an hour is an eighth of a day, a month 22 days) and leaves piece rates uncompared', () => {
    expect(scoreMatch({ ...job, payFen: 2_500, payUnit: 'hour' }, prefs)!.score).toBe(95);
    expect(scoreMatch({ ...job, payFen: 440_000, payUnit: 'month' }, prefs)!.score).toBe(95);
    const piece = scoreMatch({ ...job, payFen: 150, payUnit: 'piece' }, prefs)!;
    expect(reasonTexts(piece.reasons, 'zh-CN').at(-1)).toBe('计件 1.50 元/件');
  });

  it('fits a night shift across midnight inside night hours', () => {
    const night = { ...job, dayStart: '22:00', dayEnd: '06:00' };
    expect(
      reasonTexts(scoreMatch(night, { ...prefs, hourFrom: '20:00', hourTo: '08:00' })!.reasons, 'zh-CN'),
    ).toContain('时间吻合');
    expect(scoreMatch(night, { ...prefs, hourFrom: '08:00', hourTo: '18:00' })).toBeNull();
  });

  it('orders by score, then distance, then id', () => {
    const rows = [
      { id: 'b', match: { score: 80, reasons: [], distanceM: 500 } },
      { id: 'a', match: { score: 80, reasons: [], distanceM: 500 } },
      { id: 'c', match: { score: 90, reasons: [], distanceM: 9000 } },
      { id: 'd', match: { score: 80, reasons: [], distanceM: null } },
      { id: 'e', match: { score: 80, reasons: [], distanceM: 100 } },
    ];
    expect(rows.sort(byScore).map((r) => r.id)).toEqual(['c', 'e', 'a', 'b', 'd']);
  });
});
