// The guide's browser sign-in (docs/guide.md, "Perform the OAuth 2.0 authorization code flow"), driven in Debian's
// chromium with playwright-core: 9010 (hydra token user) -> authorize -> login (9020) -> consent -> tokens on the
// callback page, the ID token checked against the server's JWKS. Expects the stack that run.sh starts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { ROOT, PUBLIC, launchChromium, shot, login, consent } from './helpers.mjs';

const CLIENT = { id: 'another-consumer', secret: 'consumer-secret' };

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/** Starts `hydra token user` exactly as the guide does; resolves once its page answers. */
async function startTokenUser() {
  const proc = spawn(`${ROOT}bin/hydra`, ['token', 'user', '--port', '9010',
    '--auth-url', `${PUBLIC}/oauth2/auth`, '--token-url', `${PUBLIC}/oauth2/token`,
    '--client-id', CLIENT.id, '--client-secret', CLIENT.secret, '--scope', 'openid,offline',
    '--redirect', 'http://127.0.0.1:9010/callback', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch('http://127.0.0.1:9010/')).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { proc, exited, output: () => output };
}

async function stop(tokenUser) {
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10000));
  if (await Promise.race([tokenUser.exited, timeout]) === 'timeout') {
    tokenUser.proc.kill('SIGTERM');
    await tokenUser.exited;
  }
}

async function authorize(page, prefix) {
  await page.goto('http://127.0.0.1:9010/');
  await shot(page, `${prefix}-01-consumer`);
  await page.getByText('Authorize application').click();
  await page.waitForLoadState('load');
}

/** RFC 7515 signature check of the ID token with the server's published key, plus the claims we expect. */
async function assertValidIdToken(idToken) {
  const [header, payload, signature] = idToken.split('.');
  const head = JSON.parse(Buffer.from(header, 'base64url'));
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  const jwks = await (await fetch(`${PUBLIC}/.well-known/jwks.json`)).json();
  const jwk = jwks.keys.find((k) => k.kid === head.kid);
  assert.ok(jwk, `key ${head.kid} is published`);
  const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature, 'base64url'));
  assert.ok(ok, 'ID token signature verifies against the JWKS');
  assert.equal(head.alg, 'RS256');
  assert.equal(claims.iss, `${PUBLIC}/`);
  assert.deepEqual(claims.aud, [CLIENT.id]);
  assert.equal(claims.sub, 'foo@bar.com');
  assert.ok(claims.exp > Date.now() / 1000);
  return claims;
}

async function tokensOnCallback(page) {
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9010\/callback\?/);
  const text = async (id) => (await page.locator(`#${id}`).innerText()).trim();
  const tokens = { access: await text('access-token'), refresh: await text('refresh-token'), id: await text('id-token') };
  // run.sh checks afterwards that nothing issued here shows up in the server's or the login app's log.
  if (process.env.ISSUED_VALUES_FILE) {
    const code = new URL(page.url()).searchParams.get('code');
    appendFileSync(process.env.ISSUED_VALUES_FILE, [code, tokens.access, tokens.refresh, tokens.id, ''].join('\n'));
  }
  return tokens;
}

test('the guide: authorize, log in, consent, get tokens', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tokenUser = await startTokenUser();
  try {
    await authorize(page, 'guide');
    await shot(page, 'guide-02-login');
    await login(page);
    await shot(page, 'guide-03-consent');
    await consent(page);
    await shot(page, 'guide-04-tokens');
    const tokens = await tokensOnCallback(page);
    assert.match(tokens.access, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    assert.match(tokens.refresh, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    await assertValidIdToken(tokens.id);
    assert.equal(await tokenUser.exited, 0, tokenUser.output());
    assert.match(tokenUser.output(), /Access Token:/);
  } finally {
    await stop(tokenUser);
    await context.close();
  }
});

test('a wrong password shows a clear message and keeps the email', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tokenUser = await startTokenUser();
  try {
    await authorize(page, 'wrong-password');
    await login(page, { password: 'not-the-password' });
    await shot(page, 'wrong-password-02-message');
    assert.match(await page.content(), /The username \/ password combination is not correct/);
    assert.equal(await page.inputValue('input[name="email"]'), 'foo@bar.com');
  } finally {
    tokenUser.proc.kill('SIGTERM');
    await tokenUser.exited;
    await context.close();
  }
});

test('deny at login sends access_denied to the client', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tokenUser = await startTokenUser();
  try {
    await authorize(page, 'deny-login');
    await page.click('button[name="submit"][value="Deny access"], input[name="submit"][value="Deny access"]');
    await page.waitForLoadState('load');
    await shot(page, 'deny-login-02-callback');
    assert.match(page.url(), /error=access_denied/);
  } finally {
    await stop(tokenUser);
    await context.close();
  }
});

test('deny at consent sends access_denied to the client', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const tokenUser = await startTokenUser();
  try {
    await authorize(page, 'deny-consent');
    await login(page);
    await consent(page, { deny: true });
    await shot(page, 'deny-consent-02-callback');
    assert.match(page.url(), /error=access_denied/);
  } finally {
    await stop(tokenUser);
    await context.close();
  }
});

test('remember me skips both pages on a second run', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let tokenUser = await startTokenUser();
  try {
    await authorize(page, 'remember-first');
    await login(page, { remember: true });
    await consent(page, { remember: true });
    await tokensOnCallback(page);
    await stop(tokenUser);
    tokenUser = await startTokenUser();
    await authorize(page, 'remember-second');
    await shot(page, 'remember-second-02-tokens');
    const tokens = await tokensOnCallback(page);
    await assertValidIdToken(tokens.id);
  } finally {
    await stop(tokenUser);
    await context.close();
  }
});

/** Browser-initiated logout (OpenID Connect RP-Initiated Logout 1.0 without a hint): the login app's page asks. */
async function logoutPage(page, prefix) {
  await page.goto(`${PUBLIC}/oauth2/sessions/logout`);
  await page.waitForLoadState('load');
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/logout\?logout_challenge=/);
  await shot(page, `${prefix}-logout-question`);
  assert.match(await page.locator('h1').innerText(), /Do you wish to log out\?/);
}

test('logout: "No" keeps the session, "Yes" ends it and the login form comes back', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let tokenUser = await startTokenUser();
  try {
    await authorize(page, 'logout-first');
    await login(page, { remember: true });
    // An earlier test may have remembered the consent already; then the server skips the page.
    if (page.url().startsWith('http://127.0.0.1:9020/consent')) await consent(page, { remember: true });
    await tokensOnCallback(page);
    await stop(tokenUser);

    await logoutPage(page, 'logout-no');
    await page.click('#reject');
    await page.waitForLoadState('load');
    await shot(page, 'logout-no-still-signed-in');
    assert.match(await page.locator('h1').innerText(), /You are still signed in/);
    tokenUser = await startTokenUser();
    await authorize(page, 'logout-after-no');
    await tokensOnCallback(page); // no login form: the session survived
    await stop(tokenUser);

    await logoutPage(page, 'logout-yes');
    await page.click('#accept');
    await page.waitForLoadState('load');
    await shot(page, 'logout-yes-done');
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9000\/oauth2\/fallbacks\/logout\/callback/);
    tokenUser = await startTokenUser();
    await authorize(page, 'logout-after-yes');
    await shot(page, 'logout-after-yes-login');
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:9020\/login\?login_challenge=/);
  } finally {
    tokenUser.proc.kill('SIGTERM');
    await tokenUser.exited;
    await context.close();
  }
});
