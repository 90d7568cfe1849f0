package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestCertificate;
import org.openauthz.authz.testing.TestServer;
import org.openauthz.authz.testing.TlsTerminatingProxy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.parse;
import static org.openauthz.authz.api.ApiFixtures.rawFrom;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code serve.tls.allow_termination_from}, as in Hydra v1.10: TLS on, but the public port serves plain HTTP to a
 * TLS-terminating proxy at 127.0.0.1, here a real HTTPS reverse proxy in the test. Requests through it work, with
 * Secure cookies under their TLS names; the same requests from another address, or without
 * {@code X-Forwarded-Proto: https}, are answered 502; health is answered to anyone. On PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTerminationIT {
    private static final String REDIRECT = "https://rp.example/cb";

    private TestServer server;
    private TlsTerminatingProxy proxy;
    private HttpClient browser;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.tls.allow_termination_from", List.of("127.0.0.1/32", "fd00::/8"),
                "serve.admin.tls.enabled", "false"), false);
        TestCertificate certificate = TestCertificate.issue("proxy");
        proxy = new TlsTerminatingProxy(certificate, server.publicUrl(""));
        browser = HttpClient.newBuilder().sslContext(certificate.trusting())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> throughProxy(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenRequestsComeThroughTheProxyThenTheyAreServedWithTheHttpsIssuer() throws Exception {
        assertThat(server.publicUrl("/")).startsWith("http://");

        HttpResponse<String> discovery = throughProxy("/.well-known/openid-configuration");

        assertThat(discovery.statusCode()).as(discovery.body()).isEqualTo(200);
        assertThat(json(discovery).path("issuer").asText()).isEqualTo(server.issuer()).startsWith("https://");
    }

    @Test
    void whenAuthorizationGoesThroughTheProxyThenCookiesAreSecureWithoutTheInsecureSuffix() throws Exception {
        String clientId = uniqueId("proxied");
        var body = object().put("client_id", clientId).put("client_secret", "a-secret-long-enough")
                .put("scope", "openid");
        body.putArray("redirect_uris").add(REDIRECT);
        createClient(server, body.toString());

        HttpResponse<String> response = throughProxy("/oauth2/auth?response_type=code&scope=openid"
                + "&state=a-state-of-enough-entropy&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("login_challenge=");
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("oauth2_authentication_csrf=").containsPattern("(?i);\\s*Secure\\s*(;|$)")
                .containsPattern("(?i);\\s*HttpOnly\\s*(;|$)"));
        assertThat(cookies).noneMatch(cookie -> cookie.contains("_insecure"));
    }

    @Test
    void whenThePeerIsNotAnAllowedProxyThenRefusedWhateverForwardedHeadersItSends() {
        ApiFixtures.RawResponse response = rawFrom("127.0.0.2", server.publicPort(),
                "GET /.well-known/openid-configuration HTTP/1.1", "X-Forwarded-Proto: https",
                "X-Forwarded-For: 127.0.0.1");

        assertRefused(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X-Forwarded-Proto: http"})
    void whenTheAllowedProxyDoesNotSayHttpsThenRefused(String header) {
        String[] headers = header.isEmpty() ? new String[0] : new String[] {header};

        ApiFixtures.RawResponse response = rawFrom("127.0.0.1", server.publicPort(),
                "GET /.well-known/openid-configuration HTTP/1.1", headers);

        assertRefused(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/alive", "/health/ready"})
    void whenHealthIsAskedFromAnyAddressThenAnswered(String path) {
        ApiFixtures.RawResponse response = rawFrom("127.0.0.2", server.publicPort(), "GET " + path + " HTTP/1.1");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static void assertRefused(ApiFixtures.RawResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(parse(response.body()).path("error").asText())
                .isEqualTo("can not serve request over insecure http");
    }
}
