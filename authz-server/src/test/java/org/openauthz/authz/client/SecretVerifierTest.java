package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification cache in front of PBKDF2: it may only ever turn a slow "yes" into a fast "yes" (docs/decisions
 * 0003), never make a wrong secret pass (RFC 6749 §2.3.1 client authentication).
 */
class SecretVerifierTest {
    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());
    private final SecretVerifier verifier = new SecretVerifier(hasher, new SecureRandom());

    @Test
    void whenSecretMatchesThenTrueAndStillTrueFromTheCache() {
        String hash = hasher.hash("right-secret");

        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();
        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();
    }

    @Test
    void whenWrongSecretFollowsASuccessThenStillRejected() {
        String hash = hasher.hash("right-secret");
        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();

        assertThat(verifier.verify("client", "wrong-secret", hash)).isFalse();
        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();
    }

    @Test
    void whenWrongSecretComesFirstThenItIsNotRemembered() {
        String hash = hasher.hash("right-secret");

        assertThat(verifier.verify("client", "wrong-secret", hash)).isFalse();
        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();
        assertThat(verifier.verify("client", "wrong-secret", hash)).isFalse();
    }

    @Test
    void whenStoredHashChangesThenTheOldSecretNoLongerPasses() {
        // A secret rotated through PUT /clients/{id} gets a new hash; the cache must not keep the old secret alive.
        String oldHash = hasher.hash("old-secret");
        assertThat(verifier.verify("client", "old-secret", oldHash)).isTrue();
        String newHash = hasher.hash("new-secret");

        assertThat(verifier.verify("client", "old-secret", newHash)).isFalse();
        assertThat(verifier.verify("client", "new-secret", newHash)).isTrue();
    }

    @Test
    void whenSameSecretIsRehashedThenTheNewHashVerifiesToo() {
        String first = hasher.hash("same-secret");
        String second = hasher.hash("same-secret");

        assertThat(verifier.verify("client", "same-secret", first)).isTrue();
        assertThat(verifier.verify("client", "same-secret", second)).isTrue();
    }

    @Test
    void whenPublicClientHasNoHashThenNothingVerifies() {
        assertThat(verifier.verify("client", "anything", null)).isFalse();
        assertThat(verifier.verify("client", null, hasher.hash("right-secret"))).isFalse();
    }

    @Test
    void whenTwoVerifiersShareNothingThenEachVerifiesOnItsOwn() {
        // Each process has its own cache key, so a cache entry is worthless outside the process that made it.
        String hash = hasher.hash("right-secret");
        SecretVerifier other = new SecretVerifier(hasher, new SecureRandom());
        assertThat(verifier.verify("client", "right-secret", hash)).isTrue();

        assertThat(other.verify("client", "wrong-secret", hash)).isFalse();
        assertThat(other.verify("client", "right-secret", hash)).isTrue();
    }

    @Test
    void whenStoredHashIsBcryptThenTheFirstSuccessStoresOurFormatAndLaterChecksUseIt() {
        String bcrypt = bcrypt("old-secret");
        java.util.Map<String, String> stored = new java.util.HashMap<>(java.util.Map.of("client", bcrypt));
        SecretVerifier upgrading = new SecretVerifier(hasher, new SecureRandom(),
                (id, expected, next) -> stored.replace(id, expected, next));

        assertThat(upgrading.verify("client", "wrong-secret", bcrypt)).isFalse();
        assertThat(stored.get("client")).isEqualTo(bcrypt);
        assertThat(upgrading.verify("client", "old-secret", bcrypt)).isTrue();

        String now = stored.get("client");
        assertThat(now).startsWith("$pbkdf2-sha256$");
        assertThat(hasher.matches("old-secret", now)).isTrue();
        assertThat(upgrading.verify("client", "old-secret", now)).isTrue();
        assertThat(upgrading.verify("client", "wrong-secret", now)).isFalse();
    }

    @Test
    void whenStoringTheNewHashFailsThenAuthenticationStillSucceeds() {
        String bcrypt = bcrypt("old-secret");
        SecretVerifier failing = new SecretVerifier(hasher, new SecureRandom(), (id, expected, next) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(failing.verify("client", "old-secret", bcrypt)).isTrue();
        assertThat(failing.verify("client", "old-secret", bcrypt)).isTrue();
    }

    /** A bcrypt hash as Hydra v1 stores client secrets (at the lowest cost, to keep the test fast). */
    private static String bcrypt(String secret) {
        return org.springframework.security.crypto.bcrypt.BCrypt.hashpw(secret,
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));
    }
}
