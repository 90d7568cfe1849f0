package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * Health, version and metrics endpoints (docs/operations.md), and the JSON answers both ports give to requests
 * that never reach a resource: unknown routes, wrong methods, oversized headers, malformed URIs (JSON, not
 * HTML, as in Hydra v1.10).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthVersionMetricsIT {

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(String port, String path) {
        return "admin".equals(port) ? server.adminUrl(path) : server.publicUrl(path);
    }

    private int port(String port) {
        return "admin".equals(port) ? server.adminPort() : server.publicPort();
    }

    /** A JSON error body with an {@code error} field and no HTML. */
    private static void assertJsonError(int status, String contentType, String body, int expectedStatus) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as(body).startsWith("application/json");
        assertThat(body).doesNotContainIgnoringCase("<html");
        assertThat(ApiFixtures.parse(body).path("error").asText()).as(body).isNotEmpty();
    }

    private static void assertJsonError(HttpResponse<String> response, int expectedStatus) {
        assertJsonError(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), expectedStatus);
    }

    @ParameterizedTest
    @CsvSource({"public, /health/alive", "public, /health/ready", "admin, /health/alive", "admin, /health/ready"})
    void whenHealthIsCheckedOnEitherPortThenStatusIsOk(String port, String path) {
        HttpResponse<String> response = server.get(url(port, path));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json(response)).isEqualTo(ApiFixtures.parse("{\"status\":\"ok\"}"));
    }

    @Test
    void whenTheVersionIsFetchedThenItIsNamed() {
        HttpResponse<String> response = server.get(server.adminUrl("/version"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("version").asText()).isNotBlank();
    }

    @Test
    void whenPrometheusMetricsAreScrapedThenTheTextExpositionFormatIsReturned() {
        // Some traffic first, so request metrics exist.
        server.get(server.adminUrl("/health/alive"));

        HttpResponse<String> response = server.get(server.adminUrl("/metrics/prometheus"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).contains("# TYPE ");
    }

    @Test
    void whenRequestsWereServedThenHydrasResponseTimeHistogramIsLabelledByRouteMethodAndCode() {
        String clientId = "metrics-" + java.util.UUID.randomUUID();
        server.get(server.adminUrl("/clients/" + clientId));
        server.postForm(server.publicUrl("/oauth2/token"), "grant_type=client_credentials", clientId, "wrong");
        server.get(server.publicUrl("/no/such/route"));

        String body = server.get(server.adminUrl("/metrics/prometheus")).body();

        // Hydra's metric, beside the series served before it (the connection pool's, here).
        assertThat(body).contains("# TYPE hydra_response_time_seconds histogram\n")
                .contains("# TYPE io_dropwizard_db_");
        assertThat(body).containsPattern("hydra_response_time_seconds_count\\{version=\"[^\"]+\","
                        + "endpoint=\"/clients/\\{param\\}\",method=\"GET\",code=\"404\"} [1-9]")
                .containsPattern("hydra_response_time_seconds_bucket\\{version=\"[^\"]+\",endpoint=\"/oauth2/token\","
                        + "method=\"POST\",code=\"401\",le=\"\\+Inf\"} [1-9]")
                .containsPattern("endpoint=\"\\{unmatched\\}\",method=\"GET\",code=\"404\"")
                // Ids never become label values (one series per route, not per client).
                .doesNotContain(clientId);
    }

    @ParameterizedTest
    @CsvSource({"public, /version", "public, /metrics/prometheus", "public, /clients"})
    void whenAnAdminEndpointIsAskedForOnThePublicPortThen404(String port, String path) {
        // Admin endpoints are only served on the admin port, as in Hydra v1.10.
        assertJsonError(server.get(url(port, path)), 404);
    }

    @ParameterizedTest
    @CsvSource({"public, /no/such/route", "admin, /no/such/route", "public, /", "admin, /",
            "admin, /healthcheck", "admin, /threads"})
    void whenAnUnknownRouteIsRequestedThen404JsonEvenForABrowser(String port, String path) {
        // Hydra v1.10 answers unknown routes with a JSON 404; Dropwizard's own admin pages stay hidden.
        HttpResponse<String> response = ApiFixtures.send(server, "GET", url(port, path), null, null,
                "Accept", "text/html,application/xhtml+xml");

        assertJsonError(response, 404);
    }

    @ParameterizedTest
    @CsvSource({"public, POST, /.well-known/jwks.json", "public, GET, /oauth2/token", "public, PUT, /oauth2/revoke",
            "admin, DELETE, /version", "admin, PUT, /health/alive", "admin, GET, /oauth2/flush"})
    void whenTheMethodIsWrongThen405Json(String port, String method, String path) {
        HttpResponse<String> response = ApiFixtures.send(server, method, url(port, path), null, null,
                "Accept", "text/html");

        // RFC 9110 §15.5.6: 405 with an Allow header.
        assertJsonError(response, 405);
        assertThat(response.headers().firstValue("Allow")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "admin"})
    void whenARequestHeaderIs20KilobytesThen431AndNoHtml(String port) {
        HttpResponse<String> response = ApiFixtures.send(server, "GET", url(port, "/health/alive"), null, null,
                "X-Padding", "x".repeat(20 * 1024), "Accept", "text/html");

        // RFC 6585 §5: 431 Request Header Fields Too Large (the connectors cap headers at 16 KiB).
        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).doesNotContainIgnoringCase("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "admin"})
    void whenARequestHeaderIs20KilobytesThenA4xxJsonErrorIsReturned(String port) {
        HttpResponse<String> response = ApiFixtures.send(server, "GET", url(port, "/health/alive"), null, null,
                "X-Padding", "x".repeat(20 * 1024), "Accept", "text/html");

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertJsonError(response, response.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "admin"})
    void whenTheUriIsMalformedThen400AndNoHtml(String port) {
        // "%zz" is not a valid percent-encoding (RFC 3986 §2.1); java.net.http refuses to send it, so a raw socket.
        ApiFixtures.RawResponse response = ApiFixtures.raw(port(port), "GET /%zz HTTP/1.1", "Accept: text/html");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContainIgnoringCase("<html");
    }

    @ParameterizedTest
    @CsvSource({"public, /%zz", "admin, /%zz", "admin, /clients/%zz"})
    void whenTheUriIsMalformedThen400Json(String port, String target) {
        ApiFixtures.RawResponse response = ApiFixtures.raw(port(port), "GET " + target + " HTTP/1.1",
                "Accept: text/html");

        assertJsonError(response.status(), response.header("Content-Type") == null ? ""
                : response.header("Content-Type"), response.body(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "admin"})
    void whenTheUriIsTooLongThen414Json(String port) {
        ApiFixtures.RawResponse response = ApiFixtures.raw(port(port), "GET /" + "a".repeat(20 * 1024) + " HTTP/1.1");

        // RFC 9110 §15.5.15: 414 URI Too Long.
        assertJsonError(response.status(), response.header("Content-Type") == null ? ""
                : response.header("Content-Type"), response.body(), 414);
    }
}
