package org.openauthz.authz.api.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void whenTheBurstIsSpentThenTheNextTokenComesAfterOneShare() {
        TokenBuckets buckets = new TokenBuckets(4, SECOND, 10);
        for (int i = 0; i < 4; i++) {
            assertThat(buckets.tryTake("a", 0)).isZero();
        }

        assertThat(buckets.tryTake("a", 0)).isEqualTo(SECOND / 4);
        assertThat(buckets.tryTake("a", SECOND / 4)).isZero();
        assertThat(buckets.tryTake("b", 0)).as("another key has its own bucket").isZero();
    }

    @Test
    void whenFailuresAreTakenThenWaitForReportsTheLockWithoutTakingMore() {
        TokenBuckets failures = new TokenBuckets(2, 60 * SECOND, 10);
        assertThat(failures.waitFor("c", 0)).isZero();
        failures.take("c", 0);
        failures.take("c", 0);
        failures.take("c", 0);

        assertThat(failures.waitFor("c", 0)).as("capped at one share beyond empty").isEqualTo(60 * SECOND);
        assertThat(failures.waitFor("c", 0)).isEqualTo(60 * SECOND);
        assertThat(failures.waitFor("c", 60 * SECOND)).isZero();
    }

    @Test
    void whenTheMapIsFullThenRefilledBucketsAreDroppedAndBusyOnesKept() {
        TokenBuckets buckets = new TokenBuckets(1, SECOND, 2);
        buckets.tryTake("idle", 0);
        buckets.tryTake("busy", 5 * SECOND);

        buckets.tryTake("new", 5 * SECOND);

        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.tryTake("busy", 5 * SECOND)).as("busy kept its empty bucket").isPositive();
    }

    @Test
    void whenEveryBucketIsBusyAtTheBoundThenTheMapIsEmptiedRatherThanGrown() {
        TokenBuckets buckets = new TokenBuckets(1, SECOND, 2);
        buckets.tryTake("a", 0);
        buckets.tryTake("b", 0);

        buckets.tryTake("c", 0);

        assertThat(buckets.size()).isEqualTo(1);
    }
}
