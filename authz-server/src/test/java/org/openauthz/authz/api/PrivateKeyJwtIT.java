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
import org.openauthz.authz.testing.StubHttpServer;
import org.openauthz.authz.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code private_key_jwt} client authentication at the token endpoint (OpenID Connect Core §9, RFC 7523 §2.2/§3),
 * with a client assertion signed by a key the client registered in {@code jwks}, or published at its
 * {@code jwks_uri} (here a real HTTP server in the test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateKeyJwtIT {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private TestServer server;
    private StubHttpServer jwksHost;
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
        jwksHost = StubHttpServer.start();
    }

    @AfterAll
    void stop() {
        if (jwksHost != null) {
            jwksHost.close();
        }
        server.close();
    }

    /** A private_key_jwt client whose keys are published at {@code jwksUri}; returns its id. */
    private String clientWithJwksUri(String jwksUri) {
        String id = uniqueId("pkjwt-uri");
        String body = "{\"client_id\":\"" + id + "\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"" + jwksUri + "\"}";
        HttpResponse<String> created = server.json("POST", server.adminUrl("/clients"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return id;
    }

    private String publishedKeys() {
        return "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
    }

    private String assertion(RSAKey signingKey, String audience, Instant expires, String jti) throws Exception {
        return assertion(clientId, signingKey, audience, expires, jti);
    }

    private String assertion(String id, RSAKey signingKey, String audience, Instant expires, String jti)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(id).subject(id).audience(audience)
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
    void whenTheAudienceIsTheIssuerThenATokenIsIssued() throws Exception {
        // FAPI 2.0 Security Profile §5.3.2: the issuer identifier is accepted as the audience of client assertions.
        HttpResponse<String> response = token(assertion(key, server.issuer(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
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

    @Test
    void whenTheKeysArePublishedAtTheJwksUriThenATokenIsIssued() throws Exception {
        jwksHost.answer("/published.json", StubHttpServer.Answer.of(200, publishedKeys()));
        String id = clientWithJwksUri(jwksHost.url("/published.json"));

        HttpResponse<String> response = token(assertion(id, key, tokenUrl(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void whenTheJwksUriStallsInItsBodyThenInvalidClientWithinTheBound() throws Exception {
        // The headers come at once and the body only after 30 s: the JDK client's own request timeout would wait
        // for the body as long as the server holds it.
        jwksHost.answer("/stalling.json", StubHttpServer.Answer.stallingBody(200, publishedKeys(),
                Duration.ofSeconds(30)));
        String id = clientWithJwksUri(jwksHost.url("/stalling.json"));
        String assertion = assertion(id, key, tokenUrl(), Instant.now().plusSeconds(60), UUID.randomUUID().toString());
        long start = System.nanoTime();

        HttpResponse<String> response = token(assertion);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_client");
        assertThat(json(response).path("error_description").asText())
                .contains("The client's jwks_uri did not answer within 5 s");
    }

    @Test
    void whenTheJwksUriAnswersAnErrorOrNoKeySetThenInvalidClientSaysSo() throws Exception {
        jwksHost.answer("/not-keys.json", StubHttpServer.Answer.of(200, "[1, 2]"));
        String missing = clientWithJwksUri(jwksHost.url("/missing.json"));
        String notKeys = clientWithJwksUri(jwksHost.url("/not-keys.json"));

        HttpResponse<String> notFound = token(assertion(missing, key, tokenUrl(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));
        HttpResponse<String> notASet = token(assertion(notKeys, key, tokenUrl(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));

        assertThat(notFound.statusCode()).as(notFound.body()).isEqualTo(401);
        assertThat(json(notFound).path("error_description").asText()).contains("jwks_uri answered HTTP 404");
        assertThat(notASet.statusCode()).as(notASet.body()).isEqualTo(401);
        assertThat(json(notASet).path("error_description").asText())
                .contains("jwks_uri did not answer a JSON Web Key Set");
    }
}
