package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Display;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.model.AcceptConsentRequest;
import org.openauthz.admin.client.model.AcceptLoginRequest;
import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;
import org.openauthz.admin.client.model.OpenIDConnectContext;
import org.openauthz.admin.client.model.PreviousConsentSession;
import org.openauthz.admin.client.model.RejectRequest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * The authorization code flow with delegated login and consent
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1</a>,
 * <a href="https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth">OpenID Connect Core §3.1</a>;
 * docs/custom-idp.md §2) over HTTP on real ports and PostgreSQL. Nimbus {@code oauth2-oidc-sdk} is the relying party:
 * it builds the requests, parses the callbacks and token responses, and validates the ID tokens against the published
 * JWKS. A scripted login/consent app on the generated admin client answers the challenges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationCodeFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "openid offline email";
    private static final String ACR = "urn:openauthz:acr:password";

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of());
        client = harness.createCodeClient();
        rp = harness.relyingParty(client);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A finished code flow: what the apps saw, the callback, the tokens and the validated ID token claims. */
    private record Login(RelyingParty.Attempt attempt, FlowHarness.Run run, OIDCTokenResponse tokens,
                         IDTokenClaimsSet idToken) {
        String accessToken() {
            return tokens.getOIDCTokens().getAccessToken().getValue();
        }

        RefreshToken refreshToken() {
            return tokens.getOIDCTokens().getRefreshToken();
        }
    }

    /** Full flow in {@code browser} for {@code subject} (login and consent remembered), code redeemed, ID token validated. */
    private Login login(Browser browser, String subject) throws Exception {
        return login(browser, rp, acceptLogin(subject));
    }

    private Login login(Browser browser, RelyingParty party, FlowHarness.LoginApp loginApp) throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        return login(browser, party, loginApp, party.request("code", SCOPE, attempt).build().toURI(), attempt);
    }

    private Login login(Browser browser, RelyingParty party, FlowHarness.LoginApp loginApp, URI request,
                        RelyingParty.Attempt attempt) throws Exception {
        FlowHarness.Run run = harness.run(browser, request, loginApp, acceptConsent());
        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(party.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        IDTokenClaimsSet claims = party.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        return new Login(attempt, run, tokens, claims);
    }

    /** RFC 6749 §4.1.2: the client's redirect URI with the code and the unchanged state. */
    private static AuthenticationSuccessResponse success(URI callback, State state) throws Exception {
        assertThat(callback).as("the browser must end at the client").isNotNull();
        assertThat(Params.base(callback)).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as("callback %s", callback).isTrue();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(state);
        assertThat(success.getAuthorizationCode()).isNotNull();
        return success;
    }

    /** RFC 6749 §4.1.2.1: an error at the client's redirect URI, with the state of the request. */
    private static AuthenticationErrorResponse clientError(URI callback, State state) throws Exception {
        assertThat(callback).as("the browser must end at the client").isNotNull();
        assertThat(Params.base(callback)).isEqualTo(RelyingParty.REDIRECT_URI.toString());
        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as("callback %s", callback).isFalse();
        AuthenticationErrorResponse error = response.toErrorResponse();
        assertThat(error.getState()).isEqualTo(state);
        return error;
    }

    private static JsonNode payload(JWT jwt) throws Exception {
        return JSON.readTree(jwt.getParsedParts()[1].decodeToString());
    }

    // ---------------------------------------------------------------- happy path, userinfo, discovery

    @Test
    void whenCodeFlowCompletesThenNimbusValidatesTheIdTokenAndTokensCarryTheConsentSession() throws Exception {
        Browser browser = new Browser();
        String subject = unique("alice");

        Login login = login(browser, subject);

        // What the login and consent apps were shown (docs/custom-idp.md §3).
        LoginRequest loginRequest = login.run().login();
        assertThat(loginRequest.getSkip()).isFalse();
        assertThat(loginRequest.getSubject()).isEmpty();
        assertThat(loginRequest.getClient().getClientId()).isEqualTo(client.getClientId());
        assertThat(loginRequest.getRequestedScope()).containsExactly("openid", "offline", "email");
        assertThat(loginRequest.getRequestUrl()).startsWith(harness.server.publicUrl("/oauth2/auth?"));
        assertThat(loginRequest.getSessionId()).isNotBlank();
        ConsentRequest consentRequest = login.run().consent();
        assertThat(consentRequest.getSkip()).isFalse();
        assertThat(consentRequest.getSubject()).isEqualTo(subject);
        assertThat(consentRequest.getLoginChallenge()).isEqualTo(loginRequest.getChallenge());
        assertThat(consentRequest.getLoginSessionId()).isEqualTo(loginRequest.getSessionId());
        assertThat(consentRequest.getAcr()).isEqualTo(ACR);
        // RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2): granted scope in the callback;
        // without TLS Hydra v1.10's cookie names end in _insecure.
        assertThat(Params.query(login.run().callback())).containsEntry("scope", SCOPE);
        assertThat(browser.cookieNames()).contains("oauth2_authentication_session_insecure");

        // RFC 6749 §5.1 (https://www.rfc-editor.org/rfc/rfc6749#section-5.1) token response; Hydra v1.10's lowercase
        // "bearer" and opaque token shape.
        assertThat(JSON.readTree(rp.lastTokenResponseBody()).path("token_type").asText()).isEqualTo("bearer");
        assertThat(login.tokens().getOIDCTokens().getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
        assertThat(login.accessToken()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(login.refreshToken()).as("offline was granted").isNotNull();
        assertThat(login.tokens().getOIDCTokens().getAccessToken().getScope().toStringList())
                .containsExactlyInAnyOrder("openid", "offline", "email");

        // OIDC Core §2 (https://openid.net/specs/openid-connect-core-1_0.html#IDToken) / §3.1.3.6 claims of the
        // validated ID token; as in Hydra v1.10 the issuer ends with "/" and aud is an array.
        IDTokenClaimsSet claims = login.idToken();
        assertThat(claims.getIssuer().getValue()).isEqualTo(harness.server.issuer()).endsWith("/");
        assertThat(claims.getSubject().getValue()).isEqualTo(subject);
        assertThat(claims.getAudience()).extracting(Object::toString).containsExactly(client.getClientId());
        assertThat(claims.getNonce()).isEqualTo(login.attempt().nonce());
        assertThat(claims.getAuthenticationTime()).isNotNull();
        assertThat(claims.getACR().getValue()).isEqualTo(ACR);
        assertThat(claims.getStringClaim("sid")).isEqualTo(loginRequest.getSessionId());
        assertThat(claims.getStringClaim("email")).isEqualTo(subject + "@example.com");
        assertThat(claims.getStringClaim("jti")).isNotBlank();
        JWT idToken = login.tokens().getOIDCTokens().getIDToken();
        JsonNode raw = payload(idToken);
        assertThat(raw.get("aud").isArray()).as("aud is a JSON array even with one audience").isTrue();
        assertThat(raw.get("rat").isNumber()).as("rat").isTrue();
        assertThat(raw.get("rat").asLong()).isLessThanOrEqualTo(raw.get("iat").asLong());
        assertThat(raw.get("auth_time").asLong()).isLessThanOrEqualTo(raw.get("iat").asLong());
        // OIDC Core §3.1.3.8: at_hash binds the access token to the ID token.
        AccessTokenValidator.validate(login.tokens().getOIDCTokens().getAccessToken(), JWSAlgorithm.RS256,
                claims.getAccessTokenHash());
        // OIDC Core §10.1.1: the signing key is published under the kid of the header.
        String kid = ((SignedJWT) idToken).getHeader().getKeyID();
        assertThat(JWKSet.load(rp.provider().getJWKSetURI().toURL()).getKeyByKeyId(kid)).isNotNull();

        // RFC 7662 §2.2 (https://www.rfc-editor.org/rfc/rfc7662#section-2.2) on the admin port; as in Hydra v1.10,
        // ext = the consent session's access_token claims.
        OAuth2TokenIntrospection introspection = harness.admin.introspectOAuth2Token(login.accessToken(), null);
        assertThat(introspection.getActive()).isTrue();
        assertThat(introspection.getSub()).isEqualTo(subject);
        assertThat(introspection.getClientId()).isEqualTo(client.getClientId());
        assertThat(introspection.getExt()).isEqualTo(Map.of("department", "research"));
        assertThat(introspection.getTokenType()).isEqualTo("Bearer");
        assertThat(introspection.getTokenUse()).isEqualTo("access_token");
        assertThat(introspection.getIss()).isEqualTo(harness.server.issuer());
        assertThat(introspection.getScope()).isEqualTo(SCOPE);
    }

    @Test
    void whenCodeFlowHasNoNonceThenNeitherIdTokenCarriesANonceAndBothValidate() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.1 (https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest): nonce is optional in
        // the code flow, and §2 puts it in the ID token only when the request had one (decision 0015).
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).nonce(null).build()
                .toURI(), acceptLogin(unique("nonce-less")), acceptConsent());

        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        assertThat(payload(idToken).has("nonce")).as("nonce claim").isFalse();
        assertThat(rp.validate(idToken, null).getSubject()).isNotNull();

        JWT refreshed = RelyingParty.success(rp.refresh(tokens.getOIDCTokens().getRefreshToken()))
                .getOIDCTokens().getIDToken();
        assertThat(payload(refreshed).has("nonce")).as("nonce claim after refresh").isFalse();
    }

    @Test
    void whenAuthorizationStartsThenTheLoginCsrfCookieIsHttpOnlyLaxAndNamedInsecure() {
        HttpResponse<String> response = new Browser().get(rp.request("code", SCOPE, RelyingParty.Attempt.fresh())
                .build().toURI());

        // As in Hydra v1.10, without TLS the names gain _insecure, SameSite falls back to Lax and the
        // cookie is not Secure (RFC 6265 §4.1.2.5-6; browsers drop SameSite=None cookies that are not Secure).
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        assertThat(setCookies).anySatisfy(cookie -> {
            assertThat(cookie).startsWith("oauth2_authentication_csrf_insecure=");
            assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                    .doesNotContainIgnoringCase("Secure;").doesNotEndWithIgnoringCase("Secure");
        });
    }

    @Test
    void whenUserinfoIsCalledByGetAndPostThenItReturnsTheSubjectAndConsentClaims() throws Exception {
        String subject = unique("ursula");
        Login login = login(new Browser(), subject);
        BearerAccessToken token = new BearerAccessToken(login.accessToken());

        for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
            // OIDC Core §5.3.2 (https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse): the claims of
            // the grant, minus the ID-token-only claims as in Hydra v1.10.
            UserInfoResponse response = rp.userinfo(token, method);
            assertThat(response.indicatesSuccess()).as("%s /userinfo: %s", method, response).isTrue();
            UserInfo info = response.toSuccessResponse().getUserInfo();
            assertThat(info.getSubject().getValue()).as(method.name()).isEqualTo(subject);
            assertThat(info.getStringClaim("email")).isEqualTo(subject + "@example.com");
            assertThat(info.toJSONObject()).as(method.name())
                    .doesNotContainKeys("nonce", "at_hash", "c_hash", "exp", "sid", "jti");
        }
    }

    @Test
    void whenUserinfoGetsARefreshTokenOrNoTokenThenItAnswers401() throws Exception {
        Login login = login(new Browser(), unique("rita"));

        // RFC 6750 §3.1 (https://www.rfc-editor.org/rfc/rfc6750#section-3.1): invalid_token with a WWW-Authenticate
        // challenge.
        UserInfoResponse withRefresh = rp.userinfo(new BearerAccessToken(login.refreshToken().getValue()),
                HTTPRequest.Method.GET);
        assertThat(withRefresh.indicatesSuccess()).isFalse();
        assertThat(withRefresh.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        HttpResponse<String> bare = harness.server.get(harness.server.publicUrl("/userinfo"));
        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(bare.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }

    @Test
    void whenDiscoveryIsFetchedThenItDescribesTheEndpointsTheRelyingPartyUses() throws Exception {
        // OIDC Discovery §3 / §4.3 (https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata); Hydra
        // v1.10.2's values, the issuer ending with "/".
        OIDCProviderMetadata op = RelyingParty.discover(harness.server.issuer());
        assertThat(op.getIssuer().getValue()).isEqualTo(harness.server.issuer()).endsWith("/");
        assertThat(op.getAuthorizationEndpointURI()).hasToString(harness.server.publicUrl("/oauth2/auth"));
        assertThat(op.getTokenEndpointURI()).hasToString(harness.server.publicUrl("/oauth2/token"));
        assertThat(op.getUserInfoEndpointURI()).hasToString(harness.server.publicUrl("/userinfo"));
        assertThat(op.getJWKSetURI()).hasToString(harness.server.publicUrl("/.well-known/jwks.json"));
        assertThat(op.getRevocationEndpointURI()).hasToString(harness.server.publicUrl("/oauth2/revoke"));
        assertThat(op.getEndSessionEndpointURI()).hasToString(harness.server.publicUrl("/oauth2/sessions/logout"));
        assertThat(op.getResponseTypes()).contains(ResponseType.parse("code"), ResponseType.parse("code id_token"),
                ResponseType.parse("id_token"), ResponseType.parse("token id_token"));
        assertThat(op.getSubjectTypes()).extracting(Object::toString).contains("public");
        assertThat(op.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.RS256);
        assertThat(op.getTokenEndpointAuthMethods()).extracting(Object::toString)
                .contains("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
        assertThat(op.getScopes().toStringList()).contains("openid", "offline", "offline_access");
        assertThat(op.getGrantTypes()).extracting(Object::toString)
                .contains("authorization_code", "implicit", "refresh_token", "client_credentials");
        assertThat(op.getClaims()).contains("sub");
        // The JWKS has the public ID-token signing key, and no private parts.
        JWKSet jwks = JWKSet.load(op.getJWKSetURI().toURL());
        assertThat(jwks.getKeys()).isNotEmpty();
        assertThat(jwks.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        assertThat(jwks.getKeys()).anySatisfy(key -> {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        });
    }

    @Test
    void whenAuthorizationRequestIsPostedThenTheFlowCompletes() throws Exception {
        Browser browser = new Browser();
        String subject = unique("posty");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthenticationRequest request = rp.request("code", SCOPE, attempt).build();

        // OIDC Core §3.1.2.1: the authorization endpoint must support GET and POST (form-encoded).
        HttpResponse<String> first = browser.send(HttpRequest.newBuilder(
                        rp.provider().getAuthorizationEndpointURI())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        URLUtils.serializeParameters(request.toParameters()))).build());
        FlowHarness.Run run = harness.continueRun(browser, first, acceptLogin(subject), acceptConsent());

        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        assertThat(rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce()).getSubject().getValue())
                .isEqualTo(subject);
    }

    @Test
    void whenConsentGrantsFewerScopesThenTheTokensCarryOnlyThoseAndNoRefreshToken() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // RFC 6749 §3.3: the granted scope may be narrower than requested; no offline → no refresh token (as in Hydra
        // v1.10).
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                acceptLogin(unique("nina")),
                (admin, request) -> admin.acceptConsentRequest(request.getChallenge(),
                        new AcceptConsentRequest().grantScope(List.of("openid")))
                        .getRedirectTo());

        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        assertThat(Params.query(run.callback())).containsEntry("scope", "openid");
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNull();
        assertThat(tokens.getOIDCTokens().getAccessToken().getScope().toStringList()).containsExactly("openid");
        assertThat(rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce())).isNotNull();
    }

    @Test
    void whenAudienceIsRequestedAndGrantedAndLoginContextIsSetThenTheyReachConsentAndTheToken() throws Exception {
        String api = "https://api.example.com/orders";
        OAuth2Client withAudience = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("aud"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of("authorization_code"))
                .responseTypes(List.of("code")).scope(SCOPE).audience(List.of(api))
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString())));
        RelyingParty party = harness.relyingParty(withAudience);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        String subject = unique("audrey");

        // Hydra v1.10's audience parameter, the login context handed to consent, and grant_access_token_audience.
        FlowHarness.Run run = harness.run(new Browser(), party.request("code", "openid", attempt)
                        .customParameter("audience", api).build().toURI(),
                (admin, request) -> admin.acceptLoginRequest(request.getChallenge(), new AcceptLoginRequest()
                        .subject(subject).context(Map.of("login_method", "webauthn"))).getRedirectTo(),
                acceptConsent());

        assertThat(run.login().getRequestedAccessTokenAudience()).containsExactly(api);
        assertThat(run.consent().getRequestedAccessTokenAudience()).containsExactly(api);
        assertThat(run.consent().getContext()).containsEntry("login_method", "webauthn");
        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(party.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        // RFC 7662 §2.2 (https://www.rfc-editor.org/rfc/rfc7662#section-2.2) aud.
        assertThat(harness.admin.introspectOAuth2Token(tokens.getOIDCTokens().getAccessToken().getValue(), null)
                .getAud()).containsExactly(api);
    }

    // ---------------------------------------------------------------- remember, skip, prompt, max_age, id_token_hint

    @Test
    void whenBrowserReturnsWithRememberedSessionThenLoginAndConsentAreSkipped() throws Exception {
        Browser browser = new Browser();
        String subject = unique("sam");
        Login first = login(browser, subject);

        // docs/custom-idp.md §4: skip=true at login (same subject must be accepted) and at consent; as in Hydra
        // v1.10 auth_time is kept.
        Login second = login(browser, rp, (admin, request) -> {
            assertThat(request.getSkip()).as("login skip").isTrue();
            assertThat(request.getSubject()).isEqualTo(subject);
            return acceptLogin(subject).handle(admin, request);
        });

        assertThat(second.run().consent().getSkip()).as("consent skip").isTrue();
        assertThat(second.run().login().getSessionId()).isEqualTo(first.run().login().getSessionId());
        assertThat(second.idToken().getSubject().getValue()).isEqualTo(subject);
        assertThat(second.idToken().getAuthenticationTime()).isEqualTo(first.idToken().getAuthenticationTime());
        assertThat(second.idToken().getStringClaim("sid")).isEqualTo(first.idToken().getStringClaim("sid"));
    }

    @Test
    void whenLoginIsNotRememberedThenTheNextAuthorizationAsksAgain() throws Exception {
        Browser browser = new Browser();
        String subject = unique("once");
        Login first = login(browser, rp, FlowHarness.acceptLoginOnce(subject));

        // docs/custom-idp.md §4: remember=false sets no session cookie; the ID token still has a sid.
        assertThat(browser.cookieNames()).doesNotContain("oauth2_authentication_session_insecure");
        assertThat(first.idToken().getStringClaim("sid")).isNotBlank();
        Login second = login(browser, subject);
        assertThat(second.run().login().getSkip()).isFalse();
    }

    @Test
    void whenPromptIsConsentThenConsentIsNotSkipped() throws Exception {
        Browser browser = new Browser();
        String subject = unique("cora");
        login(browser, subject);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.1 prompt=consent: ask for consent even though it was remembered; login is still skipped.
        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).prompt(Prompt.Type.CONSENT)
                .build().toURI(), acceptLogin(subject), acceptConsent());

        assertThat(run.login().getSkip()).isTrue();
        assertThat(run.consent().getSkip()).isFalse();
        success(run.callback(), attempt.state());
    }

    @Test
    void whenSkippedLoginIsAcceptedWithAnotherSubjectThenAdminRefuses() throws Exception {
        Browser browser = new Browser();
        String subject = unique("sid");
        login(browser, subject);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        String challenge = FlowHarness.loginChallenge(browser.get(rp.request("code", SCOPE, attempt).build().toURI()));
        assertThat(harness.admin.getLoginRequest(challenge).getSkip()).isTrue();

        // As in Hydra v1.10, a skipped login must be accepted with the remembered subject.
        ApiException refused = catchThrowableOfType(ApiException.class, () -> harness.admin.acceptLoginRequest(
                challenge, new AcceptLoginRequest().subject(unique("mallory"))));

        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.getResponseBody()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void whenAcceptBodyHasAnUnknownFieldThenAdminAnswers400() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        String challenge = FlowHarness.loginChallenge(new Browser().get(rp.request("code", SCOPE, attempt).build()
                .toURI()));

        // Hydra v1.10 decodes accept bodies with DisallowUnknownFields.
        HttpResponse<String> response = harness.server.json("PUT",
                harness.server.adminUrl("/oauth2/auth/requests/login/accept?login_challenge=" + challenge),
                "{\"subject\":\"someone\",\"remember_me\":true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    @Test
    void whenPromptIsLoginThenLoginIsNotSkipped() throws Exception {
        Browser browser = new Browser();
        String subject = unique("paula");
        login(browser, subject);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.1 prompt=login: the OP must reauthenticate, so the login app sees skip=false.
        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).prompt(Prompt.Type.LOGIN)
                .build().toURI(), acceptLogin(subject), acceptConsent());

        assertThat(run.login().getSkip()).isFalse();
        assertThat(run.login().getSubject()).isEmpty();
        success(run.callback(), attempt.state());
    }

    @Test
    void whenPromptIsNoneWithoutSessionThenClientGetsLoginRequired() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.6: login_required, delivered to the client with the state; no UI is involved.
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).prompt(Prompt.Type.NONE)
                .build().toURI(), (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("login_required");
    }

    @Test
    void whenPromptIsNoneWithRememberedLoginAndConsentThenCodeIsIssuedWithoutInteraction() throws Exception {
        Browser browser = new Browser();
        String subject = unique("nora");
        login(browser, subject);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.1 prompt=none; Hydra v1.10 still routes through both apps, which see
        // skip=true and accept without showing anything.
        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).prompt(Prompt.Type.NONE)
                .build().toURI(), acceptLogin(subject), acceptConsent());

        assertThat(run.login().getSkip()).isTrue();
        assertThat(run.consent().getSkip()).isTrue();
        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        assertThat(rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce()).getSubject().getValue())
                .isEqualTo(subject);
    }

    @Test
    void whenMaxAgeHasPassedThenLoginIsNotSkipped() throws Exception {
        Browser browser = new Browser();
        String subject = unique("max");
        Login first = login(browser, subject);
        Thread.sleep(2_000);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("code", SCOPE, attempt).maxAge(1).build().toURI();

        // OIDC Core §3.1.2.1 max_age: the session is older than 1 s, so the user must authenticate again.
        String challenge = FlowHarness.loginChallenge(browser.get(request));
        LoginRequest login = harness.admin.getLoginRequest(challenge);
        assertThat(login.getSkip()).isFalse();
        FlowHarness.Run run = harness.run(browser, URI.create(acceptLogin(subject).handle(harness.admin, login)),
                (a, r) -> never("login app"), acceptConsent());

        AuthenticationSuccessResponse callback = success(run.callback(), attempt.state());
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        IDTokenClaimsSet claims = rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        assertThat(claims.getAuthenticationTime()).isAfter(first.idToken().getAuthenticationTime());
    }

    @Test
    void whenFreshLoginReturnsSlowlyWithMaxAgeThenCodeIsStillIssued() throws Exception {
        Browser browser = new Browser();
        String subject = unique("slow");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("code", SCOPE, attempt).maxAge(1).build().toURI();
        String challenge = FlowHarness.loginChallenge(browser.get(request));
        String redirectTo = acceptLogin(subject).handle(harness.admin, harness.admin.getLoginRequest(challenge));

        // OIDC Core §3.1.2.1 max_age: the user authenticated after the request was made, so max_age=1 is met however
        // long the browser takes to come back (fosite compares auth_time + max_age with requested_at when the login
        // verifier comes back).
        Thread.sleep(1_500);
        FlowHarness.Run run = harness.run(browser, URI.create(redirectTo), (a, r) -> never("login app"),
                acceptConsent());

        success(run.callback(), attempt.state());
    }

    @Test
    void whenMaxAgeHasPassedAndPromptIsNoneThenClientGetsLoginRequired() throws Exception {
        Browser browser = new Browser();
        login(browser, unique("mona"));
        Thread.sleep(2_000);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // As in Hydra v1.10, prompt=none and a session older than max_age → login_required, without any UI.
        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).maxAge(1)
                .prompt(Prompt.Type.NONE).build().toURI(), (a, r) -> never("login app"), (a, r) -> never("consent"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("login_required");
    }

    @Test
    void whenIdTokenHintNamesAnotherSubjectThenClientGetsLoginRequired() throws Exception {
        Browser alicesBrowser = new Browser();
        login(alicesBrowser, unique("alice"));
        JWT bobsIdToken = login(new Browser(), unique("bob")).tokens().getOIDCTokens().getIDToken();
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // OIDC Core §3.1.2.1 id_token_hint: the session's user is not the hinted one → login_required (§3.1.2.6).
        FlowHarness.Run run = harness.run(alicesBrowser, rp.request("code", SCOPE, attempt).idTokenHint(bobsIdToken)
                .build().toURI(), (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("login_required");
    }

    @Test
    void whenIdTokenHintNamesTheSessionSubjectThenLoginIsSkipped() throws Exception {
        Browser browser = new Browser();
        String subject = unique("hilda");
        JWT own = login(browser, subject).tokens().getOIDCTokens().getIDToken();
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).idTokenHint(own).build().toURI(),
                acceptLogin(subject), acceptConsent());

        assertThat(run.login().getSkip()).isTrue();
        success(run.callback(), attempt.state());
    }

    @Test
    void whenIdTokenHintIsSentThenTheLoginAppSeesItsClaims() throws Exception {
        Browser browser = new Browser();
        String subject = unique("hanna");
        JWT own = login(browser, subject).tokens().getOIDCTokens().getIDToken();
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        FlowHarness.Run run = harness.run(browser, rp.request("code", SCOPE, attempt).idTokenHint(own).build().toURI(),
                acceptLogin(subject), acceptConsent());

        assertThat(run.login().getOidcContext()).isNotNull();
        assertThat(run.login().getOidcContext().getIdTokenHintClaims()).isNotNull().containsEntry("sub", subject);
    }

    @Test
    void whenOidcRequestParametersAreSentThenTheLoginAppSeesThemAndAcrDefaultsToZero() throws Exception {
        String subject = unique("olga");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        URI request = rp.request("code", SCOPE, attempt)
                .acrValues(List.of(new ACR("urn:example:loa:2")))
                .loginHint("olga@example.com")
                .uiLocales(List.of(LangTag.parse("de-CH")))
                .display(Display.POPUP)
                .build().toURI();

        // OIDC Core §3.1.2.1 parameters are forwarded in oidc_context, as in Hydra v1.10; the login app
        // sets no acr, so the ID token says acr "0" because acr_values was requested (Hydra v1.10 does the same).
        Login login = login(new Browser(), rp, FlowHarness.acceptLoginOnce(subject), request, attempt);

        OpenIDConnectContext context = login.run().login().getOidcContext();
        assertThat(context.getAcrValues()).containsExactly("urn:example:loa:2");
        assertThat(context.getLoginHint()).isEqualTo("olga@example.com");
        assertThat(context.getUiLocales()).containsExactly("de-CH");
        assertThat(context.getDisplay()).isEqualTo("popup");
        assertThat(login.idToken().getACR().getValue()).isEqualTo("0");
    }

    // ---------------------------------------------------------------- denials

    @Test
    void whenLoginAppDeniesThenClientGetsAccessDeniedWithState() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // The reject body surfaces at the client as access_denied, RFC 6749 §4.1.2.1
        // (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1).
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                (admin, request) -> admin.rejectLoginRequest(request.getChallenge(), new RejectRequest()
                        .error("access_denied").errorDescription("The resource owner denied the request"))
                        .getRedirectTo(),
                (a, r) -> never("consent app"));

        AuthenticationErrorResponse error = clientError(run.callback(), attempt.state());
        assertThat(error.getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(error.getErrorObject().getDescription()).contains("The resource owner denied the request");
    }

    @Test
    void whenLoginIsRejectedWithAnEmptyBodyThenClientGetsLoginRequestDenied() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // As in Hydra v1.10, the default error is "login request denied".
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                (admin, request) -> admin.rejectLoginRequest(request.getChallenge(), new RejectRequest())
                        .getRedirectTo(),
                (a, r) -> never("consent app"));

        clientError(run.callback(), attempt.state());
        assertThat(Params.query(run.callback())).containsEntry("error", "login request denied");
    }

    @Test
    void whenConsentAppDeniesThenClientGetsAccessDeniedAndNoConsentIsRemembered() throws Exception {
        String subject = unique("connie");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                acceptLogin(subject),
                (admin, request) -> admin.rejectConsentRequest(request.getChallenge(), new RejectRequest()
                        .error("access_denied").errorDescription("The resource owner denied the request"))
                        .getRedirectTo());

        AuthenticationErrorResponse error = clientError(run.callback(), attempt.state());
        assertThat(error.getErrorObject().getCode()).isEqualTo("access_denied");
        // As in Hydra v1.10, only accepted consents are listed.
        assertThat(harness.admin.listSubjectConsentSessions(subject, null, null)).isEmpty();
    }

    @Test
    void whenConsentIsRejectedWithAnEmptyBodyThenClientGetsConsentRequestDenied() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                acceptLogin(unique("carl")),
                (admin, request) -> admin.rejectConsentRequest(request.getChallenge(), new RejectRequest())
                        .getRedirectTo());

        clientError(run.callback(), attempt.state());
        assertThat(Params.query(run.callback())).containsEntry("error", "consent request denied");
    }

    // ---------------------------------------------------------------- request validation

    @Test
    void whenRedirectUriIsNotRegisteredThenBrowserGoesToTheErrorPageNotToThatUri() throws Exception {
        URI attacker = URI.create("https://attacker.example/callback");
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // RFC 6749 §4.1.2.1 / §3.1.2.4: never redirect to an unregistered URI; Hydra v1.10
        // shows the error at urls.error instead.
        HttpResponse<String> response = new Browser().get(rp.request("code", SCOPE, attempt, attacker).build()
                .toURI());

        URI location = Browser.location(response);
        assertThat(location.toString()).doesNotStartWith(attacker.toString())
                .startsWith(harness.server.publicUrl("/oauth2/fallbacks/error?"));
        assertThat(Params.query(location)).containsEntry("error", "invalid_request").doesNotContainKey("state");
        HttpResponse<String> page = harness.server.get(location.toString());
        // Hydra v1.10's fallback error page answers 500, whatever the error.
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("invalid_request");
    }

    @Test
    void whenErrorPageReflectsMarkupThenItIsHtmlEscaped() {
        // Issue 3 item 1: every value the fallback error page reflects is HTML-escaped (XSS).
        HttpResponse<String> page = harness.server.get(harness.server.publicUrl(
                "/oauth2/fallbacks/error?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error_description=%22%3E%3Cimg%3E"));

        assertThat(page.body()).doesNotContain("<script>alert(1)").doesNotContain("\"><img>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void whenClientIdIsUnknownThenBrowserGoesToTheErrorPageWithInvalidClient() throws Exception {
        RelyingParty stranger = new RelyingParty(rp.provider(), unique("no-such-client"), FlowHarness.SECRET);

        HttpResponse<String> response = new Browser().get(stranger.request("code", SCOPE,
                RelyingParty.Attempt.fresh()).build().toURI());

        URI location = Browser.location(response);
        assertThat(location.toString()).startsWith(harness.server.publicUrl("/oauth2/fallbacks/error?"));
        assertThat(Params.query(location)).containsEntry("error", "invalid_client");
    }

    @Test
    void whenStateIsShorterThanEightCharactersThenClientGetsInvalidState() throws Exception {
        RelyingParty.Attempt attempt = new RelyingParty.Attempt(new State("short"), new Nonce(), new CodeVerifier());

        // As in Hydra v1.10, state is mandatory with at least 8 characters.
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode()).isEqualTo("invalid_state");
    }

    @Test
    void whenNonceIsShorterThanEightCharactersThenClientGetsInsufficientEntropy() throws Exception {
        RelyingParty.Attempt attempt = new RelyingParty.Attempt(new State(), new Nonce("tiny"), new CodeVerifier());

        // As in Hydra v1.10, a nonce, when present, has at least 8 characters.
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt).build().toURI(),
                (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("insufficient_entropy");
    }

    // ---------------------------------------------------------------- PKCE

    /** Login and consent accepted; returns the code of the callback. */
    private AuthorizationCode code(RelyingParty party, URI request, State state) throws Exception {
        FlowHarness.Run run = harness.run(new Browser(), request, acceptLogin(unique("pkce")), acceptConsent());
        return success(run.callback(), state).getAuthorizationCode();
    }

    @Test
    void whenCodeVerifierIsWrongThenTokenRequestFailsWithInvalidGrant() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = code(rp, rp.request("code", SCOPE, attempt).build().toURI(), attempt.state());

        // RFC 7636 §4.6: BASE64URL(SHA256(verifier)) must equal the challenge, else invalid_grant.
        assertThat(RelyingParty.errorCode(rp.redeem(code, new CodeVerifier()))).isEqualTo("invalid_grant");
    }

    @Test
    void whenCodeVerifierIsMissingThenTokenRequestFailsWithInvalidGrant() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = code(rp, rp.request("code", SCOPE, attempt).build().toURI(), attempt.state());

        // RFC 7636 §4.5 (https://www.rfc-editor.org/rfc/rfc7636#section-4.5): the code was bound to a challenge, so the
        // verifier is required.
        assertThat(RelyingParty.errorCode(rp.redeem(code, null))).isEqualTo("invalid_grant");
    }

    @Test
    void whenCodeChallengeMethodIsPlainThenClientGetsInvalidRequest() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // RFC 9700 §2.1.1 (https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1): only S256; plain is refused at the
        // authorization endpoint.
        FlowHarness.Run run = harness.run(new Browser(), rp.request("code", SCOPE, attempt)
                        .codeChallenge(attempt.verifier(), CodeChallengeMethod.PLAIN).build().toURI(),
                (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    private OAuth2Client publicClient() throws ApiException {
        return harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("public"))
                .grantTypes(List.of("authorization_code", "refresh_token")).responseTypes(List.of("code"))
                .scope(SCOPE).redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .tokenEndpointAuthMethod("none"));
    }

    @Test
    void whenPublicClientOmitsPkceThenClientGetsInvalidRequest() throws Exception {
        RelyingParty party = harness.relyingParty(publicClient());
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();

        // RFC 9700 §2.1.1: public clients must use PKCE (oauth2.pkce.enforced_for_public_clients, default true).
        FlowHarness.Run run = harness.run(new Browser(), party.request("code", SCOPE, attempt)
                        .codeChallenge((CodeVerifier) null, null).build().toURI(),
                (a, r) -> never("login app"), (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    @Test
    void whenPublicClientUsesPkceThenItRedeemsTheCodeWithoutASecret() throws Exception {
        RelyingParty party = harness.relyingParty(publicClient());
        String subject = unique("pat");

        // RFC 6749 §2.1 public client, token_endpoint_auth_method none + RFC 7636.
        Login login = login(new Browser(), party, acceptLogin(subject));

        assertThat(login.idToken().getSubject().getValue()).isEqualTo(subject);
        assertThat(harness.active(login.accessToken())).isTrue();
    }

    @Test
    void whenCodeIsRedeemedWithAnotherRedirectUriThenInvalidGrant() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = code(rp, rp.request("code", SCOPE, attempt).build().toURI(), attempt.state());

        // RFC 6749 §4.1.3: redirect_uri must be identical to the one of the authorization request.
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(rp.provider().getTokenEndpointURI(),
                new ClientSecretBasic(rp.clientId(), new Secret(FlowHarness.SECRET)),
                new AuthorizationCodeGrant(code, URI.create("http://127.0.0.1:5555/other"), attempt.verifier()))
                .toHTTPRequest().send());

        assertThat(RelyingParty.errorCode(response)).isEqualTo("invalid_grant");
    }

    @Test
    void whenCodeIsRedeemedByAnotherClientThenInvalidGrant() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = code(rp, rp.request("code", SCOPE, attempt).build().toURI(), attempt.state());
        RelyingParty other = harness.relyingParty(harness.createCodeClient());

        // RFC 6749 §4.1.3: the code was issued to another client.
        assertThat(RelyingParty.errorCode(other.redeem(code, attempt.verifier()))).isEqualTo("invalid_grant");
        assertThat(RelyingParty.success(rp.redeem(code, attempt.verifier()))).as("still good for its own client")
                .isNotNull();
    }

    // ---------------------------------------------------------------- code reuse, refresh rotation and reuse

    @Test
    void whenCodeIsReusedThenSecondExchangeFailsAndTheFirstTokensAreRevoked() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = code(rp, rp.request("code", SCOPE, attempt).build().toURI(), attempt.state());
        OIDCTokenResponse first = RelyingParty.success(rp.redeem(code, attempt.verifier()));
        String accessToken = first.getOIDCTokens().getAccessToken().getValue();
        String refreshToken = first.getOIDCTokens().getRefreshToken().getValue();
        assertThat(harness.active(accessToken)).isTrue();

        // RFC 6749 §4.1.2: a code is single use, and a second use SHOULD revoke what the first one issued.
        assertThat(RelyingParty.errorCode(rp.redeem(code, attempt.verifier()))).isEqualTo("invalid_grant");

        assertThat(harness.active(accessToken)).as("access token of the first exchange").isFalse();
        assertThat(harness.active(refreshToken)).as("refresh token of the first exchange").isFalse();
    }

    @Test
    void whenRefreshTokenIsUsedThenItRotatesAndTheOldAccessTokenIsInactive() throws Exception {
        String subject = unique("rory");
        Login login = login(new Browser(), subject);

        // RFC 6749 §6 (https://www.rfc-editor.org/rfc/rfc6749#section-6) + RFC 9700 §4.14.2 rotation, as in Hydra
        // v1.10.
        OIDCTokenResponse refreshed = RelyingParty.success(rp.refresh(login.refreshToken()));

        RefreshToken newRefresh = refreshed.getOIDCTokens().getRefreshToken();
        String newAccess = refreshed.getOIDCTokens().getAccessToken().getValue();
        assertThat(newRefresh).isNotNull();
        assertThat(newRefresh.getValue()).isNotEqualTo(login.refreshToken().getValue());
        assertThat(newAccess).isNotEqualTo(login.accessToken());
        assertThat(harness.active(login.accessToken())).as("old access token").isFalse();
        assertThat(harness.active(login.refreshToken().getValue())).as("old refresh token").isFalse();
        assertThat(harness.active(newAccess)).as("new access token").isTrue();
        assertThat(harness.active(newRefresh.getValue())).as("new refresh token").isTrue();
        // OIDC Core §12.2: the refreshed ID token keeps iss, sub, aud and auth_time.
        IDTokenClaimsSet claims = rp.validate(refreshed.getOIDCTokens().getIDToken(), null);
        assertThat(claims.getSubject().getValue()).isEqualTo(subject);
        assertThat(claims.getAuthenticationTime()).isEqualTo(login.idToken().getAuthenticationTime());
        AccessTokenValidator.validate(refreshed.getOIDCTokens().getAccessToken(), JWSAlgorithm.RS256,
                claims.getAccessTokenHash());
    }

    @Test
    void whenAnOldRefreshTokenIsReusedThenTheWholeChainIsRevoked() throws Exception {
        Login login = login(new Browser(), unique("reuse"));
        OIDCTokenResponse second = RelyingParty.success(rp.refresh(login.refreshToken()));
        OIDCTokenResponse third = RelyingParty.success(rp.refresh(second.getOIDCTokens().getRefreshToken()));

        // RFC 9700 §4.14.2: reuse of a rotated refresh token revokes the grant; like Hydra v1.10 (fosite v0.39) the
        // answer is token_inactive with 401, as in Hydra v1.10.
        TokenResponse reuse = rp.refresh(login.refreshToken());
        assertThat(RelyingParty.errorCode(reuse)).isEqualTo("token_inactive");
        assertThat(reuse.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);

        assertThat(harness.active(third.getOIDCTokens().getAccessToken().getValue())).as("latest access").isFalse();
        assertThat(harness.active(third.getOIDCTokens().getRefreshToken().getValue())).as("latest refresh").isFalse();
        assertThat(RelyingParty.errorCode(rp.refresh(third.getOIDCTokens().getRefreshToken())))
                .as("the latest refresh token is dead too").isEqualTo("token_inactive");
    }

    // ---------------------------------------------------------------- single-use challenges and verifiers, CSRF

    @Test
    void whenLoginVerifierIsFollowedTwiceThenTheSecondTimeClientGetsAccessDenied() throws Exception {
        Browser browser = new Browser();
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        String challenge = FlowHarness.loginChallenge(browser.get(rp.request("code", SCOPE, attempt).build()
                .toURI()));
        String redirectTo = acceptLogin(unique("vera")).handle(harness.admin,
                harness.admin.getLoginRequest(challenge));
        FlowHarness.consentChallenge(browser.get(redirectTo));

        // As in Hydra v1.10, a used verifier → access_denied at the client.
        FlowHarness.Run again = harness.run(browser, URI.create(redirectTo), (a, r) -> never("login app"),
                (a, r) -> never("consent app"));

        assertThat(clientError(again.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("access_denied");
    }

    @Test
    void whenUsedChallengesAreFetchedThenAdminAnswers410WithRedirectTo() throws Exception {
        Login login = login(new Browser(), unique("gone"));

        // As in Hydra v1.10.2+, 410 Gone with redirect_to, not 404 (docs/custom-idp.md §5).
        ApiException loginGone = catchThrowableOfType(ApiException.class,
                () -> harness.admin.getLoginRequest(login.run().login().getChallenge()));
        ApiException consentGone = catchThrowableOfType(ApiException.class,
                () -> harness.admin.getConsentRequest(login.run().consent().getChallenge()));

        for (ApiException gone : List.of(loginGone, consentGone)) {
            assertThat(gone.getCode()).isEqualTo(410);
            assertThat(JSON.readTree(gone.getResponseBody()).path("redirect_to").asText())
                    .startsWith(harness.server.publicUrl("/oauth2/auth?"));
        }
    }

    @Test
    void whenUsedLoginChallengeIsAcceptedAgainThenAdminRefusesIt() throws Exception {
        Login login = login(new Browser(), unique("twice"));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> harness.admin.acceptLoginRequest(
                login.run().login().getChallenge(), new AcceptLoginRequest().subject("someone-else")));

        // As in Hydra v1.10, a handled request cannot be handled again (409), and it is no server error.
        assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(409);
    }

    @Test
    void whenVerifierIsFollowedFromABrowserWithoutTheCsrfCookieThenClientGetsRequestForbidden() throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        String challenge = FlowHarness.loginChallenge(new Browser().get(rp.request("code", SCOPE, attempt).build()
                .toURI()));
        String redirectTo = acceptLogin(unique("eve")).handle(harness.admin, harness.admin.getLoginRequest(challenge));

        // As in Hydra v1.10, the login CSRF cookie binds the verifier to the browser that started.
        FlowHarness.Run run = harness.run(new Browser(), URI.create(redirectTo), (a, r) -> never("login app"),
                (a, r) -> never("consent app"));

        assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                .isEqualTo("request_forbidden");
    }

    // ---------------------------------------------------------------- consent and login sessions

    @Test
    void whenConsentSessionsAreListedThenTheClientAndGrantAppear() throws Exception {
        String subject = unique("lisa");
        login(new Browser(), subject);

        // Hydra v1.10's PreviousConsentSession.
        List<PreviousConsentSession> sessions = harness.admin.listSubjectConsentSessions(subject, null, null);

        assertThat(sessions).hasSize(1);
        PreviousConsentSession session = sessions.get(0);
        assertThat(session.getConsentRequest().getClient().getClientId()).isEqualTo(client.getClientId());
        assertThat(session.getConsentRequest().getSubject()).isEqualTo(subject);
        assertThat(session.getGrantScope()).containsExactly("openid", "offline", "email");
        assertThat(session.getRemember()).isTrue();
        assertThat(session.getSession().getIdToken()).containsEntry("email", subject + "@example.com");
    }

    @Test
    void whenConsentIsRevokedForTheClientThenItsTokensAreInactiveAndConsentIsAskedAgain() throws Exception {
        Browser browser = new Browser();
        String subject = unique("rob");
        Login first = login(browser, subject);
        Login second = login(browser, subject);
        assertThat(second.run().consent().getSkip()).isTrue();

        // As in Hydra v1.10, revoking consent also revokes the tokens issued under it.
        harness.admin.revokeConsentSessions(subject, client.getClientId(), null);

        assertThat(harness.admin.listSubjectConsentSessions(subject, null, null)).isEmpty();
        for (Login login : List.of(first, second)) {
            assertThat(harness.active(login.accessToken())).isFalse();
            assertThat(harness.active(login.refreshToken().getValue())).isFalse();
        }
        assertThat(RelyingParty.errorCode(rp.refresh(second.refreshToken()))).isEqualTo("invalid_grant");
        Login third = login(browser, subject);
        assertThat(third.run().login().getSkip()).as("the login session is untouched").isTrue();
        assertThat(third.run().consent().getSkip()).as("consent must be asked again").isFalse();
    }

    @Test
    void whenLoginSessionsAreRevokedThenTheNextAuthorizationDoesNotSkipLogin() throws Exception {
        Browser browser = new Browser();
        String subject = unique("lou");
        Login first = login(browser, subject);

        // As in Hydra v1.10, DELETE /oauth2/auth/sessions/login?subject= forgets the remembered logins.
        harness.admin.revokeAuthenticationSession(subject);

        Login next = login(browser, subject);
        assertThat(next.run().login().getSkip()).isFalse();
        assertThat(harness.active(first.accessToken())).as("tokens are not revoked with the session").isTrue();
    }

    // ---------------------------------------------------------------- expiry

    /**
     * A second server whose login/consent round trip ({@code ttl.login_consent_request}) and authorization codes
     * ({@code ttl.auth_code}) live 2 s (docs/configuration.md).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithShortRequestLifespan {
        private FlowHarness shortLived;
        private RelyingParty party;

        @BeforeAll
        void start() throws Exception {
            shortLived = FlowHarness.start(Map.of("ttl.login_consent_request", "2s", "ttl.auth_code", "2s"));
            party = shortLived.relyingParty(shortLived.createCodeClient());
        }

        @AfterAll
        void stop() {
            if (shortLived != null) {
                shortLived.close();
            }
        }

        @Test
        void whenLoginIsAcceptedAfterTheChallengeExpiredThenAdminAnswersGone() throws Exception {
            Browser browser = new Browser();
            String challenge = FlowHarness.loginChallenge(browser.get(party.request("code", SCOPE,
                    RelyingParty.Attempt.fresh()).build().toURI()));
            Thread.sleep(3_000);

            ApiException expired = catchThrowableOfType(ApiException.class, () -> shortLived.admin
                    .acceptLoginRequest(challenge, new AcceptLoginRequest().subject(unique("late"))));

            assertThat(expired.getCode()).as(expired.getResponseBody()).isEqualTo(410);
        }

        @Test
        void whenConsentIsAcceptedAfterTheChallengeExpiredThenAdminAnswersGone() throws Exception {
            Browser browser = new Browser();
            String login = FlowHarness.loginChallenge(browser.get(party.request("code", SCOPE,
                    RelyingParty.Attempt.fresh()).build().toURI()));
            String consent = FlowHarness.consentChallenge(browser.get(acceptLogin(unique("slowpoke"))
                    .handle(shortLived.admin, shortLived.admin.getLoginRequest(login))));
            Thread.sleep(3_000);

            ApiException expired = catchThrowableOfType(ApiException.class, () -> acceptConsent()
                    .handle(shortLived.admin, shortLived.admin.getConsentRequest(consent)));

            assertThat(expired.getCode()).as(expired.getResponseBody()).isEqualTo(410);
        }

        @Test
        void whenCodeIsRedeemedAfterItExpiredThenInvalidGrant() throws Exception {
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            FlowHarness.Run run = shortLived.run(new Browser(), party.request("code", SCOPE, attempt).build().toURI(),
                    acceptLogin(unique("stale")), acceptConsent());
            AuthorizationCode code = success(run.callback(), attempt.state()).getAuthorizationCode();
            Thread.sleep(3_000);

            // RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2): codes are short-lived;
            // ttl.auth_code.
            assertThat(RelyingParty.errorCode(party.redeem(code, attempt.verifier()))).isEqualTo("invalid_grant");
        }

        @Test
        void whenLoginVerifierIsUsedAfterExpiryThenClientGetsRequestUnauthorized() throws Exception {
            Browser browser = new Browser();
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            String challenge = FlowHarness.loginChallenge(browser.get(party.request("code", SCOPE, attempt).build()
                    .toURI()));
            String redirectTo = acceptLogin(unique("tardy")).handle(shortLived.admin,
                    shortLived.admin.getLoginRequest(challenge));
            Thread.sleep(3_000);

            // As in Hydra v1.10: request_unauthorized "The login request has expired".
            FlowHarness.Run run = shortLived.run(browser, URI.create(redirectTo), (a, r) -> never("login app"),
                    (a, r) -> never("consent app"));

            assertThat(clientError(run.callback(), attempt.state()).getErrorObject().getCode())
                    .isEqualTo("request_unauthorized");
        }
    }
}
