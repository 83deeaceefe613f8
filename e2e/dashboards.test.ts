import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { DashboardView, Page as ListPage } from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  SCREEN,
  WAIT,
  apiLogin,
  call,
  horizontalOverflow,
  login,
  openPage,
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();
const WIDE = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
/** The demo replays 2025: its year carries the data. */
const YEAR = 'period=year&to=2025-12-31';

/** The list route behind a web list path (the figure's link). */
const LIST_API: Record<string, string> = {
  '/projects': '/api/projects',
  '/host-orgs': '/api/host-orgs',
  '/demands': '/api/demands',
  '/visits': '/api/visits',
  '/gigs/fairs': '/api/gig-fairs',
  '/gigs/pushes': '/api/gig-pushes',
  '/gigs/intentions': '/api/gig-intentions',
  '/disputes': '/api/dispute-cases',
  '/disputes/consultations': '/api/dispute-consultations',
  '/stations/ledger': '/api/stations',
  '/workers': '/api/workers',
  '/passes': '/api/passes',
  '/passes/scans': '/api/pass-scans',
  '/assessments/results': '/api/assessment-sheets',
};

/** A list's total as the user reads it (the demands list answers no total: counted page by page). */
async function listTotal(u: ApiUser, link: string): Promise<number> {
  const [path, query] = link.split('?');
  const api = LIST_API[path!];
  expect(api, link).toBeDefined();
  if (api !== '/api/demands')
    return (await call<ListPage<unknown>>(u, 'GET', `${api}?${query}&withTotal=1&limit=1`)).total!;
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: ListPage<unknown> = await call(
      u,
      'GET',
      `${api}?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

/**
 * 监管驾驶舱 and 数据大屏 (issue 15): the city staff's dashboard shows the API's figures, a figure opens
 * its list and a county bar that county's dashboard; the A4 report prints every panel; the 大屏 fills
 * 1920×1080 without scrollbars and, refreshed hundreds of times unattended, does not grow its JS heap.
 */
describe.runIf(run)('dashboards and the big screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  const pageErrors: string[] = [];
  let staff: ApiUser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    staff = await apiLogin(server, 'dd_staff');
  }, 300_000);
  afterEach((ctx) => screenshotsOnFailure(ctx, 'dashboards', { page: current }, pageErrors));
  afterAll(async () => {
    await staff?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows the city with its counties; a figure opens its list with the same total; a county drills down', async () => {
    const d = await call<DashboardView>(staff, 'GET', `/api/dashboards/overview?${YEAR}`);
    expect(d.areas.length).toBeGreaterThan(3);
    // How long the city's dashboard takes on the demo data (6 counties, every figure per county).
    const ms: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await call<DashboardView>(staff, 'GET', `/api/dashboards/overview?${YEAR}`);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `丹东市 dashboard (SQLite, demo data): median ${ms[4]!.toFixed(0)} ms, max ${ms[9]!.toFixed(0)} ms over 10 calls`,
    );
    const page = await openPage(browser, 'dd_staff', WIDE, pageErrors);
    current = page;
    await login(page, server, 'dd_staff', '/dashboards');
    await page.goto(`${server.baseUrl}/dashboards?${YEAR}`);
    await page.getByTestId('panel-projects').waitFor();
    const total = d.panels[0]!.figures.find((f) => f.key === 'projects.total')!;
    await expect
      .poll(() => page.getByTestId('fig-projects.total-value').textContent(), { timeout: WAIT })
      .toBe(total.value.toLocaleString('zh-CN'));
    await page.waitForTimeout(800); // the charts' entry animation
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'dashboard-city-1440');
    // The figure opens the project list filtered to its rows: the same total.
    await page.getByTestId('fig-projects.total').click();
    await page.waitForURL((u) => u.pathname === '/projects');
    const listed = await call<ListPage<unknown>>(
      staff,
      'GET',
      `/api/projects?${total.link.split('?')[1]}&withTotal=1&limit=1`,
    );
    expect(listed.total).toBe(total.value);
    await expect
      .poll(() => page.getByTestId('project-total').textContent(), { timeout: WAIT })
      .toContain(`共 ${total.value} 条`);
    // A county: its own dashboard, the city above it in the breadcrumb.
    const county = d.areas[0]!;
    await page.goto(`${server.baseUrl}/dashboards?${YEAR}&region=${county.regionCode}`);
    await page.getByTestId('panel-projects').waitFor();
    await expect.poll(() => page.getByText(`${county.name}监管驾驶舱`).count(), { timeout: WAIT }).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await shot(page, 'dashboard-county-1440');
    await page.context().close();
  }, 180_000);

  it('on the demo data, every figure of 富顺县’s dashboard equals the total of the list it links to', async () => {
    const fs = await apiLogin(server, 'fs_staff');
    try {
      const d = await call<DashboardView>(fs, 'GET', `/api/dashboards/overview?${YEAR}`);
      let checked = 0;
      for (const p of d.panels)
        for (const f of [...p.figures, ...p.figures.flatMap((x) => x.byArea)]) {
          expect(await listTotal(fs, f.link), f.link).toBe(f.value);
          checked++;
        }
      const nonZero = d.panels.flatMap((p) => p.figures).filter((f) => f.value > 0).length;
      console.log(`富顺县 ${YEAR}: ${checked} figures equal their lists, ${nonZero} non-zero`);
      expect(nonZero).toBeGreaterThan(20);
    } finally {
      await fs.api.dispose();
    }
  }, 180_000);

  it('shows a county-level locality’s services (富顺县) on its dashboard and on the 大屏, on its city’s map', async () => {
    const page = await openPage(browser, 'fs_staff', WIDE, pageErrors);
    current = page;
    await login(page, server, 'fs_staff', '/dashboards');
    await page.goto(`${server.baseUrl}/dashboards?${YEAR}`);
    await page.getByTestId('panel-demands').waitFor();
    await expect
      .poll(() => page.getByTestId('fig-demands.received-value').textContent(), { timeout: WAIT })
      .not.toBe('0');
    await page.waitForTimeout(800);
    await shot(page, 'dashboard-fushun-1440');
    await page.setViewportSize(SCREEN.viewport);
    await page.goto(`${server.baseUrl}/screen?date=2025-12-31`);
    await page.locator('[data-testid="screen-map"][data-ready="1"]').waitFor();
    await page.waitForTimeout(1500);
    await shot(page, 'screen-fushun-1920');
    await page.context().close();
  }, 120_000);

  it('prints the dashboard as an A4 report and exports Excel', async () => {
    const page = await openPage(browser, 'dd_staff', WIDE, pageErrors);
    current = page;
    await login(page, server, 'dd_staff', '/dashboards');
    await page.goto(`${server.baseUrl}/dashboards/print?${YEAR}`);
    await page.getByTestId('dashboard-print').waitFor();
    await shot(page, 'dashboard-print');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    const res = await staff.api.get(`/api/dashboards/overview/export.xlsx?${YEAR}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    await page.context().close();
  }, 120_000);

  it('fills 1920×1080 with no scrollbars, and its JS heap stays within 250 KB over 40 refreshes after warm-up', async () => {
    const BOUND = 250_000;
    const page = await openPage(browser, 'dd_staff', SCREEN, pageErrors);
    current = page;
    await login(page, server, 'dd_staff', '/dashboards');
    const refreshMs = 150;
    await page.goto(`${server.baseUrl}/screen?date=2025-12-31&refresh=${refreshMs}`);
    await page.locator('[data-testid="screen-map"][data-ready="1"]').waitFor();
    await page.waitForTimeout(1500);
    await shot(page, 'screen-1920');
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow.x).toBeLessThanOrEqual(0);
    expect(overflow.y).toBeLessThanOrEqual(0);

    // Accelerated run: the screen refetches every 150 ms (9 requests each) instead of every minute.
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    // Refreshes counted on the test's side (page.on('response')), so the page itself keeps nothing.
    let answered = 0;
    page.on('response', (r) => {
      if (r.url().includes('/api/dashboards/overview')) answered++;
    });
    const cycles = async (n: number) => {
      const start = answered;
      await expect.poll(() => answered, { timeout: 600_000, interval: 500 }).toBeGreaterThanOrEqual(start + n * 9);
    };
    await cycles(10); // warm-up: caches, fonts, chart instances
    // Then 40 refreshes (each 9 requests; at the real minute's pace, 40 minutes), the heap read after
    // a forced collection at each step. The growth of about 8 KB per refresh measured before was not
    // retained page state: heap snapshots (≈ 330 KB over 40 refreshes) showed V8's optimised code and
    // its dependency lists (InstructionStream, relocation info, Map dependent_code) for ECharts' render
    // path, run again on every refresh because each refresh set the charts' option anew. An option
    // equal to the last one is no longer set (EChart), so an unchanged refresh renders nothing.
    // One reading after each 5 refreshes (9 readings over 40). A single reading moves by up to ±0.6 MB
    // from one to the next (CI once read 12.70, 12.35, 13.32 MB at 10, 30, 50 refreshes): V8 keeps or
    // drops optimised code and its feedback between collections. Retained page state would raise every
    // reading, the lowest included, so the lowest of the last three is compared with the lowest of the
    // first three.
    const samples = [await heap()];
    for (let i = 0; i < 8; i++) {
      await cycles(5);
      samples.push(await heap());
    }
    const mb = samples.map((b) => (b / 1e6).toFixed(2));
    console.log(`screen heap every 5 refreshes from 10 to 50: ${mb.join(', ')} MB`);
    const low = (xs: number[]) => Math.min(...xs);
    expect(low(samples.slice(-3)) - low(samples.slice(0, 3))).toBeLessThan(BOUND);
    expect(await page.getByTestId('screen-updated').textContent()).toMatch(/更新于/);
    await page.context().close();
  }, 900_000);
});
