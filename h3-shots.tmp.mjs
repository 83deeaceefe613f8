import { chromium } from 'playwright-core';
const base = 'http://localhost:4733';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
async function session(user, viewport) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.locator('input').first().fill(user);
  await page.locator('input[type=password]').fill('Touyan@2025');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20000 });
  return { ctx, page };
}
const phone = { width: 375, height: 812 };
// station manager lands on /station
{
  const { page } = await session('hs_station', phone);
  await page.waitForSelector('[data-testid=station-page]', { timeout: 20000 });
  console.log('hs_station landed on', new URL(page.url()).pathname);
  await page.waitForSelector('[data-testid=today-count]');
  await page.screenshot({ path: '/tmp/h3-shots/station-top.png' });
  await page.click('[data-testid=show-code]');
  await page.waitForSelector('[data-testid=station-qr]');
  await page.locator('[data-testid=station-code]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/h3-shots/station-code.png' });
  await page.locator('[data-testid=upkeep]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/h3-shots/station-upkeep.png' });
  globalThis.code = await page.locator('[data-testid=code-text]').innerText();
}
// worker finder
{
  const { page } = await session('hs_rider_01', phone);
  await page.goto(`${base}/stations`);
  await page.selectOption('[data-testid=pick-place]', '惠山万达广场');
  await page.waitForSelector('[data-testid=station-item]');
  await page.screenshot({ path: '/tmp/h3-shots/finder.png' });
  await page.click('[data-testid=filter-microwave]');
  await page.click('[data-testid=filter-open]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/h3-shots/finder-filtered.png' });
  await page.locator('[data-testid=station-item]').first().click();
  await page.waitForSelector('[data-testid=station-detail]');
  await page.screenshot({ path: '/tmp/h3-shots/detail.png', fullPage: true });
  await page.click('[data-testid=detail-check-in]');
  await page.fill('[data-testid=code-input]', globalThis.code);
  await page.screenshot({ path: '/tmp/h3-shots/checkin.png' });
  await page.click('[data-testid=code-submit]');
  await page.waitForSelector('[data-testid=check-in-done]');
  await page.click('[data-testid=star-4]');
  await page.fill('[data-testid=rate-comment]', '充电方便');
  await page.screenshot({ path: '/tmp/h3-shots/checked-in.png' });
}
// admin ledger
{
  const { page } = await session('hs_staff', { width: 1366, height: 900 });
  await page.goto(`${base}/stations/ledger`);
  await page.waitForSelector('[data-testid=station-row]', { timeout: 20000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/h3-shots/ledger.png' });
  await page.locator('[data-testid=station-row]').first().click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/h3-shots/ledger-drawer.png' });
}
await browser.close();
