import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { poll, WAIT } from './support';

/**
 * Picks an option of an antd Select by its title and checks it took: under load the dropdown can
 * still be opening when the click lands, so it retries up to three times.
 */
export async function pickOption(page: Page, selector: string, title: string) {
  for (let attempt = 1; ; attempt++) {
    await page.click(selector);
    await page
      .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`)
      .click();
    try {
      await expect.poll(() => selected(page, selector), { timeout: 5_000, interval: 100 }).toBe(title);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** The shown value of an antd Select, by its input's id. */
export function selected(page: Page, selector: string): Promise<string | null> {
  const select: Locator = page.locator('.ant-select', { has: page.locator(selector) });
  return select
    .locator('.ant-select-selection-item')
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);
}

/** Waits for an antd message (a toast) with this text. */
export async function expectMessage(page: Page, text: string) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor({ timeout: WAIT });
}

/** The texts of the antd messages shown now (for `poll(() => messages(page))`). */
export function messages(page: Page): Promise<string[]> {
  return page.locator('.ant-message-notice').allTextContents();
}

/** Accepts the open antd confirm dialog with its primary button and waits for the dialog to go. */
export async function acceptConfirm(page: Page) {
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  // Once it has stopped zooming in: a click computed mid-animation can miss the button.
  await clickInDialog(confirm.locator('.ant-btn-primary'));
  await confirm.waitFor({ state: 'detached' });
}

/**
 * Clicks a button in a dialog once the dialog has stopped moving: antd zooms a dialog in from the
 * pointer, and a click computed mid-animation can land on the neighbouring button. Endless
 * animations do not count (a button that is loading is waited for by its class): after a quick
 * request antd can leave the spinner of a button no longer loading in the page, out of sight but
 * still turning.
 */
export async function clickInDialog(button: Locator) {
  const dialog = button.locator('xpath=ancestor::div[contains(@class, "ant-modal")][1]');
  await button.waitFor();
  const moving = () =>
    dialog.evaluate(
      (el) =>
        el.getAnimations({ subtree: true }).filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).length,
    );
  await poll(moving).toBe(0);
  await poll(() => button.evaluate((b) => b.classList.contains('ant-btn-loading'))).toBe(false);
  await button.click();
}

/** Chooses the first `n` options of an antd Select (by its input's id), then closes its dropdown. */
export async function pickFirst(page: Page, selector: string, n: number) {
  const options = page.locator(`.ant-select-dropdown:has(${selector}_list) .ant-select-item-option`);
  await page.click(selector);
  await poll(() => options.count()).toBeGreaterThanOrEqual(n);
  for (let i = 0; i < n; i++) await options.nth(i).click();
  if (n > 1) await page.keyboard.press('Escape');
  await page.locator(`.ant-select-dropdown:has(${selector}_list)`).waitFor({ state: 'hidden' });
}
