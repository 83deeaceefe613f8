import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

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
