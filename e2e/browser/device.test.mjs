// Signing in on a device (RFC 8628; docs/operations.md, "Signing in on devices"), driven in Debian's chromium with
// playwright-core: `hydra token device` prints a code and the verification URL, the person opens it, types the code
// on the login app's /device page (9020), logs in and consents; the CLI prints the tokens. Expects the stack and the
// public client `tv-device` that run.sh starts and creates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ROOT, PUBLIC, launchChromium, shot, login, consent } from './helpers.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Starts `hydra token device`; resolves with the code and URL it printed. */
async function startTokenDevice() {
  const proc = spawn(`${ROOT}bin/hydra`, ['token', 'device', '--endpoint', PUBLIC, '--client-id', 'tv-device',
    '--scope', 'openid,offline'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 240 && !/enter the code:\s+[A-Z]{4}-[A-Z]{4}/.test(output); i++) {
    await new Promise((r) => setTimeout(r, 250));
  }
  const printed = output.match(/open (\S+) and enter the code:\s+([A-Z]{4}-[A-Z]{4})/);
  assert.ok(printed, `hydra token device printed a code: ${output}`);
  return { proc, exited, output: () => output, url: printed[1], code: printed[2] };
}

async function enterCode(page, device, code) {
  await page.goto(device.url);
  await page.waitForLoadState('load');
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/device\?device_challenge=/);
  await page.fill('input[name="user_code"]', code);
  await page.click('button[name="submit"][value="Continue"]');
  await page.waitForLoadState('load');
}

test('device: hydra token device prints a code, the user enters it, logs in and consents; the CLI prints tokens',
  async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const device = await startTokenDevice();
    try {
      assert.equal(device.url, `${PUBLIC}/oauth2/device/verify`);
      await enterCode(page, device, device.code.toLowerCase());
      await shot(page, 'device-01-login');
      await login(page);
      await shot(page, 'device-02-consent');
      await consent(page);
      await shot(page, 'device-03-done');
      assert.equal(page.url(), `${PUBLIC}/oauth2/fallbacks/device/done`);
      assert.match(await page.locator('h1').innerText(), /Your device is now signed in/);

      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 30000));
      assert.equal(await Promise.race([device.exited, timeout]), 0, device.output());
      assert.match(device.output(), /Access Token:\n\t[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}\n/);
      assert.match(device.output(), /Refresh Token:\n\t[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}\n/);
      assert.match(device.output(), /ID Token:\n\teyJ/);
    } finally {
      device.proc.kill('SIGTERM');
      await device.exited;
      await context.close();
    }
  });

test('device: a wrong code is shown as an error on the page, and the right one still works after it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const device = await startTokenDevice();
  try {
    const wrong = device.code === 'BBBB-BBBB' ? 'CCCC-CCCC' : 'BBBB-BBBB';
    await enterCode(page, device, wrong);
    await shot(page, 'device-wrong-code');
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/device/);
    assert.match(await page.locator('#device-error').innerText(), /That code is not right/);
    assert.equal(await page.inputValue('input[name="user_code"]'), wrong);
    await page.fill('input[name="user_code"]', device.code);
    await page.click('button[name="submit"][value="Continue"]');
    await page.waitForLoadState('load');
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/(login|consent)\?/);
  } finally {
    device.proc.kill('SIGTERM');
    await device.exited;
    await context.close();
  }
});
