package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.json;

/**
 * {@code /.well-known/openid-configuration}
 * (<a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata">OpenID Connect Discovery 1.0
 * §3</a>) and {@code /.well-known/jwks.json} (<a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517
 * §5</a>) on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryAndJwksIT {
    /** Configured without the trailing slash on purpose: the server must add it, as Hydra v1.10 does. */
    private static final String CONFIGURED_ISSUER = "http://issuer.example.test:8443/tenant";
    private static final String ISSUER = CONFIGURED_ISSUER + "/";
    private static final List<String> PRIVATE_RSA_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth");

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(),
                Map.of("urls.self.issuer", CONFIGURED_ISSUER));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode jwks(TestServer server) {
        HttpResponse<String> response = server.get(server.publicUrl("/.well-known/jwks.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return json(response);
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    @Test
    void whenDiscoveryIsFetchedThenItHasHydrasFieldsWithEndpointsBuiltFromTheIssuer() {
        HttpResponse<String> response = server.get(server.publicUrl("/.well-known/openid-configuration"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode doc = json(response);
        assertThat(doc.path("issuer").asText()).isEqualTo(ISSUER);
        assertThat(doc.path("authorization_endpoint").asText()).isEqualTo(ISSUER + "oauth2/auth");
        assertThat(doc.path("token_endpoint").asText()).isEqualTo(ISSUER + "oauth2/token");
        assertThat(doc.path("jwks_uri").asText()).isEqualTo(ISSUER + ".well-known/jwks.json");
        assertThat(doc.path("revocation_endpoint").asText()).isEqualTo(ISSUER + "oauth2/revoke");
        assertThat(doc.path("end_session_endpoint").asText()).isEqualTo(ISSUER + "oauth2/sessions/logout");
        assertThat(doc.path("userinfo_endpoint").asText()).isEqualTo(ISSUER + "userinfo");
        // Omitted when webfinger.oidc_discovery.client_registration_url is not set.
        assertThat(doc.has("registration_endpoint")).isFalse();
        assertThat(texts(doc.path("subject_types_supported"))).containsExactly("public");
        assertThat(texts(doc.path("response_types_supported"))).containsExactlyInAnyOrder("code", "code id_token",
                "id_token", "token id_token", "token", "token id_token code");
        assertThat(texts(doc.path("claims_supported"))).containsExactly("sub");
        assertThat(texts(doc.path("scopes_supported"))).containsExactlyInAnyOrder("offline_access", "offline",
                "openid");
        assertThat(texts(doc.path("token_endpoint_auth_methods_supported"))).containsExactlyInAnyOrder(
                "client_secret_post", "client_secret_basic", "private_key_jwt", "none");
        // RFC 8414 §2: required with private_key_jwt; what PrivateKeyJwtIT's assertions may be signed with.
        assertThat(texts(doc.path("token_endpoint_auth_signing_alg_values_supported"))).containsExactly(
                "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
        assertThat(texts(doc.path("id_token_signing_alg_values_supported"))).containsExactly("RS256");
        // In Hydra v1.10's order, which is RFC 6749's (§4.1, §4.2, §4.4, §6), then RFC 8628's device grant (not in
        // Hydra v1.10); read from the grant handlers.
        assertThat(texts(doc.path("grant_types_supported"))).containsExactly("authorization_code", "implicit",
                "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
        assertThat(doc.path("device_authorization_endpoint").asText()).isEqualTo(ISSUER + "oauth2/device/auth");
        assertThat(texts(doc.path("response_modes_supported"))).contains("query", "fragment");
        assertThat(texts(doc.path("userinfo_signing_alg_values_supported"))).containsExactlyInAnyOrder("none",
                "RS256");
        // Signed request objects by value (RFC 9101); request_uri only from PAR, so no fetching (decision 0019).
        assertThat(texts(doc.path("request_object_signing_alg_values_supported"))).contains("RS256", "ES256", "PS256")
                .doesNotContain("none");
        assertThat(doc.path("request_parameter_supported").asBoolean()).isTrue();
        assertThat(doc.path("request_uri_parameter_supported").asBoolean()).isFalse();
        assertThat(texts(doc.path("code_challenge_methods_supported"))).containsExactly("S256");
        // RFC 9207 §3: iss is in every authorization response.
        assertThat(doc.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(doc.path("require_request_uri_registration").asBoolean()).isTrue();
        assertThat(doc.path("claims_parameter_supported").isBoolean()).isTrue();
        assertThat(doc.path("claims_parameter_supported").asBoolean()).isFalse();
        for (String flag : List.of("backchannel_logout_supported", "backchannel_logout_session_supported",
                "frontchannel_logout_supported", "frontchannel_logout_session_supported")) {
            assertThat(doc.path(flag).asBoolean()).as(flag).isTrue();
        }
    }

    @Test
    void whenJwksIsFetchedThenItHoldsExactlyThePublic2048BitRs256Key() {
        JsonNode keys = jwks(server).path("keys");

        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("kid").asText()).isNotEmpty();
        assertThat(key.path("e").asText()).isEqualTo("AQAB");
        // RFC 7518 §6.3.2: the private members must never be published.
        for (String member : PRIVATE_RSA_MEMBERS) {
            assertThat(key.has(member)).as(member).isFalse();
        }
        BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
        assertThat(modulus.bitLength()).isEqualTo(2048);
        // It is the public half of the ID-token signing key the admin API holds (and hands out, as Hydra v1.10 does).
        HttpResponse<String> adminSet = server.get(server.adminUrl("/keys/hydra.openid.id-token"));
        assertThat(adminSet.statusCode()).isEqualTo(200);
        JsonNode privateKey = json(adminSet).path("keys").get(0);
        assertThat(privateKey.path("kid").asText()).isEqualTo(key.path("kid").asText());
        assertThat(privateKey.path("n").asText()).isEqualTo(key.path("n").asText());
        assertThat(privateKey.has("d")).isTrue();
    }

    @Test
    void whenTheServerRestartsOnTheSameDatabaseAndSecretThenTheJwksIsUnchanged() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        JsonNode before;
        try (TestServer first = TestServer.onPostgres(database, Map.of())) {
            before = jwks(first);
        }

        try (TestServer second = TestServer.onPostgres(database, Map.of())) {
            // Keys live sealed in the database, not in memory: relying parties' cached JWKS stay valid.
            assertThat(jwks(second)).isEqualTo(before);
        }
        assertThat(before.path("keys")).hasSize(1);
    }
}
