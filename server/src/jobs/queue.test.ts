import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_SECONDS, retryDelaySeconds } from './queue';
import { assertCron, periodKey } from './schedules';

describe('retry backoff', () => {
  it('doubles the delay at each retry: delay, 2·delay, 4·delay …', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(60, n, true))).toEqual([60, 120, 240, 480, 960]);
  });

  it('waits the same delay at each retry without backoff', () => {
    expect([1, 2, 3].map((n) => retryDelaySeconds(30, n, false))).toEqual([30, 30, 30]);
  });

  it('waits at least one second with backoff even when the delay is zero', () => {
    expect([1, 2, 3].map((n) => retryDelaySeconds(0, n, true))).toEqual([1, 2, 4]);
  });

  it('never waits longer than six hours, however many retries', () => {
    expect(retryDelaySeconds(60, 40, true)).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(60, 1000, true)).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(100_000, 1, false)).toBe(MAX_RETRY_DELAY_SECONDS);
  });

  it('has no delay before the first run', () => {
    expect(retryDelaySeconds(60, 0, true)).toBe(0);
  });
});

describe('schedule periods', () => {
  it('keys an hourly schedule by the hour it last fired (UTC), the fire time itself included', () => {
    expect(periodKey('0 * * * *', new Date('2026-03-01T10:05:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(periodKey('0 * * * *', new Date('2026-03-01T10:59:59.999Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(periodKey('0 * * * *', new Date('2026-03-01T11:00:00Z'))).toBe('2026-03-01T11:00:00.000Z');
  });

  it('keys a daily schedule by its day', () => {
    expect(periodKey('30 2 * * *', new Date('2026-03-01T01:00:00Z'))).toBe('2026-02-28T02:30:00.000Z');
    expect(periodKey('30 2 * * *', new Date('2026-03-01T03:00:00Z'))).toBe('2026-03-01T02:30:00.000Z');
  });

  it('refuses an expression it cannot read', () => {
    expect(() => assertCron('every hour')).toThrow();
  });
});
