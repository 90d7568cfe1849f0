// A single-page application on another origin (docs/configuration.md, "Browser apps (CORS)"), in Debian's chromium:
// a public client gets a code through the login app with PKCE (RFC 7636), then the page itself POSTs it to the token
// endpoint with fetch and reads /userinfo with the access token. From the client's allowed_cors_origins that
// works; from any other origin the browser rejects the fetch. run.sh turns public CORS on with an allowed_origins
// list that matches neither page, so the client's list is what decides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PUBLIC, ADMIN, launchChromium, shot, login, consent, startSite } from './helpers.mjs';

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

let browser;
let spa;
let other;
let client;
before(async () => {
  browser = await launchChromium();
  spa = await startSite('spa');
  other = await startSite('other');
  client = { id: `cors-spa-${base64url(randomBytes(6))}`, redirect: `${spa.origin}/callback` };
  const created = await fetch(`${ADMIN}/clients`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: client.id, token_endpoint_auth_method: 'none', grant_types: ['authorization_code'],
      response_types: ['code'], scope: 'openid', redirect_uris: [client.redirect],
      allowed_cors_origins: [spa.origin],
    }),
  });
  assert.equal(created.status, 201, await created.text());
});
after(async () => {
  await browser?.close();
  await spa?.close();
  await other?.close();
});

/** The authorization code flow up to the callback on the SPA's origin; returns the code and its verifier. */
async function authorizationCode(page, prefix) {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(12));
  await page.goto(`${PUBLIC}/oauth2/auth?${new URLSearchParams({
    client_id: client.id, response_type: 'code', scope: 'openid', redirect_uri: client.redirect, state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  })}`);
  await page.waitForLoadState('load');
  if (page.url().startsWith('http://127.0.0.1:9020/login')) await login(page, { remember: true });
  if (page.url().startsWith('http://127.0.0.1:9020/consent')) await consent(page, { remember: true });
  await shot(page, `${prefix}-callback`);
  const callback = new URL(page.url());
  assert.equal(callback.origin + callback.pathname, client.redirect);
  assert.equal(callback.searchParams.get('state'), state);
  return { code: callback.searchParams.get('code'), verifier };
}

/** fetch run by the page itself: the answer as the page sees it, or the browser's rejection. */
function pageFetch(page, url, init) {
  return page.evaluate(async ({ url, init }) => {
    try {
      const response = await fetch(url, init);
      return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
    } catch (e) {
      return { rejected: `${e.name}: ${e.message}` };
    }
  }, { url, init });
}

function tokenRequest({ code, verifier }) {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: client.redirect,
      client_id: client.id,
    }).toString(),
  };
}

test('a page on an origin the client lists exchanges its code with fetch and reads userinfo', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const grant = await authorizationCode(page, 'cors-allowed');

    const token = await pageFetch(page, `${PUBLIC}/oauth2/token`, tokenRequest(grant));
    assert.equal(token.rejected, undefined, 'the browser let the page read the token response');
    assert.equal(token.status, 200, token.body);
    assert.match(token.contentType, /^application\/json/, 'Content-Type is exposed');
    const tokens = JSON.parse(token.body);
    assert.match(tokens.access_token, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    assert.ok(tokens.id_token, 'an ID token for the openid scope');

    // The Authorization header makes the browser send a preflight first (Fetch, "CORS-preflight request").
    const userinfo = await pageFetch(page, `${PUBLIC}/userinfo`,
      { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(userinfo.rejected, undefined, 'the browser let the page read userinfo');
    assert.equal(userinfo.status, 200, userinfo.body);
    assert.equal(JSON.parse(userinfo.body).sub, 'foo@bar.com');
  } finally {
    await context.close();
  }
});

test('a page on another origin cannot read the token endpoint or userinfo: the browser rejects its fetch', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const first = await authorizationCode(page, 'cors-refused-first');
    const allowed = await pageFetch(page, `${PUBLIC}/oauth2/token`, tokenRequest(first));
    assert.equal(allowed.status, 200, JSON.stringify(allowed));
    const accessToken = JSON.parse(allowed.body).access_token;
    const second = await authorizationCode(page, 'cors-refused-second');

    await page.goto(`${other.origin}/elsewhere`);
    await shot(page, 'cors-refused-other-origin');
    const token = await pageFetch(page, `${PUBLIC}/oauth2/token`, tokenRequest(second));
    const userinfo = await pageFetch(page, `${PUBLIC}/userinfo`,
      { headers: { Authorization: `Bearer ${accessToken}` } });

    assert.match(token.rejected ?? `read ${token.status} ${token.body}`, /^TypeError: Failed to fetch/);
    assert.match(userinfo.rejected ?? `read ${userinfo.status} ${userinfo.body}`, /^TypeError: Failed to fetch/);
  } finally {
    await context.close();
  }
});
