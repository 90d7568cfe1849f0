// Drives one authorization code flow against an OpenAuthz server using Ory Hydra's own generated admin SDK
// (@ory/hydra-client 1.10.6, an OpenAPI typescript-axios client) as the login/consent app, to prove that existing
// Hydra v1.10 integrations work unchanged (issue 3, "Done when").
//
// Usage: PUBLIC_URL=http://127.0.0.1:4444 ADMIN_URL=http://127.0.0.1:4445 node hydra-sdk-check.mjs
// On success prints one line "CALLBACK <url>" with the final redirect (carrying the code), one line
// "TOKEN_TYPE <type>" and, once the user logged out through the SDK's logout calls, "LOGOUT ok", and exits 0. Any failure prints "FAILED ..." and exits 1.
//
// The browser is node's fetch with redirect: 'manual' and a small cookie jar; the authorization server never sends
// the browser to the login or consent app here: this script reads the challenge from the Location header instead.

import { createHash, randomBytes } from 'node:crypto';
import hydra from '@ory/hydra-client';

const { AdminApi, Configuration } = hydra;

const PUBLIC_URL = trimSlash(requireEnv('PUBLIC_URL'));
const ADMIN_URL = trimSlash(requireEnv('ADMIN_URL'));
const REDIRECT_URI = 'http://127.0.0.1:5555/callback';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    fail(`environment variable ${name} is not set`);
  }
  return value;
}

function trimSlash(url) {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function fail(message) {
  console.error(`FAILED ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) {
    fail(message);
  }
}

function base64url(buffer) {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A user agent that keeps cookies (RFC 6265 §5.3, simplified: one host, path "/") and never follows redirects. */
class Browser {
  constructor() {
    this.cookies = new Map();
  }

  async get(url) {
    const headers = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const response = await fetch(url, { redirect: 'manual', headers });
    const setCookies = typeof response.headers.getSetCookie === 'function'
      ? response.headers.getSetCookie()
      : (response.headers.get('set-cookie') ? [response.headers.get('set-cookie')] : []);
    for (const line of setCookies) {
      this.store(line);
    }
    return response;
  }

  store(setCookie) {
    const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    if (value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
    if (expired) {
      this.cookies.delete(name);
    } else {
      this.cookies.set(name, value);
    }
  }
}

/** The Location of a 302 answer, or a failure naming what was expected. */
async function redirectOf(response, what) {
  if (response.status !== 302 && response.status !== 303) {
    const body = await response.text();
    fail(`${what}: expected a redirect, got HTTP ${response.status}: ${body}`);
  }
  const location = response.headers.get('location');
  check(location, `${what}: redirect without Location`);
  return new URL(location);
}

/** Axios errors carry the server's answer; show it instead of a stack trace. */
function describe(error) {
  if (error && error.response) {
    return `HTTP ${error.response.status} ${JSON.stringify(error.response.data)}`;
  }
  return String(error && error.stack ? error.stack : error);
}

async function main() {
  const admin = new AdminApi(new Configuration({ basePath: ADMIN_URL }));
  const clientId = `hydra-sdk-${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('hex');
  const subject = `sdk-user-${randomBytes(4).toString('hex')}@example.com`;

  // Admin API: create a confidential client, as Hydra v1.10's SDK does.
  const created = await admin.createOAuth2Client({
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid offline',
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: 'client_secret_basic',
  });
  check(created.status === 201, `createOAuth2Client: expected 201, got ${created.status}`);
  check(created.data.client_id === clientId, `createOAuth2Client: client_id ${created.data.client_id}`);
  check(created.data.client_secret === clientSecret, 'createOAuth2Client: the secret is not echoed on create');

  // RFC 6749 §4.1.1 authorization request with PKCE S256 (RFC 7636 §4.2) and an OIDC nonce.
  const state = base64url(randomBytes(24));
  const nonce = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const authorize = new URL(`${PUBLIC_URL}/oauth2/auth`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'openid offline',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();

  const browser = new Browser();
  const toLogin = await redirectOf(await browser.get(authorize.toString()), 'GET /oauth2/auth');
  const loginChallenge = toLogin.searchParams.get('login_challenge');
  check(loginChallenge, `no login_challenge in ${toLogin}`);

  // The login app's part, through Hydra's SDK (docs/custom-idp.md §3).
  const login = await admin.getLoginRequest(loginChallenge);
  check(login.data.challenge === loginChallenge, 'getLoginRequest: challenge differs');
  check(login.data.skip === false, 'getLoginRequest: a fresh browser must not skip login');
  check(login.data.client && login.data.client.client_id === clientId, 'getLoginRequest: client missing');
  check(Array.isArray(login.data.requested_scope) && login.data.requested_scope.includes('openid'),
    `getLoginRequest: requested_scope ${JSON.stringify(login.data.requested_scope)}`);
  const acceptedLogin = await admin.acceptLoginRequest(loginChallenge, {
    subject,
    remember: true,
    remember_for: 3600,
    acr: '1',
  });
  check(acceptedLogin.data.redirect_to, 'acceptLoginRequest: no redirect_to');

  const toConsent = await redirectOf(await browser.get(acceptedLogin.data.redirect_to), 'login verifier');
  const consentChallenge = toConsent.searchParams.get('consent_challenge');
  check(consentChallenge, `no consent_challenge in ${toConsent}`);

  const consent = await admin.getConsentRequest(consentChallenge);
  check(consent.data.subject === subject, `getConsentRequest: subject ${consent.data.subject}`);
  const acceptedConsent = await admin.acceptConsentRequest(consentChallenge, {
    grant_scope: consent.data.requested_scope,
    grant_access_token_audience: consent.data.requested_access_token_audience,
    remember: true,
    remember_for: 3600,
    session: { id_token: { email: subject }, access_token: { via: 'hydra-sdk' } },
  });
  check(acceptedConsent.data.redirect_to, 'acceptConsentRequest: no redirect_to');

  const callback = await redirectOf(await browser.get(acceptedConsent.data.redirect_to), 'consent verifier');
  check(callback.toString().startsWith(REDIRECT_URI), `redirected to ${callback}, not to the client`);
  check(!callback.searchParams.get('error'),
    `client got error ${callback.searchParams.get('error')}: ${callback.searchParams.get('error_description')}`);
  check(callback.searchParams.get('state') === state, 'state was not returned unchanged');
  const code = callback.searchParams.get('code');
  check(code, `no code in ${callback}`);
  console.log(`CALLBACK ${callback}`);

  // The consent the SDK granted is visible through the SDK too.
  const sessions = await admin.listSubjectConsentSessions(subject);
  check(sessions.data.some((s) => s.consent_request && s.consent_request.client
    && s.consent_request.client.client_id === clientId), 'listSubjectConsentSessions: client not listed');

  // RFC 6749 §4.1.3 token request, client_secret_basic (§2.3.1: form-urlencoded id and secret).
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`)
    .toString('base64');
  const tokenResponse = await fetch(`${PUBLIC_URL}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier,
    }).toString(),
  });
  const tokens = await tokenResponse.json();
  check(tokenResponse.status === 200, `token endpoint: HTTP ${tokenResponse.status} ${JSON.stringify(tokens)}`);
  check(tokens.access_token && tokens.id_token && tokens.refresh_token,
    `token endpoint: missing tokens in ${JSON.stringify(Object.keys(tokens))}`);
  console.log(`TOKEN_TYPE ${tokens.token_type}`);

  // Introspection is on the admin API; Hydra 1.10's SDK has it too.
  const introspection = await admin.introspectOAuth2Token(tokens.access_token);
  check(introspection.data.active === true, 'introspectOAuth2Token: token inactive');
  check(introspection.data.sub === subject, `introspectOAuth2Token: sub ${introspection.data.sub}`);
  check(introspection.data.ext && introspection.data.ext.via === 'hydra-sdk',
    `introspectOAuth2Token: ext ${JSON.stringify(introspection.data.ext)}`);

  // Logout as Hydra v1.10's login app does it (its /logout route: "No" rejects, "Yes" accepts), through the SDK.
  const logoutChallenge = async () => {
    const toLogout = await redirectOf(await browser.get(`${PUBLIC_URL}/oauth2/sessions/logout`),
      'GET /oauth2/sessions/logout');
    const challenge = toLogout.searchParams.get('logout_challenge');
    check(challenge, `no logout_challenge in ${toLogout}`);
    return challenge;
  };
  const declined = await logoutChallenge();
  const rejected = await admin.rejectLogoutRequest(declined);
  check(rejected.status === 204, `rejectLogoutRequest: expected 204, got ${rejected.status}`);
  const confirmed = await logoutChallenge();
  const logout = await admin.getLogoutRequest(confirmed);
  check(logout.data.challenge === confirmed, 'getLogoutRequest: challenge differs');
  check(logout.data.subject === subject, `getLogoutRequest: subject ${logout.data.subject}`);
  check(logout.data.rp_initiated === false, 'getLogoutRequest: a browser-initiated logout is not rp_initiated');
  check(logout.data.sid, 'getLogoutRequest: no sid');
  const acceptedLogout = await admin.acceptLogoutRequest(confirmed);
  check(acceptedLogout.data.redirect_to && acceptedLogout.data.redirect_to.includes('logout_verifier='),
    `acceptLogoutRequest: redirect_to ${acceptedLogout.data.redirect_to}`);
  const loggedOut = await redirectOf(await browser.get(acceptedLogout.data.redirect_to), 'logout verifier');
  check(loggedOut.pathname === '/oauth2/fallbacks/logout/callback', `after logout: ${loggedOut}`);
  check(![...browser.cookies.keys()].some((name) => name.startsWith('oauth2_authentication_session')),
    'the session cookie is still there after logout');
  // Nothing left to end: the next logout goes straight to the post-logout URL.
  const again = await redirectOf(await browser.get(`${PUBLIC_URL}/oauth2/sessions/logout`), 'second logout');
  check(again.pathname === '/oauth2/fallbacks/logout/callback', `second logout went to ${again}`);
  console.log('LOGOUT ok');
}

main().then(() => process.exit(0), (error) => fail(describe(error)));
