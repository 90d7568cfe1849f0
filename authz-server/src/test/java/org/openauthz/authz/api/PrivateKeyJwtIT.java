package org.openauthz.authz.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code private_key_jwt} client authentication at the token endpoint (OpenID Connect Core §9, RFC 7523 §2.2/§3),
 * with a client assertion signed by a key the client registered in {@code jwks}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateKeyJwtIT {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private TestServer server;
    private RSAKey key;
    private RSAKey otherKey;
    private String clientId;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        clientId = uniqueId("pkjwt");
        String body = "{\"client_id\":\"" + clientId + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":["
                + key.toPublicJWK().toJSONString() + "]}}";
        assertThat(server.json("POST", server.adminUrl("/clients"), body).statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String assertion(RSAKey signingKey, String audience, Instant expires, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .expirationTime(Date.from(expires)).issueTime(new Date()).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private HttpResponse<String> token(String assertion) {
        return server.postForm(server.publicUrl("/oauth2/token"), "grant_type=client_credentials"
                + "&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion, null, null);
    }

    private String tokenUrl() {
        return server.publicUrl("/oauth2/token");
    }

    @Test
    void whenAssertionIsSignedWithTheRegisteredKeyThenATokenIsIssued() throws Exception {
        HttpResponse<String> response = token(assertion(key, tokenUrl(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("access_token").asText()).matches(ApiFixtures.OPAQUE_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
    void whenTheClientRegisteredAnAlgorithmDiscoveryAdvertisesThenItsAssertionIsAccepted(String name)
            throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(name);
        assertThat(json(server.get(server.publicUrl("/.well-known/openid-configuration")))
                .path("token_endpoint_auth_signing_alg_values_supported").toString()).contains("\"" + name + "\"");
        JWK signingKey = name.startsWith("ES")
                ? new ECKeyGenerator(Curve.forJWSAlgorithm(alg).iterator().next()).keyID("k-" + name).generate()
                : new RSAKeyGenerator(2048).keyID("k-" + name).generate();
        String id = uniqueId("alg-" + name);
        String body = "{\"client_id\":\"" + id + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"token_endpoint_auth_signing_alg\":\""
                + name + "\",\"jwks\":{\"keys\":[" + signingKey.toPublicJWK().toJSONString() + "]}}";
        assertThat(server.json("POST", server.adminUrl("/clients"), body).statusCode()).isEqualTo(201);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(id).subject(id).audience(tokenUrl())
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(signingKey.getKeyID()).build(), claims);
        jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(signingKey, alg));

        HttpResponse<String> response = token(jwt.serialize());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void whenTheSameAssertionIsReplayedThenJtiKnown() throws Exception {
        String once = assertion(key, tokenUrl(), Instant.now().plusSeconds(60), UUID.randomUUID().toString());
        assertThat(token(once).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = token(once);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).path("error").asText()).isEqualTo("jti_known");
    }

    @Test
    void whenAssertionIsSignedWithAnotherKeyThenInvalidClient() throws Exception {
        HttpResponse<String> response = token(assertion(otherKey, tokenUrl(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void whenAudienceIsNotOurTokenEndpointThenInvalidClient() throws Exception {
        HttpResponse<String> response = token(assertion(key, "https://elsewhere.example/token",
                Instant.now().plusSeconds(60), UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void whenAssertionHasExpiredThenInvalidClient() throws Exception {
        HttpResponse<String> response = token(assertion(key, tokenUrl(), Instant.now().minusSeconds(600),
                UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void whenAssertionIsGarbageThenInvalidClientWithoutInternals() {
        HttpResponse<String> response = token("not-a-jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception");
    }
}
