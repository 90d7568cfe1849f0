package org.openauthz.authz.oauth2.oidc;

import org.openauthz.authz.oauth2.token.TokenLookup;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.token.Grant;
import org.openauthz.authz.oauth2.token.TestTokens;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenSession;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The userinfo endpoint's core (<a href="https://openid.net/specs/openid-connect-core-1_0.html#UserInfo">OpenID Connect
 * Core §5.3</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse">OpenID Connect Core
 * §5.3.2</a>; <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>): the grant's ID-token
 * claims without the ID-token-only ones, as JSON or as a signed JWT.
 */
class UserinfoTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://auth.example/";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryClientStore clients = new InMemoryClientStore(db);
    private final InMemoryTokenStore store = new InMemoryTokenStore(db);
    private final SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
    private final OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
    private final SessionCodec sessions = new SessionCodec(Jackson.newObjectMapper(),
            new AeadCipher(secrets, new SecureRandom()), true);
    private final TestTokens issuer = new TestTokens(opaque, store, sessions, clock);
    private final IdTokens idTokens = new IdTokens(IdTokensTest.KEYS, ISSUER, Duration.ofHours(1), clock);
    private final Userinfo userinfo = new Userinfo(new TokenLookup(opaque, token -> java.util.Optional.empty(), store,
            clock), sessions, idTokens,
            id -> clients.find(id).map(StoredClient::client), ISSUER, new org.openauthz.authz.oauth2.dpop.DpopVerifier(
                    new org.openauthz.authz.persistence.memory.InMemoryJtiStore(clock), Duration.ofSeconds(60),
                    Duration.ofSeconds(5), clock), ISSUER + "userinfo");

    UserinfoTest() {
        register("app", null);
        register("signed", "RS256");
        register("unsigned", "none");
    }

    private void register(String id, String alg) {
        clients.create(new StoredClient(new OAuth2Client.Builder().clientId(id)
                .tokenEndpointAuthMethod("client_secret_basic").userinfoSignedResponseAlg(alg).createdAt(T0)
                .updatedAt(T0).build(), "hash"));
    }

    /** The ID-token claims a code grant stores (ResponseTypeIssuer), plus what a signer would add. */
    static Map<String, Object> storedIdTokenClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "alice");
        claims.put("auth_time", T0.minusSeconds(60).getEpochSecond());
        claims.put("rat", T0.minusSeconds(70).getEpochSecond());
        claims.put("acr", "urn:acr:pwd");
        claims.put("amr", List.of("pwd"));
        claims.put("email", "alice@example.com");
        claims.put("nonce", "nonce-0123456789");
        claims.put("at_hash", "aaaa");
        claims.put("c_hash", "cccc");
        claims.put("exp", T0.plusSeconds(3600).getEpochSecond());
        claims.put("sid", "session-1");
        claims.put("jti", "jti-1");
        return claims;
    }

    private String issue(TokenKind kind, String clientId, List<String> scopes) {
        return issuer.issue(kind, new Grant("request-1", clientId, "alice", scopes, scopes,
                List.of(), List.of(), new TokenSession(Map.of("role", "admin"), storedIdTokenClaims(), null),
                "consent-1"), Duration.ofHours(1));
    }

    private static OAuth2Error failure(Runnable call) {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, call::run);
        assertThat(e).as("an OAuth2Exception").isNotNull();
        return e.error();
    }

    @Test
    void whenAccessTokenHasOpenidThenTheIdTokenClaimsAreReturnedWithoutIdTokenOnlyOnes() {
        String token = issue(TokenKind.ACCESS_TOKEN, "app", List.of("openid"));
        clock.advance(Duration.ofMinutes(5));

        Userinfo.Answer answer = userinfo.answer(token);

        // As in Hydra v1.10: minus nonce, at_hash, c_hash, exp, sid, jti; aud defaults to [client_id].
        assertThat(answer.jwt()).isNull();
        assertThat(answer.claims()).containsOnlyKeys("sub", "auth_time", "rat", "acr", "amr", "email", "iss", "aud",
                "iat");
        assertThat(answer.claims()).containsEntry("sub", "alice").containsEntry("iss", ISSUER)
                .containsEntry("aud", List.of("app")).containsEntry("email", "alice@example.com")
                .containsEntry("acr", "urn:acr:pwd").containsEntry("amr", List.of("pwd"))
                .containsEntry("iat", T0.getEpochSecond());
        // iat is when the grant's token was issued, not when userinfo was asked, as in Hydra v1.10.
        // Stored as JSON: numbers come back as whatever width fits.
        assertThat(((Number) answer.claims().get("auth_time")).longValue()).isEqualTo(T0.minusSeconds(60)
                .getEpochSecond());
        assertThat(((Number) answer.claims().get("rat")).longValue()).isEqualTo(T0.minusSeconds(70)
                .getEpochSecond());
    }

    @Test
    void whenARefreshTokenIsPresentedThenInvalidTokenSaysOnlyAccessTokens() {
        String refresh = issue(TokenKind.REFRESH_TOKEN, "app", List.of("openid", "offline"));

        OAuth2Error error = failure(() -> userinfo.answer(refresh));

        assertThat(error.error()).isEqualTo("invalid_token");
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.hint()).isEqualTo("Only access tokens are allowed in the authorization header.");
    }

    @Test
    void whenTokenLacksTheOpenidScopeThenInsufficientScope403() {
        // RFC 6750 §3.1 insufficient_scope.
        String token = issue(TokenKind.ACCESS_TOKEN, "app", List.of("offline", "photos.read"));

        OAuth2Error error = failure(() -> userinfo.answer(token));

        assertThat(error.error()).isEqualTo("insufficient_scope");
        assertThat(error.status()).isEqualTo(403);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "AAAA.BBBB",
            "jHkWEdUXMU1BwAsC4vtUsZwnerdbHDw_QkJYU8ZU-8Q.fAqXM9-SJGv9sqfCIRrUMJQXH5Oc3c0TwyM07y7aw5c"})
    void whenTokenIsMissingMalformedOrForgedThenInvalidToken(String token) {
        OAuth2Error error = failure(() -> userinfo.answer(token));

        assertThat(error.error()).isEqualTo("invalid_token");
        assertThat(error.status()).isEqualTo(401);
    }

    @Test
    void whenTokenHasExpiredThenInvalidToken() {
        String token = issue(TokenKind.ACCESS_TOKEN, "app", List.of("openid"));
        clock.advance(Duration.ofHours(1));

        assertThat(failure(() -> userinfo.answer(token)).error()).isEqualTo("invalid_token");
    }

    @Test
    void whenTokenWasRevokedThenInvalidToken() {
        String token = issue(TokenKind.ACCESS_TOKEN, "app", List.of("openid"));
        store.revokeRequest("request-1");

        assertThat(failure(() -> userinfo.answer(token)).error()).isEqualTo("invalid_token");
    }

    @Test
    void whenClientRegisteredRs256ThenTheAnswerIsAJwtSignedByTheIdTokenKeyWithFreshIatAndJti() throws Exception {
        // OIDC Core §5.3.2 (https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse):
        // userinfo_signed_response_alg=RS256 -> application/jwt.
        String token = issue(TokenKind.ACCESS_TOKEN, "signed", List.of("openid"));
        clock.advance(Duration.ofMinutes(10));

        Userinfo.Answer answer = userinfo.answer(token);

        assertThat(answer.claims()).isNull();
        SignedJWT jwt = SignedJWT.parse(answer.jwt());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(IdTokensTest.signingKey().toRSAKey().toPublicJWK()))).isTrue();
        JWTClaimsSet set = jwt.getJWTClaimsSet();
        assertThat(set.getSubject()).isEqualTo("alice");
        assertThat(set.getIssuer()).isEqualTo(ISSUER);
        assertThat(set.getAudience()).containsExactly("signed");
        assertThat(set.getIssueTime()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(10))));
        assertThat(set.getJWTID()).isNotBlank().isNotEqualTo("jti-1");
        assertThat(set.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(set.getClaims()).doesNotContainKeys("nonce", "at_hash", "c_hash", "exp", "sid");
    }

    @Test
    void whenClientRegisteredNoneThenTheAnswerIsJson() {
        assertThat(userinfo.answer(issue(TokenKind.ACCESS_TOKEN, "unsigned", List.of("openid"))).jwt()).isNull();
    }
}
