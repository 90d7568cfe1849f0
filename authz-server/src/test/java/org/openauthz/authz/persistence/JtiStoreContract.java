package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.JtiStore;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JtiStore} must do: a client assertion's {@code jti} is accepted once until the assertion expires
 * (<a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 §3</a> item 7). Run by
 * {@code InMemoryJtiStoreTest} and, on a real PostgreSQL, {@code JdbiJtiStoreIT}. Expiry is judged by the real
 * clock (PostgreSQL's {@code now()}), so the times here are relative to it.
 */
abstract class JtiStoreContract {
    JtiStore jtis;

    protected abstract JtiStore newStore();

    @BeforeEach
    void freshStore() {
        jtis = newStore();
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void whenAnIdIsClaimedTwiceBeforeItExpiresThenOnlyTheFirstClaimSucceeds() {
        assertThat(jtis.claim("jti-hash-1", inAnHour())).isTrue();

        assertThat(jtis.claim("jti-hash-1", inAnHour())).isFalse();
    }

    @Test
    void whenDifferentIdsAreClaimedThenEachSucceeds() {
        assertThat(jtis.claim("jti-hash-1", inAnHour())).isTrue();

        assertThat(jtis.claim("jti-hash-2", inAnHour())).isTrue();
    }

    @Test
    void whenAClaimedIdHasExpiredThenItCanBeClaimedAgain() {
        // An expired assertion is refused for its exp anyway, so its id need not be remembered any longer.
        assertThat(jtis.claim("jti-hash-1", Instant.now().minus(Duration.ofMinutes(1)))).isTrue();

        assertThat(jtis.claim("jti-hash-1", inAnHour())).isTrue();
        assertThat(jtis.claim("jti-hash-1", inAnHour())).isFalse();
    }

    @Test
    void whenOneIdIsClaimedConcurrentlyThenExactlyOneClaimWins() throws Exception {
        assertThat(Race.wins(8, () -> jtis.claim("jti-hash-1", inAnHour()))).isEqualTo(1);
    }

    @Test
    void whenExpiredIdsAreDeletedInBatchesThenEachBatchDeletesAtMostItsLimitAndLiveIdsStay() {
        // The janitor's cutoff is a parameter: ids expiring within two hours count as expired for this call.
        jtis.claim("jti-hash-1", inAnHour());
        jtis.claim("jti-hash-2", inAnHour());
        jtis.claim("jti-hash-3", inAnHour());
        jtis.claim("jti-hash-live", Instant.now().plus(Duration.ofHours(3)));
        Instant before = Instant.now().plus(Duration.ofHours(2));

        assertThat(jtis.deleteExpired(before, 2)).isEqualTo(2);
        assertThat(jtis.deleteExpired(before, 2)).isEqualTo(1);
        assertThat(jtis.deleteExpired(before, 2)).isZero();

        assertThat(jtis.claim("jti-hash-1", inAnHour())).as("forgotten").isTrue();
        assertThat(jtis.claim("jti-hash-live", inAnHour())).as("still remembered").isFalse();
    }

    @Test
    void whenNothingHasExpiredThenDeleteExpiredDeletesNothing() {
        jtis.claim("jti-hash-1", inAnHour());

        assertThat(jtis.deleteExpired(Instant.now(), 100)).isZero();
        assertThat(jtis.claim("jti-hash-1", inAnHour())).isFalse();
    }
}
