import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Browser, Page } from 'playwright-core';
import type { ScanStats } from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  PASSWORD,
  PHONE,
  WAIT,
  apiLogin,
  call,
  horizontalOverflow,
  login,
  openPage,
  poll,
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();

/**
 * 小哥码 (issue 12) on phones at 375 px: hs_worker opens the pass (the phone registers its device key,
 * the QR shows and refreshes), hs_guard verifies it (有效), then checks one with the network cut: the
 * verdict comes from the phone (cached keys and signed revocation list), the scan is queued and,
 * back online, uploaded exactly once.
 */
describe.runIf(run)('小哥码: the rider shows the pass, the guard verifies it online and offline', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: ApiUser;
  const pages: Record<string, Page | undefined> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staff = await apiLogin(server, 'hs_staff');
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'passes', pages, pageErrors));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const scans = async () => (await call<ScanStats>(staff, 'GET', '/api/pass-scans/stats')).total;

  async function qrText(rider: Page): Promise<string> {
    const card = rider.getByTestId('rider-pass');
    await poll(async () => (await card.getAttribute('data-qr')) ?? '').toMatch(/^P1\..+~\d+~.+$/);
    return (await card.getAttribute('data-qr'))!;
  }

  async function check(guard: Page, qr: string): Promise<string> {
    await guard.getByRole('button', { name: '手动输入' }).first().click();
    await guard.getByTestId('guard-input').fill(qr);
    await guard.getByTestId('guard-verify').click();
    const verdict = guard.getByTestId('guard-verdict');
    await verdict.waitFor();
    return (await verdict.getAttribute('data-verdict'))!;
  }

  it('shows the rider a QR at 375 px; the guard verifies it (有效), then offline, uploading once', async () => {
    const rider = await openPage(browser, 'rider', PHONE, pageErrors);
    pages.rider = rider;
    await login(rider, server, 'hs_worker', '/rider');
    await rider.getByTestId('online-qr').waitFor();
    const first = await qrText(rider);
    expect(await horizontalOverflow(rider)).toBeLessThanOrEqual(0);
    await shot(rider, 'pass-rider-375');

    const guard = await openPage(browser, 'guard', PHONE, pageErrors);
    pages.guard = guard;
    // hs_guard signs in and lands on the gate check.
    await guard.goto(`${server.baseUrl}/login`);
    await guard.fill('#login_login', 'hs_guard');
    await guard.fill('#login_password', PASSWORD);
    await guard.getByRole('button', { name: '登录' }).click();
    await guard.waitForURL((u) => u.pathname === '/guard', { timeout: WAIT });
    await guard.getByTestId('guard-list-age').waitFor();
    expect(await guard.getByTestId('guard-list-age').textContent()).toContain('吊销名单');
    await shot(guard, 'pass-guard-home-375');
    const before = await scans();
    expect(await check(guard, first)).toBe('valid');
    expect(await guard.getByTestId('guard-verdict').textContent()).toContain('有效');
    expect(await guard.getByTestId('guard-verdict').textContent()).toContain('周小勇');
    expect(await horizontalOverflow(guard)).toBeLessThanOrEqual(0);
    await shot(guard, 'pass-guard-valid-375');
    await poll(scans).toBe(before + 1);

    // A tampered code: 伪造.
    const forged = first.replace(/~(\d+)~/, (_m, s: string) => `~${Number(s) + 1}~`);
    expect(await check(guard, forged)).toBe('forged');
    await shot(guard, 'pass-guard-forged-375');
    await poll(scans).toBe(before + 2);

    // Network cut: the phone decides alone and queues the scan.
    const context: BrowserContext = guard.context();
    await context.setOffline(true);
    expect(await check(guard, await qrText(rider))).toBe('valid');
    await guard.getByTestId('guard-queued').waitFor();
    expect(await guard.getByTestId('guard-queued').textContent()).toContain('1');
    await shot(guard, 'pass-guard-offline-375');
    expect(await scans()).toBe(before + 2);

    // Back online: uploaded once; a second 'online' event finds nothing left to send.
    await context.setOffline(false);
    await guard.getByTestId('guard-queued').waitFor({ state: 'detached' });
    await poll(scans).toBe(before + 3);
    await guard.evaluate(() => window.dispatchEvent(new Event('online')));
    await guard.waitForTimeout(1500);
    expect(await scans()).toBe(before + 3);
    expect(pageErrors).toEqual([]);
  });
});
