package org.openauthz.authz.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve.cookies.same_site_legacy_workaround} with {@code SameSite=None} on a TLS public port, as in Hydra
 * v1.10: each flow cookie is also set as {@code <name>_legacy} without SameSite, for browsers that reject
 * {@code None} (<a href="https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-8.8">RFC
 * 6265bis §8.8</a>), and a browser that kept only the copy can still finish the flow. On PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameSiteLegacyCookieIT {
    private static final String CSRF = "oauth2_authentication_csrf";
    private TestServer server;
    private String clientId;

    @BeforeAll
    void start() {
        server = TestServer.withPublicTls(PostgresFixture.newDatabase().migrated(), Map.of(
                "urls.login", FlowHarness.LOGIN_URL, "urls.consent", FlowHarness.CONSENT_URL,
                "serve.cookies.same_site_mode", "None", "serve.cookies.same_site_legacy_workaround", "true"));
        clientId = "legacy-" + UUID.randomUUID();
        HttpResponse<String> created = server.json("POST", server.adminUrl("/clients"), "{\"client_id\":\""
                + clientId + "\",\"client_secret\":\"" + FlowHarness.SECRET + "\",\"scope\":\"openid\","
                + "\"redirect_uris\":[\"" + RelyingParty.REDIRECT_URI + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> authorize() {
        return server.get(server.publicUrl("/oauth2/auth?response_type=code&scope=openid&state=legacy-state-1234"
                + "&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(RelyingParty.REDIRECT_URI.toString(), StandardCharsets.UTF_8)));
    }

    private static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + " in "
                        + response.headers().allValues("Set-Cookie")));
    }

    /** The browser's way back to the server after the login app accepted: the redirect_to, with some cookie. */
    private HttpResponse<String> acceptLoginAndReturnWith(HttpResponse<String> toLogin, String cookie) {
        String challenge = Params.query(Browser.location(toLogin)).get("login_challenge");
        HttpResponse<String> accepted = server.json("PUT", server.adminUrl(
                "/oauth2/auth/requests/login/accept?login_challenge=" + challenge), "{\"subject\":\"legacy-user\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode body = ApiFixtures.parse(accepted.body());
        HttpRequest.Builder back = HttpRequest.newBuilder(URI.create(body.path("redirect_to").asText())).GET();
        if (cookie != null) {
            back.header("Cookie", cookie);
        }
        return server.send(back.build());
    }

    private static String nameAndValue(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void whenAFlowCookieIsSetThenALegacyCopyWithoutSameSiteGoesWithIt() {
        HttpResponse<String> response = authorize();

        assertThat(response.statusCode()).isEqualTo(302);
        String cookie = setCookie(response, CSRF);
        String legacy = setCookie(response, CSRF + "_legacy");
        assertThat(cookie).containsIgnoringCase("SameSite=None").containsIgnoringCase("Secure")
                .containsIgnoringCase("HttpOnly");
        assertThat(legacy).doesNotContainIgnoringCase("SameSite").containsIgnoringCase("Secure")
                .containsIgnoringCase("HttpOnly");
        assertThat(legacy.substring(legacy.indexOf('=') + 1, legacy.indexOf(';')))
                .isEqualTo(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')));
    }

    @Test
    void whenTheBrowserKeptOnlyTheLegacyCopyThenTheFlowGoesOn() {
        HttpResponse<String> toLogin = authorize();
        String legacy = nameAndValue(setCookie(toLogin, CSRF + "_legacy"));

        HttpResponse<String> next = acceptLoginAndReturnWith(toLogin, legacy);

        assertThat(Browser.location(next).toString()).startsWith(FlowHarness.CONSENT_URL + "?");
        List<String> setCookies = next.headers().allValues("Set-Cookie");
        assertThat(setCookies).anyMatch(c -> c.startsWith("oauth2_consent_csrf_legacy="));
    }

    @Test
    void whenTheBrowserSendsNeitherCookieThenTheCsrfCheckStillFails() {
        HttpResponse<String> next = acceptLoginAndReturnWith(authorize(), null);

        // Hydra v1.10: request_forbidden, delivered to the client's redirect URI.
        assertThat(Params.query(Browser.location(next))).containsEntry("error", "request_forbidden");
    }
}
