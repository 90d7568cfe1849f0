package org.openauthz.authz.oauth2.device;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceChallengesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final OpaqueTokens tokens = new OpaqueTokens(new SystemSecrets(List.of("a-system-secret-for-tests")),
            new SecureRandom());
    private final DeviceChallenges challenges = new DeviceChallenges(tokens, new SecureRandom(),
            Duration.ofMinutes(10), clock);

    @Test
    void whenAChallengeIsOpenedThenItNamesItselfAndItsSourceWithoutTheAddress() {
        String challenge = challenges.issue("203.0.113.7");

        DeviceChallenges.Challenge opened = challenges.open(challenge).orElseThrow();

        assertThat(opened.sourceKey()).isEqualTo(tokens.keyedHash("203.0.113.7"));
        assertThat(challenge).doesNotContain("203.0.113.7");
        assertThat(challenges.open(challenges.issue("203.0.113.7")).orElseThrow().key())
                .as("every visit is its own challenge").isNotEqualTo(opened.key());
    }

    @Test
    void whenAChallengeHasExpiredThenItDoesNotOpen() {
        String challenge = challenges.issue("203.0.113.7");

        clock.advance(Duration.ofMinutes(10));

        assertThat(challenges.open(challenge)).isEmpty();
    }

    @Test
    void whenAChallengeIsForgedOrMalformedThenItDoesNotOpen() {
        String challenge = challenges.issue("203.0.113.7");
        String payload = challenge.substring(0, challenge.indexOf('.'));
        String otherSecret = new DeviceChallenges(new OpaqueTokens(new SystemSecrets(List.of("another-secret-entirely")),
                new SecureRandom()), new SecureRandom(), Duration.ofMinutes(10), clock).issue("203.0.113.7");

        assertThat(challenges.open(payload + ".AAAA")).isEmpty();
        assertThat(challenges.open(otherSecret)).isEmpty();
        assertThat(challenges.open("not-a-challenge")).isEmpty();
        assertThat(challenges.open("%%%.%%%")).isEmpty();
        assertThat(challenges.open(null)).isEmpty();
        assertThat(challenges.open("A".repeat(1000) + ".B")).isEmpty();
    }
}
