import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  PHONE,
  SHOTS,
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
/** Admin pages are looked at 1440 px wide. */
const WIDE = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

/**
 * 调裁诉援 end to end (issue 14): hs_staff takes a case at 惠山's centre (a second one for the same
 * worker and respondent is refused), records mediation, the agreement, its performance and closes it
 * — the staff home's figures move by one each — prints the case summary; hs_worker follows their
 * own case on a 375 px phone from /worker.
 */
describe.runIf(run)('调裁诉援: intake → mediation agreement → performed → closed', () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  const pageErrors: string[] = [];
  const mobile = `139${String(Date.now()).slice(-8)}`;
  let caseId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'disputes', { page: current }, pageErrors));
  const apiUsers: ApiUser[] = [];
  afterAll(async () => {
    for (const u of apiUsers) await u.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** A figure of the staff home's disputes card (its number). */
  const figure = async (page: Page, key: string) => {
    const text = await page.getByTestId(`disputes-${key}`).textContent();
    return Number(/(\d+)/.exec(text ?? '')?.[1]);
  };
  const home = async (page: Page) => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('staff-disputes').waitFor();
    return { received: await figure(page, 'received'), closed: await figure(page, 'closed') };
  };
  /** Clicks an action of the open case, fills what is asked, and saves the modal. */
  const act = async (page: Page, event: string, fill?: () => Promise<void>) => {
    await page.getByTestId(`act-${event}`).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId(`event-form-${event}`) });
    await dialog.waitFor();
    await fill?.();
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
  };
  const fillIntake = async (page: Page) => {
    await page.getByTestId('dispute-intake').click();
    const form = page.getByTestId('intake-form');
    await form.waitFor();
    await form.locator('#workerName').fill('端到端骑手');
    await form.locator('#mobile').fill(mobile);
    await form.locator('#respondentName').fill('端到端测试配送有限公司');
    await form.locator('#claimYuan').fill('3200');
    await form.locator('#facts').fill('2026年10月配送费3200元未结算，多次催要未果。');
    await page.getByTestId('intake-save').click();
  };

  it('staff take a case, a duplicate is refused, and the case goes through mediation to closing; the home counts it', async () => {
    const page = await openPage(browser, 'hs_staff', WIDE, pageErrors);
    current = page;
    await login(page, server, 'hs_staff');
    const before = await home(page);
    await shot(page, 'disputes-staff-home');

    await page.goto(`${server.baseUrl}/disputes`);
    await page.getByTestId('case-link').first().waitFor();
    await shot(page, 'disputes-list');
    // The clock filter: only cases with an overdue clock (the demo has one).
    await page.goto(`${server.baseUrl}/disputes?clock=overdue`);
    await poll(() => page.getByTestId('case-link').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="clock-mediation"][data-state="overdue"]').first().waitFor();
    // The case in court (legal aid, arbitration, litigation) as its drawer shows it, for the record.
    if (SHOTS) {
      await page.goto(`${server.baseUrl}/disputes?status=litigating`);
      await page.getByTestId('case-link').first().click();
      await page.getByTestId('case-timeline').waitFor();
      await page.setViewportSize({ width: 1440, height: 2000 });
      await shot(page, 'disputes-detail-court');
      await page.setViewportSize(WIDE.viewport);
    }

    await page.goto(`${server.baseUrl}/disputes`);
    await fillIntake(page);
    await page.getByTestId('case-detail').waitFor();
    caseId = new URL(page.url()).searchParams.get('id')!;
    expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
    await poll(() => page.getByTestId('case-no').textContent()).toMatch(/^HS/);

    // The same worker against the same respondent, while the case is open: refused, said clearly.
    await page.goto(`${server.baseUrl}/disputes`);
    await fillIntake(page);
    await page.getByTestId('intake-duplicate').waitFor();
    await poll(() => page.getByTestId('intake-duplicate').textContent()).toContain('已有未结案件');
    await shot(page, 'disputes-intake-duplicate');

    await page.goto(`${server.baseUrl}/disputes?id=${caseId}`);
    await page.getByTestId('case-detail').waitFor();
    await act(page, 'start_mediation');
    await page.getByTestId('case-clocks').getByTestId('clock-mediation').waitFor();
    await act(page, 'mediation_agreement', async () => {
      await page.locator('#terms').fill('被申请人于2026年12月31日前一次性支付配送费3000元。');
      await page.locator('#amountFen').fill('3000');
    });
    await act(page, 'record_performance');
    await shot(page, 'disputes-detail');
    await act(page, 'close');
    await poll(() => page.getByTestId('case-detail').textContent()).toContain('调解结案');
    await poll(() => page.getByTestId('case-detail').textContent()).toContain('¥3,000');

    const after = await home(page);
    expect(after.received).toBe(before.received + 1);
    expect(after.closed).toBe(before.closed + 1);
    await page.getByTestId('disputes-closed').click();
    await page.waitForURL((u) => u.pathname === '/disputes' && u.searchParams.get('status') === 'closed');
    await poll(() => page.getByTestId('dispute-total').textContent()).toContain(String(after.closed));

    await page.goto(`${server.baseUrl}/disputes/${caseId}/summary`);
    await page.getByTestId('summary').waitFor();
    await poll(() => page.getByTestId('summary').textContent()).toContain('调解结案');
    await poll(() => page.getByTestId('summary').textContent()).toContain('3,000.00 元');
    await shot(page, 'disputes-summary');
    expect(pageErrors).toEqual([]);
  });

  it('staff group two workers’ cases and open mediation for both at once, and add evidence to one', async () => {
    // Two riders against one platform company, taken through the API (the intake form is tested above).
    const api = await apiLogin(server, 'hs_staff');
    apiUsers.push(api);
    const centreId = (await call<{ items: { id: string }[] }>(api, 'GET', '/api/dispute-centres')).items[0]!.id;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const respondent = { kind: 'platform', name: '端到端集体争议配送公司', creditCode: null };
    const stamp = String(Date.now()).slice(-7);
    for (const n of [1, 2])
      await call(api, 'POST', '/api/dispute-cases', {
        centreId,
        source: 'walk_in',
        worker: { name: `集体骑手${n}`, mobile: `13${n}${stamp}0` },
        respondent,
        type: 'wage_arrears',
        claimFen: 180_000,
        facts: '2026年11月站点停运，配送费1800元未结算。',
        receivedOn: today,
      });

    const page = await openPage(browser, 'hs_staff', WIDE, pageErrors);
    current = page;
    await login(page, server, 'hs_staff');
    await page.goto(`${server.baseUrl}/disputes?q=${encodeURIComponent(respondent.name)}`);
    await poll(() => page.getByTestId('case-link').count()).toBe(2);
    for (const box of await page.locator('tr.ant-table-row td.ant-table-selection-column .ant-checkbox').all())
      await box.click();
    await page.getByTestId('group-create').click();
    await page.getByTestId('group-title').fill('端到端集体争议配送公司欠薪（2人）');
    await page.getByTestId('group-save').click();
    await page.getByTestId('group-panel').waitFor();
    await page.waitForURL((u) => u.searchParams.has('groupId'));
    // One event for the whole group: both cases go into mediation.
    await page.getByTestId('group-act-start_mediation').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('event-form-start_mediation') });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('group-panel').textContent()).toContain('调解中 2');
    await shot(page, 'disputes-group');
    // A third rider comes later: added to the shown group from its panel.
    await call(api, 'POST', '/api/dispute-cases', {
      centreId,
      source: 'walk_in',
      worker: { name: '集体骑手3', mobile: `133${stamp}0` },
      respondent,
      type: 'wage_arrears',
      claimFen: 180_000,
      facts: '2026年11月站点停运，配送费1800元未结算。',
      receivedOn: today,
    });
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-add-list').locator('.ant-checkbox').first().click();
    await shot(page, 'disputes-group-add');
    await page.getByTestId('group-add-save').click();
    await poll(() => page.getByTestId('group-panel').textContent()).toContain('共3件');

    // Evidence after intake: a PDF uploaded in the drawer is linked to the case at once.
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('case-detail').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '工资条.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await poll(() => page.getByTestId('case-evidence').textContent()).toContain('工资条.pdf');
    await poll(() => page.getByTestId('case-timeline').textContent()).toContain('补充证据');
    await page.setViewportSize({ width: 1440, height: 1800 });
    await shot(page, 'disputes-evidence');
    expect(pageErrors).toEqual([]);
  });

  it('the mediator records a session from the phone in three taps and a line of text, 375 px wide', async () => {
    const page = await openPage(browser, 'hs_mediator', PHONE, pageErrors);
    current = page;
    // The mediator lands on their page.
    await login(page, server, 'hs_mediator', '/mediator');
    await page.getByTestId('case-card').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'disputes-mediator');
    // Tap a case in mediation, tap a result, type a line, tap save.
    const card = page.getByTestId('case-card').filter({ hasText: '调解中' }).first();
    await card.getByRole('button').first().click();
    await card.getByTestId('result-progress').click();
    await card.getByTestId('session-note').fill('双方同意下周再次协商。');
    await card.getByTestId('save-session').click();
    await poll(() => page.getByText('已记录').count()).toBeGreaterThan(0);
    await shot(page, 'disputes-mediator-saved');
    expect(pageErrors).toEqual([]);
  });

  it('the worker follows their own case from the phone home, 375 px wide', async () => {
    const page = await openPage(browser, 'hs_worker', PHONE, pageErrors);
    current = page;
    await login(page, server, 'hs_worker', '/worker');
    await page.getByTestId('my-disputes-link').click();
    await page.waitForURL((u) => u.pathname === '/worker/disputes');
    await page.getByTestId('my-case').first().waitFor();
    await page.getByTestId('my-case-next').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'disputes-worker');
    // The worker applies online: an empty form names what to fill; a complete one lists the new case.
    const before = await page.getByTestId('my-case').count();
    await page.getByTestId('apply-open').click();
    await page.getByTestId('apply-submit').click();
    await page.getByText('请选择纠纷类型').waitFor();
    await shot(page, 'disputes-worker-apply');
    const respondent = `锡山某外卖配送站${Date.now() % 100000}`;
    await page.getByTestId('apply-type').selectOption('wage_arrears');
    await page.getByTestId('apply-name').fill(respondent);
    await page.getByTestId('apply-claim').fill('3200.5');
    await page.getByTestId('apply-facts').fill('2025年11月的配送费至今未结算。');
    // Evidence from the phone: a photo and a PDF, uploaded at once and listed; a Word file is refused.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(400, 32), Buffer.from('\n%%EOF\n')]);
    await page.getByTestId('apply-evidence-input').setInputFiles([
      { name: '工资条.png', mimeType: 'image/png', buffer: png },
      { name: '聊天记录.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await poll(() => page.getByTestId('apply-evidence-item').count()).toBe(2);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'disputes-worker-apply-evidence');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('apply-done').waitFor();
    await page.getByText(respondent).waitFor();
    expect(await page.getByTestId('my-case').count()).toBe(before + 1);
    // The centre sees the two files on the new case.
    const mine = await (await page.request.get(`${server.baseUrl}/api/dispute-cases/mine`)).json();
    const created = (mine as { items: { id: string; respondentName: string }[] }).items.find(
      (c) => c.respondentName === respondent,
    )!;
    const mediator = await apiLogin(server, 'hs_mediator');
    apiUsers.push(mediator);
    const seen = await call<{ evidence: { filename: string }[] }>(mediator, 'GET', `/api/dispute-cases/${created.id}`);
    expect(seen.evidence.map((e) => e.filename).sort()).toEqual(['工资条.png', '聊天记录.pdf']);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
