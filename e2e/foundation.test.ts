import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hostOrgInput } from '../server/src/seed/factories';
import { Rng } from '../server/src/seed/random';
import { ALL_HOST_ORGS } from '../server/src/modules/host-orgs/host-orgs.policy';
import { pickOption } from './antd';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { DESKTOP, horizontalOverflow, shot as saveShot } from './support';

const run = browserAvailable();

describe.runIf(run)('foundation in the browser: a county user keeps the ledger', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage(DESKTOP);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => saveShot(page, name);

  it('logs in as 振兴区 staff in Chinese', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('#login_login', 'dd_zx_staff');
    await page.fill('#login_password', 'wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.fill('#login_password', 'Touyan@2025');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('welcome').waitFor();
    await shot('01-home');
  });

  it('refuses a wrong credit code with the Chinese message, then saves the corrected one', async () => {
    const { dept, committee } = await countyNodes(server, '中共振兴区委社会工作部');
    expect(dept).toBeTruthy();
    const input = hostOrgInput(
      new Rng(777),
      { regionCode: '210603', managingOrgId: committee.id, type: 'private_enterprise' },
      '丹东',
    );
    const name = `丹东浏览器测试${input.name.slice(2)}`;
    const last = input.creditCode.at(-1)!;
    const wrong = input.creditCode.slice(0, 17) + (last === '0' ? '1' : '0');

    await page.goto(`${server.baseUrl}/host-orgs`);
    await page.getByRole('button', { name: '新增组织' }).click();
    await page.fill('#hostOrg_name', name);
    await page.fill('#hostOrg_creditCode', wrong);
    await pickOption(page, '#hostOrg_type', '民营企业');
    await pickOption(page, '#hostOrg_industry', '制造业');
    await pickOption(page, '#hostOrg_sizeClass', '规上');
    await page.fill('#hostOrg_staffCount', '260');
    await page.fill('#hostOrg_partyMemberCount', '12');
    await page.click('#hostOrg_regionCode');
    await page.keyboard.type('振兴');
    await page.locator('.ant-select-tree-node-content-wrapper[title="辽宁省丹东市振兴区"]').click();
    await page.click('#hostOrg_managingOrgId');
    await page.keyboard.type('振兴区"两新"工委');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode', {
        hasText: '振兴区"两新"工委',
      })
      .first()
      .click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(() => page.locator('#hostOrg_creditCode_help').textContent())
      .toContain('统一社会信用代码校验位不正确，请核对营业执照');
    await shot('02-credit-code-error');

    await page.fill('#hostOrg_creditCode', input.creditCode);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    try {
      await page.locator('#hostOrg_name').waitFor({ state: 'detached', timeout: 20_000 });
    } catch (e) {
      await page.screenshot({ path: '/tmp/e2e-save-failure.png', fullPage: true });
      const errors = await page
        .locator('.ant-form-item-explain-error, .ant-message-notice, .ant-modal')
        .allTextContents();
      throw new Error(`the host organisation was not saved; page shows: ${errors.join(' | ')}`, { cause: e });
    }

    await page.fill('#hostOrgSearch', '浏览器测试');
    await page.press('#hostOrgSearch', 'Enter');
    const row = page.locator('.ty-host-org-table tbody tr.ant-table-row', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain(input.creditCode);
    await shot('03-list');

    // 编辑 from the list opens the form on the whole record (loaded then: the row carries only the
    // table's columns), fields the table does not show included.
    await row.getByRole('button', { name: `编辑 ${name}` }).click();
    await expect.poll(() => page.locator('#hostOrg_name').inputValue()).toBe(name);
    await shot('03b-edit-from-list');
    await expect.poll(() => page.locator('#hostOrg_creditCode').inputValue()).toBe(input.creditCode);
    await expect.poll(() => page.locator('#hostOrg_staffCount').inputValue()).toBe('260');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await page.locator('#hostOrg_name').waitFor({ state: 'detached', timeout: 20_000 });

    await page.goto(`${server.baseUrl}/audit`);
    const auditRow = page.locator('.ty-audit-table tbody tr.ant-table-row', { hasText: name }).first();
    await auditRow.waitFor();
    expect(await auditRow.textContent()).toContain('新增');
    await auditRow.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.locator('.ty-audit-changes').first().textContent()).toContain(input.creditCode);
    await shot('04-audit');
  });

  it('cannot open an organisation of another county (元宝区)', async () => {
    const other = await server.t.services.store.repos.hostOrgs.list(ALL_HOST_ORGS, {
      limit: 1,
      regionCode: '210602',
      withTotal: false,
      threeHas: undefined,
      regionExact: undefined,
      parkNone: undefined,
    });
    const id = other.items[0]!.id;
    await page.goto(`${server.baseUrl}/host-orgs/${id}`);
    await page.getByTestId('record-not-found').waitFor();
    expect(await page.getByTestId('record-not-found').textContent()).toContain('记录不存在或无权查看');
    await shot('05-not-found');
  });

  it('works at phone width (375 px) without horizontal overflow', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.baseUrl}/host-orgs`);
    await page.locator('.ty-host-org-table').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot('06-phone');
  });
});

async function countyNodes(server: RunningServer, deptName: string) {
  const tree = await server.t.services.store.repos.partyOrgs.tree({ all: true });
  const dept = tree.find((o) => o.name === deptName)!;
  const committee = tree.find((o) => o.parentId === dept.id && o.type === 'two_new_committee')!;
  return { dept, committee };
}
