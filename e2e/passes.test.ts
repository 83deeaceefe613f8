import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Browser, Page } from 'playwright-core';
import type { CompoundView, ScanStats, WorkerView } from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  SHOTS,
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
 * back online, uploaded exactly once. The verdict shows the rider's photo both times (online from the
 * server, offline from the thumbnails the guard's page keeps). Staff create a compound with a gate in
 * the admin drawer and assign a guard account to it.
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

  /** A test portrait (a rider in a yellow jacket, drawn in the browser) as a PNG. */
  async function portrait(): Promise<Buffer> {
    const page = await browser.newPage({ viewport: { width: 300, height: 360 } });
    await page.setContent(
      `<div id="p" style="position:relative;width:240px;height:300px;overflow:hidden;background:linear-gradient(#9ec5e8,#dbe9f5)">
        <div style="position:absolute;left:68px;top:46px;width:104px;height:124px;border-radius:50%;background:#f0c7a0"></div>
        <div style="position:absolute;left:60px;top:36px;width:120px;height:58px;border-radius:60px 60px 10px 10px;background:#2b2b2b"></div>
        <div style="position:absolute;left:20px;top:186px;width:200px;height:160px;border-radius:100px 100px 0 0;background:#f5c400"></div>
      </div>`,
    );
    const png = await page.locator('#p').screenshot();
    await page.close();
    return png;
  }

  /** Staff put a registration photo on the worker (by name): upload, then the worker's edit. */
  async function givePhoto(name: string): Promise<string> {
    const up = await staff.api.post('/api/worker-photos', {
      multipart: { file: { name: 'photo.png', mimeType: 'image/png', buffer: await portrait() } },
      headers: { 'x-csrf-token': staff.csrf },
    });
    expect(up.status(), await up.text()).toBe(200);
    const photoId = ((await up.json()) as { id: string }).id;
    const list = await call<{ items: WorkerView[] }>(staff, 'GET', `/api/workers?q=${encodeURIComponent(name)}`);
    const w = list.items.find((i) => i.name === name)!;
    await call(staff, 'PATCH', `/api/workers/${w.id}`, {
      name: w.name,
      platform: w.platform,
      occupation: w.occupation,
      regionCode: w.regionCode,
      partyMember: w.partyMember,
      partyOrgId: w.partyOrgId,
      photoId,
      version: w.version,
    });
    return w.id;
  }

  /** The verdict's photo has loaded (a decoded image, not the initial); its src. */
  async function photoShown(guard: Page): Promise<string> {
    const img = guard.getByTestId('guard-verdict').getByTestId('guard-photo');
    await img.waitFor();
    await poll(() =>
      img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    return (await img.getAttribute('src'))!;
  }

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

    const workerId = await givePhoto('周小勇');

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
    // The rider's photo: the thumbnail already kept, or the guard-scoped photo route.
    expect(await photoShown(guard)).toMatch(new RegExp(`^blob:|/api/passes/holders/${workerId}/photo$`));
    expect(await horizontalOverflow(guard)).toBeLessThanOrEqual(0);
    await shot(guard, 'pass-guard-valid-375');
    // The thumbnails of the compound's holders are kept for offline use (this rider's among them).
    await poll(async () =>
      Number(((await guard.getByTestId('guard-photos').textContent()) ?? '').replace(/\D/g, '')),
    ).toBeGreaterThan(0);
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
    // Offline, the photo comes from the page's own store (an object URL), nothing from the network.
    expect(await photoShown(guard)).toMatch(/^blob:/);
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

  // Skipped at stop 25: after merging the other services' branches the region TreeSelect's node click
  // does not select under this test's timing (it passed on its own branch); the routes are covered by
  // server/test/passes.test.ts. Issue 12's note asks the next session to make the picker step robust.
  it('staff create a compound with a gate in the admin drawer and assign a guard account to it', async () => {
    const admin = await openPage(browser, 'admin', { ...DESKTOP, viewport: { width: 1280, height: 900 } }, pageErrors);
    pages.admin = admin;
    await login(admin, server, 'hs_staff');
    await admin.goto(`${server.baseUrl}/passes?tab=compounds`);
    await admin.getByTestId('compound-create').click();
    // Nothing filled: the form says so in Chinese and sends nothing.
    await admin.getByTestId('drawer-save').click();
    await poll(() => admin.locator('#compound_name_help').textContent()).toMatch(/必填|请输入/);
    await poll(() => admin.locator('#compound_managingOrgId_help').textContent()).toMatch(/必填|请选择|请输入/);
    if (SHOTS) await admin.screenshot({ path: `${SHOTS}/pass-admin-compound-errors-1280.png` });

    const name = `浏览器测试小区${Date.now() % 100000}`;
    await admin.fill('#compound_name', name);
    await admin.fill('#compound_address', '无锡市惠山区测试路1号');
    await admin.click('#compound_managingOrgId');
    // A click that lands while the tree is still opening selects nothing (seen once in CI under load):
    // click the node until the field shows the organisation.
    const orgField = admin.locator('.ant-form-item', { has: admin.locator('#compound_managingOrgId') });
    await poll(async () => {
      if ((await orgField.locator('.ant-select-selection-item').count()) > 0) return true;
      await admin
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode', {
          hasText: '中共无锡市惠山区委社会工作部',
        })
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined);
      return (await orgField.locator('.ant-select-selection-item').count()) > 0;
    }).toBe(true);
    // The organisation's dropdown closes (its animation ends) before the region's opens, so the locator
    // below cannot catch the closing one's node.
    await poll(() => admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    // The region picker opens at the organisation's own region.
    await admin.click('#compound_regionCode');
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', {
        hasText: '惠山区',
      })
      .first()
      .click();
    await poll(() => admin.locator('#compound_regionCode_help').count()).toBe(0);
    await admin.click('#compound_gates');
    await admin.keyboard.type('南门');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('drawer-save').click();

    // Saved: the drawer stays open on the new compound for its gates and guards.
    await admin.getByTestId('gate-row').first().waitFor();
    await admin.getByTestId('gate-new').fill('北门');
    await admin.getByTestId('gate-add').click();
    await poll(() => admin.getByTestId('gate-row').count()).toBe(2);
    await admin.getByTestId('guard-user').click();
    await admin.keyboard.type('hs_guard_11');
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'hs_guard_11',
      })
      .first()
      .click();
    await admin.getByTestId('guard-gate').click();
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '北门' })
      .first()
      .click();
    await admin.getByTestId('guard-assign').click();
    await admin.getByTestId('guard-row').first().waitFor();
    expect(await admin.getByTestId('guard-row').first().textContent()).toContain('北门');
    // A gate added by mistake is removed again (confirmed first).
    await admin.getByTestId('gate-new').fill('临时门');
    await admin.getByTestId('gate-add').click();
    await poll(() => admin.getByTestId('gate-row').count()).toBe(3);
    await admin.getByTestId('gate-remove').last().click();
    await admin.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary').click();
    await poll(() => admin.getByTestId('gate-row').count()).toBe(2);
    // The drawer as it shows (the viewport: a full-page capture would lay the fixed drawer over the list).
    if (SHOTS) await admin.screenshot({ path: `${SHOTS}/pass-admin-compound-drawer-1280.png` });

    const list = await call<{ items: CompoundView[] }>(staff, 'GET', `/api/compounds?q=${encodeURIComponent(name)}`);
    expect(list.items).toHaveLength(1);
    const c = list.items[0]!;
    expect(c.regionCode.startsWith('320206')).toBe(true);
    expect(c.gates.map((g) => g.name)).toEqual(['南门', '北门']);
    expect(c.guards).toEqual([expect.objectContaining({ name: expect.any(String), gateName: '北门' })]);
    // hs_guard_11's post is now this compound.
    const guard11 = await apiLogin(server, 'hs_guard_11');
    expect((await call<{ compoundId: string }>(guard11, 'GET', '/api/guard-posts/me')).compoundId).toBe(c.id);
    expect(pageErrors).toEqual([]);
  });
});
