package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.ApiException;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.admin.client.model.AcceptDeviceUserCodeRequest;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.RejectRequest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * The device authorization grant (<a href="https://www.rfc-editor.org/rfc/rfc8628">RFC 8628</a>) over HTTP on real
 * ports and PostgreSQL. Nimbus {@code oauth2-oidc-sdk} is the device: {@code DeviceAuthorizationRequest}, then
 * {@code TokenRequest} with a {@code DeviceCodeGrant}. The test browser plays the person with a phone: it opens the
 * verification URI, and a scripted device page (on the generated admin client) hands the user code over
 * ({@code acceptUserCodeRequest}); then the usual login and consent requests run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceGrantIT {
    private static final String DEVICE_PAGE = "http://127.0.0.1:1/device";
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String SCOPE = "openid offline email";
    /** The polling interval the server is configured with, in seconds: short, so that the tests stay fast. */
    private static final long INTERVAL_MS = 1000;

    private FlowHarness harness;
    private OIDCProviderMetadata provider;
    private OAuth2Client tv;
    private RelyingParty tvParty;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of("urls.device_verification", DEVICE_PAGE,
                "oauth2.device_authorization.token_polling_interval", "1s"));
        provider = RelyingParty.discover(harness.server.issuer());
        tv = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("tv"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of(GRANT, "refresh_token"))
                .responseTypes(List.of()).scope(SCOPE).tokenEndpointAuthMethod("client_secret_basic"));
        tvParty = new RelyingParty(provider, tv.getClientId(), FlowHarness.SECRET);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static ClientAuthentication basic(OAuth2Client client) {
        return new ClientSecretBasic(new ClientID(client.getClientId()), new Secret(FlowHarness.SECRET));
    }

    private DeviceAuthorizationResponse deviceAuthorization(ClientAuthentication auth, String scope)
            throws Exception {
        return DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
                provider.getDeviceAuthorizationEndpointURI(), auth, Scope.parse(scope), Map.of()).toHTTPRequest().send());
    }

    private DeviceAuthorizationSuccessResponse authorized(ClientAuthentication auth, String scope) throws Exception {
        DeviceAuthorizationResponse response = deviceAuthorization(auth, scope);
        assertThat(response.indicatesSuccess()).as("device authorization %s", response).isTrue();
        return response.toSuccessResponse();
    }

    private TokenResponse poll(ClientAuthentication auth, DeviceCode code) throws Exception {
        HTTPResponse response = new TokenRequest(provider.getTokenEndpointURI(), auth, new DeviceCodeGrant(code))
                .toHTTPRequest().send();
        return OIDCTokenResponseParser.parse(response);
    }

    private TokenResponse pollPublic(String clientId, DeviceCode code) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), new ClientID(clientId),
                new DeviceCodeGrant(code)).toHTTPRequest().send());
    }

    /** The browser opens the verification URI and lands on the device page with a challenge. */
    private String challenge(Browser browser, URI verificationUri) {
        URI devicePage = Browser.location(browser.get(verificationUri));
        assertThat(devicePage.toString()).startsWith(DEVICE_PAGE + "?");
        return Params.query(devicePage).get("device_challenge");
    }

    /** The device page accepts the code; the browser follows through login and consent. */
    private FlowHarness.Run verify(Browser browser, String userCode, FlowHarness.ConsentApp consentApp)
            throws Exception {
        String challenge = challenge(browser, URI.create(harness.server.publicUrl("/oauth2/device/verify")));
        String redirectTo = harness.admin.acceptUserCodeRequest(challenge,
                new AcceptDeviceUserCodeRequest().userCode(userCode)).getRedirectTo();
        return harness.continueRun(browser, browser.get(redirectTo), acceptLogin("device-user"), consentApp);
    }

    private static void waitInterval() throws InterruptedException {
        Thread.sleep(INTERVAL_MS + 200);
    }

    private int deviceRows() {
        return harness.rows("hydra_oauth2_device_request");
    }

    private String latestState() {
        return harness.database.jdbi().withHandle(h -> h.createQuery("SELECT state FROM hydra_oauth2_device_request "
                + "WHERE requested_at = (SELECT max(requested_at) FROM hydra_oauth2_device_request)")
                .mapTo(String.class).one());
    }

    @Test
    void discoveryNamesTheDeviceEndpointAndTheGrant() {
        assertThat(provider.getDeviceAuthorizationEndpointURI())
                .isEqualTo(URI.create(harness.server.publicUrl("/oauth2/device/auth")));
        assertThat(provider.getGrantTypes()).extracting(Object::toString).contains(GRANT);
    }

    @Test
    void whenTheUserSignsInOnTheirPhoneThenTheDeviceGetsAccessRefreshAndIdTokensOnce() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), SCOPE);
        assertThat(device.getUserCode().getValue()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(device.getVerificationURI()).isEqualTo(URI.create(harness.server.publicUrl("/oauth2/device/verify")));
        assertThat(device.getVerificationURIComplete().toString())
                .isEqualTo(device.getVerificationURI() + "?user_code=" + device.getUserCode().getValue());
        assertThat(device.getLifetime()).isEqualTo(600);
        assertThat(device.getInterval()).isEqualTo(1);
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("authorization_pending");

        FlowHarness.Run run = verify(new Browser(), device.getUserCode().getValue().toLowerCase(), acceptConsent());

        assertThat(run.login().getClient().getClientId()).isEqualTo(tv.getClientId());
        assertThat(run.consent().getRequestedScope()).containsExactly("openid", "offline", "email");
        assertThat(run.callback()).isEqualTo(URI.create(harness.server.publicUrl("/oauth2/fallbacks/device/done")));
        waitInterval();
        OIDCTokenResponse tokens = RelyingParty.success(poll(basic(tv), device.getDeviceCode()));
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNotNull();
        IDTokenClaimsSet idToken = tvParty.validate(tokens.getOIDCTokens().getIDToken(), null);
        assertThat(idToken.getSubject().getValue()).isEqualTo("device-user");
        assertThat(idToken.getStringClaim("email")).isEqualTo("device-user@example.com");
        assertThat(harness.active(tokens.getOIDCTokens().getAccessToken().getValue())).isTrue();
        assertThat(RelyingParty.success(tvParty.refresh(tokens.getOIDCTokens().getRefreshToken()))
                .getOIDCTokens().getAccessToken()).isNotNull();

        waitInterval();
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("invalid_grant");
    }

    @Test
    void whenTheRedeemingPollCarriesADpopProofThenTheAccessTokenIsBoundToItsKey() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), SCOPE);
        verify(new Browser(), device.getUserCode().getValue(), acceptConsent());
        DpopKeys key = DpopKeys.generate(JWSAlgorithm.ES256);
        waitInterval();

        // RFC 9449 §5: the device code carries no key, so the proof of the poll that redeems it binds the token.
        HTTPRequest poll = new TokenRequest(provider.getTokenEndpointURI(), basic(tv),
                new DeviceCodeGrant(device.getDeviceCode())).toHTTPRequest();
        poll.setHeader("DPoP", key.proof("POST", provider.getTokenEndpointURI(), null));
        HTTPResponse response = poll.send();

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = ApiFixtures.parse(response.getBody());
        assertThat(body.path("token_type").asText()).isEqualTo("DPoP");
        JsonNode introspection = ApiFixtures.introspect(harness.server, body.path("access_token").asText());
        assertThat(introspection.path("cnf").path("jkt").asText()).isEqualTo(key.thumbprint());
    }

    @Test
    void whenAPublicClientAsksWithoutOfflineThenItGetsAnAccessTokenAndNoRefreshToken() throws Exception {
        OAuth2Client cli = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("cli"))
                .grantTypes(List.of(GRANT, "refresh_token")).responseTypes(List.of()).scope("openid offline")
                .tokenEndpointAuthMethod("none"));
        DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
                provider.getDeviceAuthorizationEndpointURI(), new ClientID(cli.getClientId()), Scope.parse("openid"))
                .toHTTPRequest().send());
        DeviceAuthorizationSuccessResponse device = response.toSuccessResponse();

        FlowHarness.Run run = verify(new Browser(), device.getUserCode().getValue(), acceptConsent());

        assertThat(run.consent().getSkip()).as("a public client never skips consent").isFalse();
        waitInterval();
        OIDCTokenResponse tokens = RelyingParty.success(pollPublic(cli.getClientId(), device.getDeviceCode()));
        assertThat(tokens.getOIDCTokens().getAccessToken()).isNotNull();
        assertThat(tokens.getOIDCTokens().getIDToken()).isNotNull();
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNull();
    }

    @Test
    void whenTheDevicePollsSoonerThanItsIntervalThenSlowDownAddsFiveSecondsFromThenOn() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");

        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("authorization_pending");
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("slow_down");
        waitInterval();
        // One interval later is still too soon: the interval is now 6 s.
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("slow_down");
        int interval = harness.database.jdbi().withHandle(h -> h.createQuery("SELECT max(poll_interval) FROM "
                + "hydra_oauth2_device_request").mapTo(Integer.class).one());
        assertThat(interval).isEqualTo(11);
    }

    @Test
    void whenTheUserRefusesConsentThenTheDeviceIsToldAccessDenied() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        int accessTokens = harness.rows("hydra_oauth2_access");

        FlowHarness.Run run = verify(new Browser(), device.getUserCode().getValue(), (admin, request) ->
                admin.rejectConsentRequest(request.getChallenge(), new RejectRequest().error("access_denied")
                        .errorDescription("The user said no")).getRedirectTo());

        assertThat(run.callback().toString()).startsWith(harness.server.publicUrl("/oauth2/fallbacks/error"))
                .contains("error=access_denied");
        waitInterval();
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("access_denied");
        assertThat(harness.rows("hydra_oauth2_access")).as("no token for a refused device").isEqualTo(accessTokens);
    }

    @Test
    void whenTheDeviceCodeHasExpiredThenPollingSaysExpiredTokenAndTheUserCodeIsRefused() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        harness.database.jdbi().useHandle(h -> h.execute("UPDATE hydra_oauth2_device_request "
                + "SET expires_at = now() - interval '1 second'"));

        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode()))).isEqualTo("expired_token");
        String challenge = challenge(new Browser(), URI.create(harness.server.publicUrl("/oauth2/device/verify")));
        ApiException refused = catchThrowableOfType(ApiException.class, () -> harness.admin.acceptUserCodeRequest(
                challenge, new AcceptDeviceUserCodeRequest().userCode(device.getUserCode().getValue())));
        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains("invalid_request");
    }

    @Test
    void whenWrongUserCodesAreTypedThenEachIsRefusedAndAfterFiveTheChallengeIsDeadAndNothingChanged()
            throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        String challenge = challenge(new Browser(), device.getVerificationURIComplete());
        int tokensBefore = harness.rows("hydra_oauth2_code");

        for (String wrong : List.of("BBBB-BBBB", "not a code", "", "BCDF-GHJ", "ZZZZ-ZZZZ")) {
            ApiException refused = catchThrowableOfType(ApiException.class, () -> harness.admin
                    .acceptUserCodeRequest(challenge, new AcceptDeviceUserCodeRequest().userCode(wrong)));
            assertThat(refused.getCode()).as(wrong).isEqualTo(400);
        }
        ApiException dead = catchThrowableOfType(ApiException.class, () -> harness.admin.acceptUserCodeRequest(
                challenge, new AcceptDeviceUserCodeRequest().userCode(device.getUserCode().getValue())));

        assertThat(dead.getCode()).isEqualTo(429);
        assertThat(dead.getResponseBody()).contains("too_many_attempts");
        assertThat(latestState()).isEqualTo("PENDING");
        assertThat(harness.rows("hydra_oauth2_code")).isEqualTo(tokensBefore);
        // A fresh visit may try again, and the right code still works.
        FlowHarness.Run run = verify(new Browser(), device.getUserCode().getValue(), acceptConsent());
        assertThat(run.callback()).isEqualTo(URI.create(harness.server.publicUrl("/oauth2/fallbacks/device/done")));
    }

    @Test
    void whenTheFirstBrowserIsAbandonedAfterTheCodeThenTypingItAgainFinishesAndTheOldVerifierIsDead()
            throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        String abandoned = harness.admin.acceptUserCodeRequest(challenge(new Browser(), device.getVerificationURI()),
                new AcceptDeviceUserCodeRequest().userCode(device.getUserCode().getValue())).getRedirectTo();

        FlowHarness.Run run = verify(new Browser(), device.getUserCode().getValue(), acceptConsent());
        HttpResponse<String> stale = new Browser().get(abandoned);

        assertThat(run.callback()).isEqualTo(URI.create(harness.server.publicUrl("/oauth2/fallbacks/device/done")));
        assertThat(Browser.location(stale).toString()).startsWith(harness.server.publicUrl("/oauth2/fallbacks/error"))
                .contains("error=invalid_request");
    }

    @Test
    void whenTheVerificationUriCompleteIsOpenedThenTheDevicePageGetsTheUserCodeToPrefill() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");

        URI devicePage = Browser.location(new Browser().get(device.getVerificationURIComplete()));

        assertThat(Params.query(devicePage)).containsEntry("user_code", device.getUserCode().getValue())
                .containsKey("device_challenge");
    }

    @Test
    void whenTheChallengeIsForgedOrTheVerifierUnknownThenNothingIsAccepted() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        String challenge = challenge(new Browser(), device.getVerificationURI());
        String forged = challenge.substring(0, challenge.indexOf('.') + 1) + "AAAA" + challenge.substring(
                challenge.indexOf('.') + 5);

        ApiException notFound = catchThrowableOfType(ApiException.class, () -> harness.admin.acceptUserCodeRequest(
                forged, new AcceptDeviceUserCodeRequest().userCode(device.getUserCode().getValue())));
        HttpResponse<String> unknownVerifier = new Browser().get(harness.server.publicUrl(
                "/oauth2/device/verify?device_verifier=nope.nope"));

        assertThat(notFound.getCode()).isEqualTo(404);
        assertThat(Browser.location(unknownVerifier).toString())
                .startsWith(harness.server.publicUrl("/oauth2/fallbacks/error")).contains("error=invalid_request");
        assertThat(latestState()).isEqualTo("PENDING");
    }

    @Test
    void whenTheDeviceRequestIsBadThenTheRightErrorAndNothingIsStored() throws Exception {
        OAuth2Client codeOnly = harness.createCodeClient();
        int before = deviceRows();

        assertThat(deviceAuthorization(new ClientSecretBasic(new ClientID(tv.getClientId()),
                new Secret("wrong-secret-wrong-secret")), "openid").toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_client");
        assertThat(deviceAuthorization(basic(codeOnly), "openid").toErrorResponse().getErrorObject().getCode())
                .isEqualTo("unauthorized_client");
        assertThat(deviceAuthorization(basic(tv), "openid admin").toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_scope");
        assertThat(deviceRows()).isEqualTo(before);
    }

    @Test
    void whenTheDeviceCodeIsUnknownOrAnotherClientsThenInvalidGrant() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorized(basic(tv), "openid");
        OAuth2Client other = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("other-tv"))
                .clientSecret(FlowHarness.SECRET).grantTypes(List.of(GRANT)).responseTypes(List.of())
                .scope("openid").tokenEndpointAuthMethod("client_secret_basic"));

        assertThat(RelyingParty.errorCode(poll(basic(other), device.getDeviceCode()))).isEqualTo("invalid_grant");
        assertThat(RelyingParty.errorCode(poll(basic(tv), new DeviceCode("forged.code")))).isEqualTo("invalid_grant");
        assertThat(RelyingParty.errorCode(poll(basic(tv), device.getDeviceCode())))
                .as("the other client's poll changed nothing").isEqualTo("authorization_pending");
    }
}
