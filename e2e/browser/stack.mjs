// What the browser tests share: where the stack that run.sh starts answers, chromium as Debian ships it, and
// screenshots into e2e/browser/target/screenshots.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const PUBLIC = 'http://127.0.0.1:9000';
const SHOTS = process.env.SCREENSHOT_DIR || `${ROOT}e2e/browser/target/screenshots`;
mkdirSync(SHOTS, { recursive: true });

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
