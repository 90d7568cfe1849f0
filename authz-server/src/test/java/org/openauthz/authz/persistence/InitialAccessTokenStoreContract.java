package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.InitialAccessToken;
import org.openauthz.authz.client.InitialAccessTokenStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link InitialAccessTokenStore} must do (RFC 7591 §3 closed registration): a token works until it
 * expires, a single-use one for exactly one registration, also when two present it at once. Run by
 * {@code InMemoryInitialAccessTokenStoreTest} and, on a real PostgreSQL, {@code JdbiInitialAccessTokenStoreIT}.
 */
abstract class InitialAccessTokenStoreContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    InitialAccessTokenStore tokens;

    protected abstract InitialAccessTokenStore newStore();

    @BeforeEach
    void freshStore() {
        tokens = newStore();
    }

    private static InitialAccessToken token(String hash, boolean singleUse, Duration life) {
        return new InitialAccessToken(hash, singleUse, NOW.plus(life), NOW);
    }

    @Test
    void whenAReusableTokenIsUsedThenItKeepsWorkingUntilItExpires() {
        tokens.create(token("reusable", false, Duration.ofHours(1)));

        assertThat(tokens.isUsable("reusable", NOW)).isTrue();
        assertThat(tokens.use("reusable", NOW)).isTrue();
        assertThat(tokens.use("reusable", NOW.plusSeconds(60))).isTrue();
        assertThat(tokens.use("reusable", NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(tokens.isUsable("reusable", NOW.plus(Duration.ofHours(2)))).isFalse();
    }

    @Test
    void whenASingleUseTokenIsUsedThenItIsGone() {
        tokens.create(token("once", true, Duration.ofHours(1)));

        assertThat(tokens.isUsable("once", NOW)).as("looking does not spend it").isTrue();
        assertThat(tokens.isUsable("once", NOW)).isTrue();
        assertThat(tokens.use("once", NOW)).isTrue();
        assertThat(tokens.use("once", NOW)).isFalse();
        assertThat(tokens.isUsable("once", NOW)).isFalse();
    }

    @Test
    void whenAnExpiredSingleUseTokenIsPresentedThenItIsNotUsable() {
        tokens.create(token("late", true, Duration.ofMinutes(1)));

        assertThat(tokens.use("late", NOW.plus(Duration.ofMinutes(2)))).isFalse();
    }

    @Test
    void whenTheHashIsUnknownThenNothingIsUsable() {
        assertThat(tokens.isUsable("nope", NOW)).isFalse();
        assertThat(tokens.use("nope", NOW)).isFalse();
    }

    @Test
    void whenTwoRegistrationsPresentOneSingleUseTokenAtOnceThenExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            String hash = "race-" + round;
            tokens.create(token(hash, true, Duration.ofHours(1)));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Callable<Boolean> use = () -> tokens.use(hash, NOW);
                List<Future<Boolean>> results = pool.invokeAll(List.of(use, use, use, use));
                long winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
