package org.openauthz.authz.jwk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rotation schedule (decision 0021) with a clock the test moves: a next key is published {@code prepublish} ahead
 * of its use, signs from its time on, and the key it replaced is deleted once nothing it signed can still be valid.
 */
class KeyRotationTest {
    private static final String SET = KeyService.ID_TOKEN_SET;
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofHours(24);
    private static final Duration PREPUBLISH = Duration.ofHours(6);
    private static final Duration TOKEN_LIFESPAN = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(T0);
    private final KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()),
            new AeadCipher(new SystemSecrets(List.of("the-system-secret-0123456789")), new SecureRandom()),
            new KeyGenerator(2048), clock);
    private String first;

    private KeyRotation rotation(Duration interval) {
        return new KeyRotation(keys, List.of(SET), new KeyRotation.Schedule(interval, PREPUBLISH, TOKEN_LIFESPAN),
                clock);
    }

    @BeforeEach
    void oneKey() {
        keys.ensureSigningKey(SET, "RS256");
        first = signer();
    }

    private String signer() {
        return keys.signingKey(SET).orElseThrow().getKeyID();
    }

    private List<String> published() {
        return keys.published(SET).stream().map(PublishedKey::kid).toList();
    }

    @Test
    void whenRotationIsOffThenNothingEverChanges() {
        KeyRotation off = rotation(Duration.ZERO);
        clock.advance(Duration.ofDays(30));

        off.runDue();

        assertThat(published()).containsExactly(first);
    }

    @Test
    void whenThePrepublicationTimeComesThenTheNextKeyIsPublishedAndSignsOnlyAtTheInterval() {
        KeyRotation rotation = rotation(INTERVAL);
        clock.advance(INTERVAL.minus(PREPUBLISH).minusSeconds(1));
        rotation.runDue();
        assertThat(published()).as("too early").containsExactly(first);

        clock.advance(Duration.ofSeconds(1));
        rotation.runDue();
        rotation.runDue();
        assertThat(published()).as("published once, however often it runs").hasSize(2).endsWith(first);
        String next = published().get(0);
        assertThat(keys.published(SET).get(0).useFrom()).isEqualTo(T0.plus(INTERVAL));
        assertThat(signer()).isEqualTo(first);

        clock.advance(PREPUBLISH.minusSeconds(1));
        assertThat(signer()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(signer()).isEqualTo(next);
    }

    @Test
    void whenEveryTokenTheOldKeySignedHasExpiredThenItIsDeletedAndNotBefore() {
        KeyRotation rotation = rotation(INTERVAL);
        clock.advance(INTERVAL.minus(PREPUBLISH));
        rotation.runDue();
        clock.set(T0.plus(INTERVAL));
        String next = signer();

        clock.advance(TOKEN_LIFESPAN.plus(KeyRotation.CLOCK_SKEW_LEEWAY).minusSeconds(1));
        rotation.runDue();
        assertThat(published()).containsExactly(next, first);

        clock.advance(Duration.ofSeconds(1));
        rotation.runDue();
        assertThat(published()).containsExactly(next);
    }

    @Test
    void whenTheServerWasStoppedPastTheDueTimeThenTheNextKeyStillGetsTheWholePrepublicationPeriod() {
        KeyRotation rotation = rotation(INTERVAL);
        clock.advance(Duration.ofDays(3));

        rotation.runDue();

        assertThat(keys.published(SET).get(0).useFrom()).isEqualTo(clock.instant().plus(PREPUBLISH));
        assertThat(signer()).isEqualTo(first);
    }

    @Test
    void whenRotatedOnDemandThenTheNewKeySignsAtOnceAndTheOldOneStaysPublished() {
        clock.advance(Duration.ofMinutes(1));
        var rotated = rotation(Duration.ZERO).rotateNow(SET);

        assertThat(signer()).isEqualTo(rotated.getKeyID()).isNotEqualTo(first);
        assertThat(published()).containsExactly(rotated.getKeyID(), first);
        assertThat(rotated.getAlgorithm().getName()).isEqualTo("RS256");
    }

    @Test
    void whenAnUnknownSetIsRotatedThenResourceNotFound() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> rotation(INTERVAL).rotateNow("nope"));

        assertThat(e.error().status()).isEqualTo(404);
    }
}
