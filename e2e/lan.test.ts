import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import type { ContestBoard, ContestListItem, ContestView, Page as ListPage } from '@touyan/schemas';
import { CHROMIUM_ARGS, CHROMIUM_PATH, browserAvailable } from './browser';
import { startServer, type RunningServer } from './server';
import { PASSWORD, PHONE, SCREEN, WAIT, apiLogin, call, poll, screenshotsOnFailure, type ApiUser } from './support';

/**
 * Issue #9: phones on the venue's Wi-Fi open http://<the computer's LAN address>:3000 and saw a
 * blank page (the CSP's upgrade-insecure-requests sent every script to https://, and production's
 * Secure cookies were dropped over http). Here the platform runs with production defaults, listens
 * on all addresses, and a 375 px phone reaches it through a non-loopback address over plain HTTP:
 * logs in as a judge, opens the contest and scores; the big screen, reached the same way, counts it.
 */
const run = browserAvailable();
const SHOT_DIR = '/tmp/lan-shots';
const CONTEST_NAME = '2025年度新兴领域书记项目比武打擂';
const LAN_HOST = 'touyan.lan';
/**
 * Console errors expected over plain HTTP: none. (Cross-Origin-Opener-Policy, which Chromium
 * ignores on an untrustworthy origin and says so, is sent only over HTTPS; the session check
 * answers 200 with `me: null` before logging in.)
 */
const BENIGN_CONSOLE: RegExp[] = [];

/** This machine's first non-loopback IPv4 address, if it has one. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

describe.runIf(run)('a phone on the LAN, over plain HTTP, with production defaults', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: Page;
  let screen: Page;
  let staffApi: ApiUser;
  let contest: ContestView;
  let onStage: string;
  /** What the phone and the big screen reach: http://<LAN address>:<port>. */
  let lan: RunningServer;
  /** The same for this process (the mapped name resolves only in the browser). */
  let direct: string;
  const pageErrors: string[] = [];
  const failures: string[] = [];
  const responses: Response[] = [];

  beforeAll(async () => {
    server = await startServer({ host: '0.0.0.0', env: { NODE_ENV: 'production' } });
    const address = lanAddress();
    // Without a LAN address, a name that is not localhost, mapped by the browser to the loopback.
    const host = address ?? LAN_HOST;
    lan = { ...server, baseUrl: `http://${host}:${server.port}` };
    direct = address ? lan.baseUrl : server.baseUrl;
    console.log(`the phone opens ${lan.baseUrl}${address ? '' : ' (mapped to 127.0.0.1)'}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(address ? [] : [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`])],
    });
    const open = async (name: string, options: typeof PHONE | typeof SCREEN) => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !BENIGN_CONSOLE.some((re) => re.test(m.text())))
          pageErrors.push(`${name} console: ${m.text()}`);
      });
      page.on('requestfailed', (r) => {
        // A live stream dropped when the page goes away is not a failure to load.
        if (!r.url().includes('/stream')) failures.push(`${name}: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
      });
      page.on('response', (r) => {
        responses.push(r);
        // Before logging in, the app asks who is signed in and is told: nobody (401).
        const whoAmI = r.status() === 401 && new URL(r.url()).pathname === '/api/auth/me';
        if (r.status() >= 400 && !whoAmI) failures.push(`${name}: ${r.status()} ${r.request().method()} ${r.url()}`);
      });
      return page;
    };
    phone = await open('phone', PHONE);
    screen = await open('screen', SCREEN);

    // The host runs the seeded 丹东 contest from the API: started, first presenter on stage.
    staffApi = await apiLogin(server, 'dd_staff');
    const list = await call<ListPage<ContestListItem>>(staffApi, 'GET', '/api/contests?limit=50');
    const item = list.items.find((c) => c.name === CONTEST_NAME)!;
    expect(item, 'the seeded 丹东 contest').toBeTruthy();
    const action = async (name: string) => {
      const v = await call<ContestView>(staffApi, 'GET', `/api/contests/${item.id}`);
      return call<ContestView>(staffApi, 'POST', `/api/contests/${item.id}/${name}`, { version: v.version });
    };
    await action('start');
    contest = await action('next');
    onStage = (await call<ContestBoard>(staffApi, 'GET', `/api/contests/${contest.id}/board`)).current!.projectId;
  });

  afterEach((ctx) => screenshotsOnFailure(ctx, 'lan', { phone, screen }, [...pageErrors, ...failures]));

  afterAll(async () => {
    await staffApi?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the server sends neither upgrade-insecure-requests nor HSTS nor Secure cookies over plain HTTP', async () => {
    const res = await fetch(`${direct}/login`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const login = await fetch(`${direct}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'dd_judge', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    for (const c of login.headers.getSetCookie()) expect(c).not.toMatch(/;\s*Secure/i);
  });

  it('a judge opens /judge on a 375 px phone, logs in and lands on the judge page, fully drawn', async () => {
    await phone.goto(`${lan.baseUrl}/judge`);
    await phone.waitForURL((u) => u.pathname === '/login');
    const scripts = responses.filter((r) => r.request().resourceType() === 'script' && r.url().startsWith(lan.baseUrl));
    expect(scripts.length, 'scripts loaded from the LAN address').toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.status(), s.url()).toBe(200);
      expect(s.url().startsWith('http://'), s.url()).toBe(true);
    }
    // Sent compressed (the build's copies): Chromium asks http origins for gzip and deflate.
    const main = scripts.find((s) => /\/assets\/index-[\w-]+\.js$/.test(s.url()));
    if (main) {
      expect(['gzip', 'br']).toContain((await main.allHeaders())['content-encoding']);
      expect((await main.allHeaders())['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    await firstLoadFigures(phone, lan.baseUrl);

    await phone.fill('#login_login', 'dd_judge');
    await phone.fill('#login_password', PASSWORD);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL((u) => u.pathname === '/judge');
    // The session cookie was kept over http: the judge's list loads.
    const cookies = await phone.context().cookies(lan.baseUrl);
    expect(cookies.map((c) => c.name).sort()).toEqual(['ty_csrf', 'ty_session']);
    expect(cookies.every((c) => !c.secure)).toBe(true);
    await phone.getByTestId(`judge-contest-${contest.id}`).click();
    await phone.waitForURL((u) => u.pathname === `/judge/contests/${contest.id}`);
    await phone.getByTestId(`judge-sheet-${onStage}`).locator('[data-testid="sheet-submit"]').waitFor();
    expect(await phone.evaluate(() => document.getElementById('root')?.childElementCount ?? 0)).toBeGreaterThan(0);
    expect((await phone.locator('body').innerText()).trim().length).toBeGreaterThan(20);
  });

  it('the judge scores the project on stage; the score is accepted and the big screen on the LAN counts it', async () => {
    await screen.goto(`${lan.baseUrl}/login?next=${encodeURIComponent(`/screen/contests/${contest.id}`)}`);
    await screen.fill('#login_login', 'dd_staff');
    await screen.fill('#login_password', PASSWORD);
    await screen.getByRole('button', { name: '登录' }).click();
    await screen.getByTestId('screen-name').filter({ hasText: CONTEST_NAME }).waitFor();
    const eligible = (await call<ContestBoard>(staffApi, 'GET', `/api/contests/${contest.id}/board`)).current!
      .eligibleJudges;
    await poll(() => screen.getByTestId('screen-submitted').textContent()).toBe(`0 / ${eligible}`);

    const card = phone.getByTestId(`judge-sheet-${onStage}`);
    const scores: Record<string, number> = {};
    for (const c of contest.rubric.criteria) scores[c.code] = Math.round(c.maxPoints * 0.8);
    for (const c of contest.rubric.criteria) {
      await card.locator(`#score-${onStage}-${c.code}`).fill(String(scores[c.code]));
    }
    const total = Object.values(scores).reduce((a, b) => a + b, 0);
    await poll(() => card.getByTestId('sheet-total').textContent()).toBe(String(total));
    await card.getByTestId('sheet-submit').click();
    await phone.getByTestId('sheet-confirm').click();
    await card.getByTestId('sheet-locked').waitFor();
    await phone.locator('.ant-modal-confirm').waitFor({ state: 'detached' });

    // Accepted by the server, and pushed to the big screen over the same plain-HTTP address.
    expect((await call<ContestBoard>(staffApi, 'GET', `/api/contests/${contest.id}/board`)).current!.submitted).toBe(1);
    await poll(() => screen.getByTestId('screen-submitted').textContent()).toBe(`1 / ${eligible}`);

    mkdirSync(SHOT_DIR, { recursive: true });
    await phone.screenshot({ path: `${SHOT_DIR}/judge-375.png`, fullPage: true });
    await screen.screenshot({ path: `${SHOT_DIR}/screen.png` });
    expect(failures, 'no request failed').toEqual([]);
    expect(pageErrors, 'no page errors').toEqual([]);
  });
});

/** Logs the login page's first load: bytes on the wire (compressed) against the files' own sizes. */
async function firstLoadFigures(page: Page, origin: string) {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .concat(performance.getEntriesByType('navigation') as PerformanceResourceTiming[])
      .map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  const own = entries.filter((e) => e.name.startsWith(origin) && !e.name.includes('/api/'));
  const sum = (k: 'encoded' | 'decoded') => own.reduce((a, e) => a + e[k], 0);
  console.log(
    `login page first load over http: ${own.length} files, ${(sum('decoded') / 1024).toFixed(1)} KB → ` +
      `${(sum('encoded') / 1024).toFixed(1)} KB sent`,
  );
}
