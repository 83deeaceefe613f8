import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DemandPage, HostOrgListItem, Page as ListPage, ProjectListItem } from '@touyan/schemas';
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
  login,
  poll,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();

/**
 * Each role lands on its own work (工作台): staff on their to-dos (a count opens the list it counts),
 * the secretary on their projects and the campaign open today with no administration on offer, the
 * judge on their contests — and on a phone straight on the scoring page — and a mediator on the
 * cases of their centre (调裁诉援).
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

  it('a mediator lands on the cases of their centre on a phone, the most urgent statutory clock first', async () => {
    const page = await signIn('hs_mediator', PHONE);
    await page.waitForURL(/\/mediator$/);
    await page.getByTestId('mediator-page').waitFor();
    await page.getByTestId('case-card').first().waitFor();
    expect(await page.getByTestId('case-card').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('clock').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  /**
   * 一企一专员 end to end (issue 11): the specialist logs a visit on a phone and raises a demand with it,
   * the department's handler signs for, answers and resolves it, the enterprise rates it, and the
   * staff home's 解决问题 figure grows by one — and opens the list that now holds the demand.
   */
  it('a demand raised on a visit is resolved, rated, and counted on the staff home', async () => {
    const figure = async (page: Page) =>
      Number(
        (await page.getByTestId('enterprise-resolved').locator('.ty-home-status-n').textContent())!.match(/\d+/)![0],
      );
    const staff = await openPage(browser, 'fs_staff', DESKTOP, pageErrors);
    current = staff;
    await login(staff, server, 'fs_staff');
    await staff.getByTestId('staff-enterprise').waitFor();
    const before = await figure(staff);

    // The specialist, on a phone, at the firm whose contact will rate the answer.
    const contact = await apiLogin(server, 'fs_contact');
    apiUsers.push(contact);
    const firm = (await call<ListPage<HostOrgListItem>>(contact, 'GET', '/api/host-orgs?limit=5')).items[0]!;
    const phone = await openPage(browser, 'fs_specialist', PHONE, pageErrors);
    current = phone;
    await login(phone, server, 'fs_specialist', '/field');
    const card = phone.getByTestId(`firm-${firm.id}`);
    await card.getByTestId('log-visit').click();
    await phone.getByTestId('visit-findings').fill('企业反映拟申报绿色工厂，需政策辅导。');
    await phone.getByTestId('demand-add').click();
    await phone.getByTestId('demand-0').getByRole('button', { name: '政策' }).click();
    const title = `绿色工厂申报辅导 ${Date.now() % 100000}`;
    await phone.getByTestId('demand-0-title').fill(title);
    await phone.getByTestId('demand-0-description').fill('企业计划申报市级绿色工厂，希望经信部门上门辅导申报材料。');
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'enterprise-visit-phone');
    await phone.getByTestId('visit-submit').click();
    await phone.getByTestId('visit-form').waitFor({ state: 'detached' });

    // Routed by category (政策 → 经信局): its handler works it in the drawer.
    const handlerApi = await apiLogin(server, 'fs_handler');
    apiUsers.push(handlerApi);
    const found = await call<DemandPage>(handlerApi, 'GET', `/api/demands?q=${encodeURIComponent(title)}&limit=5`);
    expect(found.items.map((d) => [d.title, d.source, d.status])).toEqual([[title, 'visit', 'received']]);
    const id = found.items[0]!.id;
    const handler = await openPage(browser, 'fs_handler', DESKTOP, pageErrors);
    current = handler;
    await login(handler, server, 'fs_handler', '/demands');
    await handler.goto(`${server.baseUrl}/demands?id=${id}`);
    const drawer = handler.locator('.ant-drawer-content');
    const step = async (name: RegExp, note?: string) => {
      await drawer.getByRole('button', { name }).click();
      // A step without a note is sent at once: its button goes when the demand has moved on.
      if (!note) await drawer.getByRole('button', { name }).waitFor({ state: 'detached' });
      if (note) {
        const modal = handler.locator('.ant-modal-content');
        await modal.locator('textarea').fill(note);
        await modal.locator('.ant-btn-primary').click();
        await modal.waitFor({ state: 'detached' });
      }
    };
    // Each step is taken once the drawer shows the status the last one led to (its new version).
    await step(/^签\s?收$/);
    await drawer.getByText('已签收').waitFor();
    await step(/^首次答复$/, '已联系企业，安排下周上门辅导。');
    await drawer.getByText('办理中').waitFor();
    await step(/^办\s?结$/, '已上门辅导，企业申报材料已提交。');
    await drawer.getByText('已办结待评价').waitFor();

    // The enterprise rates it on its phone: satisfied closes it.
    const rater = await openPage(browser, 'fs_contact', PHONE, pageErrors);
    current = rater;
    await login(rater, server, 'fs_contact', '/demands');
    await rater.goto(`${server.baseUrl}/demands?id=${id}`);
    await rater
      .locator('.ant-drawer-content')
      .getByRole('button', { name: /^评\s?价$/ })
      .click();
    const modal = rater.locator('.ant-modal-content');
    await modal.locator('.ant-select').click();
    await rater
      .locator('.ant-select-item-option')
      .filter({ hasText: /^满意$/ })
      .click();
    await modal.locator('.ant-btn-primary').click();
    await rater.locator('.ant-drawer-content').getByText('已关闭').waitFor();

    // The staff home counts it, and the figure opens the list that holds it.
    current = staff;
    await staff.reload();
    await staff.getByTestId('staff-enterprise').waitFor();
    await poll(() => figure(staff)).toBe(before + 1);
    await shot(staff, 'enterprise-staff-home');
    await staff.getByTestId('enterprise-resolved').click();
    await staff.waitForURL((u) => u.pathname === '/demands' && u.searchParams.get('measure') === 'resolved');
    await staff.getByText(title).waitFor();
    for (const p of [staff, phone, handler, rater]) await p.context().close();
    expect(pageErrors).toEqual([]);
  });
});
