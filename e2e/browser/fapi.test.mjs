// A client set up for FAPI 2.0-style security signs a person in, driven in Debian's chromium with playwright-core,
// with every protocol step done by oauth4webapi (a certified relying-party library; Node's fetch and WebCrypto do
// the crypto): discovery, a pushed authorization request (RFC 9126) with PKCE S256 (RFC 7636) and a DPoP proof
// (RFC 9449 §10.1), the login app's pages, the callback checked for the issuer (RFC 9207, mix-up defence), the code
// redeemed with DPoP, userinfo as a DPoP-protected resource, and a refresh. Then the tokens are tried without the
// key: as Bearer, with another key's proofs, with no proof. The main client is public (`none`), so its refresh token
// is bound to the key too (RFC 9449 §5); a second, confidential client authenticates with private_key_jwt as FAPI
// 2.0 asks, and its refresh token is bound to those credentials instead. Both must push
// (require_pushed_authorization_requests) and must always send a proof (dpop_bound_access_tokens). Expects the stack
// that run.sh starts; the test creates its clients on the admin port without a token, so run.sh leaves it out with
// ADMIN_AUTH=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import * as oauth from 'oauth4webapi';
import { PUBLIC, ADMIN, launchChromium, shot, login, consent, startSite } from './helpers.mjs';

// oauth4webapi talks only to https endpoints unless told otherwise; the stack here is plain http on the loopback
// interface (run.sh serves with --dangerous-force-http), so every request it makes carries this option.
const insecure = { [oauth.allowInsecureRequests]: true };
const ISSUER = new URL(`${PUBLIC}/`);

/** Registers a client that must push and must send DPoP proofs; resolves with its oauth4webapi Client. */
async function registerClient(prefix, metadata) {
  const client = { client_id: `${prefix}-${randomBytes(6).toString('base64url')}` };
  const created = await fetch(`${ADMIN}/clients`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: client.client_id, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      scope: 'openid offline', redirect_uris: [site.redirectUri], require_pushed_authorization_requests: true,
      dpop_bound_access_tokens: true, ...metadata,
    }),
  });
  assert.equal(created.status, 201, await created.text());
  return client;
}

let browser;
let site;
let as;
/** The public client (the main case): `none` at the token endpoint, so its refresh token is DPoP-bound too. */
let spa;
/** A confidential client authenticating with private_key_jwt (RFC 7523), as FAPI 2.0 asks. */
let backend;
before(async () => {
  browser = await launchChromium();
  // The redirect URI: the browser lands on this site's page with the authorization response.
  site = await startSite('fapi client');
  site.redirectUri = `${site.origin}/callback`;
  as = await oauth.processDiscoveryResponse(ISSUER,
    await oauth.discoveryRequest(ISSUER, { algorithm: 'oidc', ...insecure }));
  spa = { client: await registerClient('fapi-spa', { token_endpoint_auth_method: 'none' }), auth: oauth.None() };
  const clientKey = await oauth.generateKeyPair('ES256');
  const jwk = { ...await crypto.subtle.exportKey('jwk', clientKey.publicKey), kid: 'fapi-client', alg: 'ES256',
    use: 'sig' };
  backend = {
    client: await registerClient('fapi-backend', { token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [jwk] } }),
    auth: oauth.PrivateKeyJwt({ key: clientKey.privateKey, kid: 'fapi-client' }),
  };
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** run.sh checks afterwards that none of these values shows up in the server's or the login app's log. */
function remember(...values) {
  if (!process.env.ISSUED_VALUES_FILE) return;
  appendFileSync(process.env.ISSUED_VALUES_FILE, `${values.filter(Boolean).join('\n')}\n`);
}

/** The OAuth 2.0 error oauth4webapi reports for a refused request, from the body or the WWW-Authenticate header. */
function oauthError(err) {
  if (err instanceof oauth.ResponseBodyError) return err.error;
  if (err instanceof oauth.WWWAuthenticateChallengeError) return err.cause[0]?.parameters.error;
  throw err;
}

/** Resolves with the OAuth 2.0 error of a call that must be refused. */
async function refused(call) {
  try {
    await call();
  } catch (err) {
    return oauthError(err);
  }
  assert.fail('the request was accepted');
}

/** The RFC 7638 SHA-256 thumbprint of an EC public key, computed with Node alone to cross-check oauth4webapi's. */
async function thumbprint(publicKey) {
  const { crv, kty, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
}

/** Introspection on the admin port (RFC 7662), where a bound token shows cnf.jkt (RFC 9449 §6.2). */
async function introspect(token) {
  const response = await fetch(`${ADMIN}/oauth2/introspect`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * Pushes the authorization request with PKCE and a DPoP proof, takes the browser to the authorization endpoint with
 * only client_id and request_uri, logs in and consents; resolves with the callback URL and what the client kept.
 */
async function signIn(page, { client, auth }, dpop, prefix) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pushed = await oauth.processPushedAuthorizationResponse(as, client,
    await oauth.pushedAuthorizationRequest(as, client, auth, {
      response_type: 'code', redirect_uri: site.redirectUri, scope: 'openid offline', state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }, { DPoP: dpop, ...insecure }));
  assert.match(pushed.request_uri, /^urn:ietf:params:oauth:request_uri:/);
  const authorize = new URL(as.authorization_endpoint);
  authorize.searchParams.set('client_id', client.client_id);
  authorize.searchParams.set('request_uri', pushed.request_uri);
  await page.goto(authorize.href);
  await page.waitForLoadState('load');
  await shot(page, `${prefix}-01-login`);
  await login(page);
  await shot(page, `${prefix}-02-consent`);
  await consent(page);
  await shot(page, `${prefix}-03-callback`);
  const callback = new URL(page.url());
  assert.equal(callback.origin + callback.pathname, site.redirectUri);
  return { callback, verifier, state };
}

test('discovery advertises what the FAPI-style client relies on', () => {
  assert.equal(as.issuer, ISSUER.href);
  assert.equal(as.pushed_authorization_request_endpoint, `${PUBLIC}/oauth2/par`);
  assert.equal(as.authorization_response_iss_parameter_supported, true);
  assert.ok(as.code_challenge_methods_supported.includes('S256'));
  assert.ok(as.dpop_signing_alg_values_supported.includes('ES256'));
});

test('FAPI-style sign-in: PAR + PKCE + DPoP + iss check with oauth4webapi, and the tokens are useless without the key',
  async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { client } = spa;
    try {
      const keyPair = await oauth.generateKeyPair('ES256');
      const dpop = oauth.DPoP(client, keyPair);
      const jkt = await dpop.calculateThumbprint();
      assert.equal(jkt, await thumbprint(keyPair.publicKey));
      const otherDpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));

      const { callback, verifier, state } = await signIn(page, spa, dpop, 'fapi');
      // RFC 9207: iss is in the response, and oauth4webapi compares it with the discovered issuer.
      assert.equal(callback.searchParams.get('iss'), as.issuer);
      const params = oauth.validateAuthResponse(as, client, callback, state);

      // The code was pushed with a DPoP proof (RFC 9449 §10.1), so it is bound to the key: no proof, or another
      // key's, is refused and leaves the code unspent for its holder.
      const redeem = (options) => oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params,
        site.redirectUri, verifier, { ...options, ...insecure })
        .then((r) => oauth.processAuthorizationCodeResponse(as, client, r));
      assert.equal(await refused(() => redeem({})), 'invalid_dpop_proof');
      assert.equal(await refused(() => redeem({ DPoP: otherDpop })), 'invalid_grant');
      const tokens = await redeem({ DPoP: dpop });
      remember(params.get('code'), tokens.access_token, tokens.refresh_token, tokens.id_token);
      assert.equal(tokens.token_type, 'dpop'); // oauth4webapi lower-cases the server's "DPoP"
      assert.ok(tokens.refresh_token, 'offline was granted');
      const sub = oauth.getValidatedIdTokenClaims(tokens).sub;
      assert.equal(sub, 'foo@bar.com');

      // With the key: userinfo answers (RFC 9449 §7).
      const userinfo = await oauth.processUserInfoResponse(as, client, sub,
        await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP: dpop, ...insecure }));
      assert.equal(userinfo.sub, sub);

      // Without it: as a Bearer token, or with proofs of another key, the access token is refused.
      const userinfoUrl = new URL(as.userinfo_endpoint);
      await assert.rejects(oauth.protectedResourceRequest(tokens.access_token, 'GET', userinfoUrl,
        undefined, undefined, insecure), (err) => err instanceof oauth.WWWAuthenticateChallengeError
        && err.status === 401 && err.cause[0].scheme === 'dpop'
        && err.cause[0].parameters.error === 'invalid_dpop_proof');
      assert.equal(await refused(async () => oauth.processUserInfoResponse(as, client, sub,
        await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP: otherDpop, ...insecure }))),
      'invalid_dpop_proof');

      // The server knows the binding: introspection shows cnf.jkt (RFC 9449 §6.2) for both tokens.
      for (const token of [tokens.access_token, tokens.refresh_token]) {
        const introspection = await introspect(token);
        assert.equal(introspection.active, true);
        assert.equal(introspection.cnf?.jkt, jkt);
      }

      // The public client's refresh token is bound too (RFC 9449 §5): no proof, or another key's, is refused.
      const refresh = (options) => oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token,
        { ...options, ...insecure }).then((r) => oauth.processRefreshTokenResponse(as, client, r));
      assert.equal(await refused(() => refresh({})), 'invalid_dpop_proof');
      assert.equal(await refused(() => refresh({ DPoP: otherDpop })), 'invalid_grant');
      const refreshed = await refresh({ DPoP: dpop });
      remember(refreshed.access_token, refreshed.refresh_token, refreshed.id_token);
      assert.equal(refreshed.token_type, 'dpop');
      const again = await oauth.processUserInfoResponse(as, client, sub,
        await oauth.userInfoRequest(as, client, refreshed.access_token, { DPoP: dpop, ...insecure }));
      assert.equal(again.sub, sub);
    } finally {
      await context.close();
    }
  });

test('mix-up defence: oauth4webapi refuses a response whose iss is not the issuer it sent the request to', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { client } = spa;
  try {
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));
    const { callback, state } = await signIn(page, spa, dpop, 'fapi-mixup');
    const invalid = (message) => (err) => err instanceof oauth.OperationProcessingError
      && err.code === oauth.INVALID_RESPONSE && message.test(err.message);

    // The client believes it talked to another authorization server (RFC 9207 §2.4).
    const elsewhere = { ...as, issuer: 'http://127.0.0.1:9999/' };
    assert.throws(() => oauth.validateAuthResponse(elsewhere, client, callback, state), invalid(/unexpected "iss"/));
    // An attacker rewrote or removed iss; discovery promised it, so its absence is refused too.
    const tampered = new URL(callback);
    tampered.searchParams.set('iss', 'http://127.0.0.1:9999/');
    assert.throws(() => oauth.validateAuthResponse(as, client, tampered, state), invalid(/unexpected "iss"/));
    const stripped = new URL(callback);
    stripped.searchParams.delete('iss');
    assert.throws(() => oauth.validateAuthResponse(as, client, stripped, state), invalid(/"iss" \(issuer\) missing/));
    // The untouched response passes.
    remember(oauth.validateAuthResponse(as, client, callback, state).get('code'));
  } finally {
    await context.close();
  }
});

test('the client must push: a plain authorization request comes back as an error, with iss', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { client } = spa;
  try {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorize = new URL(as.authorization_endpoint);
    for (const [k, v] of Object.entries({
      client_id: client.client_id, response_type: 'code', redirect_uri: site.redirectUri, scope: 'openid', state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    })) authorize.searchParams.set(k, v);
    await page.goto(authorize.href);
    await page.waitForLoadState('load');
    await shot(page, 'fapi-not-pushed');
    const callback = new URL(page.url());
    assert.equal(callback.origin + callback.pathname, site.redirectUri);
    assert.equal(callback.searchParams.get('iss'), as.issuer);
    assert.throws(() => oauth.validateAuthResponse(as, client, callback, state),
      (err) => err instanceof oauth.AuthorizationResponseError && err.error === 'invalid_request');
  } finally {
    await context.close();
  }
});

test('a confidential client with private_key_jwt: the access token is bound to the DPoP key, the refresh token to '
  + 'the client\'s credentials', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { client, auth } = backend;
  try {
    const keyPair = await oauth.generateKeyPair('ES256');
    const dpop = oauth.DPoP(client, keyPair);
    const otherDpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));
    const { callback, verifier, state } = await signIn(page, backend, dpop, 'fapi-backend');
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(
      as, client, auth, params, site.redirectUri, verifier, { DPoP: dpop, ...insecure }));
    remember(params.get('code'), tokens.access_token, tokens.refresh_token, tokens.id_token);
    assert.equal(tokens.token_type, 'dpop');
    assert.equal((await introspect(tokens.access_token)).cnf?.jkt, await dpop.calculateThumbprint());
    assert.equal(await refused(async () => oauth.processUserInfoResponse(as, client, oauth.skipSubjectCheck,
      await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP: otherDpop, ...insecure }))),
    'invalid_dpop_proof');

    // RFC 9449 §5: a confidential client's refresh token is not bound to the key; it already needs the client's
    // own credentials, so without them it is refused, and with them a proof of any key binds the new access token.
    assert.equal((await introspect(tokens.refresh_token)).cnf, undefined);
    const refresh = (clientAuth, options) => oauth.refreshTokenGrantRequest(as, client, clientAuth,
      tokens.refresh_token, { ...options, ...insecure }).then((r) => oauth.processRefreshTokenResponse(as, client, r));
    assert.equal(await refused(() => refresh(oauth.None(), { DPoP: dpop })), 'invalid_client');
    const refreshed = await refresh(auth, { DPoP: otherDpop });
    remember(refreshed.access_token, refreshed.refresh_token, refreshed.id_token);
    assert.equal((await introspect(refreshed.access_token)).cnf?.jkt, await otherDpop.calculateThumbprint());
  } finally {
    await context.close();
  }
});
