import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  boundingBox,
  compassPoint,
  distanceM,
  formatDistance,
  isOpenAt,
  type OpeningHours,
} from './station-labels';

const week = (open: string, close: string) => Array.from({ length: 7 }, () => ({ open, close }));

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

  it('opens by the weekday hours', () => {
    expect(isOpenAt(nineToSix, at('2026-12-07', '10:00'))).toBe(true);
    expect(isOpenAt(nineToSix, at('2026-12-07', '08:59'))).toBe(false);
    expect(isOpenAt(nineToSix, at('2026-12-07', '18:00'))).toBe(false);
    const weekdaysOnly = { ...nineToSix, weekly: [...week('09:00', '18:00').slice(0, 5), null, null] };
    expect(isOpenAt(weekdaysOnly, at('2026-12-12', '10:00'))).toBe(false); // Saturday
  });

  it('runs hours past midnight into the next day', () => {
    const late: OpeningHours = { allDay: false, weekly: week('18:00', '02:00'), holidays: [] };
    expect(isOpenAt(late, at('2026-12-07', '23:30'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-08', '01:30'))).toBe(true);
    expect(isOpenAt(late, at('2026-12-08', '03:00'))).toBe(false);
  });

  it('keeps 24-hour stations open, and lets holiday hours win', () => {
    const allDay: OpeningHours = {
      allDay: true,
      weekly: week('00:00', '00:00'),
      holidays: [{ date: '2027-01-01', open: null, close: null, note: '元旦闭站' }],
    };
    expect(isOpenAt(allDay, at('2026-12-07', '03:00'))).toBe(true);
    expect(isOpenAt(allDay, at('2027-01-01', '12:00'))).toBe(false);
    const holiday: OpeningHours = {
      ...nineToSix,
      holidays: [{ date: '2026-12-07', open: '10:00', close: '14:00', note: null }],
    };
    expect(isOpenAt(holiday, at('2026-12-07', '09:30'))).toBe(false);
    expect(isOpenAt(holiday, at('2026-12-07', '13:00'))).toBe(true);
    expect(isOpenAt(holiday, at('2026-12-07', '15:00'))).toBe(false);
  });
});
