package org.openauthz.authz.oauth2.token;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Token revocation (<a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>; as in Hydra v1.10): revoking any
 * token of a grant revokes the grant, and unknown tokens are not an error.
 */
class RevokerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryTokenStore store = new InMemoryTokenStore(db);
    private final SystemSecrets secrets = new SystemSecrets(List.of("a-system-secret-0123456789"));
    private final OpaqueTokens opaque = new OpaqueTokens(secrets, new SecureRandom());
    private final TestTokens issuer = new TestTokens(opaque, store,
            new SessionCodec(Jackson.newObjectMapper(), new AeadCipher(secrets, new SecureRandom()), false),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Revoker revoker = new Revoker(new TokenLookup(opaque, token -> Optional.empty(), store,
            Clock.fixed(NOW, ZoneOffset.UTC)), store);
    private final OAuth2Client app = register("app");
    private final OAuth2Client other = register("other");

    private OAuth2Client register(String id) {
        OAuth2Client client = new OAuth2Client.Builder().clientId(id).tokenEndpointAuthMethod("client_secret_basic")
                .createdAt(NOW).updatedAt(NOW).build();
        new InMemoryClientStore(db).create(new StoredClient(client, "hash"));
        return client;
    }

    private String issue(TokenKind kind, String requestId, String clientId) {
        Grant grant = new Grant(requestId, clientId, "alice", List.of("read"),
                List.of("read"), List.of(), List.of(), TokenSession.empty(), null);
        return issuer.issue(kind, grant, Duration.ofHours(1));
    }

    private Optional<TokenRecord> find(TokenKind kind, String token) {
        return store.find(kind, opaque.verifiedSignature(token).orElseThrow());
    }

    @Test
    void whenAccessTokenIsRevokedThenItsGrantsAccessTokensAreDeletedAndRefreshTokensDeactivated() {
        String access = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String secondAccess = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String refresh = issue(TokenKind.REFRESH_TOKEN, "grant-1", "app");

        revoker.revoke(app, access, null);

        // As in Hydra v1.10, access rows are deleted on revoke, refresh rows deactivated.
        assertThat(find(TokenKind.ACCESS_TOKEN, access)).isEmpty();
        assertThat(find(TokenKind.ACCESS_TOKEN, secondAccess)).isEmpty();
        assertThat(find(TokenKind.REFRESH_TOKEN, refresh)).hasValueSatisfying(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void whenRefreshTokenIsRevokedThenTheWholeGrantIsRevoked() {
        // RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access tokens of the same grant.
        String access = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String refresh = issue(TokenKind.REFRESH_TOKEN, "grant-1", "app");

        revoker.revoke(app, refresh, "refresh_token");

        assertThat(find(TokenKind.ACCESS_TOKEN, access)).isEmpty();
        assertThat(find(TokenKind.REFRESH_TOKEN, refresh)).hasValueSatisfying(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void whenHintIsWrongThenTheTokenIsStillRevoked() {
        // RFC 7009 §2.1: a wrong hint makes the server extend its search, it is not an error.
        String refresh = issue(TokenKind.REFRESH_TOKEN, "grant-1", "app");

        revoker.revoke(app, refresh, "access_token");

        assertThat(find(TokenKind.REFRESH_TOKEN, refresh)).hasValueSatisfying(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void whenGrantIsRevokedThenOtherGrantsAreUntouched() {
        String revoked = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String sameClient = issue(TokenKind.ACCESS_TOKEN, "grant-2", "app");
        String sameClientRefresh = issue(TokenKind.REFRESH_TOKEN, "grant-2", "app");

        revoker.revoke(app, revoked, null);

        assertThat(find(TokenKind.ACCESS_TOKEN, sameClient)).isPresent();
        assertThat(find(TokenKind.REFRESH_TOKEN, sameClientRefresh))
                .hasValueSatisfying(t -> assertThat(t.active()).isTrue());
    }

    @Test
    void whenAnotherClientRevokesTheTokenThenUnauthorizedClientAndNothingChanges() {
        // RFC 7009 §2.1: "The authorization server first validates ... whether the token was issued to the client".
        String access = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String refresh = issue(TokenKind.REFRESH_TOKEN, "grant-1", "app");

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> revoker.revoke(other, refresh, null));

        assertThat(e.error().error()).isEqualTo("unauthorized_client");
        assertThat(find(TokenKind.ACCESS_TOKEN, access)).isPresent();
        assertThat(find(TokenKind.REFRESH_TOKEN, refresh)).hasValueSatisfying(t -> assertThat(t.active()).isTrue());
    }

    @Test
    void whenTokenIsUnknownThenNoErrorAndNothingChanges() {
        // RFC 7009 §2.2: "invalid tokens do not cause an error response".
        String kept = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");

        assertThatCode(() -> revoker.revoke(app, opaque.mint().token(), null)).doesNotThrowAnyException();
        assertThat(find(TokenKind.ACCESS_TOKEN, kept)).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "a.b.c"})
    void whenTokenIsMalformedThenNoError(String token) {
        assertThatCode(() -> revoker.revoke(app, token, null)).doesNotThrowAnyException();
    }

    @Test
    void whenRevokedTwiceThenTheSecondCallIsANoOp() {
        String access = issue(TokenKind.ACCESS_TOKEN, "grant-1", "app");
        String refresh = issue(TokenKind.REFRESH_TOKEN, "grant-1", "app");
        revoker.revoke(app, access, null);

        assertThatCode(() -> revoker.revoke(app, access, null)).doesNotThrowAnyException();
        assertThatCode(() -> revoker.revoke(app, refresh, null)).doesNotThrowAnyException();
        assertThat(find(TokenKind.REFRESH_TOKEN, refresh)).hasValueSatisfying(t -> assertThat(t.active()).isFalse());
    }
}
