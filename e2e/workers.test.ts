import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '@touyan/schemas';
import { createUser } from '../server/src/seed/factories';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { PASSWORD, PHONE, WAIT, horizontalOverflow, openPage, screenshotsOnFailure, shot } from './support';

const run = browserAvailable();

/** A real 1×1 PNG (the server checks the magic number; the page shows it). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * 新就业群体 (issue 12) on a phone at 375 px: a new rider registers (the ID number's check digit is
 * checked as it is typed), the 惠山 station manager verifies the registration from the queue with one
 * tap, and the rider's page then reads 已认证.
 */
describe.runIf(run)('a rider registers on the phone and a station manager verifies', () => {
  let server: RunningServer;
  let browser: Browser;
  const pages: Record<string, Page | undefined> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const s = server.t.services;
    const root = (await s.store.repos.partyOrgs.roots()).find((o) => o.name === '中共无锡市惠山区委社会工作部')!;
    await createUser(s, server.t.admin, {
      username: 'hs_rider_e2e',
      displayName: '陈骑手',
      roles: [{ role: 'worker', orgId: root.id }],
    });
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'workers', pages, pageErrors));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const page = await openPage(browser, username, PHONE, pageErrors);
    pages[username] = page;
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('#login_login', username);
    await page.fill('#login_password', PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // A worker (and a station manager) lands on the phone page.
    await page.waitForURL((u) => u.pathname === '/worker', { timeout: WAIT });
    return page;
  }

  it('registers, is verified in one tap, and reads 已认证', async () => {
    const rider = await signIn('hs_rider_e2e');
    const form = rider.getByTestId('worker-form');
    await form.waitFor();
    expect(await horizontalOverflow(rider)).toBeLessThanOrEqual(0);
    const prefix = '32020619950612345';
    const check = idNumberCheckChar(prefix)!;
    const wrong = check === '1' ? '2' : '1';
    await form.getByLabel('姓名').fill('陈小骑');
    await form.getByLabel('手机号').fill('13861234567');
    await rider.getByTestId('worker-id').fill(prefix + wrong);
    await form.getByText('身份证号码校验位不正确').waitFor();
    await rider.getByTestId('worker-id').fill(prefix + check);
    expect(await form.getByText('身份证号码校验位不正确').count()).toBe(0);
    await form.getByRole('button', { name: '美团' }).click();
    await form.getByRole('button', { name: '外卖骑手' }).click();
    await rider.getByTestId('worker-party').check();
    await form.getByLabel('党组织').selectOption({ label: '惠山区新就业群体行业党委' });
    await rider.getByTestId('worker-photo-input').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await form.locator('.ty-wk-photo img').waitFor();
    await shot(rider, 'worker-register-375');
    await rider.getByTestId('worker-submit').click();
    await rider.getByTestId('worker-status-text').waitFor();
    expect(await rider.getByTestId('worker-status-text').textContent()).toBe('待认证');
    await shot(rider, 'worker-pending-375');

    const manager = await signIn('hs_station');
    const card = manager.getByTestId('worker-queue').locator('.ty-field-card', { hasText: '陈小骑' });
    await card.waitFor();
    expect(await horizontalOverflow(manager)).toBeLessThanOrEqual(0);
    await shot(manager, 'worker-queue-375');
    await card.getByTestId('queue-verify').click();
    await card.waitFor({ state: 'detached' });

    await rider.reload();
    await rider.getByTestId('worker-status-text').waitFor();
    expect(await rider.getByTestId('worker-status-text').textContent()).toBe('已认证');
    await shot(rider, 'worker-verified-375');
    expect(pageErrors).toEqual([]);
  });
});
