package org.openauthz.authz.oauth2.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;
import org.openauthz.authz.oauth2.authorize.ResponseMode;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.token.AccessTokenIssuer;
import org.openauthz.authz.oauth2.token.AccessTokenFormat;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ID tokens (<a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">OpenID Connect Core §2</a>,
 * <a href="https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken">OpenID Connect Core §3.1.3.6</a>,
 * <a href="https://openid.net/specs/openid-connect-core-1_0.html#HybridIDToken">OpenID Connect Core §3.3.2.11</a>)
 * signed with the newest key of {@code hydra.openid.id-token}, checked with Nimbus, and {@code id_token_hint}s (OIDC
 * Core §3.1.2.1).
 */
class IdTokensTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://auth.example/";
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    /** One RSA key for the class; generating one per test would dominate the run time. */
    static final KeyService KEYS = keys();

    private final MutableClock clock = new MutableClock(T0);
    private final IdTokens idTokens = new IdTokens(KEYS, ISSUER, Duration.ofHours(1), clock);

    static KeyService keys() {
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
                new AeadCipher(new SystemSecrets(List.of("a-system-secret-0123456789")), new SecureRandom()),
                new KeyGenerator(2048), new MutableClock(T0));
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        return keys;
    }

    static JWK signingKey() {
        return KEYS.signingKey(KeyService.ID_TOKEN_SET).orElseThrow();
    }

    /** Parses and verifies with Nimbus against our public key; fails the test if the signature is bad. */
    static SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(signingKey().toRSAKey().toPublicJWK()))).as("signature").isTrue();
        return jwt;
    }

    static JsonNode payload(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    static String leftHalfSha256(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    @Test
    void whenSignedThenTheHeaderIsRs256WithTheKidOfTheSigningKeyAndTypJwt() throws Exception {
        SignedJWT jwt = verified(idTokens.sign("app", Map.of("sub", "alice"), null, null));

        // As in Hydra v1.10: alg RS256, kid of the set's key, typ JWT.
        JWSHeader header = jwt.getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(header.getKeyID()).isEqualTo(signingKey().getKeyID()).isNotBlank();
        assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
    }

    @Test
    void whenSignedThenTheServerClaimsAreAddedToTheGrantClaims() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "alice");
        claims.put("auth_time", T0.minusSeconds(30).getEpochSecond());
        claims.put("rat", T0.minusSeconds(40).getEpochSecond());
        claims.put("sid", "session-1");
        claims.put("email", "alice@example.com");

        JWTClaimsSet set = verified(idTokens.sign("app", claims, null, null)).getJWTClaimsSet();

        assertThat(set.getIssuer()).isEqualTo(ISSUER);
        assertThat(set.getSubject()).isEqualTo("alice");
        assertThat(set.getAudience()).containsExactly("app");
        assertThat(set.getIssueTime()).isEqualTo(Date.from(T0));
        assertThat(set.getExpirationTime()).isEqualTo(Date.from(T0.plus(Duration.ofHours(1))));
        assertThat(set.getJWTID()).matches("[0-9a-f-]{36}");
        assertThat(set.getLongClaim("auth_time")).isEqualTo(T0.minusSeconds(30).getEpochSecond());
        assertThat(set.getLongClaim("rat")).isEqualTo(T0.minusSeconds(40).getEpochSecond());
        assertThat(set.getStringClaim("sid")).isEqualTo("session-1");
        assertThat(set.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(set.getClaim("at_hash")).isNull();
        assertThat(set.getClaim("c_hash")).isNull();
    }

    @Test
    void whenSignedTwiceThenEachTokenHasItsOwnJti() throws Exception {
        String a = idTokens.sign("app", Map.of("sub", "alice"), null, null);
        String b = idTokens.sign("app", Map.of("sub", "alice"), null, null);

        assertThat(verified(a).getJWTClaimsSet().getJWTID()).isNotEqualTo(verified(b).getJWTClaimsSet().getJWTID());
    }

    @Test
    void whenSignedThenAudIsAJsonArrayEvenWithOneAudience() throws Exception {
        // As in Hydra v1.10, aud is always an array (a JWT library would write a single string).
        JsonNode aud = payload(idTokens.sign("app", Map.of("sub", "alice"), null, null)).get("aud");

        assertThat(aud.isArray()).isTrue();
        assertThat(aud).hasSize(1);
        assertThat(aud.get(0).asText()).isEqualTo("app");
    }

    @Test
    void whenRequestHadNoNonceThenTheIdTokenHasNoNonceClaim() throws Exception {
        // OIDC Core §2: nonce only when the request carried one (Hydra v1.10 sent "", decision 0015).
        JsonNode body = payload(idTokens.sign("app", Map.of("sub", "alice"), null, null));

        assertThat(body.has("nonce")).isFalse();
    }

    @Test
    void whenAStoredGrantHoldsAnEmptyNonceThenTheIdTokenHasNoNonceClaim() throws Exception {
        // Grants stored before decision 0015 kept Hydra's "" (refresh and code redemption re-sign them).
        JsonNode body = payload(idTokens.sign("app", Map.of("sub", "alice", "nonce", ""), null, null));

        assertThat(body.has("nonce")).isFalse();
    }

    @Test
    void whenRequestHadANonceThenItIsKept() throws Exception {
        JWTClaimsSet set = verified(idTokens.sign("app", Map.of("sub", "alice", "nonce", "n-0123456789"), null,
                null)).getJWTClaimsSet();

        assertThat(set.getStringClaim("nonce")).isEqualTo("n-0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jHkWEdUXMU1BwAsC4vtUsZwnerdbHDw_QkJYU8ZU-8Q.fAqXM9-SJGv9sqfCIRrUMJQXH5Oc3c0TwyM07y7aw5c",
            "a", "Ah-0_~."})
    void whenAnAccessTokenAndACodeAreReturnedAlongsideThenAtHashAndCHashAreTheLeftHalfOfSha256(String value)
            throws Exception {
        // OIDC Core §3.1.3.6 at_hash, §3.3.2.11 c_hash: base64url of the left-most 128 bits of SHA-256 (RS256).
        JWTClaimsSet set = verified(idTokens.sign("app", Map.of("sub", "alice"), value, value + "-code"))
                .getJWTClaimsSet();

        assertThat(set.getStringClaim("at_hash")).isEqualTo(leftHalfSha256(value))
                .isEqualTo(AccessTokenHash.compute(new BearerAccessToken(value), JWSAlgorithm.RS256).getValue());
        assertThat(set.getStringClaim("c_hash")).isEqualTo(leftHalfSha256(value + "-code"))
                .isEqualTo(CodeHash.compute(new AuthorizationCode(value + "-code"), JWSAlgorithm.RS256).getValue());
    }

    @Test
    void whenGrantClaimsTryToSetServerClaimsThenTheServerWins() throws Exception {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "alice");
        claims.put("iss", "https://evil.example/");
        claims.put("aud", List.of("someone-else"));
        claims.put("exp", 4_102_444_800L);
        claims.put("iat", 0L);
        claims.put("jti", "fixed");

        JWTClaimsSet set = verified(idTokens.sign("app", claims, null, null)).getJWTClaimsSet();

        assertThat(set.getIssuer()).isEqualTo(ISSUER);
        assertThat(set.getAudience()).containsExactly("app");
        assertThat(set.getExpirationTime()).isEqualTo(Date.from(T0.plus(Duration.ofHours(1))));
        assertThat(set.getIssueTime()).isEqualTo(Date.from(T0));
        assertThat(set.getJWTID()).isNotEqualTo("fixed");
    }

    @Test
    void whenConsentSessionClaimsAreFilteredThenEveryReservedClaimIsDroppedAndTheRestKept() {
        // As in Hydra v1.10, every key of the consent session's id_token is a top-level claim; the reserved claims win.
        Map<String, Object> custom = new HashMap<>();
        for (String reserved : List.of("iss", "sub", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "acr", "amr",
                "azp", "at_hash", "c_hash", "sid", "jti", "rat")) {
            custom.put(reserved, "forged");
        }
        custom.put("email", "alice@example.com");
        custom.put("groups", List.of("admins"));

        Map<String, Object> kept = IdTokens.withoutReserved(custom);

        assertThat(kept).containsOnlyKeys("email", "groups");
        assertThat(IdTokens.RESERVED).hasSize(16);
        assertThat(custom).as("input untouched").hasSize(18);
    }

    @Test
    void whenConsentSessionSetsIssSubAudThenTheIssuedIdTokenStillCarriesOurs() throws Exception {
        // End to end through the authorization response (hybrid "code id_token token"): the
        // consent app's session.id_token cannot impersonate another subject, issuer or audience.
        InMemoryDatabase db = new InMemoryDatabase();
        OAuth2Client client = new OAuth2Client.Builder().clientId("app").tokenEndpointAuthMethod("client_secret_basic")
                .redirectUris(List.of("https://app.example/cb")).scope("openid offline").createdAt(T0).updatedAt(T0)
                .build();
        new InMemoryClientStore(db).create(new StoredClient(client, "hash"));
        SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
        OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
        InMemoryTokenStore store = new InMemoryTokenStore(db);
        SessionCodec sessions = new SessionCodec(JSON, new AeadCipher(secrets, new SecureRandom()), false);
        TokenMinter minter = new TokenMinter(opaque, AccessTokenFormat.opaque(opaque), sessions,
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(720), clock);
        ResponseTypeIssuer issuer = new ResponseTypeIssuer(minter, store,
                new AccessTokenIssuer(minter, store), idTokens, new SubjectIdentifiers("salt-1234"),
                new ClientScopes(ScopeStrategy.WILDCARD));
        Map<String, List<String>> form = new HashMap<>();
        form.put("response_type", List.of("code id_token token"));
        form.put("client_id", List.of("app"));
        form.put("scope", List.of("openid"));
        form.put("state", List.of("state-0123456789"));
        form.put("nonce", List.of("nonce-0123456789"));
        ValidatedAuthorization auth = new ValidatedAuthorization(client,
                AuthorizationRequest.parse(new FormParameters(form)), "https://app.example/cb", ResponseMode.FRAGMENT);
        AuthorizedGrant grant = new AuthorizedGrant("alice", null, List.of("openid"), List.of(), Map.of(),
                Map.of("iss", "https://evil.example/", "sub", "mallory", "aud", List.of("victim"), "nonce", "forged",
                        "email", "alice@example.com"),
                T0.minusSeconds(20), T0.minusSeconds(25), null, null, "session-1", "consent-1");

        Map<String, String> response = issuer.issue(auth, grant);

        JWTClaimsSet set = verified(response.get("id_token")).getJWTClaimsSet();
        assertThat(set.getIssuer()).isEqualTo(ISSUER);
        assertThat(set.getSubject()).isEqualTo("alice");
        assertThat(set.getAudience()).containsExactly("app");
        assertThat(set.getStringClaim("nonce")).isEqualTo("nonce-0123456789");
        assertThat(set.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(set.getStringClaim("sid")).isEqualTo("session-1");
        assertThat(set.getLongClaim("auth_time")).isEqualTo(T0.minusSeconds(20).getEpochSecond());
        assertThat(set.getLongClaim("rat")).isEqualTo(T0.minusSeconds(25).getEpochSecond());
        assertThat(set.getStringClaim("at_hash")).isEqualTo(leftHalfSha256(response.get("access_token")));
        assertThat(set.getStringClaim("c_hash")).isEqualTo(leftHalfSha256(response.get("code")));
    }

    // ---- logout token -------------------------------------------------------------------------------------------

    @Test
    void whenALogoutTokenIsSignedThenItHasTheBackChannelClaimsAndNoNonce() throws Exception {
        // OpenID Connect Back-Channel Logout 1.0 §2.4; sub only when asked for (decision 0010).
        SignedJWT jwt = verified(idTokens.signLogoutToken("app", "sid-1", null));
        JsonNode claims = payload(jwt.serialize());

        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signingKey().getKeyID());
        assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.path("aud").isArray()).isTrue();
        assertThat(claims.path("aud").get(0).asText()).isEqualTo("app");
        assertThat(claims.path("iat").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(T0.getEpochSecond() + 120);
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("sid").asText()).isEqualTo("sid-1");
        assertThat(claims.path("events").has("http://schemas.openid.net/event/backchannel-logout")).isTrue();
        assertThat(claims.has("sub")).isFalse();
        assertThat(claims.has("nonce")).isFalse();
        assertThat(payload(idTokens.signLogoutToken("app", "sid-1", "alice")).path("sub").asText())
                .isEqualTo("alice");
    }

    // ---- id_token_hint ------------------------------------------------------------------------------------------

    @Test
    void whenHintIsOurOwnTokenThenItsSubjectIsRead() {
        assertThat(idTokens.hintSubject(idTokens.sign("app", Map.of("sub", "alice"), null, null))).contains("alice");
    }

    @Test
    void whenHintIsOurOwnExpiredTokenThenItsSubjectIsStillRead() {
        // OIDC Core §3.1.2.1: "If the ID Token received by the RP ... has expired, ... the OP SHOULD accept it".
        String old = idTokens.sign("app", Map.of("sub", "alice"), null, null);
        clock.advance(Duration.ofDays(30));

        assertThat(idTokens.hintSubject(old)).contains("alice");
    }

    @Test
    void whenHintWasSignedByAnotherKeyWithOurKidThenItIsRefused() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(signingKey().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience("app").build());
        jwt.sign(new RSASSASigner(foreign));

        assertThat(idTokens.hintSubject(jwt.serialize())).isEmpty();
    }

    @Test
    void whenHintWasSignedByAnotherKeyWithoutKidThenItIsRefused() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").build());
        jwt.sign(new RSASSASigner(foreign));

        assertThat(idTokens.hintSubject(jwt.serialize())).isEmpty();
    }

    @Test
    void whenHintIsOurSignatureButAnotherIssuerThenItIsRefused() {
        IdTokens otherIssuer = new IdTokens(KEYS, "https://other.example/", Duration.ofHours(1), clock);

        assertThat(idTokens.hintSubject(otherIssuer.sign("app", Map.of("sub", "alice"), null, null))).isEmpty();
    }

    @Test
    void whenHintIsUnsignedOrGarbageThenItIsRefused() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").build()).serialize();

        assertThat(idTokens.hintSubject(unsigned)).isEmpty();
        assertThat(idTokens.hintSubject("not-a-jwt")).isEmpty();
        assertThat(idTokens.hintSubject("a.b.c")).isEmpty();
    }

    @Test
    void whenHintSignatureIsTamperedWithThenItIsRefused() {
        String token = idTokens.sign("app", Map.of("sub", "alice"), null, null);
        String[] parts = token.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + ISSUER + "\",\"sub\":\"mallory\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(idTokens.hintSubject(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
    }

    // ---- userinfo JWTs ------------------------------------------------------------------------------------------

    @Test
    void whenUserinfoIsSignedThenItGetsAFreshIatAndJti() throws Exception {
        // OIDC Core §5.3.2 (https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse); as in Hydra v1.10,
        // a fresh jti and iat.
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "alice");
        claims.put("iat", 1L);
        claims.put("aud", List.of("app"));
        clock.advance(Duration.ofSeconds(90));

        SignedJWT jwt = verified(idTokens.signUserinfo(claims));

        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getIssueTime()).isEqualTo(Date.from(T0.plusSeconds(90)));
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signingKey().getKeyID());
    }
}
