import { tmpdir } from 'node:os';
import { expect, type TestContext } from 'vitest';
import { request, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { RunningServer } from './server';

/** What the browser suites share: demo logins, waits, window sizes, screenshots and page-error checks. */

/** Where `shot` saves screenshots (unset: none are saved). */
export const SHOTS = process.env.E2E_SCREENSHOTS;
/** Every demo account's password. */
export const PASSWORD = 'Touyan@2025';
/** Generous but bounded (a loaded CI machine is slow): a step that needs longer than this is broken. */
export const WAIT = 30_000;
/** expect.poll with the suite's wait (its own default, one second, is too short for a page load). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: WAIT, interval: 100 });

/** Browser windows, in Chinese. */
export const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
/** A projector for the big screen. */
export const SCREEN = { viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' };

/**
 * A page in a browser context of its own (its own cookies: one signed-in user), waiting up to WAIT
 * and adding its uncaught errors, named, to `pageErrors`.
 */
export async function openPage(
  browser: Browser,
  name: string,
  options: BrowserContextOptions,
  pageErrors: string[],
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  return page;
}

/**
 * Signs in through the login page. With `next`, the login page is opened for that address and the
 * user lands on it; without, the user lands on the home page.
 */
export async function login(page: Page, server: RunningServer, username: string, next?: string) {
  await page.goto(next ? `${server.baseUrl}/login?next=${encodeURIComponent(next)}` : `${server.baseUrl}/login`);
  await page.fill('#login_login', username);
  await page.fill('#login_password', PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  if (next) await page.waitForURL((u) => u.pathname === next, { timeout: WAIT });
  else await page.getByTestId('welcome').waitFor();
}

/** A user signed in through the API, in a request context of its own (session + CSRF cookies). */
export interface ApiUser {
  name: string;
  api: APIRequestContext;
  csrf: string;
}

export async function apiLogin(server: RunningServer, username: string): Promise<ApiUser> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  const res = await api.post('/api/auth/login', { data: { login: username, password: PASSWORD } });
  expect(res.status(), `${username} logs in`).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'ty_csrf')?.value;
  expect(csrf).toBeTruthy();
  return { name: username, api, csrf: csrf! };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** An API request as this user that must succeed (a change carries the CSRF header); its JSON body. */
export async function call<T>(u: ApiUser, method: Method, url: string, data?: unknown): Promise<T> {
  const res = await u.api.fetch(url, { method, data, headers: method === 'GET' ? {} : { 'x-csrf-token': u.csrf } });
  if (!res.ok()) throw new Error(`${u.name} ${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Saves a full-page screenshot as `<E2E_SCREENSHOTS>/<name>.png` when that variable is set. */
export async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/**
 * For afterEach: when the test failed, saves a screenshot of each page, as
 * `<E2E_SCREENSHOTS or the temp folder>/<prefix>-failure-<who>.png`, and prints the page errors so far.
 */
export async function screenshotsOnFailure(
  ctx: TestContext,
  prefix: string,
  pages: Record<string, Page | undefined>,
  pageErrors: string[] = [],
) {
  if (ctx.task.result?.state !== 'fail') return;
  const dir = SHOTS ?? tmpdir();
  for (const [who, page] of Object.entries(pages)) {
    const path = `${dir}/${prefix}-failure-${who}.png`;
    await page?.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(`e2e failure screenshot: ${path} (${page?.url()})`);
    // The screenshot goes with the machine CI ran on: what a dialog, a toast or a form said is printed too.
    const said = await page
      ?.locator('.ant-modal-content, .ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error')
      .allInnerTexts()
      .catch(() => []);
    if (said?.length)
      console.error(`on screen (${who}):\n${said.map((t) => `  ${t.replace(/\s+/g, ' ')}`).join('\n')}`);
    // The page's last answered API calls (a call still pending is not listed): was the step's request
    // answered, and how?
    const calls = await page
      ?.evaluate(() =>
        // (Chromium keeps 250 resource entries; past that the list stops growing, said by the count.)
        (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { responseStatus?: number })[])
          .filter((e) => e.name.includes('/api/'))
          .map((e, i, all) =>
            i < all.length - 8
              ? ''
              : `${e.responseStatus ?? '?'} ${Math.round(e.duration)} ms ${new URL(e.name).pathname} (${i + 1} of ${all.length})`,
          )
          .filter(Boolean),
      )
      .catch(() => []);
    if (calls?.length) console.error(`last API calls (${who}):\n${calls.map((c) => `  ${c}`).join('\n')}`);
  }
  if (pageErrors.length) console.error(`page errors:\n${pageErrors.join('\n')}`);
}

/**
 * How many CSS pixels the page is wider than its window (0 or less: no horizontal scrolling). Measured
 * against the window size asked for: on a phone the browser widens its layout viewport to wide
 * content, so `window.innerWidth` would hide the overflow.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  const width = page.viewportSize()!.width;
  return page.evaluate((w) => document.documentElement.scrollWidth - w, width);
}
