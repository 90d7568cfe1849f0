package org.openauthz.authz.oauth2.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT access tokens as Hydra v1.10 shapes them ({@code strategies.access_token: jwt}), checked with Nimbus against the
 * key of {@code hydra.jwt.access-token}, and their storage key (hex SHA-384 of the signature part).
 */
class JwtAccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ISSUER = "https://auth.example/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One RSA key for the class; generating one per test would dominate the run time. */
    private static final KeyService KEYS = keys();

    private final Grant grant = new Grant("request-1", "app", "alice", List.of("openid", "photos.read"),
            List.of("openid", "photos.read"), List.of("https://api.example"), List.of("https://api.example"),
            new TokenSession(Map.of("department", "research", "sub", "mallory", "tenant", Map.of("id", 7)), Map.of(),
                    null), "challenge-1");

    private static KeyService keys() {
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
                new AeadCipher(new SystemSecrets(List.of("a-system-secret-0123456789")), new SecureRandom()),
                new KeyGenerator(2048), Clock.fixed(NOW, ZoneOffset.UTC));
        keys.ensureSigningKey(KeyService.ACCESS_TOKEN_SET, "RS256");
        return keys;
    }

    private static JwtAccessTokens tokens(boolean notBefore, List<String> topLevel, JOSEObjectType type) {
        return new JwtAccessTokens(KEYS, ISSUER, new JwtAccessTokens.Claims(notBefore, topLevel, type));
    }

    private static final JwtAccessTokens HYDRA_DEFAULTS = tokens(true, List.of(), JOSEObjectType.JWT);

    private static SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = KEYS.signingKey(KeyService.ACCESS_TOKEN_SET).orElseThrow().toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key.toPublicJWK()))).as("signature").isTrue();
        return jwt;
    }

    private static JsonNode payload(SignedJWT jwt) throws Exception {
        return JSON.readTree(jwt.getPayload().toString());
    }

    @Test
    void whenIssuedThenTheTokenCarriesHydrasClaimsAndKidAndIsStoredUnderTheHashOfItsSignature() throws Exception {
        AccessTokenFormat.Issued issued = HYDRA_DEFAULTS.issue(grant, NOW, NOW.plusSeconds(3600));

        SignedJWT jwt = verified(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().getKeyID())
                .isEqualTo(KEYS.signingKey(KeyService.ACCESS_TOKEN_SET).orElseThrow().getKeyID());
        JsonNode claims = payload(jwt);
        assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.path("sub").asText()).as("the server's sub wins over the session's").isEqualTo("alice");
        assertThat(claims.path("client_id").asText()).isEqualTo("app");
        assertThat(claims.path("aud").isArray()).isTrue();
        assertThat(claims.path("aud").get(0).asText()).isEqualTo("https://api.example");
        assertThat(claims.path("scp")).hasSize(2);
        assertThat(claims.path("scp").get(1).asText()).isEqualTo("photos.read");
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(claims.path("jti").asText()).hasSize(36);
        assertThat(claims.path("ext").path("department").asText()).isEqualTo("research");
        assertThat(claims.has("department")).as("no top-level copy unless allowed").isFalse();
        String signature = issued.token().substring(issued.token().lastIndexOf('.') + 1);
        assertThat(issued.storageKey()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-384").digest(signature.getBytes()))).hasSize(96);
    }

    @Test
    void whenTheSameGrantIsIssuedTwiceThenTheJtiAndTheStorageKeyDiffer() {
        AccessTokenFormat.Issued first = HYDRA_DEFAULTS.issue(grant, NOW, NOW.plusSeconds(60));
        AccessTokenFormat.Issued second = HYDRA_DEFAULTS.issue(grant, NOW, NOW.plusSeconds(60));

        assertThat(second.storageKey()).isNotEqualTo(first.storageKey());
    }

    @Test
    void whenNotBeforeIsExcludedAndTopLevelClaimsAndAtJwtAreConfiguredThenTheyApply() throws Exception {
        JwtAccessTokens configured = tokens(false, List.of("department", "tenant", "absent", "sub"),
                new JOSEObjectType("at+jwt"));

        SignedJWT jwt = verified(configured.issue(grant, NOW, NOW.plusSeconds(60)).token());

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        JsonNode claims = payload(jwt);
        assertThat(claims.has("nbf")).isFalse();
        assertThat(claims.path("department").asText()).isEqualTo("research");
        assertThat(claims.path("tenant").path("id").asInt()).isEqualTo(7);
        assertThat(claims.has("absent")).isFalse();
        assertThat(claims.path("sub").asText()).as("a reserved claim is never replaced").isEqualTo("alice");
        assertThat(claims.path("ext").path("department").asText()).as("ext keeps everything").isEqualTo("research");
    }

    @Test
    void whenTheGrantHasNoAudienceOrSessionClaimsThenAudIsAnEmptyArrayAndExtAnEmptyObject() throws Exception {
        Grant clientCredentials = new Grant("request-2", "service", "service", List.of(), List.of(), List.of(),
                List.of(), TokenSession.empty(), null);

        JsonNode claims = payload(verified(HYDRA_DEFAULTS.issue(clientCredentials, NOW, NOW.plusSeconds(60)).token()));

        assertThat(claims.path("aud").isArray()).isTrue();
        assertThat(claims.path("aud")).isEmpty();
        assertThat(claims.path("scp")).isEmpty();
        assertThat(claims.path("ext").isObject()).isTrue();
        assertThat(claims.path("ext")).isEmpty();
        assertThat(claims.path("sub").asText()).isEqualTo("service");
    }

    @Test
    void whenAnIssuedTokenIsPresentedThenItsStorageKeyIsFound() {
        AccessTokenFormat.Issued issued = HYDRA_DEFAULTS.issue(grant, NOW, NOW.plusSeconds(60));

        assertThat(HYDRA_DEFAULTS.of(issued.token())).contains(issued.storageKey());
    }

    @Test
    void whenATokenIsAlteredOrForeignOrNotAJwtThenItHasNoStorageKey() throws Exception {
        String token = HYDRA_DEFAULTS.issue(grant, NOW, NOW.plusSeconds(60)).token();
        String[] parts = token.split("\\.");
        String otherPayload = com.nimbusds.jose.util.Base64URL.encode("{\"sub\":\"mallory\"}").toString();
        RSAKey foreign = new RSAKeyGenerator(2048)
                .keyID(KEYS.signingKey(KeyService.ACCESS_TOKEN_SET).orElseThrow().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("mallory").build());
        forged.sign(new RSASSASigner(foreign));

        assertThat(HYDRA_DEFAULTS.of(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(HYDRA_DEFAULTS.of(forged.serialize())).isEmpty();
        assertThat(HYDRA_DEFAULTS.of(parts[0] + "." + parts[1] + ".")).isEmpty();
        assertThat(HYDRA_DEFAULTS.of("eyJhbGciOiJub25lIn0." + parts[1] + ".")).as("alg none").isEmpty();
        assertThat(HYDRA_DEFAULTS.of("not-a-jwt")).isEmpty();
        assertThat(HYDRA_DEFAULTS.of(null)).isEmpty();
        assertThat(HYDRA_DEFAULTS.of(token + "x".repeat(20_000))).isEmpty();
    }

    @Test
    void whenAStoredJwtIsLookedUpThenItIsFoundAsAnAccessTokenOnly() {
        InMemoryDatabase db = new InMemoryDatabase();
        new InMemoryClientStore(db).create(new StoredClient(new OAuth2Client.Builder().clientId("app")
                .tokenEndpointAuthMethod("client_secret_basic").createdAt(NOW).updatedAt(NOW).build(), "hash"));
        InMemoryTokenStore store = new InMemoryTokenStore(db);
        SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
        OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TokenMinter minter = new TokenMinter(opaque, HYDRA_DEFAULTS, new SessionCodec(new ObjectMapper(),
                new AeadCipher(secrets, new SecureRandom()), true), Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(720), clock);
        TokenMinter.Minted access = new AccessTokenIssuer(minter, store).issue(grant);
        TokenMinter.Minted refresh = minter.refreshFor(access, false);
        store.insert(TokenKind.REFRESH_TOKEN, refresh.row());
        TokenLookup lookup = new TokenLookup(opaque, HYDRA_DEFAULTS, store, clock);

        assertThat(access.token()).startsWith("eyJ");
        assertThat(refresh.token()).as("refresh tokens stay opaque").matches("[\\w-]{43}\\.[\\w-]{43}");
        assertThat(lookup.find(access.token(), TokenLookup.byHint("refresh_token")))
                .hasValueSatisfying(found -> assertThat(found.kind()).isEqualTo(TokenKind.ACCESS_TOKEN));
        assertThat(lookup.find(access.token(), List.of(TokenKind.REFRESH_TOKEN))).isEmpty();
        assertThat(lookup.find(refresh.token(), TokenLookup.byHint(null)))
                .hasValueSatisfying(found -> assertThat(found.kind()).isEqualTo(TokenKind.REFRESH_TOKEN));
        assertThat(access.expiresIn()).isEqualTo(3600);
    }
}
