import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Page as ListPage, ProjectListItem } from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  WAIT,
  apiLogin,
  call,
  horizontalOverflow,
  openPage,
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();

/**
 * Each role lands on its own work (工作台): staff on their to-dos (a count opens the list it counts),
 * the secretary on their projects and the campaign open today with no administration on offer, the
 * judge on their contests — and on a phone straight on the scoring page — and a worker, whose
 * services come later, on a plain "nothing assigned yet".
 */
describe.runIf(run)('each role lands on its home', () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  const pageErrors: string[] = [];
  const apiUsers: ApiUser[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'homes', { page: current }, pageErrors));
  afterAll(async () => {
    for (const u of apiUsers) await u.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Signs in through the login page (no `next`): the user lands wherever the home sends them. */
  async function signIn(username: string, device: typeof DESKTOP | typeof PHONE): Promise<Page> {
    const page = await openPage(browser, username, device, pageErrors);
    current = page;
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('#login_login', username);
    await page.fill('#login_password', PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    return page;
  }

  const menu = (page: Page) => page.getByRole('menu', { name: '菜单' }).getByRole('menuitem').allTextContents();

  it('staff land on their to-dos, and a count opens the list it counts', async () => {
    const page = await signIn('dd_staff', DESKTOP);
    await page.getByTestId('staff-home').waitFor();
    const staff = await apiLogin(server, 'dd_staff');
    apiUsers.push(staff);
    const submitted = await call<ListPage<ProjectListItem>>(
      staff,
      'GET',
      '/api/projects?status=submitted&withTotal=1&limit=1',
    );
    expect(submitted.total).toBeGreaterThan(0);
    expect(await page.getByTestId('todo-awaiting-review-value').textContent()).toBe(String(submitted.total));
    await shot(page, 'homes-staff');
    await page.getByTestId('todo-awaiting-review').click();
    await page.waitForURL((u) => u.pathname === '/projects' && u.searchParams.get('status') === 'submitted');
    await expect
      .poll(() => page.getByTestId('project-total').textContent(), { timeout: WAIT })
      .toContain(`共 ${submitted.total} 条`);
    await page.context().close();
  });

  it('the secretary lands on their projects and the open campaign, with no administration offered', async () => {
    const page = await signIn('dd_secretary', DESKTOP);
    await page.getByTestId('secretary-projects').waitFor();
    await page.getByTestId('home-declare').first().waitFor();
    expect(await page.getByTestId('admin-shortcuts').count()).toBe(0);
    const items = await menu(page);
    expect(items).toContain('书记项目');
    for (const admin of ['行政区划', '用户与角色', '审计日志', '季度分析']) expect(items).not.toContain(admin);
    await shot(page, 'homes-secretary');
    await page.context().close();
  });

  it('the judge lands on their contests at a desk, and on the scoring page on a phone', async () => {
    const desk = await signIn('dd_judge', DESKTOP);
    await desk.getByTestId('judge-home').waitFor();
    expect(await menu(desk)).toEqual(['工作台', '评委打分', '项目活动', '书记项目', '研判会', '比武打擂']);
    await desk.context().close();

    const phone = await signIn('dd_judge', PHONE);
    await phone.waitForURL((u) => u.pathname === '/judge', { timeout: WAIT });
    await phone.locator('.ty-judge-link').first().waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'homes-judge-phone');
    await phone.context().close();
  });

  it('a department handler and an enterprise contact land on the demands (诉求) they work on', async () => {
    for (const username of ['fs_handler', 'fs_contact']) {
      const page = await signIn(username, PHONE);
      await page.waitForURL((u) => u.pathname === '/demands', { timeout: WAIT });
      await page.getByRole('heading', { name: '企业诉求' }).waitFor();
      expect(await horizontalOverflow(page), username).toBeLessThanOrEqual(0);
      await page.context().close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a worker, whose services come later, is told plainly that nothing is assigned yet', async () => {
    const page = await signIn('hs_worker', PHONE);
    await page.getByTestId('home-nothing-yet').waitFor();
    expect(await page.getByTestId('home-nothing-yet').textContent()).toContain('目前没有分配给您的工作');
    expect(await page.getByTestId('admin-shortcuts').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '菜单' }).click();
    await expect.poll(() => menu(page)).toEqual(['工作台']);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
