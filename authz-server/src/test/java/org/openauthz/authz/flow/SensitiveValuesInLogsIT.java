package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.authz.testing.ConsoleCapture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;

/**
 * {@code log.leak_sensitive_values}: with it unset (the default), no token, code, secret, verifier, state or nonce
 * of a whole sign-in appears in the server's output, request log and debug log included; with it set, the request
 * log shows them (which proves the output was captured). On PostgreSQL, through real HTTP.
 */
class SensitiveValuesInLogsIT {
    private ConsoleCapture captured;

    @BeforeEach
    void capture() {
        captured = ConsoleCapture.start();
    }

    @AfterEach
    void restore() {
        captured.close();
    }

    @Test
    void whenSensitiveValuesMayNotLeakThenNoIssuedSecretAppearsInAnyLogLine() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (FlowHarness harness = FlowHarness.start(Map.of("serve.request_log.enabled", "true",
                "log.level", "debug"))) {
            secrets.addAll(signInRefreshAndLogOut(harness));
            awaitLogged(harness, captured, "redacted-run");
        }

        String logs = captured.text();
        assertThat(logs).contains("/oauth2/token").contains("/oauth2/auth?");
        for (String secret : secrets) {
            assertThat(logs).as("the logs hold a secret value").doesNotContain(secret);
        }
        // The request log still shows every request, with the values blanked out.
        assertThat(logs).contains("state=[redacted]").contains("login_verifier=[redacted]")
                .contains("consent_verifier=[redacted]").contains("id_token_hint=[redacted]");
    }

    @Test
    void whenSensitiveValuesMayLeakThenTheRequestLogShowsThem() throws Exception {
        String state;
        try (FlowHarness harness = FlowHarness.start(Map.of("serve.request_log.enabled", "true",
                "log.leak_sensitive_values", "true"))) {
            OAuth2Client client = harness.createCodeClient();
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            state = attempt.state().getValue();
            new Browser().get(harness.relyingParty(client).request("code", "openid", attempt).build().toURI());
            awaitLogged(harness, captured, "leaking-run");
        }

        assertThat(captured.text()).contains("state=" + state);
    }

    /**
     * A code flow with refresh, userinfo, introspection, revocation and RP-initiated logout; every secret used
     * (the client secret, state, nonce, PKCE verifier, login and consent challenges and verifiers, code, tokens).
     */
    static List<String> signInRefreshAndLogOut(FlowHarness harness) throws Exception {
        List<String> secrets = new ArrayList<>(List.of(FlowHarness.SECRET));
        OAuth2Client client = harness.createCodeClient();
        RelyingParty rp = harness.relyingParty(client);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        secrets.add(attempt.state().getValue());
        secrets.add(attempt.nonce().getValue());
        secrets.add(attempt.verifier().getValue());
        Browser browser = new Browser();
        FlowHarness.Run run = harness.run(browser, rp.request("code", "openid offline", attempt).build().toURI(),
                (admin, request) -> remember(secrets, request.getChallenge(),
                        FlowHarness.acceptLogin("logs-subject").handle(admin, request)),
                (admin, request) -> remember(secrets, request.getChallenge(),
                        acceptConsent().handle(admin, request)));
        AuthenticationSuccessResponse callback = AuthenticationSuccessResponse.parse(run.callback());
        secrets.add(callback.getAuthorizationCode().getValue());
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(callback.getAuthorizationCode(),
                attempt.verifier()));
        secrets.add(tokens.getOIDCTokens().getAccessToken().getValue());
        secrets.add(tokens.getOIDCTokens().getRefreshToken().getValue());
        secrets.add(tokens.getOIDCTokens().getIDTokenString());
        OIDCTokenResponse refreshed = RelyingParty.success(rp.refresh(tokens.getOIDCTokens().getRefreshToken()));
        secrets.add(refreshed.getOIDCTokens().getAccessToken().getValue());
        secrets.add(refreshed.getOIDCTokens().getRefreshToken().getValue());
        BearerAccessToken access = (BearerAccessToken) refreshed.getOIDCTokens().getAccessToken();
        assertThat(rp.userinfo(access, com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.GET).indicatesSuccess())
                .isTrue();
        assertThat(harness.active(access.getValue())).isTrue();
        TestServer server = harness.server;
        server.postForm(server.publicUrl("/oauth2/revoke"), "token=" + access.getValue(), client.getClientId(),
                FlowHarness.SECRET);
        // A used code again (which revokes the grant): the failure path logs too.
        assertThat(RelyingParty.errorCode(rp.redeem(callback.getAuthorizationCode(), attempt.verifier())))
                .isEqualTo("invalid_grant");
        // Client credentials in the body (client_secret_post) of a failing request.
        server.postForm(server.publicUrl("/oauth2/token"), "grant_type=refresh_token&refresh_token="
                + refreshed.getOIDCTokens().getRefreshToken().getValue() + "&client_id=" + client.getClientId()
                + "&client_secret=" + FlowHarness.SECRET, null, null);
        browser.get(URI.create(server.publicUrl("/oauth2/sessions/logout?id_token_hint="
                + URLEncoder.encode(tokens.getOIDCTokens().getIDTokenString(), StandardCharsets.UTF_8))));
        return secrets;
    }

    /** Keeps a challenge and the verifier of its {@code redirect_to} as secrets to look for. */
    private static String remember(List<String> secrets, String challenge, String redirectTo) {
        secrets.add(challenge);
        String query = URI.create(redirectTo).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("login_verifier=") || pair.startsWith("consent_verifier=")) {
                secrets.add(pair.substring(pair.indexOf('=') + 1));
            }
        }
        return redirectTo;
    }

    /**
     * Log appenders write on their own thread: wait until a marker request is in the request log. The marker is a
     * path (answered 404), which text and JSON request lines both show.
     */
    static void awaitLogged(FlowHarness harness, ConsoleCapture captured, String run) throws InterruptedException {
        String marker = run + "-" + UUID.randomUUID();
        harness.server.get(harness.server.publicUrl("/log-marker/" + marker));
        for (int i = 0; i < 100 && !captured.text().contains(marker); i++) {
            Thread.sleep(50);
        }
        assertThat(captured.text()).as("the request log was captured").contains(marker);
    }
}
