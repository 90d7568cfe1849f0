package org.openauthz.authz.flow;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.acceptLoginOnce;

/**
 * The end-session endpoint {@code /oauth2/sessions/logout} over HTTP on PostgreSQL, in each of its phases and errors,
 * as Hydra v1.10 runs it: browser-initiated, RP-initiated
 * (<a href="https://openid.net/specs/openid-connect-rpinitiated-1_0.html">OpenID Connect RP-Initiated Logout
 * 1.0</a>, with Nimbus {@code LogoutRequest} as the relying party), and the logout verifier after the logout app
 * accepted on the admin API (the generated admin client plays the logout app).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogoutIT {
    static final String LOGOUT_URL = "http://127.0.0.1:1/logout";
    static final URI POST_LOGOUT = URI.create("http://127.0.0.1:5555/logged-out");

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of("urls.logout", LOGOUT_URL));
        client = harness.admin.createOAuth2Client(new OAuth2Client().clientId(FlowHarness.unique("rp"))
                .clientSecret(FlowHarness.SECRET)
                .grantTypes(List.of("authorization_code")).responseTypes(List.of("code"))
                .scope("openid")
                .redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .postLogoutRedirectUris(List.of(POST_LOGOUT.toString()))
                .tokenEndpointAuthMethod("client_secret_basic"));
        rp = harness.relyingParty(client);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Signs in through the whole code flow and returns the validated ID token. */
    private JWT signIn(Browser browser, FlowHarness.LoginApp loginApp) throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        FlowHarness.Run run = harness.run(browser, rp.request("code", "openid", attempt).build().toURI(), loginApp,
                acceptConsent());
        AuthenticationSuccessResponse callback = AuthenticationResponseParser.parse(run.callback())
                .toSuccessResponse();
        JWT idToken = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(), attempt.verifier()))
                .getOIDCTokens().getIDToken();
        rp.validate(idToken, attempt.nonce());
        return idToken;
    }

    /** Whether the next sign-in in this browser skips the login form (a remembered session). */
    private boolean loginSkipped(Browser browser) throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        FlowHarness.Run run = harness.run(browser, rp.request("code", "openid", attempt).build().toURI(),
                (admin, request) -> request.getSkip()
                        ? acceptLogin(request.getSubject()).handle(admin, request)
                        : acceptLogin("someone-else").handle(admin, request),
                acceptConsent());
        return Boolean.TRUE.equals(run.login().getSkip());
    }

    private URI endSession() {
        return rp.provider().getEndSessionEndpointURI();
    }

    private static String logoutChallenge(HttpResponse<String> response) {
        URI location = Browser.location(response);
        assertThat(location.toString()).startsWith(LOGOUT_URL + "?");
        return Params.query(location).get("logout_challenge");
    }

    private static void assertErrorPage(HttpResponse<String> response, String error) {
        URI location = Browser.location(response);
        assertThat(location.toString()).contains("/oauth2/fallbacks/error");
        assertThat(Params.query(location)).containsEntry("error", error);
    }

    private static String sessionCookieExpiry(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("oauth2_authentication_session_insecure=")).findFirst().orElse(null);
    }

    @Test
    void whenABrowserWithASessionLogsOutThenTheLogoutAppAcceptsAndTheSessionEnds() throws Exception {
        Browser browser = new Browser();
        String subject = FlowHarness.unique("alice");
        String sid = signIn(browser, acceptLogin(subject)).getJWTClaimsSet().getStringClaim("sid");
        assertThat(loginSkipped(browser)).isTrue();

        String challenge = logoutChallenge(browser.get(endSession()));
        org.openauthz.admin.client.model.LogoutRequest request = harness.admin.getLogoutRequest(challenge);
        assertThat(request.getSubject()).isEqualTo(subject);
        assertThat(request.getSid()).isNotBlank().isEqualTo(sid);
        assertThat(request.getRpInitiated()).isFalse();
        assertThat(request.getRequestUrl()).startsWith(endSession().toString());
        assertThat(request.getClient()).isNull();

        String redirectTo = harness.admin.acceptLogoutRequest(challenge).getRedirectTo();
        assertThat(redirectTo).startsWith(endSession() + "?logout_verifier=");
        HttpResponse<String> done = browser.get(redirectTo);

        assertThat(Browser.location(done).toString())
                .isEqualTo(harness.server.publicUrl("/oauth2/fallbacks/logout/callback"));
        assertThat(sessionCookieExpiry(done)).contains("Max-Age=0");
        assertThat(loginSkipped(browser)).as("signed out: the login form again").isFalse();
        // Single use: the verifier again is the error page; the request is gone (410 with where it led).
        assertErrorPage(browser.get(redirectTo), "Not Found");
        assertThatThrownBy(() -> harness.admin.getLogoutRequest(challenge))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(410);
                    assertThat(e.getResponseBody()).contains("redirect_to");
                });
        var loggedOut = harness.server.get(harness.server.publicUrl("/oauth2/fallbacks/logout/callback"));
        assertThat(loggedOut.statusCode()).isEqualTo(200);
        assertThat(loggedOut.body()).contains("You have been logged out");
    }

    @Test
    void whenABrowserWithoutASessionLogsOutThenItGoesStraightToThePostLogoutUrl() {
        HttpResponse<String> response = new Browser().get(endSession());

        assertThat(Browser.location(response).toString())
                .isEqualTo(harness.server.publicUrl("/oauth2/fallbacks/logout/callback"));
    }

    @Test
    void whenStateOrPostLogoutRedirectUriComeWithoutIdTokenHintThenInvalidRequest() {
        Browser browser = new Browser();

        assertErrorPage(browser.get(endSession() + "?state=abcdefgh"), "invalid_request");
        assertErrorPage(browser.get(endSession() + "?post_logout_redirect_uri="
                + java.net.URLEncoder.encode(POST_LOGOUT.toString(), java.nio.charset.StandardCharsets.UTF_8)), "invalid_request");
    }

    @Test
    void whenTheRelyingPartyLogsOutThenTheBrowserEndsAtItsPostLogoutUriWithState() throws Exception {
        Browser browser = new Browser();
        String subject = FlowHarness.unique("bob");
        JWT idToken = signIn(browser, acceptLogin(subject));
        State state = new State();
        URI logout = new LogoutRequest(endSession(), idToken, POST_LOGOUT, state).toURI();

        String challenge = logoutChallenge(browser.get(logout));
        org.openauthz.admin.client.model.LogoutRequest request = harness.admin.getLogoutRequest(challenge);
        assertThat(request.getRpInitiated()).isTrue();
        assertThat(request.getSubject()).isEqualTo(subject);
        assertThat(request.getSid()).isEqualTo(idToken.getJWTClaimsSet().getStringClaim("sid"));
        assertThat(request.getClient().getClientId()).isEqualTo(client.getClientId());
        HttpResponse<String> done = browser.get(harness.admin.acceptLogoutRequest(challenge).getRedirectTo());

        URI back = Browser.location(done);
        assertThat(Params.base(back)).isEqualTo(POST_LOGOUT.toString());
        assertThat(Params.query(back)).containsEntry("state", state.getValue());
        assertThat(sessionCookieExpiry(done)).contains("Max-Age=0");
        assertThat(loginSkipped(browser)).isFalse();
        // The session is gone: the same hint again goes straight back to the relying party.
        URI again = Browser.location(browser.get(logout));
        assertThat(Params.base(again)).isEqualTo(POST_LOGOUT.toString());
        assertThat(Params.query(again)).containsEntry("state", state.getValue());
    }

    @Test
    void whenTheRelyingPartyLogsOutByPostThenTheLogoutAppIsAsked() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser, acceptLogin(FlowHarness.unique("carol")));
        HttpResponse<String> response = browser.send(java.net.http.HttpRequest.newBuilder(endSession())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        new LogoutRequest(endSession(), idToken, POST_LOGOUT, new State()).toQueryString()))
                .build());

        assertThat(harness.admin.getLogoutRequest(logoutChallenge(response)).getRpInitiated()).isTrue();
    }

    @Test
    void whenTheSessionWasNotRememberedThenTheRelyingPartyGetsItsUserBackAtOnce() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser, acceptLoginOnce(FlowHarness.unique("dave")));
        State state = new State();

        URI back = Browser.location(browser.get(new LogoutRequest(endSession(), idToken, POST_LOGOUT, state)
                .toURI()));

        assertThat(Params.base(back)).isEqualTo(POST_LOGOUT.toString());
        assertThat(Params.query(back)).containsEntry("state", state.getValue());
    }

    @Test
    void whenThePostLogoutRedirectUriIsNotTheClientsThenInvalidRequest() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser, acceptLogin(FlowHarness.unique("erin")));

        assertErrorPage(browser.get(new LogoutRequest(endSession(), idToken,
                URI.create("http://127.0.0.1:5555/logged-out/elsewhere"), new State()).toURI()), "invalid_request");
        assertThat(loginSkipped(browser)).as("nothing was ended").isTrue();
    }

    @Test
    void whenTheIdTokenHintIsNotOursOrLacksClaimsThenInvalidRequest() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser, acceptLogin(FlowHarness.unique("frank")));
        JWK ours = privateIdTokenKey();
        String kid = ((SignedJWT) idToken).getHeader().getKeyID();

        assertErrorPage(browser.get(endSession() + "?id_token_hint=not.a.jwt"), "invalid_request");
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        String foreign = sign(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(kid).generate(), kid, claims);
        assertErrorPage(browser.get(endSession() + "?id_token_hint=" + foreign), "invalid_request");
        String noSid = sign(ours, kid, new JWTClaimsSet.Builder(claims).claim("sid", null).build());
        assertErrorPage(browser.get(endSession() + "?id_token_hint=" + noSid), "invalid_request");
        String unknownAudience = sign(ours, kid, new JWTClaimsSet.Builder(claims).audience("no-such-client").build());
        assertErrorPage(browser.get(endSession() + "?id_token_hint=" + unknownAudience), "invalid_request");
        assertThat(loginSkipped(browser)).as("nothing was ended").isTrue();
    }

    @Test
    void whenTheIdTokenHintHasExpiredThenTheLogoutStillWorks() throws Exception {
        // OpenID Connect RP-Initiated Logout 1.0 §2: the OP should accept an expired ID token as a hint.
        Browser browser = new Browser();
        JWT idToken = signIn(browser, acceptLogin(FlowHarness.unique("grace")));
        Instant past = Instant.now().minusSeconds(7200);
        String expired = sign(privateIdTokenKey(), ((SignedJWT) idToken).getHeader().getKeyID(),
                new JWTClaimsSet.Builder(idToken.getJWTClaimsSet()).issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(3600))).build());

        String challenge = logoutChallenge(browser.get(endSession() + "?id_token_hint=" + expired));

        assertThat(harness.admin.getLogoutRequest(challenge).getRpInitiated()).isTrue();
    }

    @Test
    void whenTheLogoutAppRejectsThenTheSessionStaysAndTheRequestCannotBeAnsweredAgain() throws Exception {
        Browser browser = new Browser();
        signIn(browser, acceptLogin(FlowHarness.unique("heidi")));
        String challenge = logoutChallenge(browser.get(endSession()));

        HttpResponse<String> rejected = harness.server.json("PUT",
                harness.server.adminUrl("/oauth2/auth/requests/logout/reject?logout_challenge=" + challenge), "{}");

        assertThat(rejected.statusCode()).isEqualTo(204);
        assertThat(loginSkipped(browser)).isTrue();
        assertThatThrownBy(() -> harness.admin.acceptLogoutRequest(challenge))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> harness.admin.getLogoutRequest(challenge))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void whenTheLogoutRequestIsAnsweredTwiceOrIsUnknownThenConflictOrNotFound() throws Exception {
        Browser browser = new Browser();
        signIn(browser, acceptLogin(FlowHarness.unique("ivan")));
        String challenge = logoutChallenge(browser.get(endSession()));
        harness.admin.acceptLogoutRequest(challenge);

        assertThatThrownBy(() -> harness.admin.acceptLogoutRequest(challenge))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> harness.admin.rejectLogoutRequest(challenge))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        HttpResponse<String> unknown = harness.server.get(harness.server.adminUrl(
                "/oauth2/auth/requests/logout?logout_challenge=00000000-0000-0000-0000-000000000000"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"Not Found\"");
        // Hydra v2's /admin/ paths are aliases.
        HttpResponse<String> alias = harness.server.get(harness.server.adminUrl(
                "/admin/oauth2/auth/requests/logout?logout_challenge=" + challenge));
        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(alias.body()).contains("\"challenge\":\"" + challenge + "\"");
    }

    @Test
    void whenTheVerifierWasNotAcceptedThenTheErrorPageAndTheSessionStays() throws Exception {
        Browser browser = new Browser();
        signIn(browser, acceptLogin(FlowHarness.unique("judy")));
        logoutChallenge(browser.get(endSession()));

        assertErrorPage(browser.get(endSession() + "?logout_verifier=00000000-0000-0000-0000-000000000000"),
                "Not Found");
        assertThat(loginSkipped(browser)).isTrue();
    }

    private JWK privateIdTokenKey() throws Exception {
        JWKSet set = JWKSet.parse(harness.server.get(harness.server.adminUrl("/keys/hydra.openid.id-token")).body());
        return set.getKeys().stream().filter(JWK::isPrivate).findFirst().orElseThrow();
    }

    private static String sign(JWK key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key.toRSAKey()));
        return jwt.serialize();
    }
}
