import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, TEST_DB, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

describe(`health (${TEST_DB})`, () => {
  it('answers ok with the database kind after checking the database', async () => {
    const res = await call(t.app, null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: TEST_DB });
  });
});

describe(`log-in and sessions (${TEST_DB})`, () => {
  it('logs in by username and by mobile number, and sets HttpOnly SameSite cookies', async () => {
    const res = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_staff', password: 'Touyan@2025' });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'ty_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.json().roles[0].role).toBe('staff');
    expect(res.json().permissions).toContain('hostOrg.write');
  });

  it('refuses a wrong password with a Chinese message and an English one on request', async () => {
    const zh = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_member', password: 'wrong-pass1' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { login: 'nobody', password: 'x' },
    });
    expect(en.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Wrong username or password' });
  });

  it('throttles an address after five failures, even for the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_guard', password: 'bad-pass-1' });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('INVALID_CREDENTIALS');
    }
    const sixth = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_guard', password: 'bad-pass-1' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'LOGIN_THROTTLED', message: '尝试次数过多，请稍后再试' });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    const right = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_guard', password: 'Touyan@2025' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('LOGIN_THROTTLED');
    // Only this address waits: the user still gets in from another one.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.10',
      payload: { login: 'a_guard', password: 'Touyan@2025' },
    });
    expect(elsewhere.statusCode).toBe(200);
    const admin = await login(t.app, 'admin');
    const unlock = await call(t.app, admin, 'POST', `/api/users/${w.users.guard.id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect((await login(t.app, 'a_guard')).userId).toBe(w.users.guard.id);
  });

  it('refuses a write without the CSRF header and changes nothing', async () => {
    const s = await login(t.app, 'a_staff');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/locale',
      headers: { cookie: s.cookie },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    const me = await call(t.app, s, 'GET', '/api/auth/me');
    expect(me.json().locale).toBe('zh-CN');
  });

  it('answers 401 without a session and after log-out', async () => {
    expect((await call(t.app, null, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const s = await login(t.app, 'a_handler');
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('tells the session without failing: the user when logged in, null for nobody or after log-out', async () => {
    const anonymous = await call(t.app, null, 'GET', '/api/auth/session');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ me: null });
    const s = await login(t.app, 'a_handler');
    const me = (await call(t.app, s, 'GET', '/api/auth/me')).json();
    expect((await call(t.app, s, 'GET', '/api/auth/session')).json()).toEqual({ me });
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/auth/session')).json()).toEqual({ me: null });
  });

  it('changes a password: the old one stops working, other sessions end, a weak one is refused', async () => {
    const s1 = await login(t.app, 'a_mediator');
    const s2 = await login(t.app, 'a_mediator');
    const weak = await call(t.app, s1, 'POST', '/api/auth/change-password', {
      oldPassword: 'Touyan@2025',
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.newPassword).toContain('密码至少8位');
    const ok = await call(t.app, s1, 'POST', '/api/auth/change-password', {
      oldPassword: 'Touyan@2025',
      newPassword: 'NewPass2026',
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(t.app, s1, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, s2, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const old = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_mediator', password: 'Touyan@2025' });
    expect(old.statusCode).toBe(401);
    await login(t.app, 'a_mediator', 'NewPass2026');
  });

  it('logs in by mobile number', async () => {
    const user = await t.services.store.repos.users.byId(w.users.worker.id);
    const mobile = t.services.cipher.decrypt(user!.mobileEnc!);
    const res = await call(t.app, null, 'POST', '/api/auth/login', { login: mobile, password: 'Touyan@2025' });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('a_worker');
  });

  it('sends security headers', async () => {
    const res = await call(t.app, null, 'GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});

describe(`log-in rate limit (${TEST_DB})`, () => {
  it('answers 429 with a Chinese message once an address passes the limit', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MIN: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (await call(limited.app, null, 'POST', '/api/auth/login', { login: 'admin', password: 'wrong-pass-1' }))
            .statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await call(limited.app, null, 'POST', '/api/auth/login', { login: 'admin', password: 'Touyan@2025' });
      expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    } finally {
      await limited.close();
    }
  });
});
