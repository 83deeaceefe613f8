// Screenshots of the ledger import drawer and the ledger tabs (not committed).
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';

const BASE = 'http://127.0.0.1:3914';
const OUT = '/tmp/wt-d-shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 375, height: 800 }]] as const) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${BASE}/login`);
  await page.fill('#login_login', 'fs_staff');
  await page.fill('#login_password', 'Touyan@2025');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  // An export, with a few ledger cells spoiled.
  const exp = await page.request.get(`${BASE}/api/host-orgs/export-ledger`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await exp.body());
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const col = (h: string) => headers.indexOf(h) + 1;
  console.log(label, 'export rows', ws.rowCount - 1);
  ws.getRow(2).getCell(col('组织覆盖方式')).value = '已组建';
  ws.getRow(3).getCell(col('组建日期')).value = '2023-02-30';
  ws.getRow(4).getCell(col('有固定场所')).value = '有';
  const none = [] as number[];
  ws.eachRow((r, n) => {
    if (n > 1 && r.getCell(col('组织覆盖方式')).value === '未组建') none.push(n);
  });
  if (none[0]) ws.getRow(none[0]).getCell(col('未组建原因')).value = null;
  if (none[1]) ws.getRow(none[1]).getCell(col('组建日期')).value = '2020-01-01';
  ws.getRow(5).getCell(col('县领导定点联系（登录名）')).value = 'nobody_here';
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  await page.goto(`${BASE}/host-orgs`);
  await page.getByTestId('host-org-import').click();
  await page.locator('.ant-drawer input[type=file]').setInputFiles({
    name: '富顺台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await page.getByTestId('host-org-import-counts').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(800);
  console.log(label, await page.getByTestId('host-org-import-counts').innerText());
  await page.screenshot({ path: `${OUT}/import-drawer-${label}.png`, fullPage: false });
  // The ledger tabs of an organisation.
  const list = await (await page.request.get(`${BASE}/api/host-orgs?limit=5&orgCoverageKind=joint`)).json();
  const id = list.items[0].id;
  await page.goto(`${BASE}/host-orgs/${id}`);
  await page.getByRole('tab').first().waitFor();
  for (const name of ['两个覆盖', '交叉任职', '党员亮身份', '联系人变更']) {
    const tab = page.getByRole('tab', { name });
    if (await tab.count()) {
      await tab.first().click();
      await page.waitForTimeout(700);
      await page.screenshot({ path: `${OUT}/ledger-${name}-${label}.png`, fullPage: true });
    }
  }
  const tabs = await page.getByRole('tab').allInnerTexts();
  console.log(label, 'tabs', tabs.join(' | '));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(label, 'scrollWidth', width);
  await ctx.close();
}
await browser.close();
