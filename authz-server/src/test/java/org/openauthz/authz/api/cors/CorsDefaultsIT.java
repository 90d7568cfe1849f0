package org.openauthz.authz.api.cors;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.send;
import static org.openauthz.authz.api.cors.CorsIT.assertNoCorsHeaders;

/**
 * CORS off, as by default, and on with Hydra's default settings, on PostgreSQL (decision 0011): off means no CORS
 * header at all; on with {@code allowed_origins: ["*"]} every origin is answered {@code *}.
 */
class CorsDefaultsIT {
    private static final String ORIGIN = "https://any.example";

    private static TestServer start(Map<String, Object> settings) {
        return TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), settings);
    }

    @Test
    void whenCorsIsNotEnabledThenNoEndpointOnEitherPortSendsCorsHeaders() {
        try (TestServer server = start(Map.of())) {
            HttpResponse<String> discovery = send(server, "GET",
                    server.publicUrl("/.well-known/openid-configuration"), null, null, "Origin", ORIGIN);
            HttpResponse<String> preflight = send(server, "OPTIONS", server.publicUrl("/oauth2/token"), null, null,
                    "Origin", ORIGIN, "Access-Control-Request-Method", "POST");
            HttpResponse<String> admin = send(server, "GET", server.adminUrl("/clients"), null, null,
                    "Origin", ORIGIN);

            assertThat(discovery.statusCode()).isEqualTo(200);
            assertNoCorsHeaders(discovery);
            assertThat(discovery.headers().allValues("Vary")).doesNotContain("Origin");
            // OPTIONS reaches the token endpoint itself, which answers it with an empty 200 as Hydra does.
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertNoCorsHeaders(preflight);
            assertNoCorsHeaders(admin);
        }
    }

    @Test
    void whenCorsIsEnabledWithTheDefaultsThenEveryOriginIsAnsweredWithAStar() {
        try (TestServer server = start(Map.of("serve.public.cors.enabled", "true",
                "serve.admin.cors.enabled", "true"))) {
            HttpResponse<String> jwks = send(server, "GET", server.publicUrl("/.well-known/jwks.json"), null, null,
                    "Origin", ORIGIN);
            HttpResponse<String> preflight = send(server, "OPTIONS", server.publicUrl("/oauth2/token"), null, null,
                    "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "Content-Type");
            HttpResponse<String> admin = send(server, "GET", server.adminUrl("/clients"), null, null,
                    "Origin", ORIGIN);

            assertThat(jwks.statusCode()).isEqualTo(200);
            assertThat(jwks.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(jwks.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
            // max_age 0: no Access-Control-Max-Age, the browser decides.
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).isEmpty();
            assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }
}
