import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app';
import { createTestApp, type TestApp } from './harness';

/**
 * Issue 16: the login rate limit is counted where every server process sees it — in the database, or in
 * Redis when REDIS_URL is set — so two processes give a client the allowance of one (each counting alone
 * gave an attacker N× the attempts). "Two processes" are two app instances over one database.
 */
const LIMIT = 4;

function suite(name: string, env: NodeJS.ProcessEnv) {
  describe(name, () => {
    let t: TestApp;
    let second: BuiltApp;
    beforeAll(async () => {
      t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MIN: String(LIMIT), ...env });
      second = await buildApp(t.config, t.database);
      await second.app.ready();
    });
    afterAll(async () => {
      await second?.app.close();
      await t?.close();
    });

    // An address of this run's own (Redis outlives the test database).
    const address = () => `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
    const attempt = (app: BuiltApp['app'], remoteAddress: string, i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        // A different unknown name each time: only the address's rate limit is in play, not the lockout.
        payload: { login: `nobody_${remoteAddress}_${i}`, password: 'wrong-pass-1' },
      });

    it('counts one allowance per address across both processes', async () => {
      const from = address();
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        statuses.push((await attempt(i % 2 === 0 ? t.app : second.app, from, i)).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      // Another address is not affected, on either process.
      expect((await attempt(second.app, address(), 0)).statusCode).toBe(401);
    });

    it('counts attempts made at the same moment on both processes exactly', async () => {
      const from = address();
      const rs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt(i % 2 === 0 ? t.app : second.app, from, i)),
      );
      expect(rs.filter((r) => r.statusCode === 401)).toHaveLength(LIMIT);
      expect(rs.filter((r) => r.statusCode === 429)).toHaveLength(10 - LIMIT);
    });
  });
}

suite('rate limits counted in the database', {});
suite('rate limits counted in Redis (REDIS_URL)', {
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
});
