import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Page as ListPage, StationView } from '@touyan/schemas';
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
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();

/**
 * 惠新驿家 on phones (issue 12): the station manager lands on their station's page and shows its QR
 * code; a rider at 375 px finds the nearest station from their position and checks in with the code.
 */
describe.runIf(run)('惠新驿家 stations on the phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  const pageErrors: string[] = [];
  const apiUsers: ApiUser[] = [];
  let code = '';
  let station: StationView;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'stations', { page: current }, pageErrors));
  afterAll(async () => {
    for (const u of apiUsers) await u.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('hs_station lands on the station page and shows the station QR code', async () => {
    const page = await openPage(browser, 'hs_station', PHONE, pageErrors);
    current = page;
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('#login_login', 'hs_station');
    await page.fill('#login_password', PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/station', { timeout: WAIT });
    await page.getByTestId('today-count').waitFor();
    await page.getByTestId('show-code').click();
    await page.getByTestId('station-qr').waitFor();
    code = (await page.getByTestId('code-text').textContent())!.trim();
    expect(code).toMatch(/^TYST1\./);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'station-manager');
    await page.context().close();
    const manager = await apiLogin(server, 'hs_station');
    apiUsers.push(manager);
    station = (await call<ListPage<StationView>>(manager, 'GET', '/api/stations')).items[0]!;
    expect(page && station.name).toBeTruthy();
  });

  it('a rider at 375 px finds the nearest station from their position and checks in with its code', async () => {
    const page = await openPage(browser, 'hs_worker', PHONE, pageErrors);
    current = page;
    // Standing a few metres from hs_station's station.
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: station.lat + 0.0001, longitude: station.lng, accuracy: 20 });
    await login(page, server, 'hs_worker', '/stations');
    await page.getByTestId('use-gps').click();
    const first = page.getByTestId('station-item').first();
    await first.waitFor();
    expect(await first.textContent()).toContain(station.name);
    expect(await page.getByTestId('station-distance').first().textContent()).toMatch(/^南 1\d 米$/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'station-finder');
    await first.click();
    await page.getByTestId('station-detail').waitFor();
    await page.getByTestId('detail-check-in').click();
    await page.getByTestId('code-input').fill(code);
    await page.getByTestId('code-submit').click();
    await page.getByTestId('check-in-done').waitFor();
    expect(await page.getByTestId('check-in-done').textContent()).toContain(station.name);
    if (await page.getByTestId('rate-form').count()) {
      await page.getByTestId('star-5').click();
      await page.getByTestId('rate-comment').fill('热水方便');
      await page.getByTestId('rate-submit').click();
      await page.getByTestId('check-in-done').waitFor({ state: 'detached' });
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
    // The station manager sees the check-in today.
    const manager = apiUsers[0]!;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const list = await call<ListPage<{ workerName: string }>>(
      manager,
      'GET',
      `/api/stations/${station.id}/check-ins?from=${today}&to=${today}`,
    );
    expect(list.items.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
