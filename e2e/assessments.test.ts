import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ASSESSMENT_GRADES,
  sheetOutcome,
  type AssessmentGrade,
  type AssessmentItem,
  type AssessmentSchemeView,
  type AssessmentSheetView,
  type Me,
  type Page as ListPage,
} from '@touyan/schemas';
import { acceptConfirm, expectMessage } from './antd';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  PHONE,
  apiLogin,
  call,
  horizontalOverflow,
  login,
  openPage,
  poll,
  screenshotsOnFailure,
  shot as saveShot,
  type ApiUser,
} from './support';

const run = browserAvailable();

const SCHEME_NAME = '2025年度新兴领域党组织党建工作考核';
const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

/** Points as the page writes them: `20`, `15.5` (at most two decimals, no trailing zeros). */
const fmt = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : Number.isInteger(v)
      ? String(v)
      : v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
const gradeName = (g: AssessmentGrade | null) => (g ? ASSESSMENT_GRADES[g]['zh-CN'] : '未完成');

/**
 * 海阳市's 2025 annual assessment (seeded: filled from the published contest, manual items entered,
 * published): staff see the sheets, return the scheme to draft, enter a manual item for one
 * organisation (total and grade follow), export the area list, publish again; the secretary, on a
 * phone, sees their own organisation's sheet and nothing else.
 */
describe.runIf(run)('annual assessment in the browser: sheets from the contest → manual entry → export', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let secretary: Page;
  let staffApi: ApiUser;
  let scheme: AssessmentSchemeView;
  /** The sheet staff change, and what it becomes. */
  let target: AssessmentSheetView;
  let item: AssessmentItem;
  let newValue: number;
  let expected: { total: number; grade: AssessmentGrade | null };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staff = await openPage(browser, 'staff', { ...DESKTOP, acceptDownloads: true }, pageErrors);
    secretary = await openPage(browser, 'secretary', { ...PHONE, acceptDownloads: true }, pageErrors);
    staffApi = await apiLogin(server, 'hy_staff');
    const list = await call<ListPage<AssessmentSchemeView>>(staffApi, 'GET', '/api/assessment-schemes?limit=50');
    const found = list.items.find((s) => s.name === SCHEME_NAME);
    expect(found, 'the seeded 海阳 scheme').toBeTruthy();
    scheme = found!;
    expect(scheme.status).toBe('published');
  });

  afterEach((ctx) => screenshotsOnFailure(ctx, 'assessment', { staff, secretary }, pageErrors));

  afterAll(async () => {
    await staffApi?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => saveShot(page, `assessment-${name}`);

  const sheetsOf = (u: ApiUser) =>
    call<ListPage<AssessmentSheetView>>(u, 'GET', `/api/assessment-schemes/${scheme.id}/sheets?limit=100`).then(
      (p) => p.items,
    );

  /** Clicks a link that downloads a file; returns the file's name and bytes. */
  async function download(page: Page, click: () => Promise<void>) {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const saved = path.join(tmpdir(), `touyan-e2e-${Date.now()}-${file.suggestedFilename()}`);
    await file.saveAs(saved);
    return { name: file.suggestedFilename(), data: await readFile(saved) };
  }

  async function readWorkbook(data: Buffer) {
    // An .xlsx is a zip archive.
    expect(data.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  }

  const row = (sheetId: string) => staff.locator(`tr.ant-table-row[data-row-key="${sheetId}"]`);
  const cells = (sheetId: string) => row(sheetId).locator('td').allTextContents();

  it('staff open the 海阳 scheme and see every sheet with the 书记项目 item filled from the contest', async () => {
    await login(staff, server, 'hy_staff', '/assessments');
    await staff.getByRole('link', { name: SCHEME_NAME }).click();
    await staff.waitForURL(`**/assessments/${scheme.id}`);
    const sheets = await sheetsOf(staffApi);
    expect(sheets.length).toBe(scheme.sheetCount);
    await poll(() => staff.locator('tr.ant-table-row').count()).toBe(sheets.length);
    const contestItem = scheme.items.find((i) => i.source === 'contest')!;
    const contestColumn = 1 + scheme.items.indexOf(contestItem);
    const filled = sheets.filter((s) => s.contestSource);
    expect(filled.length, 'sheets filled from the contest').toBeGreaterThan(0);
    for (const s of filled) {
      expect(s.values[contestItem.code]).toBe(s.contestSource!.points);
      const c = await cells(s.id);
      expect(c[0]).toBe(s.partyOrgName);
      expect(c[contestColumn], `${s.partyOrgName}'s ${contestItem.name}`).toBe(fmt(s.values[contestItem.code]));
      expect(c[scheme.items.length + 1]).toBe(fmt(s.total));
      expect(c[scheme.items.length + 2]).toBe(gradeName(s.grade));
    }
    // Ranked by total, best first.
    const totals = (await staff
      .locator('tr.ant-table-row')
      .evaluateAll((trs) =>
        trs.map((tr) => tr.querySelectorAll('td')[tr.querySelectorAll('td').length - 3]?.textContent ?? ''),
      )) as string[];
    const numbers = totals.map(Number);
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    // Published: frozen, nothing to enter.
    expect(await staff.getByTestId('sheet-enter').count()).toBe(0);
    await shot(staff, '01-scheme-published');
  });

  it('staff return the scheme to draft and enter a manual item for one organisation; total and grade follow', async () => {
    await staff.getByTestId('scheme-unpublish').click();
    await acceptConfirm(staff);
    await poll(() => staff.getByTestId('sheet-enter').count()).toBeGreaterThan(0);

    // A sheet that one manual item can lift over the next grade line (or, failing that, any sheet).
    const sheets = await sheetsOf(staffApi);
    const manual = scheme.items.filter((i) => i.source === 'manual');
    const lines = [scheme.thresholds.pass, scheme.thresholds.good, scheme.thresholds.excellent];
    let pick: { s: AssessmentSheetView; it: AssessmentItem; v: number } | null = null;
    for (const s of sheets.filter((x) => x.complete)) {
      const next = lines.find((l) => l > s.total);
      if (next === undefined) continue;
      for (const it of manual) {
        const v = Math.round((s.values[it.code]! + (next - s.total)) * 2) / 2 + 0.5;
        if (v <= it.maxPoints) pick = pick ?? { s, it, v };
      }
    }
    expect(pick, 'a sheet one item can move to the next grade').toBeTruthy();
    ({ s: target, it: item, v: newValue } = pick!);
    expected = sheetOutcome(scheme.items, { ...target.values, [item.code]: newValue }, scheme.thresholds);
    expect(expected.grade).not.toBe(target.grade);

    await row(target.id).getByTestId('sheet-enter').click();
    const drawer = staff.locator('.ant-drawer-content');
    await drawer.waitFor();
    expect(await drawer.locator('.ant-drawer-title').textContent()).toContain(target.partyOrgName);
    // The contest item is shown, not editable.
    const contestItem = scheme.items.find((i) => i.source === 'contest')!;
    expect(await drawer.locator(`#values_${contestItem.code}`).isDisabled()).toBe(true);
    const input = drawer.locator(`#values_${item.code}`);
    await input.fill(String(newValue));
    await poll(() => drawer.getByTestId('sheet-preview').textContent()).toContain(
      `总分 ${fmt(expected.total)}，等次 ${gradeName(expected.grade)}`,
    );
    await shot(staff, '02-enter');
    await drawer.getByTestId('drawer-save').click();
    await expectMessage(staff, '已保存');
    await drawer.waitFor({ state: 'detached' });

    const c = () => cells(target.id);
    const itemColumn = 1 + scheme.items.indexOf(item);
    await poll(async () => (await c())[itemColumn]).toBe(fmt(newValue));
    await poll(async () => (await c())[scheme.items.length + 1]).toBe(fmt(expected.total));
    await poll(async () => (await c())[scheme.items.length + 2]).toBe(gradeName(expected.grade));
    const after = (await sheetsOf(staffApi)).find((s) => s.id === target.id)!;
    expect(after.values[item.code]).toBe(newValue);
    expect(after.total).toBe(expected.total);
    expect(after.grade).toBe(expected.grade);
    await shot(staff, '03-entered');
  });

  it('staff export the area list: an .xlsx with one row per organisation, the new points included', async () => {
    const file = await download(staff, () => staff.getByTestId('export-list').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const rows = await readWorkbook(file.data);
    const sheets = await sheetsOf(staffApi);
    const header = rows[0]!.map(String);
    expect(header[0]).toBe('党组织');
    expect(header).toEqual(expect.arrayContaining(['总分', '等次', `${item.name}（${item.maxPoints}）`]));
    expect(rows.length - 1).toBe(sheets.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(sheets.map((s) => s.partyOrgName)));
    const mine = rows.find((r) => r[0] === target.partyOrgName)!;
    expect(mine[header.indexOf(`${item.name}（${item.maxPoints}）`)]).toBe(newValue);
    expect(mine[header.indexOf('总分')]).toBe(expected.total);
    expect(mine[header.indexOf('等次')]).toBe(gradeName(expected.grade));
  });

  it('staff publish the scheme again', async () => {
    await staff.getByTestId('scheme-publish').click();
    await acceptConfirm(staff);
    await staff.getByTestId('scheme-unpublish').waitFor();
    await poll(() => staff.getByTestId('sheet-enter').count()).toBe(0);
  });

  it('the secretary, on a 375 px phone, sees their own organisation’s sheet and nothing else', async () => {
    const secApi = await apiLogin(server, 'hy_secretary');
    try {
      const me = await call<Me>(secApi, 'GET', '/api/auth/me');
      const own = me.roles.filter((r) => r.role === 'secretary').map((r) => r.orgName);
      const visible = await sheetsOf(secApi);
      expect(visible.length).toBe(1);
      expect(own).toContain(visible[0]!.partyOrgName);
      const sheet = visible[0]!;
      // The area list is not theirs to export (the route needs assessment.manage).
      expect((await secApi.api.get(`/api/assessment-schemes/${scheme.id}/sheets.xlsx`)).status()).toBe(403);

      await login(secretary, server, 'hy_secretary', '/assessments');
      await secretary.getByRole('link', { name: SCHEME_NAME }).click();
      await secretary.waitForURL(`**/assessments/${scheme.id}`);
      const card = secretary.getByTestId(`sheet-card-${sheet.partyOrgId}`);
      await card.waitFor();
      expect(await secretary.locator('[data-testid^="sheet-card-"]').count()).toBe(1);
      expect(await card.getByTestId('sheet-total').textContent()).toContain(fmt(sheet.total));
      expect(await card.textContent()).toContain(gradeName(sheet.grade));
      for (const it of scheme.items) {
        expect(await card.getByTestId(`sheet-item-${it.code}`).textContent()).toContain(
          `${fmt(sheet.values[it.code])} / ${it.maxPoints}`,
        );
      }
      // Nothing of other organisations, nothing to manage.
      const body = (await secretary.locator('body').textContent()) ?? '';
      const others = (await sheetsOf(staffApi)).filter((s) => s.partyOrgId !== sheet.partyOrgId);
      for (const o of others) expect(body).not.toContain(o.partyOrgName);
      expect(await secretary.locator('.ant-table').count()).toBe(0);
      for (const id of ['export-list', 'scheme-unpublish', 'scheme-publish', 'sheet-enter']) {
        expect(await secretary.getByTestId(id).count(), id).toBe(0);
      }
      expect(await horizontalOverflow(secretary), 'the page fits a 375 px phone').toBeLessThanOrEqual(0);
      await shot(secretary, '04-secretary-phone');

      // Their own sheet downloads as a workbook naming the organisation.
      const file = await download(secretary, () => card.getByTestId('sheet-export').click());
      const rows = await readWorkbook(file.data);
      expect(rows.map((r) => r.join('|')).join('\n')).toContain(sheet.partyOrgName);
    } finally {
      await secApi.api.dispose();
    }
  });

  it('raised no uncaught error in either browser page', () => {
    expect(pageErrors).toEqual([]);
  });
});
