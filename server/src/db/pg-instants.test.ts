import { describe, expect, it } from 'vitest';
import { pgTimestampToIso, pgTimestamptzToIso } from './pg-instants';

describe('PostgreSQL instants as ISO strings', () => {
  it('matches Date on every form PostgreSQL writes', () => {
    const tz = [
      '2026-12-05 21:24:36.123+00',
      '2026-12-05 21:24:36+00',
      '2026-12-05 21:24:36.1+00',
      '2026-12-05 21:24:36.12+00',
      '2026-12-05 21:24:36.123456+00',
      '2026-12-05 21:24:36.999999+00',
      '2026-01-01 00:00:00+00',
      '2026-12-06 05:24:36.5+08',
      '2026-12-05 21:24:36.123+05:30',
      '1999-12-31 23:59:59.001-07',
    ];
    for (const v of tz) expect(pgTimestamptzToIso(v)).toBe(new Date(v).toISOString());
    const plain = ['2026-12-05 21:24:36.123', '2026-12-05 21:24:36', '2026-12-05 21:24:36.4567'];
    for (const v of plain) expect(pgTimestampToIso(v)).toBe(new Date(`${v}Z`).toISOString());
  });

  it('leaves what it does not recognise to Date', () => {
    expect(() => pgTimestamptzToIso('infinity')).toThrow();
    expect(pgTimestamptzToIso('20260-12-05 21:24:36+00')).toBe(new Date('20260-12-05 21:24:36+00').toISOString());
  });
});
