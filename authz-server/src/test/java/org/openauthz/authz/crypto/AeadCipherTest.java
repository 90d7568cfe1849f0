package org.openauthz.authz.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AES-256-GCM sealing of keys and sessions at rest with the system secrets (docs/security.md): the first secret
 * encrypts, all of them decrypt, and GCM's tag rejects any change (NIST SP 800-38D).
 */
class AeadCipherTest {
    private static final String OLD_SECRET = "the-old-system-secret-0123456789";
    private static final String NEW_SECRET = "the-new-system-secret-0123456789";

    private final AeadCipher cipher = cipher(OLD_SECRET);

    private static AeadCipher cipher(String... secrets) {
        return new AeadCipher(new SystemSecrets(List.of(secrets)), new SecureRandom());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"kty\":\"RSA\",\"d\":\"private\"}", "üñíçødé ✓"})
    void whenEncryptedThenDecryptsToTheSameText(String plaintext) {
        String sealed = cipher.encrypt(plaintext);

        assertThat(cipher.decryptToString(sealed)).isEqualTo(plaintext);
    }

    @Test
    void whenEncryptedThenOutputIsBase64UrlAndHidesThePlaintext() {
        String sealed = cipher.encrypt("{\"d\":\"private-key-material\"}");

        assertThat(sealed).matches("[A-Za-z0-9_=-]+").doesNotContain("private");
        // 12-byte nonce + ciphertext + 16-byte tag.
        assertThat(Base64.getUrlDecoder().decode(sealed)).hasSize(12 + 28 + 16);
    }

    @Test
    void whenSameTextIsEncryptedTwiceThenNoncesMakeTheOutputsDiffer() {
        // GCM must never reuse a nonce under one key (NIST SP 800-38D §8).
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void whenSecretIsRotatedThenDataSealedUnderTheOldSecretStillDecrypts() {
        String sealed = cipher.encrypt("sealed before rotation");

        assertThat(cipher(NEW_SECRET, OLD_SECRET).decryptToString(sealed)).isEqualTo("sealed before rotation");
    }

    @Test
    void whenSecretIsRotatedThenNewDataIsSealedUnderTheNewSecret() {
        String sealed = cipher(NEW_SECRET, OLD_SECRET).encrypt("sealed after rotation");

        assertThat(cipher(NEW_SECRET).decryptToString(sealed)).isEqualTo("sealed after rotation");
        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(AeadCipher.DecryptionFailedException.class);
    }

    @Test
    void whenSecretIsWrongThenDecryptionFails() {
        String sealed = cipher.encrypt("secret");

        assertThatThrownBy(() -> cipher(NEW_SECRET).decrypt(sealed))
                .isInstanceOf(AeadCipher.DecryptionFailedException.class)
                .hasMessageContaining("none of the system secrets");
    }

    @Test
    void whenCiphertextIsTamperedThenDecryptionFails() {
        byte[] bytes = Base64.getUrlDecoder().decode(cipher.encrypt("do not change me"));
        bytes[14] ^= 0x01;
        String tampered = Base64.getUrlEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(AeadCipher.DecryptionFailedException.class);
    }

    @Test
    void whenNonceIsTamperedThenDecryptionFails() {
        byte[] bytes = Base64.getUrlDecoder().decode(cipher.encrypt("do not change me"));
        bytes[0] ^= 0x01;
        String tampered = Base64.getUrlEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(AeadCipher.DecryptionFailedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "a+b/c===", "%%%"})
    void whenInputIsNotBase64UrlThenDecryptionFails(String sealed) {
        assertThatThrownBy(() -> cipher.decrypt(sealed))
                .isInstanceOf(AeadCipher.DecryptionFailedException.class)
                .hasMessageContaining("not base64url");
    }

    @Test
    void whenInputIsTooShortToHoldNonceAndTagThenDecryptionFails() {
        String tooShort = Base64.getUrlEncoder().encodeToString("short".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> cipher.decrypt(tooShort))
                .isInstanceOf(AeadCipher.DecryptionFailedException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void whenManyThreadsSealAndOpenAtOnceThenEveryValueRoundTrips() throws Exception {
        // Each thread keeps its own Cipher object, reinitialised per value, and a failed decryption (wrong secret)
        // must leave it usable.
        AeadCipher rotated = cipher(NEW_SECRET, OLD_SECRET);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String prefix = "thread-" + t + "-";
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String value = prefix + i;
                        if (!rotated.decryptToString(cipher.encrypt(value)).equals(value)
                                || !cipher.decryptToString(cipher.encrypt(value)).equals(value)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
