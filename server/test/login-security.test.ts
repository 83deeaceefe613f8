import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { UserView } from '@touyan/schemas';
import { setProcessClock, SimulatedClock } from '../src/core/clock';
import { createUser, DEMO_PASSWORD } from '../src/seed/factories';
import { call, createTestApp, login, TEST_DB, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/**
 * Log-in throttling (issue #8, findings 2 and 6): attempts are claimed atomically before the password
 * is checked, per account and address with growing waits, with an account-wide ceiling; unknown
 * names answer exactly like real accounts; a stranger elsewhere cannot lock the user out.
 */
let t: TestApp;
let w: World;
const clock = new SimulatedClock(new Date());
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  setProcessClock(clock.now);
});
afterAll(async () => {
  setProcessClock(null);
  await t.close();
});

/** A fresh account of its own for each test, so they do not share throttle rows. */
async function freshUser(): Promise<UserView> {
  serial += 1;
  return createUser(t.services, t.admin, {
    username: `guess_${serial}`,
    roles: [{ role: 'member', orgId: w.a.branch.id }],
  });
}

function attempt(loginName: string, password: string, remoteAddress: string, locale = 'zh-CN') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: { 'accept-language': locale },
    payload: { login: loginName, password },
  });
}

const WRONG = 'wrong-pass-1';
const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode);
const count = (rs: LightMyRequestResponse[], status: number) => rs.filter((r) => r.statusCode === status).length;

async function throttleRows(userId: string) {
  return t.database.db
    .selectFrom('loginThrottle')
    .select(['scope', 'failures', 'blockedUntil'])
    .where('userId', '=', userId)
    .orderBy('scope')
    .execute();
}

async function auditOf(userId: string, action: string) {
  return t.database.db
    .selectFrom('auditLogs')
    .select(['action', 'changes', 'ip'])
    .where('entityId', '=', userId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe(`log-in throttle (${TEST_DB})`, () => {
  it('checks exactly 5 of 15 parallel wrong passwords and throttles the other 10 without losing a count', async () => {
    const u = await freshUser();
    const rs = await Promise.all(Array.from({ length: 15 }, () => attempt(u.username, WRONG, '10.1.0.1')));
    expect(count(rs, 401)).toBe(5);
    expect(count(rs, 429)).toBe(10);
    for (const r of rs.filter((x) => x.statusCode === 401)) expect(r.json().code).toBe('INVALID_CREDENTIALS');
    for (const r of rs.filter((x) => x.statusCode === 429)) {
      expect(r.json()).toMatchObject({ code: 'LOGIN_THROTTLED', message: '尝试次数过多，请稍后再试' });
      expect(Number(r.headers['retry-after'])).toBe(60);
    }
    // One count per checked attempt, none lost to a parallel overwrite; a refused attempt counts nowhere.
    expect(await throttleRows(u.id)).toEqual([
      { scope: 'account', failures: 5, blockedUntil: null },
      { scope: 'address', failures: 5, blockedUntil: new Date(clock.now().getTime() + 60_000).toISOString() },
    ]);
    // Each hash check of a real account leaves one login_failed entry: exactly five.
    const failed = await auditOf(u.id, 'login_failed');
    expect(failed).toHaveLength(5);
    const counts = failed.map((e) => (JSON.parse(e.changes) as { field: string; after: number }[])[0]!.after);
    expect(counts.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the user in from another address, and lets the throttled address try again after growing waits', async () => {
    const u = await freshUser();
    for (let i = 0; i < 5; i++) expect((await attempt(u.username, WRONG, '10.2.0.1')).statusCode).toBe(401);
    // Even the right password waits at the throttled address …
    const right = await attempt(u.username, DEMO_PASSWORD, '10.2.0.1');
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('LOGIN_THROTTLED');
    // … but a stranger's failures did not lock the user out elsewhere.
    const elsewhere = await attempt(u.username, DEMO_PASSWORD, '10.2.0.2');
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().username).toBe(u.username);

    // The waits grow: 1, 2, 4, 8, then 15 minutes at most; one attempt after each.
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      const early = await attempt(u.username, WRONG, '10.2.0.1');
      expect(early.statusCode).toBe(429);
      expect(Number(early.headers['retry-after'])).toBe(minutes * 60);
      clock.advanceMinutes(minutes - 0.5);
      const stillEarly = await attempt(u.username, DEMO_PASSWORD, '10.2.0.1');
      expect(stillEarly.statusCode).toBe(429);
      expect(Number(stillEarly.headers['retry-after'])).toBe(30);
      clock.advanceMinutes(0.5);
      expect((await attempt(u.username, WRONG, '10.2.0.1')).statusCode).toBe(401);
    }
    // After the wait, the right password gets in and clears the address's count.
    clock.advanceMinutes(15);
    expect((await attempt(u.username, DEMO_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
    expect((await throttleRows(u.id)).filter((r) => r.scope === 'address')).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await attempt(u.username, WRONG, '10.2.0.1')).statusCode).toBe(401);
    expect((await attempt(u.username, WRONG, '10.2.0.1')).statusCode).toBe(429);
  });

  it('answers an unknown name exactly like a real account, wrong and throttled, in both languages', async () => {
    const u = await freshUser();
    for (const locale of ['zh-CN', 'en']) {
      const address = locale === 'en' ? '10.3.0.2' : '10.3.0.1';
      const real: LightMyRequestResponse[] = [];
      const ghost: LightMyRequestResponse[] = [];
      for (let i = 0; i < 7; i++) {
        real.push(await attempt(u.username, WRONG, address, locale));
        ghost.push(await attempt(`nobody_${locale}`, WRONG, address, locale));
      }
      expect(statuses(real)).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect(statuses(ghost)).toEqual(statuses(real));
      for (let i = 0; i < 7; i++) {
        const a = real[i]!.json();
        const b = ghost[i]!.json();
        expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
        expect({ ...b, requestId: null }).toEqual({ ...a, requestId: null });
        expect(ghost[i]!.headers['retry-after']).toBe(real[i]!.headers['retry-after']);
      }
      expect(real[6]!.json().message).toBe(
        locale === 'en' ? 'Too many attempts; please try again later' : '尝试次数过多，请稍后再试',
      );
      expect(real[6]!.headers['retry-after']).toBe('60');
    }
    // An unknown name in parallel, too: 5 checked, the rest throttled.
    const rs = await Promise.all(Array.from({ length: 12 }, () => attempt('nobody_parallel', WRONG, '10.3.0.3')));
    expect([count(rs, 401), count(rs, 429)]).toEqual([5, 7]);
  });

  it('engages the account-wide ceiling against guesses spread over many addresses', async () => {
    const u = await freshUser();
    // 11 addresses × 5 guesses at once: each address has 5 attempts, the account 50 in all.
    const rs = await Promise.all(
      Array.from({ length: 55 }, (_, i) => attempt(u.username, WRONG, `10.4.0.${1 + (i % 11)}`)),
    );
    expect([count(rs, 401), count(rs, 429)]).toEqual([50, 5]);
    const rows = await throttleRows(u.id);
    expect(rows.find((r) => r.scope === 'account')).toMatchObject({ failures: 50 });
    expect(rows.filter((r) => r.scope === 'address').reduce((n, r) => n + r.failures, 0)).toBe(50);

    // A new address, even with the right password, waits for the ceiling …
    const fresh = await attempt(u.username, DEMO_PASSWORD, '10.4.1.1');
    expect(fresh.statusCode).toBe(429);
    expect(fresh.json().code).toBe('LOGIN_THROTTLED');
    expect(fresh.headers['retry-after']).toBe('60');
    // … and the refused attempt counted nowhere.
    expect((await throttleRows(u.id)).filter((r) => r.scope === 'address')).toHaveLength(11);

    // Then one guess per wait, the waits growing.
    clock.advanceMinutes(1);
    expect((await attempt(u.username, WRONG, '10.4.1.2')).statusCode).toBe(401);
    const next = await attempt(u.username, WRONG, '10.4.1.3');
    expect(next.statusCode).toBe(429);
    expect(next.headers['retry-after']).toBe('120');
    const audit = await auditOf(u.id, 'login_throttled');
    expect(audit.some((e) => e.changes.includes('throttledUntilAllAddresses'))).toBe(true);

    clock.advanceMinutes(2);
    expect((await attempt(u.username, DEMO_PASSWORD, '10.4.1.4')).statusCode).toBe(200);
  });

  it('writes login_failed with the count for each failure and one login_throttled when a throttle engages', async () => {
    const u = await freshUser();
    for (let i = 0; i < 5; i++) await attempt(u.username, WRONG, '10.5.0.1');
    for (let i = 0; i < 3; i++) expect((await attempt(u.username, WRONG, '10.5.0.1')).statusCode).toBe(429);
    const failed = await auditOf(u.id, 'login_failed');
    expect(failed).toHaveLength(5);
    expect(JSON.parse(failed[4]!.changes)).toEqual([
      { field: 'failedLogins', before: 4, after: 5 },
      { field: 'failedLoginsAllAddresses', before: 4, after: 5 },
    ]);
    expect(failed[0]!.ip).toBe('10.5.0.1');
    const throttled = await auditOf(u.id, 'login_throttled');
    expect(throttled).toHaveLength(1);
    expect(JSON.parse(throttled[0]!.changes)).toEqual([
      { field: 'throttledUntil', before: null, after: new Date(clock.now().getTime() + 60_000).toISOString() },
    ]);
    // The administrator sees it in the audit log.
    const admin = await login(t.app, 'admin');
    const res = await call(t.app, admin, 'GET', `/api/audit-logs?entityId=${u.id}&action=login_throttled`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(1);
  });

  it('shows a throttled account as locked, and the administrator unlock clears every throttle of it', async () => {
    const u = await freshUser();
    const admin = await login(t.app, 'admin');
    const listed = async () =>
      ((await call(t.app, admin, 'GET', `/api/users?q=${u.username}`)).json().items as UserView[]).find(
        (x) => x.id === u.id,
      )!;
    expect((await listed()).locked).toBe(false);
    const statusesAt = async (address: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await attempt(u.username, WRONG, address)).statusCode);
      return out;
    };
    expect(await statusesAt('10.6.0.1', 6)).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await listed()).locked).toBe(true);

    const unlock = await call(t.app, admin, 'POST', `/api/users/${u.id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    expect(await throttleRows(u.id)).toEqual([]);
    expect((await listed()).locked).toBe(false);
    expect((await attempt(u.username, DEMO_PASSWORD, '10.6.0.1')).statusCode).toBe(200);
    expect((await auditOf(u.id, 'unlock')).length).toBe(1);
  });

  it('keeps a hostile User-Agent as a clean, bounded hint: control characters and NUL never reach the database', async () => {
    const u = await freshUser();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.7.0.1',
      headers: { 'user-agent': `Mozilla\u0000/5.0\u0007 ${'x'.repeat(600)}` },
      payload: { login: u.username, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('sessions')
      .select('userAgent')
      .where('userId', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.userAgent!.startsWith('Mozilla/5.0 xxx')).toBe(true);
    expect(row.userAgent!.length).toBe(300);
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u001f]/.test(row.userAgent!)).toBe(false);
  });
});
