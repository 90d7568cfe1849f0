package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Admin {@code POST /oauth2/introspect} (<a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>): no client
 * authentication on the admin port, and every token that is not active answers 200 {@code {"active":false}} (RFC 7662
 * §2.2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntrospectionIT {
    private static final String INACTIVE = "{\"active\":false}";

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

    private HttpResponse<String> introspectRaw(String form) {
        return server.postForm(server.adminUrl("/oauth2/introspect"), form, null, null);
    }

    @Test
    void whenTokenIsActiveThenAllHydraFieldsArePresent() {
        String id = createClientCredentialsClient(server, uniqueId("active"), "active-secret", "read write");
        long before = Instant.now().getEpochSecond();
        String token = accessToken(server, id, "active-secret", "scope", "read write");

        HttpResponse<String> response = introspectRaw(form("token", token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        // RFC 7662 §2.2 responses carry token data: not cacheable.
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = json(response);
        assertThat(body.path("active").asBoolean()).isTrue();
        assertThat(body.path("client_id").asText()).isEqualTo(id);
        // Client credentials: the subject is the client itself, as in Hydra v1.10.
        assertThat(body.path("sub").asText()).isEqualTo(id);
        assertThat(body.path("scope").asText()).isEqualTo("read write");
        long iat = body.path("iat").asLong();
        assertThat(iat).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        assertThat(body.path("nbf").asLong()).isEqualTo(iat);
        assertThat(body.path("exp").asLong()).isGreaterThan(iat).isBetween(iat + 3590, iat + 3600);
        // The issuer always ends with '/', as in Hydra v1.10.
        assertThat(body.path("iss").asText()).isEqualTo(server.issuer()).endsWith("/");
        // "Bearer" capitalised here, unlike the token response: Hydra v1.10 does the same.
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("token_use").asText()).isEqualTo("access_token");
        assertThat(body.path("aud").isArray()).isTrue();
        assertThat(body.path("aud")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "garbage", "a.b.c", "....", "%00", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."})
    void whenTokenIsUnknownOrGarbageThenInactive(String token) {
        HttpResponse<String> response = introspectRaw(form("token", token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(ApiFixtures.parse(INACTIVE));
    }

    @Test
    void whenTokenSignatureIsTamperedThenInactive() {
        String id = createClientCredentialsClient(server, uniqueId("tamper"), "tamper-secret", null);
        String token = accessToken(server, id, "tamper-secret");
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        char first = token.charAt(0);
        String otherKey = (first == 'A' ? 'B' : 'A') + token.substring(1);

        // The HMAC over the key part must verify; either half changed makes the token unknown.
        assertThat(introspect(server, tampered)).isEqualTo(ApiFixtures.parse(INACTIVE));
        assertThat(introspect(server, otherKey)).isEqualTo(ApiFixtures.parse(INACTIVE));
        assertThat(introspect(server, token).path("active").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "token=", "scope=read"})
    void whenTokenIsMissingThen400(String body) {
        // RFC 7662 §2.1 (https://www.rfc-editor.org/rfc/rfc7662#section-2.1): "token" is REQUIRED; Hydra v1.10 answers
        // a malformed request with 400.
        assertJsonError(introspectRaw(body), 400, "invalid_request");
    }

    @Test
    void whenAScopeTheTokenLacksIsRequiredThenInactive() {
        String id = createClientCredentialsClient(server, uniqueId("scope"), "scope-secret", "read write");
        String token = accessToken(server, id, "scope-secret", "scope", "read");

        assertThat(introspect(server, token, "scope", "read").path("active").asBoolean()).isTrue();
        assertThat(introspect(server, token, "scope", "write")).isEqualTo(ApiFixtures.parse(INACTIVE));
        assertThat(introspect(server, token, "scope", "read write")).isEqualTo(ApiFixtures.parse(INACTIVE));
    }

    @Test
    void whenTokenHasExpiredThenInactive() throws InterruptedException {
        try (TestServer shortLived = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(),
                Map.of("ttl.access_token", "1s"))) {
            String id = createClientCredentialsClient(shortLived, uniqueId("expiring"), "expiring-secret", null);
            HttpResponse<String> issued = ApiFixtures.tokenRequest(shortLived, id, "expiring-secret");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            assertThat(json(issued).path("expires_in").asLong()).isEqualTo(1);

            Thread.sleep(2_000);

            assertThat(introspect(shortLived, json(issued).path("access_token").asText()))
                    .isEqualTo(ApiFixtures.parse(INACTIVE));
        }
    }

    @Test
    void whenIntrospectionIsCalledWithGetThen405Json() {
        HttpResponse<String> response = server.get(server.adminUrl("/oauth2/introspect?token=x"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(response).path("error").asText()).isNotEmpty();
    }

    @Test
    void whenIntrospectionIsCalledOnThePublicPortThen404() {
        // Introspection is an admin-port endpoint in Hydra v1.10.
        HttpResponse<String> response = server.postForm(server.publicUrl("/oauth2/introspect"), "token=x", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isNotEmpty();
    }
}
