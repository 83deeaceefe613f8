import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ContestView, RubricTemplateView } from '@touyan/schemas';
import { clickInDialog, messages, pickFirst, pickOption } from './antd';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  DESKTOP,
  apiLogin,
  call,
  login,
  openPage,
  poll,
  screenshotsOnFailure,
  shot as saveShot,
  type ApiUser,
} from './support';

const run = browserAvailable();

const TEMPLATE = 'E2E评分细则';
const TEMPLATE_V2 = 'E2E评分细则（修订）';
const SAVED_AS = 'E2E另存模板';
const CONTEST = 'E2E模板比武';

/**
 * Rubric templates in the browser: 丹东's staff create and edit a template (rows added, moved and
 * re-weighted; a stale version offers to reload), choose it for a new contest, save a contest's
 * rubric as another template and delete that one after confirming; the new contest, drawn and made
 * ready, goes back to draft with a reason.
 */
describe.runIf(run)('contest rubric templates in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let staffApi: ApiUser;
  /** The contest created through the form with the edited template. */
  let created: ContestView;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staff = await openPage(browser, 'staff', DESKTOP, pageErrors);
    staffApi = await apiLogin(server, 'dd_staff');
    await login(staff, server, 'dd_staff', '/contests');
  });

  // One screenshot per failed test, numbered by the test's place in the file.
  afterEach((ctx) => {
    const n = ctx.task.suite?.tasks.indexOf(ctx.task) ?? 0;
    return screenshotsOnFailure(ctx, 'contest-templates', { [n + 1]: staff }, pageErrors);
  });

  afterAll(async () => {
    await staffApi?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => saveShot(page, `contest-templates-${name}`);

  const templates = () =>
    call<{ items: RubricTemplateView[] }>(staffApi, 'GET', '/api/rubric-templates').then((r) => r.items);
  const templateRow = (name: string) => staff.locator('.ant-table-tbody tr.ant-table-row', { hasText: name });
  /** The criteria of a template row as shown: `名称 满分` per tag. */
  const shownCriteria = (name: string) =>
    templateRow(name)
      .getByTestId('template-criteria')
      .locator('.ant-tag')
      .allTextContents()
      .then((l) => l.map((x) => x.replace(/\s+/g, ' ').trim()));
  const drawer = () => staff.locator('.ant-drawer-content-wrapper').last();
  const message = () => messages(staff);

  it('staff create a template: rows added, moved and re-weighted to a total of 100', async () => {
    await staff.getByTestId('rubric-templates').click();
    await staff.waitForURL((u) => u.pathname === '/contests/rubric-templates');
    await staff.getByTestId('template-create').click();
    const form = staff.getByTestId('template-form');
    await form.getByTestId('template-name').fill(TEMPLATE);
    // The default rubric to start from: 选题精准 20, 攻坚成效 40, 示范带动 20, 汇报表现 20.
    expect(await form.getByTestId('rubric-sum').textContent()).toContain('100 / 100');
    await form.getByTestId('criterion-max-1').fill('30');
    await poll(() => form.getByTestId('rubric-sum').textContent()).toContain('90 / 100');
    // Saving with a total of 90 is refused in the form; nothing reaches the server.
    await drawer().getByTestId('drawer-save').click();
    await poll(() => form.getByTestId('rubric-sum').textContent()).toContain('各项满分合计须为100');
    expect(await templates()).toEqual([]);
    // A new row takes the missing points; it moves up to second place.
    await form.getByTestId('criterion-add').click();
    await form.getByTestId('criterion-name-4').fill('日常工作');
    expect(await form.getByTestId('criterion-max-4').inputValue()).toBe('10');
    await form.getByTestId('criterion-desc-4').fill('季度评定和日常走访情况');
    for (const i of [4, 3, 2]) await form.getByTestId(`criterion-up-${i}`).click();
    expect(await form.getByTestId('criterion-name-1').inputValue()).toBe('日常工作');
    await poll(() => form.getByTestId('rubric-sum').textContent()).toBe('满分合计：100 / 100');
    await shot(staff, '01-create');
    await drawer().getByTestId('drawer-save').click();
    await poll(message).toEqual(expect.arrayContaining([`已新建模板：${TEMPLATE}`]));
    await poll(() => shownCriteria(TEMPLATE)).toEqual([
      '选题精准 20',
      '日常工作 10',
      '攻坚成效 30',
      '示范带动 20',
      '汇报表现 20',
    ]);
    const [saved] = await templates();
    expect(saved!.name).toBe(TEMPLATE);
    expect(saved!.orgName).toBe('中共丹东市委社会工作部');
    const daily = saved!.rubric.criteria[1]!;
    expect(daily).toMatchObject({ name: '日常工作', maxPoints: 10, description: '季度评定和日常走访情况' });
    expect(daily.code).toMatch(/^[a-z][a-z0-9_]+$/);
  });

  it('an edit on a stale version offers to reload; the edit on the latest version saves', async () => {
    const [tp] = await templates();
    await templateRow(TEMPLATE).getByTestId('template-edit').click();
    const form = staff.getByTestId('template-form');
    await poll(() => form.getByTestId('template-name').inputValue()).toBe(TEMPLATE);
    // Someone else renames it meanwhile.
    await call(staffApi, 'PATCH', `/api/rubric-templates/${tp!.id}`, {
      name: `${TEMPLATE}（他人修改）`,
      rubric: tp!.rubric,
      version: tp!.version,
    });
    await form.getByTestId('template-name').fill(TEMPLATE_V2);
    await drawer().getByTestId('drawer-save').click();
    const conflict = staff.locator('.ant-modal-confirm', { hasText: '记录已被修改' });
    await conflict.waitFor();
    await clickInDialog(conflict.getByRole('button', { name: '加载最新版本' }));
    await templateRow(`${TEMPLATE}（他人修改）`).waitFor();

    await templateRow(`${TEMPLATE}（他人修改）`).getByTestId('template-edit').click();
    await poll(() => form.getByTestId('template-name').inputValue()).toBe(`${TEMPLATE}（他人修改）`);
    await form.getByTestId('template-name').fill(TEMPLATE_V2);
    await form.getByTestId('criterion-max-3').fill('15');
    await form.getByTestId('criterion-max-4').fill('25');
    // 汇报表现 moves to the top.
    for (const i of [4, 3, 2, 1]) await form.getByTestId(`criterion-up-${i}`).click();
    await poll(() => form.getByTestId('rubric-sum').textContent()).toBe('满分合计：100 / 100');
    await drawer().getByTestId('drawer-save').click();
    await poll(message).toEqual(expect.arrayContaining([`已保存模板：${TEMPLATE_V2}`]));
    await poll(() => shownCriteria(TEMPLATE_V2)).toEqual([
      '汇报表现 25',
      '选题精准 20',
      '日常工作 10',
      '攻坚成效 30',
      '示范带动 15',
    ]);
    await shot(staff, '02-list');
  });

  it('the edited template fills the rubric of a new contest; the contest keeps it', async () => {
    const [tp] = await templates();
    await staff.goto(`${server.baseUrl}/contests`);
    await staff.getByTestId('create-contest').click();
    const d = drawer();
    await d.locator('#campaignId').waitFor();
    // The 2025 campaign, whose projects are approved (the demo's current-year one has none yet).
    await pickOption(staff, '#campaignId', '2025年度新兴领域书记项目');
    await d.locator('#name').fill(CONTEST);
    await d.locator('#contestDate').click();
    await d.locator('#contestDate').fill('2025-12-26');
    await d.locator('#contestDate').press('Enter');
    await d.locator('#venue').fill('丹东市党群服务中心');
    await pickFirst(staff, '#projectIds', 3);
    await pickFirst(staff, '#judgeIds', 3);

    await staff.click('input[aria-label="套用模板"]');
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: TEMPLATE_V2,
      })
      .click();
    for (const [i, c] of tp!.rubric.criteria.entries()) {
      await poll(() => d.getByTestId(`criterion-name-${i}`).inputValue()).toBe(c.name);
      expect(await d.getByTestId(`criterion-max-${i}`).inputValue()).toBe(String(c.maxPoints));
    }
    expect(await d.getByTestId('rubric-sum').textContent()).toBe('满分合计：100 / 100');
    await shot(staff, '03-contest-form');
    await d.getByTestId('drawer-save').click();
    await staff.waitForURL((u) => /^\/contests\/[0-9A-Z]+$/.test(u.pathname));
    const id = new URL(staff.url()).pathname.split('/').pop()!;
    created = await call<ContestView>(staffApi, 'GET', `/api/contests/${id}`);
    expect(created.name).toBe(CONTEST);
    expect(created.status).toBe('draft');
    expect(created.rubric.criteria).toEqual(tp!.rubric.criteria);
  });

  it('a contest’s rubric is saved as a new template from the form; deleting it asks first', async () => {
    await staff.getByTestId('contest-edit').click();
    const d = drawer();
    await poll(() => d.getByTestId('criterion-name-0').inputValue()).toBe('汇报表现');
    await d.getByTestId('criterion-max-0').fill('20');
    await d.getByTestId('criterion-max-4').fill('20');
    await d.getByTestId('contest-save-template').click();
    const form = staff.getByTestId('template-form');
    await form.getByTestId('template-name').fill(SAVED_AS);
    expect(await form.getByTestId('criterion-max-4').inputValue()).toBe('20');
    await drawer().getByTestId('drawer-save').click();
    await poll(message).toEqual(expect.arrayContaining([`已新建模板：${SAVED_AS}`]));
    await form.waitFor({ state: 'detached' });
    // The picker shows the template just saved; the contest drawer is still open.
    await poll(() =>
      d.locator('.ant-select', { has: staff.locator('input[aria-label="套用模板"]') }).textContent(),
    ).toContain(SAVED_AS);
    await d.locator('.ant-drawer-footer').getByRole('button', { name: '取消' }).click();
    expect((await templates()).map((t) => t.name).sort()).toEqual([SAVED_AS, TEMPLATE_V2].sort());

    await staff.goto(`${server.baseUrl}/contests/rubric-templates`);
    await poll(() => shownCriteria(SAVED_AS)).toEqual([
      '汇报表现 20',
      '选题精准 20',
      '日常工作 10',
      '攻坚成效 30',
      '示范带动 20',
    ]);
    await templateRow(SAVED_AS).getByTestId('template-delete').click();
    const confirm = staff.locator('.ant-modal-confirm', { hasText: SAVED_AS });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('删除后不能恢复');
    // Cancelling keeps it.
    await clickInDialog(confirm.getByRole('button', { name: '取消' }));
    await confirm.waitFor({ state: 'detached' });
    expect((await templates()).length).toBe(2);
    await templateRow(SAVED_AS).getByTestId('template-delete').click();
    await clickInDialog(staff.getByTestId('template-delete-confirm'));
    await poll(message).toEqual(expect.arrayContaining([`已删除模板：${SAVED_AS}`]));
    await templateRow(SAVED_AS).waitFor({ state: 'detached' });
    expect((await templates()).map((t) => t.name)).toEqual([TEMPLATE_V2]);
    // The contest keeps its own copy of the rubric.
    const again = await call<ContestView>(staffApi, 'GET', `/api/contests/${created.id}`);
    expect(again.rubric).toEqual(created.rubric);
  });

  it('a ready contest goes back to draft with a reason; a stale page offers to reload first', async () => {
    await staff.goto(`${server.baseUrl}/contests/${created.id}`);
    const status = () => staff.locator('.ty-page-header .ant-tag').first().textContent();
    await staff.getByTestId('contest-draw').click();
    await staff.getByTestId('draw-seed').waitFor();
    await staff.getByTestId('contest-ready').click();
    await clickInDialog(staff.locator('.ant-modal-confirm .ant-btn-primary'));
    await poll(status).toBe('已就绪');
    expect(await staff.getByTestId('contest-edit').count()).toBe(0);

    // Meanwhile the contest goes back and forth elsewhere: this page's version is stale.
    let view = await call<ContestView>(staffApi, 'GET', `/api/contests/${created.id}`);
    view = await call<ContestView>(staffApi, 'POST', `/api/contests/${created.id}/draft`, {
      version: view.version,
      reason: '接口测试退回',
    });
    await call<ContestView>(staffApi, 'POST', `/api/contests/${created.id}/ready`, { version: view.version });

    await staff.getByTestId('contest-to-draft').click();
    const dialog = staff.locator('.ant-modal', { hasText: '退回原因' });
    await dialog.waitFor();
    // The reason is required (2–200 characters), checked before anything is sent.
    await clickInDialog(staff.getByTestId('contest-to-draft-ok'));
    await poll(() => dialog.locator('.ant-form-item-explain-error').textContent()).toBe(
      '请填写退回草稿的原因（2至200字）',
    );
    await staff.getByTestId('contest-to-draft-reason').fill('需');
    await clickInDialog(staff.getByTestId('contest-to-draft-ok'));
    await poll(() => dialog.locator('.ant-form-item-explain-error').textContent()).toBe(
      '请填写退回草稿的原因（2至200字）',
    );
    const reason = '评委调整：增加一名评委，需重新设置';
    await staff.getByTestId('contest-to-draft-reason').fill(reason);
    await clickInDialog(staff.getByTestId('contest-to-draft-ok'));
    const conflict = staff.locator('.ant-modal-confirm', { hasText: '记录已被修改' });
    await conflict.waitFor();
    await clickInDialog(conflict.getByRole('button', { name: '加载最新版本' }));
    await conflict.waitFor({ state: 'detached' });

    // On the latest version it goes through.
    await staff.getByTestId('contest-to-draft-reason').fill(reason);
    await clickInDialog(staff.getByTestId('contest-to-draft-ok'));
    await poll(message).toEqual(expect.arrayContaining(['已退回草稿']));
    await dialog.waitFor({ state: 'hidden' });
    await poll(status).toBe('筹备中');
    await staff.getByTestId('contest-edit').waitFor();
    expect(await staff.getByTestId('contest-to-draft').count()).toBe(0);
    const after = await call<ContestView>(staffApi, 'GET', `/api/contests/${created.id}`);
    expect(after.status).toBe('draft');
    expect(after.drawSeed).not.toBeNull();
    await shot(staff, '04-back-to-draft');
    expect(pageErrors).toEqual([]);
  });
});
