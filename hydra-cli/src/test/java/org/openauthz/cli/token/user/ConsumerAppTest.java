package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.http.HttpClientFactory;

/** {@link ConsumerApp} on its own: routing, headers and the {@code --no-shutdown} mode. */
class ConsumerAppTest {

    private static final Instant NOW = Instant.parse("2021-07-08T10:00:00Z");

    private FakeAuthorizationServer authorizationServer;
    private CloseableHttpClient http;
    private ConsumerApp app;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient browser = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        authorizationServer = new FakeAuthorizationServer().now(NOW);
        http = HttpClientFactory.create(false, false, null);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        http.close();
        authorizationServer.close();
    }

    private ConsumerApp start(String redirect, boolean noShutdown) {
        String tokenUrl = authorizationServer.url() + "/oauth2/token";
        ConsumerSettings settings = new ConsumerSettings("another-consumer", "consumer-secret",
                authorizationServer.url() + "/oauth2/auth", tokenUrl, redirect, List.of("openid"), List.of(), null,
                List.of(), 0, false, noShutdown);
        CliEnvironment environment = new CliEnvironment(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        return ConsumerApp.start(settings, new CodeExchange(http, tokenUrl, "another-consumer", "consumer-secret"),
                new IdTokenValidator(ServerLocation.of(null, tokenUrl), new HttpDocumentSource(http), environment.clock()),
                environment);
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws IOException, InterruptedException {
        URI home = URI.create(app.homeUrl());
        return browser.send(HttpRequest.newBuilder(home.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenPortZeroThenAnyFreePortAndDefaultRedirectUsesIt() {
        app = start(null, false);
        assertTrue(app.homeUrl().matches("http://127\\.0\\.0\\.1:\\d+/"), app.homeUrl());
        assertEquals(app.homeUrl() + "callback", app.redirectUri());
        assertTrue(out.toString().contains("Setting up callback listener on " + app.homeUrl() + "callback\n"), out.toString());
    }

    @Test
    void whenNoShutdownThenEachCompletedRunIssuesNewSecretsAndServingContinues() throws Exception {
        app = start(null, true);
        FlowSecrets first = app.secrets();

        assertEquals(400, send("GET", "/callback?code=x&state=wrong").statusCode());
        FlowSecrets second = app.secrets();
        assertNotEquals(first.state(), second.state());
        assertNotEquals(first.nonce(), second.nonce());
        assertNotEquals(first.codeVerifier(), second.codeVerifier());

        authorizationServer.expect(second.codeChallenge(), second.nonce());
        // The server adds iss to every authorization response (RFC 9207 §2): the consumer ignores it.
        HttpResponse<String> success = send("GET", "/callback?code=" + FakeAuthorizationServer.CODE + "&state="
                + second.state() + "&iss=http%3A%2F%2F127.0.0.1%3A9000%2F");
        assertEquals(200, success.statusCode(), success.body());
        assertTrue(success.body().contains("id=\"id-token-valid\""), success.body());
        assertNotEquals(second.state(), app.secrets().state());
        assertEquals(200, send("GET", "/").statusCode(), "still serving");

        // replaying the finished run's callback fails: its state is no longer the current one
        assertEquals(400, send("GET", "/callback?code=" + FakeAuthorizationServer.CODE + "&state="
                + second.state()).statusCode());
    }

    @Test
    void whenRedirectHasOwnPathThenCallbackServedThere() throws Exception {
        app = start(null, false);
        int port = URI.create(app.homeUrl()).getPort();
        app.close();
        app = start("http://127.0.0.1:" + port + "/my/cb", false);
        FlowSecrets secrets = app.secrets();
        authorizationServer.expect(secrets.codeChallenge(), secrets.nonce());

        HttpResponse<String> callback = send("GET", "/my/cb?code=" + FakeAuthorizationServer.CODE + "&state="
                + secrets.state());

        assertEquals(200, callback.statusCode(), callback.body());
        assertEquals(0, app.awaitExitCode());
        assertEquals("http://127.0.0.1:" + port + "/my/cb", authorizationServer.tokenRequests().get(0).form()
                .get("redirect_uri"));
    }

    @Test
    void whenOtherPathOrMethodThenNotFoundOrNotAllowedAndRunContinues() throws Exception {
        app = start(null, false);

        assertEquals(404, send("GET", "/favicon.ico").statusCode());
        HttpResponse<String> post = send("POST", "/callback");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> home = send("GET", "/");
        assertEquals(200, home.statusCode());
        assertEquals("no-referrer", home.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", home.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void whenCallbackHasNoCodeThenBadRequestAndRunEndsWithOne() throws Exception {
        app = start(null, false);
        assertEquals(400, send("GET", "/callback?state=" + app.secrets().state()).statusCode());
        assertEquals(1, app.awaitExitCode());
        assertEquals("The callback has neither an authorization code nor an error.\n", err.toString());
    }

    @Test
    void whenQueryParsedThenFirstValueFormDecoded() {
        assertEquals(Map.of("a", "x y", "b", "", "c&", "1"), ConsumerApp.parseQuery("a=x+y&b&a=2&c%26=1&"));
    }
}
