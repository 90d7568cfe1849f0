package org.openauthz.authz.api.cors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.send;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * CORS on both ports with narrowed origin lists, on PostgreSQL (decision 0011): the configured origins, a client's
 * {@code allowed_cors_origins} on the public port's token, revocation, userinfo and discovery endpoints, preflights,
 * and no {@code Access-Control-*} header for anything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CONFIGURED = "https://tenant.global.example";
    private static final String APP = "https://app.example";
    private static final String SPA = "https://spa.example";
    private static final String EVIL = "https://evil.example";

    private TestServer server;
    private String confidential;
    private String spa;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.public.cors.enabled", "true",
                "serve.public.cors.allowed_origins", List.of("https://*.global.example"),
                "serve.public.cors.max_age", "600",
                "serve.admin.cors.enabled", "true",
                "serve.admin.cors.allowed_origins", List.of("https://admin.example"),
                // On as in production: the rate limiter reads client_id from the same form body as the CORS check.
                "rate_limits.enabled", "true"));
        confidential = uniqueId("cors-app");
        ObjectNode app = object().put("client_id", confidential).put("client_secret", "app-secret");
        app.putArray("grant_types").add("client_credentials");
        app.putArray("allowed_cors_origins").add(APP);
        createClient(server, app.toString());
        spa = uniqueId("cors-spa");
        ObjectNode publicClient = object().put("client_id", spa).put("token_endpoint_auth_method", "none");
        publicClient.putArray("grant_types").add("authorization_code");
        publicClient.putArray("response_types").add("code");
        publicClient.putArray("redirect_uris").add("http://127.0.0.1/cb");
        publicClient.putArray("allowed_cors_origins").add(SPA);
        createClient(server, publicClient.toString());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> token(String origin, String... extraHeaders) {
        String[] headers = withOrigin(origin, extraHeaders);
        return send(server, "POST", server.publicUrl("/oauth2/token"), FORM, "grant_type=client_credentials", headers);
    }

    private static String[] withOrigin(String origin, String... headers) {
        if (origin == null) {
            return headers;
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Origin";
        all[1] = origin;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    private String basicAuth() {
        return TestServer.basic(confidential, "app-secret");
    }

    private static String allowOrigin(HttpResponse<String> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }

    /** No {@code Access-Control-*} header at all: the browser withholds the answer from the page. */
    static void assertNoCorsHeaders(HttpResponse<String> response) {
        assertThat(response.headers().map().keySet()).as("headers")
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers) {
        return send(server, "OPTIONS", server.publicUrl(path), null, null, "Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers);
    }

    @Test
    void whenNoOriginIsSentThenNoCorsHeadersButVaryOrigin() {
        HttpResponse<String> response = token(null, "Authorization", basicAuth());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoCorsHeaders(response);
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void whenTheOriginMatchesTheConfiguredWildcardThenTheAnswerCarriesTheCorsHeaders() {
        HttpResponse<String> response = token(CONFIGURED, "Authorization", basicAuth());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(allowOrigin(response)).isEqualTo(CONFIGURED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Content-Type");
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void whenTheWildcardWouldHaveToSpanADotThenTheOriginIsRefused() {
        HttpResponse<String> response = send(server, "GET", server.publicUrl("/.well-known/openid-configuration"),
                null, null, "Origin", "https://a.b.global.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(response);
    }

    @Test
    void whenTheBasicClientListsTheOriginThenItIsAllowedAndOtherOriginsAreNot() {
        HttpResponse<String> allowed = token(APP, "Authorization", basicAuth());
        HttpResponse<String> other = token(EVIL, "Authorization", basicAuth());

        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowOrigin(allowed)).isEqualTo(APP);
        // The request itself is served: CORS only decides whether the page may read the answer.
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertNoCorsHeaders(other);
    }

    @Test
    void whenAPublicClientNamesItselfInTheFormThenItsOriginMayReadEvenAnError() {
        String body = form("grant_type", "authorization_code", "client_id", spa, "code", "not-a-code",
                "redirect_uri", "http://127.0.0.1/cb", "code_verifier", "x".repeat(43));

        HttpResponse<String> allowed = send(server, "POST", server.publicUrl("/oauth2/token"), FORM, body,
                "Origin", SPA);
        HttpResponse<String> other = send(server, "POST", server.publicUrl("/oauth2/token"), FORM, body,
                "Origin", APP);

        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(400);
        assertThat(allowed.body()).contains("invalid_grant");
        assertThat(allowOrigin(allowed)).isEqualTo(SPA);
        assertThat(other.statusCode()).isEqualTo(400);
        assertNoCorsHeaders(other);
    }

    @Test
    void whenAPublicClientRevokesFromItsOriginThenTheFormStillReachesTheEndpoint() {
        HttpResponse<String> response = send(server, "POST", server.publicUrl("/oauth2/revoke"), FORM,
                form("token", "unknown-token", "client_id", spa), "Origin", SPA);

        // 200 needs the "token" field: reading client_id for CORS must not consume the form.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(allowOrigin(response)).isEqualTo(SPA);
    }

    @Test
    void whenUserinfoIsCalledWithABearerTokenThenTheTokensClientDecides() {
        String bearer = "Bearer " + accessToken(server, confidential, "app-secret");

        HttpResponse<String> allowed = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                "Origin", APP, "Authorization", bearer);
        HttpResponse<String> other = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                "Origin", EVIL, "Authorization", bearer);
        HttpResponse<String> unknownToken = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                "Origin", APP, "Authorization", "Bearer not-a-token");

        // A client credentials token has no openid scope: 403, which the allowed page can read.
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(403);
        assertThat(allowOrigin(allowed)).isEqualTo(APP);
        assertNoCorsHeaders(other);
        assertThat(unknownToken.statusCode()).isEqualTo(401);
        assertNoCorsHeaders(unknownToken);
    }

    @Test
    void whenUserinfoIsCalledWithTheDpopSchemeThenTheTokensClientDecidesAsForBearer() {
        String dpop = "DPoP " + accessToken(server, confidential, "app-secret");

        HttpResponse<String> allowed = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                "Origin", APP, "Authorization", dpop);
        HttpResponse<String> other = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                "Origin", EVIL, "Authorization", dpop);

        // No DPoP proof (and an unbound token): refused, but the client's own page may read why.
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(401);
        assertThat(allowOrigin(allowed)).isEqualTo(APP);
        assertNoCorsHeaders(other);
    }

    @Test
    void whenAPreflightIsAllowedThenItIsAnswered200WithMethodsHeadersAndMaxAge() {
        HttpResponse<String> response = preflight("/oauth2/token", CONFIGURED, "POST", "authorization,content-type");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(allowOrigin(response)).isEqualTo(CONFIGURED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Origin")
                .contains("Access-Control-Request-Method").contains("Access-Control-Request-Headers");
    }

    @Test
    void whenAPreflightComesFromAnUnlistedOriginThenTheClientEndpointsAnswerItAndTheRequestDecides() {
        // A preflight carries no credentials, so no client can be asked: the request that follows is refused
        // unless its client lists the origin (the Basic client above does not list EVIL).
        HttpResponse<String> preflight = preflight("/oauth2/token", EVIL, "POST", "authorization");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(allowOrigin(preflight)).isEqualTo(EVIL);
        assertNoCorsHeaders(token(EVIL, "Authorization", basicAuth()));
    }

    @Test
    void whenAPreflightAsksForAHeaderOrMethodNotAllowedThenItGetsNoCorsHeaders() {
        HttpResponse<String> header = preflight("/oauth2/token", CONFIGURED, "POST", "x-custom");
        HttpResponse<String> method = preflight("/userinfo", CONFIGURED, "TRACE", "authorization");

        assertThat(header.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(header);
        assertThat(method.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(method);
    }

    @Test
    void whenAPublicEndpointIsNotACorsEndpointThenItGetsNoCorsHeaders() {
        HttpResponse<String> authorize = send(server, "GET", server.publicUrl("/oauth2/auth?client_id=" + spa),
                null, null, "Origin", CONFIGURED);
        HttpResponse<String> health = send(server, "GET", server.publicUrl("/health/alive"), null, null,
                "Origin", CONFIGURED);

        assertNoCorsHeaders(authorize);
        assertThat(authorize.headers().allValues("Vary")).doesNotContain("Origin");
        assertNoCorsHeaders(health);
    }

    @Test
    void whenTheAdminPortIsCalledThenOnlyItsOwnOriginsCount() {
        HttpResponse<String> allowed = send(server, "GET", server.adminUrl("/clients"), null, null,
                "Origin", "https://admin.example");
        HttpResponse<String> clientOrigin = send(server, "GET", server.adminUrl("/clients"), null, null,
                "Origin", APP, "Authorization", basicAuth());
        HttpResponse<String> preflight = send(server, "OPTIONS", server.adminUrl("/clients"), null, null,
                "Origin", "https://admin.example", "Access-Control-Request-Method", "DELETE");
        HttpResponse<String> refusedPreflight = send(server, "OPTIONS", server.adminUrl("/clients"), null, null,
                "Origin", EVIL, "Access-Control-Request-Method", "DELETE");
        // Introspection is answered ahead of the admin API's Jersey application; CORS covers it all the same.
        HttpResponse<String> introspection = send(server, "POST", server.adminUrl("/oauth2/introspect"), FORM,
                form("token", "not-a-token"), "Origin", "https://admin.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowOrigin(allowed)).isEqualTo("https://admin.example");
        assertNoCorsHeaders(clientOrigin);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("DELETE");
        assertThat(refusedPreflight.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(refusedPreflight);
        assertThat(introspection.statusCode()).as(introspection.body()).isEqualTo(200);
        assertThat(allowOrigin(introspection)).isEqualTo("https://admin.example");
    }
}
