package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client secrets are stored as salted PBKDF2-HMAC-SHA256 in Hydra v2's format
 * (docs/decisions/0003-client-secret-hashing.md;
 * <a href="https://www.rfc-editor.org/rfc/rfc8018#section-5.2">RFC 8018 §5.2</a>), never
 * in plaintext (RFC 6819 §5.1.4.1.3).
 */
class SecretHasherTest {
    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());

    @Test
    void whenHashedThenHydraV2Pbkdf2FormatWithIterationsAndLength() {
        String hash = hasher.hash("my-client-secret");

        assertThat(hash).startsWith("$pbkdf2-sha256$i=1000,l=32$")
                .matches("\\$pbkdf2-sha256\\$i=1000,l=32\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("my-client-secret");
    }

    @Test
    void whenSameSecretIsHashedTwiceThenSaltsDiffer() {
        String first = hasher.hash("my-client-secret");
        String second = hasher.hash("my-client-secret");

        assertThat(first).isNotEqualTo(second);
        assertThat(salt(first)).isNotEqualTo(salt(second));
    }

    @Test
    void whenSecretMatchesThenTrue() {
        assertThat(hasher.matches("my-client-secret", hasher.hash("my-client-secret"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-client-secreT", "my-client-secret ", "", "my-client-secre"})
    void whenSecretDiffersThenFalse(String presented) {
        assertThat(hasher.matches(presented, hasher.hash("my-client-secret"))).isFalse();
    }

    @Test
    void whenHashWasMadeWithOtherIterationsThenTheStoredCountIsUsed() {
        // Raising oauth2.hashers.pbkdf2.iterations must not lock out clients hashed under the old count.
        String hash = new SecretHasher(2000, new SecureRandom()).hash("my-client-secret");

        assertThat(hasher.matches("my-client-secret", hash)).isTrue();
    }

    @Test
    void whenSecretIsNonAsciiThenRoundTrips() {
        assertThat(hasher.matches("sécret-✓", hasher.hash("sécret-✓"))).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "plaintext-secret",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "$pbkdf2-sha256$",
            "$pbkdf2-sha256$i=1000,l=32$c2FsdA",
            "$pbkdf2-sha256$i=abc,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=0,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=16$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAA$extra",
    })
    void whenStoredHashIsMalformedThenFalseInsteadOfAnError(String stored) {
        assertThat(hasher.matches("my-client-secret", stored)).isFalse();
    }

    @Test
    void whenPresentedSecretIsNullThenFalse() {
        assertThat(hasher.matches(null, hasher.hash("my-client-secret"))).isFalse();
    }

    @Test
    void whenStoredHashIsBcryptFromHydraV1ThenTheRightSecretMatchesAndItIsNotCurrent() {
        // A published bcrypt test vector (OpenBSD's, also used by jBCrypt): "abc" at cost 6.
        String bcrypt = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";

        assertThat(hasher.matches("abc", bcrypt)).isTrue();
        assertThat(hasher.matches("abd", bcrypt)).isFalse();
        assertThat(hasher.matches("abc", "$2y$" + bcrypt.substring(4))).isTrue();
        assertThat(hasher.isCurrent(bcrypt)).isFalse();
        assertThat(hasher.isCurrent(hasher.hash("abc"))).isTrue();
    }

    @Test
    void whenBcryptSecretIsLongerThan72BytesThenOnlyTheFirst72CountAsInHydraV1() {
        String first72 = "x".repeat(72);
        String bcrypt = org.springframework.security.crypto.bcrypt.BCrypt.hashpw(first72,
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));

        assertThat(hasher.matches(first72 + "anything after", bcrypt)).isTrue();
        assertThat(hasher.matches("x".repeat(71), bcrypt)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$", "$2a$10$short", "$2a$99$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"})
    void whenBcryptHashIsMalformedThenNoMatchAndNoException(String stored) {
        assertThat(hasher.matches("abc", stored)).isFalse();
    }

    private static String salt(String hash) {
        return hash.split("\\$")[3];
    }
}
