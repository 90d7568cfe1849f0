package org.openauthz.authz.api;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestCertificate;
import org.openauthz.authz.testing.TestServer;
import org.openauthz.authz.testing.TlsTerminatingProxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.parse;
import static org.openauthz.authz.api.ApiFixtures.rawFormFrom;
import static org.openauthz.authz.api.ApiFixtures.send;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * The admin port's {@code POST /oauth2/introspect} answers by itself, without calling the rest of the filter chain, so
 * every filter that guards the port has to run before it: the drain filter ({@code Connection: close}), the
 * TLS-termination check ({@code serve.tls.allow_termination_from}), the overload limit and CORS. Each test starts a
 * server with one of them on and shows introspection goes through it.
 */
class IntrospectionFilterOrderIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ADMIN_ORIGIN = "https://admin.example";

    @Test
    void whenTheAdminPortIsBehindATlsTerminatingProxyThenIntrospectionIsServedOnlyThroughIt() throws Exception {
        TestCertificate certificate = TestCertificate.issue("proxy");
        try (TestServer server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.tls.allow_termination_from", List.of("127.0.0.1/32")), false);
             TlsTerminatingProxy admin = new TlsTerminatingProxy(certificate, server.adminUrl(""));
             TlsTerminatingProxy pub = new TlsTerminatingProxy(certificate, server.publicUrl(""))) {
            HttpClient browser = HttpClient.newBuilder().sslContext(certificate.trusting()).build();
            String id = uniqueId("proxied-introspection");
            HttpResponse<String> created = browser.send(HttpRequest.newBuilder(URI.create(admin.url("/clients")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"client_id\":\"" + id + "\",\"client_secret\":\"proxied-secret\","
                                    + "\"grant_types\":[\"client_credentials\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> issued = browser.send(HttpRequest.newBuilder(URI.create(pub.url("/oauth2/token")))
                    .header("Content-Type", FORM).header("Authorization", TestServer.basic(id, "proxied-secret"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String token = json(issued).path("access_token").asText();
            String body = form("token", token);

            HttpResponse<String> proxied = browser.send(HttpRequest.newBuilder(
                            URI.create(admin.url("/oauth2/introspect"))).header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            ApiFixtures.RawResponse otherPeer = rawFormFrom("127.0.0.2", server.adminPort(), "/oauth2/introspect",
                    body, "X-Forwarded-Proto: https");
            ApiFixtures.RawResponse notHttps = rawFormFrom("127.0.0.1", server.adminPort(), "/oauth2/introspect",
                    body);

            assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
            assertThat(json(proxied).path("active").asBoolean()).isTrue();
            assertRefusedAsInsecure(otherPeer);
            assertRefusedAsInsecure(notHttps);
        }
    }

    @Test
    void whenIntrospectionRequestsExceedTheAdminPortsLimitThenTheExcessGets503WithRetryAfter() throws Exception {
        try (TestServer server = TestServer.start(Map.of("serve.overload.max_concurrent_requests", "1",
                "serve.overload.max_wait", "0s"))) {
            String id = createClientCredentialsClient(server, uniqueId("limited"), "limited-secret", null);
            String body = form("token", accessToken(server, id, "limited-secret"));
            // The admin call above gives its slot back when its filter chain returns, a moment after its answer.
            introspectOnceTheSlotIsFree(server, body);
            Thread.sleep(200);

            try (SlowIntrospection slow = SlowIntrospection.start(server.adminPort(), body)) {
                HttpResponse<String> refused = refusedWhileTheSlotIsHeld(server);

                assertThat(refused.statusCode()).as("no 503 within 10 s; the slow request got: %s",
                        refused.statusCode() == 503 ? "" : slow.answeredSoFar()).isEqualTo(503);
                assertJsonError(refused, 503, "temporarily_unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(server.get(server.adminUrl("/health/ready")).statusCode()).isEqualTo(200);
                ApiFixtures.RawResponse held = slow.finish();
                assertThat(held.status()).as(held.body()).isEqualTo(200);
                assertThat(parse(held.body()).path("active").asBoolean()).isTrue();
            }
            // The held request's slot is given back when its filter chain returns, which can be a moment after its
            // answer reached the client.
            assertThat(introspectOnceTheSlotIsFree(server, body).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> introspectOnceTheSlotIsFree(TestServer server, String body)
            throws InterruptedException {
        HttpResponse<String> response = introspect(server, body);
        for (int i = 0; i < 40 && response.statusCode() == 503; i++) {
            Thread.sleep(50);
            response = introspect(server, body);
        }
        return response;
    }

    @Test
    void whenAdminCorsIsOnThenIntrospectionPreflightsAndRequestsGetTheCorsHeaders() {
        try (TestServer server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.admin.cors.enabled", "true",
                "serve.admin.cors.allowed_origins", List.of(ADMIN_ORIGIN)))) {
            HttpResponse<String> preflight = send(server, "OPTIONS", server.adminUrl("/oauth2/introspect"), null,
                    null, "Origin", ADMIN_ORIGIN, "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type");
            HttpResponse<String> request = send(server, "POST", server.adminUrl("/oauth2/introspect"), FORM,
                    form("token", "not-a-token"), "Origin", ADMIN_ORIGIN);
            HttpResponse<String> otherOrigin = send(server, "POST", server.adminUrl("/oauth2/introspect"), FORM,
                    form("token", "not-a-token"), "Origin", "https://evil.example");

            assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ADMIN_ORIGIN);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
            assertThat(request.statusCode()).as(request.body()).isEqualTo(200);
            assertThat(request.body()).isEqualTo("{\"active\":false}");
            assertThat(request.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ADMIN_ORIGIN);
            assertThat(otherOrigin.statusCode()).isEqualTo(200);
            assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void whenTheServerDrainsThenIntrospectionAnswersAskToCloseTheConnection() throws Exception {
        TestServer server = TestServer.start(Map.of("serve.shutdown.drain_period", "3s"));
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        try {
            awaitDraining(server);

            HttpResponse<String> response = introspect(server, form("token", "not-a-token"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Connection")).hasValue("close");
        } finally {
            stopping.get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> introspect(TestServer server, String body) {
        return send(server, "POST", server.adminUrl("/oauth2/introspect"), FORM, body);
    }

    /** Introspects until the slow request has taken the only slot and the limit refuses, for at most 10 s. */
    private static HttpResponse<String> refusedWhileTheSlotIsHeld(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = introspect(server, form("token", "not-a-token"));
        while (response.statusCode() != 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = introspect(server, form("token", "not-a-token"));
        }
        return response;
    }

    /** Waits, at most 10 s, until the admin port's readiness reports the drain. */
    private static void awaitDraining(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.get(server.adminUrl("/health/ready")).statusCode() != 503) {
            assertThat(System.nanoTime()).as("draining within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertRefusedAsInsecure(ApiFixtures.RawResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(parse(response.body()).path("error").asText())
                .isEqualTo("can not serve request over insecure http");
    }

    /**
     * An introspection request whose form body arrives in two parts: the server reads the first and waits for the
     * rest, holding its admission slot until {@link #finish()} sends it.
     */
    private static final class SlowIntrospection implements AutoCloseable {
        private final Socket socket;
        private final String rest;

        private SlowIntrospection(Socket socket, String rest) {
            this.socket = socket;
            this.rest = rest;
        }

        static SlowIntrospection start(int port, String body) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            int half = body.length() / 2;
            OutputStream out = socket.getOutputStream();
            out.write(("POST /oauth2/introspect HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + "Content-Type: " + FORM + "\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body.substring(0, half)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new SlowIntrospection(socket, body.substring(half));
        }

        ApiFixtures.RawResponse finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(rest.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return ApiFixtures.parseRaw(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        /** What the server has sent on the slow request's connection so far, for a failure message. */
        String answeredSoFar() {
            try {
                socket.setSoTimeout(500);
                return new String(socket.getInputStream().readNBytes(2000), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "nothing (" + e.getMessage() + ")";
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
