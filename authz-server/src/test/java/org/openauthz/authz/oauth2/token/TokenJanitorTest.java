package org.openauthz.authz.oauth2.token;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token janitor ({@code hydra janitor --tokens}, {@code POST /oauth2/flush}; docs/operations.md). Unlike Hydra
 * v1.10, a {@code notAfter} in the future is capped at now (docs/decisions/0004), so valid tokens are never flushed.
 */
class TokenJanitorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryTokenStore store = new InMemoryTokenStore(db);
    private final TokenJanitor janitor = new TokenJanitor(store, Clock.fixed(NOW, ZoneOffset.UTC));
    private int counter;

    TokenJanitorTest() {
        InMemoryClientStore clients = new InMemoryClientStore(db);
        for (String id : List.of("app", "other")) {
            clients.create(new StoredClient(new OAuth2Client.Builder().clientId(id).createdAt(NOW).updatedAt(NOW)
                    .build(), "hash"));
        }
    }

    private String insert(TokenKind kind, String clientId, Instant expiresAt) {
        String signature = "sig-" + (++counter);
        store.insert(kind, new TokenRecord(signature, "request-" + counter, clientId, "alice", NOW.minusSeconds(7200),
                expiresAt, List.of(), List.of(), List.of(), List.of(), true, "{}", null));
        return signature;
    }

    private boolean exists(TokenKind kind, String signature) {
        return store.find(kind, signature).isPresent();
    }

    @Test
    void whenFlushedThenOnlyTokensThatExpiredBeforeNowAreDeleted() {
        String expired = insert(TokenKind.ACCESS_TOKEN, "app", NOW.minusSeconds(1));
        String expiresNow = insert(TokenKind.ACCESS_TOKEN, "app", NOW);
        String valid = insert(TokenKind.ACCESS_TOKEN, "app", NOW.plusSeconds(1));
        String neverExpires = insert(TokenKind.REFRESH_TOKEN, "app", null);
        String expiredRefresh = insert(TokenKind.REFRESH_TOKEN, "app", NOW.minus(Duration.ofDays(1)));

        long deleted = janitor.flush(null);

        assertThat(deleted).isEqualTo(2);
        assertThat(exists(TokenKind.ACCESS_TOKEN, expired)).isFalse();
        assertThat(exists(TokenKind.REFRESH_TOKEN, expiredRefresh)).isFalse();
        assertThat(exists(TokenKind.ACCESS_TOKEN, expiresNow)).isTrue();
        assertThat(exists(TokenKind.ACCESS_TOKEN, valid)).isTrue();
        assertThat(exists(TokenKind.REFRESH_TOKEN, neverExpires)).isTrue();
    }

    @Test
    void whenNotAfterIsInTheFutureThenItIsCappedAtNowAndValidTokensSurvive() {
        String expired = insert(TokenKind.ACCESS_TOKEN, "app", NOW.minusSeconds(1));
        String validForAnHour = insert(TokenKind.ACCESS_TOKEN, "app", NOW.plus(Duration.ofHours(1)));

        long deleted = janitor.flush(NOW.plus(Duration.ofDays(365)));

        assertThat(deleted).isEqualTo(1);
        assertThat(exists(TokenKind.ACCESS_TOKEN, expired)).isFalse();
        assertThat(exists(TokenKind.ACCESS_TOKEN, validForAnHour)).isTrue();
    }

    @Test
    void whenNotAfterIsInThePastThenOnlyTokensExpiredBeforeItAreDeleted() {
        String longExpired = insert(TokenKind.ACCESS_TOKEN, "app", NOW.minus(Duration.ofDays(2)));
        String recentlyExpired = insert(TokenKind.ACCESS_TOKEN, "app", NOW.minus(Duration.ofHours(1)));

        long deleted = janitor.flush(NOW.minus(Duration.ofDays(1)));

        assertThat(deleted).isEqualTo(1);
        assertThat(exists(TokenKind.ACCESS_TOKEN, longExpired)).isFalse();
        assertThat(exists(TokenKind.ACCESS_TOKEN, recentlyExpired)).isTrue();
    }

    @Test
    void whenFlushedThenAuthorizationCodesAreLeftAlone() {
        // Hydra v1.10's janitor does not touch codes either.
        String code = insert(TokenKind.AUTHORIZE_CODE, "app", NOW.minus(Duration.ofDays(1)));

        assertThat(janitor.flush(null)).isZero();
        assertThat(exists(TokenKind.AUTHORIZE_CODE, code)).isTrue();
    }

    @Test
    void whenMoreThanOneBatchIsExpiredThenItLoopsUntilABatchIsShortAndReportsRunningTotals() {
        int expiredCount = 2 * TokenJanitor.BATCH_SIZE + 1;
        for (int i = 0; i < expiredCount; i++) {
            insert(TokenKind.ACCESS_TOKEN, "app", NOW.minusSeconds(10));
        }
        String valid = insert(TokenKind.ACCESS_TOKEN, "app", NOW.plusSeconds(10));
        List<Long> progress = new ArrayList<>();

        long deleted = janitor.deleteExpired(TokenKind.ACCESS_TOKEN, null, progress::add);

        assertThat(deleted).isEqualTo(expiredCount);
        assertThat(progress).containsExactly((long) TokenJanitor.BATCH_SIZE, 2L * TokenJanitor.BATCH_SIZE,
                (long) expiredCount);
        assertThat(exists(TokenKind.ACCESS_TOKEN, valid)).isTrue();
    }

    @Test
    void whenExactlyOneFullBatchIsExpiredThenAnEmptySecondBatchEndsTheLoop() {
        for (int i = 0; i < TokenJanitor.BATCH_SIZE; i++) {
            insert(TokenKind.REFRESH_TOKEN, "app", NOW.minusSeconds(10));
        }
        List<Long> progress = new ArrayList<>();

        long deleted = janitor.deleteExpired(TokenKind.REFRESH_TOKEN, NOW, progress::add);

        assertThat(deleted).isEqualTo(TokenJanitor.BATCH_SIZE);
        assertThat(progress).containsExactly((long) TokenJanitor.BATCH_SIZE);
    }

    @Test
    void whenALimitIsGivenThenTheLastBatchIsShortenedAndNoMoreThanTheLimitIsDeleted() {
        for (int i = 0; i < 7; i++) {
            insert(TokenKind.ACCESS_TOKEN, "app", NOW.minusSeconds(10));
        }
        List<Long> progress = new ArrayList<>();

        long deleted = janitor.deleteExpired(TokenKind.ACCESS_TOKEN, null, null, 2, 5, progress::add);

        assertThat(deleted).isEqualTo(5);
        assertThat(progress).containsExactly(2L, 4L, 5L);
        assertThat(janitor.deleteExpired(TokenKind.ACCESS_TOKEN, null, null, 2, 0, n -> { })).isEqualTo(2);
    }

    @Test
    void whenNothingIsExpiredThenNoProgressIsReported() {
        insert(TokenKind.ACCESS_TOKEN, "app", NOW.plusSeconds(10));
        List<Long> progress = new ArrayList<>();

        assertThat(janitor.deleteExpired(TokenKind.ACCESS_TOKEN, null, progress::add)).isZero();
        assertThat(progress).isEmpty();
    }

    @Test
    void whenAccessTokensOfAClientAreDeletedThenOnlyThatClientsAccessTokensGo() {
        String mine = insert(TokenKind.ACCESS_TOKEN, "app", NOW.plusSeconds(60));
        String myRefresh = insert(TokenKind.REFRESH_TOKEN, "app", NOW.plusSeconds(60));
        String theirs = insert(TokenKind.ACCESS_TOKEN, "other", NOW.plusSeconds(60));

        assertThat(janitor.deleteAccessTokensOf("app")).isEqualTo(1);

        assertThat(exists(TokenKind.ACCESS_TOKEN, mine)).isFalse();
        assertThat(exists(TokenKind.REFRESH_TOKEN, myRefresh)).isTrue();
        assertThat(exists(TokenKind.ACCESS_TOKEN, theirs)).isTrue();
    }
}
