package org.openauthz.authz.oauth2.token;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token introspection (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>): anything that
 * is not a valid, unexpired token with the required scopes is just {@code {"active":false}}.
 */
class IntrospectorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ISSUER = "https://auth.example/";

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryTokenStore store = new InMemoryTokenStore(db);
    private final SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
    private final OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
    private final SessionCodec sessions = new SessionCodec(Jackson.newObjectMapper(),
            new AeadCipher(secrets, new SecureRandom()), true);
    private final TestTokens issuer = new TestTokens(opaque, store, sessions,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Grant grant = new Grant("request-1", "app", "alice",
            List.of("read", "photos.*"), List.of("read", "photos.*", "extra"), List.of("https://api.example"),
            List.of("https://api.example"), new TokenSession(Map.of("role", "admin"), Map.of(), null), "challenge-1");

    IntrospectorTest() {
        new InMemoryClientStore(db).create(new StoredClient(new OAuth2Client.Builder().clientId("app")
                .tokenEndpointAuthMethod("client_secret_basic").createdAt(NOW).updatedAt(NOW).build(), "hash"));
    }

    private Introspector introspectorAt(Instant now) {
        return new Introspector(new TokenLookup(opaque, token -> java.util.Optional.empty(), store,
                Clock.fixed(now, ZoneOffset.UTC)), sessions,
                ScopeStrategy.WILDCARD, ISSUER);
    }

    private String issue(TokenKind kind, Duration ttl) {
        return issuer.issue(kind, grant, ttl);
    }

    @Test
    void whenAccessTokenIsValidThenEveryHydraFieldIsAnswered() {
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));

        Introspection result = introspectorAt(NOW.plusSeconds(60)).introspect(token, null, List.of());

        assertThat(result.active()).isTrue();
        assertThat(result.scope()).isEqualTo("read photos.*");
        assertThat(result.clientId()).isEqualTo("app");
        assertThat(result.subject()).isEqualTo("alice");
        assertThat(result.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)).getEpochSecond());
        // As in Hydra v1.10: nbf = iat = requested_at.
        assertThat(result.issuedAt()).isEqualTo(NOW.getEpochSecond());
        assertThat(result.notBefore()).isEqualTo(NOW.getEpochSecond());
        assertThat(result.audience()).containsExactly("https://api.example");
        assertThat(result.issuer()).isEqualTo(ISSUER);
        // As in Hydra v1.10, introspection says "Bearer" with a capital B.
        assertThat(result.tokenType()).isEqualTo("Bearer");
        assertThat(result.tokenUse()).isEqualTo("access_token");
        assertThat(result.ext()).containsExactly(Map.entry("role", "admin"));
    }

    @ParameterizedTest(name = "hint {0}")
    @NullAndEmptySource
    @ValueSource(strings = {"refresh_token", "access_token", "unknown_hint"})
    void whenRefreshTokenIsIntrospectedThenTokenUseSaysSoWhateverTheHint(String hint) {
        // RFC 7662 §2.1: the hint only helps the lookup; the server must still find the token.
        String token = issue(TokenKind.REFRESH_TOKEN, Duration.ofHours(720));

        Introspection result = introspectorAt(NOW).introspect(token, hint, List.of());

        assertThat(result.active()).isTrue();
        assertThat(result.tokenUse()).isEqualTo("refresh_token");
    }

    @Test
    void whenAccessTokenIsIntrospectedWithRefreshHintThenItIsStillFound() {
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));

        assertThat(introspectorAt(NOW).introspect(token, "refresh_token", List.of()).tokenUse())
                .isEqualTo("access_token");
    }

    @ParameterizedTest(name = "{0} after issue -> active {1}")
    @CsvSource({"PT0S, true", "PT59M59S, true", "PT1H, false", "PT2H, false"})
    void whenTokenHasExpiredThenInactive(Duration elapsed, boolean active) {
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));

        assertThat(introspectorAt(NOW.plus(elapsed)).introspect(token, null, List.of()).active()).isEqualTo(active);
    }

    @Test
    void whenTtlIsNegativeThenTokenNeverExpiresAndHasNoExp() {
        // ttl.refresh_token = -1 means refresh tokens never expire (docs/configuration.md).
        String token = issue(TokenKind.REFRESH_TOKEN, Duration.ofSeconds(-1));

        Introspection result = introspectorAt(NOW.plus(Duration.ofDays(3650))).introspect(token, null, List.of());

        assertThat(result.active()).isTrue();
        assertThat(result.expiresAt()).isNull();
    }

    @ParameterizedTest(name = "required {0} -> active {1}")
    @CsvSource({
            "read,                 true",
            "read photos.upload,   true",
            "'',                   true",
            "write,                false",
            "read write,           false",
            "extra,                false",
            "photos,               false",
    })
    void whenRequiredScopeIsNotGrantedThenInactive(String required, boolean active) {
        // "extra" was requested but not granted: only granted scopes count.
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));
        List<String> scopes = required.isBlank() ? List.of() : List.of(required.split(" "));

        assertThat(introspectorAt(NOW).introspect(token, null, scopes).active()).isEqualTo(active);
    }

    @Test
    void whenGrantIsRevokedThenAccessAndRefreshTokensAreInactive() {
        String access = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));
        String refresh = issue(TokenKind.REFRESH_TOKEN, Duration.ofHours(720));

        store.revokeRequest("request-1");

        assertThat(introspectorAt(NOW).introspect(access, null, List.of())).isEqualTo(Introspection.INACTIVE);
        assertThat(introspectorAt(NOW).introspect(refresh, "refresh_token", List.of()))
                .isEqualTo(Introspection.INACTIVE);
    }

    @Test
    void whenTokenIsUnknownOrForgedThenInactive() {
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));
        OpaqueTokens otherServer = new OpaqueTokens(new SystemSecrets(List.of("another-system-secret-0123")),
                new SecureRandom());

        assertThat(introspectorAt(NOW).introspect(opaque.mint().token(), null, List.of()).active()).isFalse();
        assertThat(introspectorAt(NOW).introspect(otherServer.mint().token(), null, List.of()).active()).isFalse();
        int dot = token.indexOf('.');
        String tampered = token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A')
                + token.substring(dot + 2);
        assertThat(introspectorAt(NOW).introspect(tampered, null, List.of()).active()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "a.b", "...."})
    void whenTokenIsMalformedThenInactiveWithoutError(String token) {
        assertThat(introspectorAt(NOW).introspect(token, null, List.of())).isEqualTo(Introspection.INACTIVE);
    }

    @Test
    void whenInactiveThenNothingButActiveFalseIsDisclosed() {
        Introspection inactive = Introspection.INACTIVE;

        assertThat(inactive).hasAllNullFieldsOrPropertiesExcept("active");
        assertThat(inactive.active()).isFalse();
    }

    @Test
    void whenGrantHasNoScopesAndNoExtThenThoseFieldsAreOmitted() {
        Grant bare = new Grant("request-2", "app", "app", List.of(), List.of(),
                List.of(), List.of(), TokenSession.empty(), null);
        String token = issuer.issue(TokenKind.ACCESS_TOKEN, bare, Duration.ofHours(1));

        Introspection result = introspectorAt(NOW).introspect(token, null, List.of());

        assertThat(result.active()).isTrue();
        assertThat(result.scope()).isNull();
        assertThat(result.ext()).isNull();
        assertThat(result.audience()).isEmpty();
    }

    @Test
    void whenSessionIsStoredThenItIsEncryptedAtRest() {
        // session_data is AES-GCM sealed when oauth2.session.encrypt_at_rest is on (the default).
        String token = issue(TokenKind.ACCESS_TOKEN, Duration.ofHours(1));

        TokenRecord record = store.find(TokenKind.ACCESS_TOKEN, opaque.verifiedSignature(token).orElseThrow())
                .orElseThrow();

        assertThat(record.sessionData()).doesNotContain("admin").doesNotStartWith("{");
        assertThat(record.signature()).isEqualTo(token.substring(token.indexOf('.') + 1));
    }
}
