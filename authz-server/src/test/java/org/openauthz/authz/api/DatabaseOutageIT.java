package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.FaultyTcpProxy;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * A database that goes away and comes back (docs/operations.md, "When the database goes away"): every endpoint that
 * needs it answers 503 with {@code Retry-After} within seconds, readiness fails while liveness holds, the
 * authorization endpoint shows the error page, and the first request after the database returns succeeds without a
 * restart. The database is cut off by a proxy that drops every connection, as a restart of PostgreSQL does.
 */
class DatabaseOutageIT {
    /** The pool's wait plus a margin for a loaded CI machine: "seconds, not minutes". */
    private static final long BOUND_MS = 6_000;

    private static FaultyTcpProxy proxy;
    private static TestServer server;
    private static String clientId;
    private static String webClientId;

    @BeforeAll
    static void start() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        proxy = database.faultyProxy();
        server = TestServer.onPostgres(database.via(proxy), Map.of());
        clientId = uniqueId("outage");
        createClientCredentialsClient(server, clientId, "outage-secret", null);
        webClientId = uniqueId("outage-web");
        ApiFixtures.createClient(server, "{\"client_id\":\"" + webClientId + "\",\"client_secret\":\"web-secret\","
                + "\"grant_types\":[\"authorization_code\"],\"response_types\":[\"code\"],"
                + "\"redirect_uris\":[\"http://127.0.0.1:9999/callback\"],\"scope\":\"openid\"}");
    }

    @AfterAll
    static void stop() {
        proxy.restore();
        server.close();
        proxy.close();
    }

    @Test
    void whenTheDatabaseIsCutOffThenEveryEndpointAnswers503AndTheFirstRequestAfterItReturnsSucceeds() {
        String token = accessToken(server, clientId, "outage-secret");
        proxy.cut();
        try {
            HttpResponse<String> tokenResponse = timed("token", () -> ApiFixtures.tokenRequest(server, clientId,
                    "outage-secret"));
            assertUnavailable(tokenResponse, "temporarily_unavailable");
            // A client this replica has not cached cannot be looked up: that is an outage, not a wrong client.
            assertUnavailable(timed("token, client not cached", () -> ApiFixtures.tokenRequest(server,
                    uniqueId("never-seen"), "secret")), "temporarily_unavailable");

            assertUnavailable(timed("introspection", () -> server.postForm(
                    server.adminUrl("/oauth2/introspect"), form("token", token), null, null)),
                    "temporarily_unavailable");
            assertUnavailable(timed("admin list clients", () -> server.get(server.adminUrl("/clients"))),
                    "server_error");
            assertThat(timed("ready", () -> server.get(server.adminUrl("/health/ready"))).statusCode())
                    .isEqualTo(503);
            assertThat(server.get(server.publicUrl("/health/alive")).statusCode()).isEqualTo(200);

            // A person at the authorization endpoint sees the error page, not JSON or a stack trace.
            HttpResponse<String> authorize = timed("authorize", () -> server.get(server.publicUrl(
                    "/oauth2/auth?response_type=code&client_id=" + webClientId + "&scope=openid"
                            + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcallback&state=abcdefghij")));
            assertThat(authorize.statusCode()).isEqualTo(302);
            assertThat(authorize.headers().firstValue("Location").orElseThrow())
                    .contains("/oauth2/fallbacks/error").contains("error=temporarily_unavailable");
            // The same at the end-session endpoint.
            HttpResponse<String> logout = timed("end session", () -> server.get(server.publicUrl(
                    "/oauth2/sessions/logout?logout_verifier=00000000-0000-0000-0000-000000000000")));
            assertThat(logout.statusCode()).isEqualTo(302);
            assertThat(logout.headers().firstValue("Location").orElseThrow())
                    .contains("/oauth2/fallbacks/error").contains("error=temporarily_unavailable");
        } finally {
            proxy.restore();
        }

        long t0 = System.nanoTime();
        HttpResponse<String> first = ApiFixtures.tokenRequest(server, clientId, "outage-secret");
        System.out.printf("first token request after the database returned: %d in %d ms%n", first.statusCode(),
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(server.get(server.adminUrl("/health/ready")).statusCode()).isEqualTo(200);
        assertThat(ApiFixtures.introspect(server, token).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenEveryPooledConnectionDiesWhileTheDatabaseStaysUpThenTheNextRequestsSucceed() {
        accessToken(server, clientId, "outage-secret");
        // A network blip or a failover kills the pooled connections; the database is reachable again at once.
        proxy.cut();
        proxy.restore();

        for (int i = 0; i < 5; i++) {
            assertThat(ApiFixtures.tokenRequest(server, clientId, "outage-secret").statusCode()).isEqualTo(200);
            assertThat(server.get(server.adminUrl("/clients")).statusCode()).isEqualTo(200);
        }
    }

    private static void assertUnavailable(HttpResponse<String> response, String error) {
        JsonNode body = assertJsonError(response, 503, error);
        assertThat(body.toString()).doesNotContain("Exception").doesNotContain("postgres");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    private static HttpResponse<String> timed(String what, java.util.function.Supplier<HttpResponse<String>> call) {
        long t0 = System.nanoTime();
        HttpResponse<String> response = call.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("database cut off: %s answered %d in %d ms%n", what, response.statusCode(), ms);
        assertThat(ms).as(what + " answered within the bound").isLessThan(BOUND_MS);
        return response;
    }
}
