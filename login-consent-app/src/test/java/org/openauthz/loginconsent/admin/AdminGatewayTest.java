package org.openauthz.loginconsent.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.AcceptLoginRequest;
import org.openauthz.loginconsent.AppSettings;
import org.openauthz.loginconsent.testing.FakeAdminApi;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminGatewayTest {
    private FakeAdminApi fake;
    private CloseableHttpClient http;

    @BeforeEach
    void start() throws IOException {
        fake = FakeAdminApi.start();
        http = AdminClients.httpClient();
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        fake.close();
    }

    private AdminGateway gateway(String url, boolean mockTls) {
        AppSettings settings = AppSettings.fromEnvironment(Map.of("HYDRA_ADMIN_URL", url,
                "MOCK_TLS_TERMINATION", mockTls ? "1" : ""));
        return new AdminGateway(new AdminApi(AdminClients.apiClient(settings, http)), new ObjectMapper());
    }

    @Test
    void whenTheLoginRequestExistsThenItIsReturned() {
        fake.onGet("login", "c1", 200, "{\"challenge\":\"c1\",\"skip\":false,\"requested_scope\":[\"openid\"]}");

        assertThat(gateway(fake.url(), false).loginRequest("c1").getRequestedScope()).containsExactly("openid");
    }

    @Test
    void whenTheChallengeIsUnknownThenTheFailureSaysSo() {
        assertThatThrownBy(() -> gateway(fake.url(), false).loginRequest("nope"))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.UNKNOWN_CHALLENGE));
    }

    @Test
    void whenTheRequestWasUsedThenTheFailureCarriesWhereToStartAgain() {
        fake.onGet("consent", "used", 410, "{\"redirect_to\":\"http://hydra.test/oauth2/auth?client_id=app\"}");

        assertThatThrownBy(() -> gateway(fake.url(), false).consentRequest("used"))
                .isInstanceOfSatisfying(AdminFailure.class, e -> {
                    assertThat(e.kind()).isEqualTo(AdminFailure.Kind.ALREADY_HANDLED);
                    assertThat(e.redirectTo()).contains("http://hydra.test/oauth2/auth?client_id=app");
                });
    }

    @Test
    void whenTheUsedRequestPointsAtAScriptUrlThenNoLinkIsOffered() {
        fake.onGet("login", "evil", 410, "{\"redirect_to\":\"javascript:alert(1)\"}");

        assertThatThrownBy(() -> gateway(fake.url(), false).loginRequest("evil"))
                .isInstanceOfSatisfying(AdminFailure.class, e -> assertThat(e.redirectTo()).isEmpty());
    }

    @Test
    void whenAcceptedThenTheRedirectIsReturnedAndTheBodyHasNoEmptyExtras() {
        String redirect = gateway(fake.url(), false).acceptLogin("c1",
                new AcceptLoginRequest().subject("foo@bar.com").amr(null).context(null));

        assertThat(redirect).isEqualTo(FakeAdminApi.redirectTo("login", "accept", "c1"));
        assertThat(fake.last("/oauth2/auth/requests/login/accept").orElseThrow().body())
                .isEqualTo("{\"subject\":\"foo@bar.com\"}");
    }

    @Test
    void whenTheAcceptAnswerHasNoRedirectThenItIsABadAnswer() {
        fake.onPut("login", "accept", "c1", 200, "{}");

        assertThatThrownBy(() -> gateway(fake.url(), false).acceptLogin("c1", new AcceptLoginRequest().subject("s")))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.BAD_ANSWER));
    }

    @Test
    void whenTheAuthorizationServerAnswers503ThenItIsUnavailable() {
        fake.onGet("login", "c1", 503, "{\"error\":\"server_error\"}");

        assertThatThrownBy(() -> gateway(fake.url(), false).loginRequest("c1"))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.UNAVAILABLE));
    }

    @Test
    void whenTheAnswerIsNotJsonThenItIsABadAnswer() {
        fake.onGet("login", "c1", 200, "<html>not the admin API</html>");

        assertThatThrownBy(() -> gateway(fake.url(), false).loginRequest("c1"))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.BAD_ANSWER));
    }

    @Test
    void whenTheAlreadyAnsweredRequestIsAcceptedAgainThenItIsAlreadyHandled() {
        fake.onPut("consent", "accept", "c1", 409, "{\"error\":\"conflict\"}");

        assertThatThrownBy(() -> gateway(fake.url(), false).acceptConsent("c1", null))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.ALREADY_HANDLED));
    }

    @Test
    void whenNothingListensThenTheAdminApiIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        AdminGateway gateway = gateway("http://127.0.0.1:" + closedPort, false);
        assertThatThrownBy(() -> gateway.loginRequest("c1"))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.UNREACHABLE));
        assertThat(gateway.problem()).contains("the admin API cannot be reached");
    }

    @Test
    void whenMockTlsTerminationIsOnThenEveryCallSaysHttps() {
        fake.onGet("login", "c1", 200, "{\"challenge\":\"c1\"}");

        gateway(fake.url(), true).loginRequest("c1");
        gateway(fake.url(), false).loginRequest("c1");

        assertThat(fake.received()).extracting(FakeAdminApi.Received::forwardedProto).containsExactly("https", "");
    }

    @Test
    void whenTheLogoutRequestExistsThenItIsReturned() {
        fake.onGet("logout", "o1", 200, "{\"challenge\":\"o1\",\"subject\":\"foo@bar.com\",\"sid\":\"s1\","
                + "\"request_url\":\"http://hydra.test/oauth2/sessions/logout\",\"rp_initiated\":false}");

        assertThat(gateway(fake.url(), false).logoutRequest("o1").getSubject()).isEqualTo("foo@bar.com");
        assertThat(fake.last("/oauth2/auth/requests/logout").orElseThrow().query())
                .containsEntry("logout_challenge", "o1");
    }

    @Test
    void whenALogoutIsAcceptedThenTheRedirectIsReturned() {
        assertThat(gateway(fake.url(), false).acceptLogout("o1")).isEqualTo(FakeAdminApi.logoutRedirectTo("o1"));
        assertThat(fake.last("/oauth2/auth/requests/logout/accept").orElseThrow().method()).isEqualTo("PUT");
    }

    @Test
    void whenALogoutIsRejectedThenThe204WithoutBodyIsASuccess() {
        gateway(fake.url(), false).rejectLogout("o1");

        FakeAdminApi.Received reject = fake.last("/oauth2/auth/requests/logout/reject").orElseThrow();
        assertThat(reject.method()).isEqualTo("PUT");
        assertThat(reject.query()).containsEntry("logout_challenge", "o1");
    }

    @Test
    void whenTheLogoutChallengeIsUnknownOrUsedThenTheFailuresAreTheLoginOnes() {
        fake.onPut("logout", "reject", "gone", 404, "{\"error\":\"Not Found\"}");
        fake.onGet("logout", "used", 410, "{\"redirect_to\":\"http://hydra.test/oauth2/sessions/logout\"}");
        fake.onPut("logout", "accept", "busy", 503, "{\"error\":\"server_error\"}");
        AdminGateway gateway = gateway(fake.url(), false);

        assertThatThrownBy(() -> gateway.rejectLogout("gone")).isInstanceOfSatisfying(AdminFailure.class,
                e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.UNKNOWN_CHALLENGE));
        assertThatThrownBy(() -> gateway.logoutRequest("used")).isInstanceOfSatisfying(AdminFailure.class,
                e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.ALREADY_HANDLED));
        assertThatThrownBy(() -> gateway.acceptLogout("busy")).isInstanceOfSatisfying(AdminFailure.class,
                e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.UNAVAILABLE));
    }

    @Test
    void whenTheLogoutAcceptAnswerHasNoRedirectThenItIsABadAnswer() {
        fake.onPut("logout", "accept", "o1", 200, "{}");

        assertThatThrownBy(() -> gateway(fake.url(), false).acceptLogout("o1"))
                .isInstanceOfSatisfying(AdminFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(AdminFailure.Kind.BAD_ANSWER));
    }

    @Test
    void whenTheAdminApiIsAliveThenThereIsNoProblem() {
        assertThat(gateway(fake.url(), false).problem()).isEmpty();
    }
}
