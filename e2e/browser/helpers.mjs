// What the browser tests share: the stack's addresses (run.sh starts it), Chromium, screenshots, the login app's
// two forms, and static sites that stand for the clients.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const PUBLIC = 'http://127.0.0.1:9000';
export const ADMIN = 'http://127.0.0.1:9001';
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

export async function login(page, { email = 'foo@bar.com', password = 'foobar', remember = false } = {}) {
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/login\?login_challenge=/);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  if (remember) await page.check('input[name="remember"]');
  await page.click('button[name="submit"][value="Log in"], input[name="submit"][value="Log in"]');
  await page.waitForLoadState('load');
}

export async function consent(page, { remember = false, deny = false } = {}) {
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/consent\?consent_challenge=/);
  for (const box of await page.locator('input[name="grant_scope"]').all()) await box.check();
  if (remember) await page.check('input[name="remember"]');
  const value = deny ? 'Deny access' : 'Allow access';
  await page.click(`button[name="submit"][value="${value}"], input[name="submit"][value="${value}"]`);
  await page.waitForLoadState('load');
}

/** A static site on a port of its own: every path is a blank page a script can run fetch from. */
export async function startSite(name) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${name}</title><h1>${name}</h1>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
