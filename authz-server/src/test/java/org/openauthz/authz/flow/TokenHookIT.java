package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.testing.StubHttpServer;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * The token endpoint's hooks on PostgreSQL with a real hook server (decision 0014): {@code oauth2.token_hook} is told
 * about every grant and {@code oauth2.refresh_token_hook} about refresh grants before tokens are issued; a 200 answer
 * replaces the custom claims (seen in the ID token and in introspection's {@code ext}), 204 keeps them, 403 denies
 * with {@code access_denied}, and a hook that fails or does not answer gives {@code temporarily_unavailable}. When a
 * hook refuses or fails, nothing is stored and the code or refresh token presented still works afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenHookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_HOOK = "/token-hook";
    private static final String REFRESH_HOOK = "/refresh-hook";
    private static final String CC_SECRET = "a-client-credentials-secret";

    private StubHttpServer hooks;
    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;
    private String serviceClient;

    @BeforeAll
    void start() throws Exception {
        hooks = StubHttpServer.start();
        harness = FlowHarness.start(Map.of("oauth2.token_hook", hooks.url(TOKEN_HOOK),
                "oauth2.refresh_token_hook", hooks.url(REFRESH_HOOK), "oauth2.token_hook_timeout", "1s"));
        client = harness.createCodeClient();
        rp = harness.relyingParty(client);
        serviceClient = harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("service"))
                .clientSecret(CC_SECRET).grantTypes(List.of("client_credentials")).scope("read")).getClientId();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    @BeforeEach
    void hooksChangeNothing() {
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(204, null));
        hooks.answer(REFRESH_HOOK, StubHttpServer.Answer.of(204, null));
        hooks.forget();
    }

    /** A code, authorized in a fresh browser for {@code subject}, with the attempt it must be redeemed with. */
    private record Authorized(RelyingParty.Attempt attempt, AuthorizationCode code) {
    }

    private Authorized authorize(String subject) throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        return new Authorized(attempt, harness.authorize(rp, attempt, subject));
    }

    private TokenResponse redeem(Authorized authorized) throws Exception {
        return rp.redeem(authorized.code(), authorized.attempt().verifier());
    }

    private static JsonNode only(List<String> bodies) throws Exception {
        assertThat(bodies).hasSize(1);
        return JSON.readTree(bodies.get(0));
    }

    private Map<String, Object> ext(String token) throws Exception {
        return harness.admin.introspectOAuth2Token(token, null).getExt();
    }

    private HttpResponse<String> clientCredentials(TestServer server) {
        return server.postForm(server.publicUrl("/oauth2/token"), "grant_type=client_credentials&scope=read",
                serviceClient, CC_SECRET);
    }

    private int issuedRows() {
        return harness.rows("hydra_oauth2_access") + harness.rows("hydra_oauth2_refresh");
    }

    @Test
    void whenTheTokenHookAnswersClaimsThenTheIdTokenAndIntrospectionCarryThemInsteadOfTheConsentOnes() throws Exception {
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(200, "{\"session\":{\"access_token\":{\"tier\":\"gold\"},"
                + "\"id_token\":{\"tier\":\"gold\",\"sub\":\"mallory\"}}}"));
        String subject = unique("alice");
        Authorized authorized = authorize(subject);

        OIDCTokenResponse tokens = RelyingParty.success(redeem(authorized));

        IDTokenClaimsSet idToken = rp.validate(tokens.getOIDCTokens().getIDToken(), authorized.attempt().nonce());
        assertThat(idToken.getClaim("tier")).isEqualTo("gold");
        assertThat(idToken.getSubject().getValue()).as("the server's claims are not the hook's").isEqualTo(subject);
        assertThat(idToken.getClaim("email")).as("a 200 answer replaces the custom claims").isNull();
        assertThat(ext(tokens.getOIDCTokens().getAccessToken().getValue())).isEqualTo(Map.of("tier", "gold"));
        JsonNode told = only(hooks.received(TOKEN_HOOK));
        assertThat(told.at("/request/client_id").asText()).isEqualTo(client.getClientId());
        assertThat(told.at("/request/grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(told.at("/request/granted_scopes").toString()).contains("openid").contains("offline");
        assertThat(told.at("/session/id_token/subject").asText()).isEqualTo(subject);
        assertThat(told.at("/session/id_token/id_token_claims/sub").asText()).isEqualTo(subject);
        assertThat(told.at("/session/id_token/id_token_claims/ext/email").asText()).isEqualTo(subject + "@example.com");
        assertThat(told.at("/session/extra/department").asText()).isEqualTo("research");
        assertThat(hooks.received(REFRESH_HOOK)).as("only refresh grants call the refresh hook").isEmpty();
    }

    @Test
    void whenAGrantIsRefreshedThenTheRefreshHookAndThenTheTokenHookDecideTheClaims() throws Exception {
        String subject = unique("bob");
        OIDCTokenResponse first = RelyingParty.success(redeem(authorize(subject)));
        hooks.forget();
        hooks.answer(REFRESH_HOOK, StubHttpServer.Answer.of(200,
                "{\"session\":{\"access_token\":{\"refreshed\":true},\"id_token\":{\"refreshed\":\"yes\"}}}"));

        OIDCTokenResponse refreshed = RelyingParty.success(rp.refresh(first.getOIDCTokens().getRefreshToken()));

        assertThat(refreshed.getOIDCTokens().getIDToken().getJWTClaimsSet().getClaim("refreshed")).isEqualTo("yes");
        assertThat(ext(refreshed.getOIDCTokens().getAccessToken().getValue())).isEqualTo(Map.of("refreshed", true));
        JsonNode refreshHook = only(hooks.received(REFRESH_HOOK));
        assertThat(refreshHook.path("subject").asText()).isEqualTo(subject);
        assertThat(refreshHook.path("client_id").asText()).isEqualTo(client.getClientId());
        assertThat(refreshHook.path("granted_scopes").toString()).contains("offline");
        assertThat(refreshHook.at("/requester/grant_types").toString()).isEqualTo("[\"refresh_token\"]");
        assertThat(refreshHook.at("/session/extra/department").asText()).isEqualTo("research");
        JsonNode tokenHook = only(hooks.received(TOKEN_HOOK));
        assertThat(tokenHook.at("/request/grant_types").toString()).isEqualTo("[\"refresh_token\"]");
        assertThat(tokenHook.at("/session/extra").toString()).as("sees the refresh hook's claims")
                .isEqualTo("{\"refreshed\":true}");
    }

    @Test
    void whenAClientCredentialsGrantIsHookedThenTheAccessTokenCarriesTheHooksClaims() throws Exception {
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(200, "{\"session\":{\"access_token\":{\"plan\":\"pro\"}}}"));

        HttpResponse<String> response = clientCredentials(harness.server);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ext(JSON.readTree(response.body()).path("access_token").asText())).isEqualTo(Map.of("plan", "pro"));
        JsonNode told = only(hooks.received(TOKEN_HOOK));
        assertThat(told.at("/request/grant_types").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(told.at("/request/client_id").asText()).isEqualTo(serviceClient);
        assertThat(told.at("/session/id_token/subject").asText()).isEqualTo(serviceClient);
    }

    @Test
    void whenTheTokenHookAnswers403ThenTheCodeExchangeIsDeniedAndTheCodeStillWorksLater() throws Exception {
        Authorized authorized = authorize(unique("carol"));
        int before = issuedRows();
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(403, null));

        TokenResponse denied = redeem(authorized);

        assertThat(RelyingParty.errorCode(denied)).isEqualTo("access_denied");
        assertThat(denied.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(403);
        assertThat(issuedRows()).as("nothing stored").isEqualTo(before);
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(204, null));
        OIDCTokenResponse tokens = RelyingParty.success(redeem(authorized));
        assertThat(ext(tokens.getOIDCTokens().getAccessToken().getValue()))
                .as("204 keeps the consent session's claims").isEqualTo(Map.of("department", "research"));
    }

    @Test
    void whenTheRefreshHookAnswers403ThenTheRefreshIsDeniedAndTheRefreshTokenStillWorksLater() throws Exception {
        RefreshToken refreshToken = RelyingParty.success(redeem(authorize(unique("dave"))))
                .getOIDCTokens().getRefreshToken();
        int before = issuedRows();
        hooks.forget();
        hooks.answer(REFRESH_HOOK, StubHttpServer.Answer.of(403, null));

        assertThat(RelyingParty.errorCode(rp.refresh(refreshToken))).isEqualTo("access_denied");

        assertThat(issuedRows()).as("nothing stored").isEqualTo(before);
        assertThat(hooks.received(TOKEN_HOOK)).as("the token hook is not asked after a denial").isEmpty();
        hooks.answer(REFRESH_HOOK, StubHttpServer.Answer.of(204, null));
        RelyingParty.success(rp.refresh(refreshToken));
    }

    @Test
    void whenTheHookOrItsBodyDoesNotArriveInTimeThenTheRequestIsTemporarilyUnavailableAndNothingIsIssued() throws Exception {
        int before = issuedRows();
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.slow(200, "{\"session\":{}}", Duration.ofSeconds(3)));
        assertUnavailable(clientCredentials(harness.server), "did not answer within 1000 ms");

        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.stallingBody(200, "{\"session\":{}}", Duration.ofSeconds(3)));
        assertUnavailable(clientCredentials(harness.server), "did not answer within 1000 ms");

        assertThat(issuedRows()).isEqualTo(before);
    }

    @Test
    void whenTheHookAnswersAnErrorOrGarbageThenTheRequestIsTemporarilyUnavailable() throws Exception {
        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(500, "{\"oops\":true}"));
        assertUnavailable(clientCredentials(harness.server), "answered HTTP 500");

        hooks.answer(TOKEN_HOOK, StubHttpServer.Answer.of(200, "not json"));
        assertUnavailable(clientCredentials(harness.server), "body that is not");
    }

    @Test
    void whenTheHookCannotBeReachedThenTheRequestIsTemporarilyUnavailable() throws Exception {
        // A second server on the same database whose hook points at a port where nothing listens.
        try (TestServer unreachable = TestServer.onPostgres(harness.database,
                Map.of("oauth2.token_hook", "http://127.0.0.1:1/hook"))) {
            assertUnavailable(clientCredentials(unreachable), "could not be reached");
        }
    }

    private static void assertUnavailable(HttpResponse<String> response, String why) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(error.path("error_description").asText()).contains("token hook").contains(why);
        assertThat(response.body()).doesNotContain("access_token\"");
    }
}
