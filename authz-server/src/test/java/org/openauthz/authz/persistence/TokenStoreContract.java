package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openauthz.authz.persistence.ClientStoreContract.client;

/**
 * What every {@link TokenStore} must do (one contract, run against every store). Run by
 * {@code InMemoryTokenStoreTest} and, on a real PostgreSQL, {@code JdbiTokenStoreIT}. Tokens belong to a client, so
 * the fixtures create their clients first, as the foreign keys require.
 */
abstract class TokenStoreContract {
    static final Instant NOW = Instant.parse("2026-02-01T08:30:00Z");

    ClientStore clients;
    TokenStore tokens;
    TokenStore replica;

    /** A client store and a token store on one fresh, empty backend. */
    protected abstract ClientAndTokenStores newStores();

    @BeforeEach
    void freshStores() {
        ClientAndTokenStores stores = newStores();
        clients = stores.clients();
        tokens = stores.tokens();
        replica = stores.replica();
        clients.create(client("app"));
        clients.create(client("other"));
    }

    static TokenRecord token(String signature, String requestId, String clientId, Instant expiresAt) {
        return new TokenRecord(signature, requestId, clientId, "alice", NOW, expiresAt, List.of("openid"),
                List.of("openid"), List.of(), List.of(), true, "{}", null);
    }

    static TokenRecord token(String signature, String requestId) {
        return token(signature, requestId, "app", NOW.plusSeconds(3600));
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void whenInsertedThenFoundWithEveryField(TokenKind kind) {
        TokenRecord record = new TokenRecord("sig-" + kind, "a1b2c3d4-request", "app", "subject-42",
                NOW, NOW.plus(Duration.ofHours(1)), List.of("openid", "offline", "photos.read"),
                List.of("openid", "offline", "photos.read", "unwanted"),
                List.of("https://api.example/", "https://other.example/"), List.of("https://api.example/"), true,
                "Xy3_sealed-session-data_w==", "consent-challenge-1");

        tokens.insert(kind, record);

        assertThat(tokens.find(kind, "sig-" + kind)).contains(record);
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void whenBoundToADpopKeyThenTheThumbprintRoundTrips(TokenKind kind) {
        // RFC 9449 §6: the JWK SHA-256 thumbprint (RFC 7638) of the key the token is bound to.
        TokenRecord record = new TokenRecord("sig-dpop", "request", "app", "app", NOW, NOW.plusSeconds(60), List.of(),
                List.of(), List.of(), List.of(), true, "{}", null, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

        tokens.insert(kind, record);

        assertThat(tokens.find(kind, "sig-dpop")).contains(record);
        assertThat(tokens.find(kind, "sig-dpop").orElseThrow().dpopJkt())
                .isEqualTo("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void whenOptionalFieldsAreEmptyThenTheyRoundTripEmpty(TokenKind kind) {
        // A refresh token with ttl -1 has no expiry; client credentials grants have no consent challenge and may
        // have no scope or audience at all.
        TokenRecord record = new TokenRecord("sig", "request", "app", "app", NOW, null, List.of(), List.of(),
                List.of(), List.of(), true, "{\"ext\":{\"a\":1}}", null);

        tokens.insert(kind, record);

        assertThat(tokens.find(kind, "sig")).contains(record);
    }

    @Test
    void whenInactiveRowIsInsertedThenItIsFoundInactive() {
        TokenRecord record = token("sig", "r1").inactive();

        tokens.insert(TokenKind.REFRESH_TOKEN, record);

        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "sig"))
                .hasValueSatisfying(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void whenSignatureIsUnknownThenEmpty() {
        tokens.insert(TokenKind.ACCESS_TOKEN, token("sig", "r1"));

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "other-sig")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "sig")).as("kinds are separate tables").isEmpty();
    }

    @Test
    void whenSignatureExistsThenDuplicateKeyExceptionAndTheFirstRowIsUnchanged() {
        TokenRecord first = token("sig", "r1");
        tokens.insert(TokenKind.ACCESS_TOKEN, first);

        assertThatThrownBy(() -> tokens.insert(TokenKind.ACCESS_TOKEN, token("sig", "r2", "other", null)))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "sig")).contains(first);
    }

    @Test
    void whenSameSignatureIsUsedInAnotherKindThenBothExist() {
        tokens.insert(TokenKind.ACCESS_TOKEN, token("sig", "r1"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("sig", "r1"));

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "sig")).isPresent();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "sig")).isPresent();
    }

    @Test
    void whenClientDoesNotExistThenInsertFailsAndWritesNothing() {
        // Mirrors hydra_oauth2_*.client_id REFERENCES hydra_client, as in Hydra v1.10's schema.
        assertThatThrownBy(() -> tokens.insert(TokenKind.ACCESS_TOKEN, token("sig", "r1", "ghost", null)))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(DuplicateKeyException.class);

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "sig")).isEmpty();
    }

    @Test
    void whenRequestIsRevokedThenItsAccessRowsAreDeletedAndItsRefreshAndCodeRowsDeactivated() {
        // As in Hydra v1.10, access rows are deleted on revoke and rotation, refresh rows deactivated; RFC 7009 §2.1
        // (https://www.rfc-editor.org/rfc/rfc7009#section-2.1).
        tokens.insert(TokenKind.ACCESS_TOKEN, token("access-1", "r1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("access-2", "r1"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("refresh-1", "r1"));
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code-1", "r1"));
        TokenRecord otherAccess = token("access-3", "r2");
        TokenRecord otherRefresh = token("refresh-2", "r2");
        TokenRecord otherCode = token("code-2", "r2");
        tokens.insert(TokenKind.ACCESS_TOKEN, otherAccess);
        tokens.insert(TokenKind.REFRESH_TOKEN, otherRefresh);
        tokens.insert(TokenKind.AUTHORIZE_CODE, otherCode);

        tokens.revokeRequest("r1");

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-1")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-2")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh-1")).contains(token("refresh-1", "r1").inactive());
        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code-1")).contains(token("code-1", "r1").inactive());
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-3")).contains(otherAccess);
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh-2")).contains(otherRefresh);
        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code-2")).contains(otherCode);
    }

    @Test
    void whenUnknownRequestIsRevokedThenNothingChanges() {
        TokenRecord access = token("access", "r1");
        tokens.insert(TokenKind.ACCESS_TOKEN, access);

        tokens.revokeRequest("no-such-request");

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).contains(access);
    }

    @Test
    void whenRequestIsRevokedTwiceThenTheSecondIsANoOp() {
        tokens.insert(TokenKind.REFRESH_TOKEN, token("refresh", "r1"));
        tokens.revokeRequest("r1");

        tokens.revokeRequest("r1");

        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh")).contains(token("refresh", "r1").inactive());
    }

    @Test
    void whenRefreshTokenIsRotatedThenOldOneIsInactiveItsGrantsAccessTokensGoAndTheNewPairIsStored() {
        // RFC 9700 §4.14.2 (https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2) refresh token rotation, as in Hydra
        // v1.10.
        tokens.insert(TokenKind.REFRESH_TOKEN, token("old-refresh", "r1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("old-access", "r1"));
        TokenRecord otherGrant = token("other-access", "r2");
        tokens.insert(TokenKind.ACCESS_TOKEN, otherGrant);
        TokenRecord newAccess = token("new-access", "r1");
        TokenRecord newRefresh = token("new-refresh", "r1");

        assertThat(tokens.rotate("old-refresh", "r1", newAccess, newRefresh)).isTrue();

        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "old-refresh")).contains(token("old-refresh", "r1").inactive());
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "old-access")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "new-access")).contains(newAccess);
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "new-refresh")).contains(newRefresh);
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "other-access")).contains(otherGrant);
    }

    @Test
    void whenRotatedRefreshTokenIsNoLongerActiveThenFalseAndNothingIsWritten() {
        // Reuse of a rotated refresh token (token_inactive, as in Hydra v1.10) must not mint a new pair.
        TokenRecord access = token("access", "r1");
        tokens.insert(TokenKind.REFRESH_TOKEN, token("used-refresh", "r1").inactive());
        tokens.insert(TokenKind.ACCESS_TOKEN, access);

        assertThat(tokens.rotate("used-refresh", "r1", token("new-access", "r1"), token("new-refresh", "r1")))
                .isFalse();
        assertThat(tokens.rotate("unknown-refresh", "r1", token("new-access", "r1"), token("new-refresh", "r1")))
                .isFalse();

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).contains(access);
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "new-access")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "new-refresh")).isEmpty();
    }

    @Test
    void whenCodeIsRedeemedThenItIsInactiveAndTheIssuedTokensAreStored() {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));
        TokenRecord access = token("access", "r1");
        TokenRecord refresh = token("refresh", "r1");

        assertThat(tokens.redeem("code", access, refresh)).isTrue();

        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code")).contains(token("code", "r1").inactive());
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).contains(access);
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh")).contains(refresh);
    }

    @Test
    void whenCodeIsRedeemedWithoutRefreshTokenThenOnlyTheAccessTokenIsStored() {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));

        assertThat(tokens.redeem("code", token("access", "r1"), null)).isTrue();

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).isPresent();
    }

    @Test
    void whenCodeIsNoLongerActiveThenRedeemIsFalseAndWritesNothing() {
        // RFC 6749 §4.1.2: a code is single use.
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("used", "r1").inactive());

        assertThat(tokens.redeem("used", token("access", "r1"), token("refresh", "r1"))).isFalse();
        assertThat(tokens.redeem("unknown", token("access", "r1"), token("refresh", "r1"))).isFalse();

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh")).isEmpty();
    }

    @Test
    void whenRedeemFailsThenTheCodeStaysActive() {
        // "Every method is atomic": the refresh signature collides, so neither the code nor the access token change.
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("taken", "r9"));

        assertThatThrownBy(() -> tokens.redeem("code", token("access", "r1"), token("taken", "r1")))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code")).contains(token("code", "r1"));
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access")).isEmpty();
    }

    @Test
    void whenOneCodeIsRedeemedConcurrentlyThenExactlyOneRedemptionWins() throws Exception {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));
        int attempts = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.redeem("code", token("access-" + n, "r1"), token("refresh-" + n, "r1"));
                }));
            }
            start.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenATokenIsPresentedForRedemptionThenItIsFoundAsThisStoreLastChangedIt() {
        // findForRedemption may answer from memory, but never with what this store itself has since changed.
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("revoked", "r2"));
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("of-a-consent", "r3"));
        tokens.insert(TokenKind.AUTHORIZE_CODE, withChallenge(token("under-consent", "r4"), "consent-1"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("refresh", "r1"));
        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "code")).contains(token("code", "r1"));
        assertThat(tokens.findForRedemption(TokenKind.REFRESH_TOKEN, "refresh")).contains(token("refresh", "r1"));

        tokens.redeem("code", token("access", "r1"), null);
        tokens.revokeRequest("r2");
        tokens.revokeByChallenges(List.of("consent-1"));

        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "code")).contains(token("code", "r1").inactive());
        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "revoked"))
                .contains(token("revoked", "r2").inactive());
        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "under-consent")).isEmpty();
        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "of-a-consent"))
                .contains(token("of-a-consent", "r3"));
        assertThat(tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "unknown")).isEmpty();
    }

    @Test
    void whenACodeIsRedeemedThroughAnotherReplicaThenItCannotBeRedeemedHere() {
        // RFC 6749 §4.1.2: single use across replicas, whatever this one remembers of the codes it issued.
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code", "r1"));
        tokens.findForRedemption(TokenKind.AUTHORIZE_CODE, "code");

        assertThat(replica.redeem("code", token("access-1", "r1"), null)).isTrue();

        assertThat(tokens.redeem("code", token("access-2", "r1"), token("refresh-2", "r1"))).isFalse();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-2")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "refresh-2")).isEmpty();
    }

    @Test
    void whenACodeIsRevokedThroughAnotherReplicaThenItCannotBeRedeemedHere() {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("by-request", "r1"));
        tokens.insert(TokenKind.AUTHORIZE_CODE, withChallenge(token("by-consent", "r2"), "consent-1"));

        replica.revokeRequest("r1");
        replica.revokeByChallenges(List.of("consent-1"));

        assertThat(tokens.redeem("by-request", token("access-1", "r1"), null)).isFalse();
        assertThat(tokens.redeem("by-consent", token("access-2", "r2"), null)).isFalse();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-1")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "access-2")).isEmpty();
    }

    @Test
    void whenRotationFailsThenNothingIsWritten() {
        // TokenStore: "Every method is atomic: a failure writes nothing." Here the new refresh signature collides.
        TokenRecord oldRefresh = token("old-refresh", "r1");
        TokenRecord oldAccess = token("old-access", "r1");
        TokenRecord taken = token("taken", "r9");
        tokens.insert(TokenKind.REFRESH_TOKEN, oldRefresh);
        tokens.insert(TokenKind.ACCESS_TOKEN, oldAccess);
        tokens.insert(TokenKind.REFRESH_TOKEN, taken);

        assertThatThrownBy(() -> tokens.rotate("old-refresh", "r1", token("new-access", "r1"), token("taken", "r1")))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "old-refresh")).contains(oldRefresh);
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "old-access")).contains(oldAccess);
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "new-access")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "taken")).contains(taken);
    }

    @Test
    void whenTokensAreRevokedByConsentChallengesThenEveryKindIssuedUnderThemIsDeleted() {
        // Revoking consent (DELETE /oauth2/auth/sessions/consent) revokes what it granted, as in Hydra v1.10.
        for (TokenKind kind : TokenKind.values()) {
            tokens.insert(kind, withChallenge(token("c1-" + kind, "r1"), "challenge-1"));
            tokens.insert(kind, withChallenge(token("c2-" + kind, "r2"), "challenge-2"));
            tokens.insert(kind, withChallenge(token("c3-" + kind, "r3"), "challenge-3"));
            tokens.insert(kind, token("none-" + kind, "r4"));
        }

        tokens.revokeByChallenges(List.of("challenge-1", "challenge-2", "unknown"));

        for (TokenKind kind : TokenKind.values()) {
            assertThat(tokens.find(kind, "c1-" + kind)).isEmpty();
            assertThat(tokens.find(kind, "c2-" + kind)).isEmpty();
            assertThat(tokens.find(kind, "c3-" + kind)).isPresent();
            assertThat(tokens.find(kind, "none-" + kind)).isPresent();
        }
    }

    @Test
    void whenNoConsentChallengesAreGivenThenNothingIsRevoked() {
        tokens.insert(TokenKind.ACCESS_TOKEN, withChallenge(token("sig", "r1"), "challenge-1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("plain", "r2"));

        tokens.revokeByChallenges(List.of());

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "sig")).isPresent();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "plain")).isPresent();
    }

    static TokenRecord withChallenge(TokenRecord t, String challengeId) {
        return new TokenRecord(t.signature(), t.requestId(), t.clientId(), t.subject(), t.requestedAt(), t.expiresAt(),
                t.grantedScopes(), t.requestedScopes(), t.grantedAudience(), t.requestedAudience(), t.active(),
                t.sessionData(), challengeId);
    }

    @Test
    void whenExpiredRowsAreDeletedThenOnlyRowsThatExpiredStrictlyBeforeTheCutoffGo() {
        tokens.insert(TokenKind.ACCESS_TOKEN, token("long-expired", "r1", "app", NOW.minus(Duration.ofDays(1))));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("just-expired", "r2", "other", NOW.minusSeconds(1)));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("at-cutoff", "r3", "app", NOW));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("valid", "r4", "app", NOW.plusSeconds(1)));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("no-expiry", "r5", "app", null));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("expired-refresh", "r6", "app", NOW.minusSeconds(1)));

        assertThat(tokens.deleteExpired(TokenKind.ACCESS_TOKEN, NOW, 100)).isEqualTo(2);

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "long-expired")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "just-expired")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "at-cutoff")).isPresent();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "valid")).isPresent();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "no-expiry")).isPresent();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "expired-refresh")).as("other kinds untouched").isPresent();
    }

    @Test
    void whenMoreRowsAreExpiredThanTheLimitThenOneCallDeletesAtMostTheLimit() {
        for (int i = 0; i < 5; i++) {
            tokens.insert(TokenKind.REFRESH_TOKEN, token("expired-" + i, "r" + i, "app", NOW.minusSeconds(60)));
        }
        tokens.insert(TokenKind.REFRESH_TOKEN, token("valid", "rv", "app", NOW.plusSeconds(60)));

        assertThat(tokens.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, 2)).isEqualTo(2);
        assertThat(tokens.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, 2)).isEqualTo(2);
        assertThat(tokens.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, 2)).isEqualTo(1);
        assertThat(tokens.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, 2)).isZero();

        for (int i = 0; i < 5; i++) {
            assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "expired-" + i)).isEmpty();
        }
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "valid")).isPresent();
    }

    @Test
    void whenRequestedBeforeIsGivenThenOnlyExpiredRowsRequestedBeforeItGo() {
        // hydra janitor --access-lifespan: Hydra's "requested more than the lifespan ago", but never a valid token.
        tokens.insert(TokenKind.ACCESS_TOKEN, requested("old-expired", NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(2))));
        tokens.insert(TokenKind.ACCESS_TOKEN, requested("recent-expired", NOW.minus(Duration.ofMinutes(30)),
                NOW.minusSeconds(1)));
        tokens.insert(TokenKind.ACCESS_TOKEN, requested("old-valid", NOW.minus(Duration.ofHours(3)),
                NOW.plusSeconds(60)));

        assertThat(tokens.deleteExpired(TokenKind.ACCESS_TOKEN, NOW, NOW.minus(Duration.ofHours(1)), 100))
                .isEqualTo(1);

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "old-expired")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "recent-expired")).isPresent();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "old-valid")).isPresent();
    }

    private static TokenRecord requested(String signature, Instant requestedAt, Instant expiresAt) {
        return new TokenRecord(signature, "r-" + signature, "app", "alice", requestedAt, expiresAt, List.of("openid"),
                List.of("openid"), List.of(), List.of(), true, "{}", null);
    }

    @Test
    void whenRevokedRowsHaveExpiredThenTheyAreDeletedToo() {
        // As in Hydra v1.10, the janitor flushes refresh rows, active or not.
        tokens.insert(TokenKind.REFRESH_TOKEN, token("revoked", "r1", "app", NOW.minusSeconds(1)).inactive());

        assertThat(tokens.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, 10)).isEqualTo(1);
    }

    @Test
    void whenTokensOfAClientAreDeletedThenOnlyThatKindAndClientGoAndTheCountIsReturned() {
        tokens.insert(TokenKind.ACCESS_TOKEN, token("app-1", "r1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("app-2", "r2"));
        tokens.insert(TokenKind.REFRESH_TOKEN, token("app-refresh", "r1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("other-1", "r3", "other", null));

        assertThat(tokens.deleteByClient(TokenKind.ACCESS_TOKEN, "app")).isEqualTo(2);

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "app-1")).isEmpty();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "app-2")).isEmpty();
        assertThat(tokens.find(TokenKind.REFRESH_TOKEN, "app-refresh")).isPresent();
        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "other-1")).isPresent();
        assertThat(tokens.deleteByClient(TokenKind.ACCESS_TOKEN, "app")).isZero();
        assertThat(tokens.deleteByClient(TokenKind.ACCESS_TOKEN, "ghost")).isZero();
    }
}
