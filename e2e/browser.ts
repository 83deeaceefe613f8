import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; no test tool may download a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Whether the browser suites run. Without Chromium they are skipped with a notice, except under
 * CI=true, where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const notice = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped. Enable them with: apt-get install chromium fonts-noto-cjk`;
  if (process.env.CI === 'true') throw new Error(`${notice} (CI=true: a missing browser is a failure)`);
  console.warn(`\n*** ${notice}\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
