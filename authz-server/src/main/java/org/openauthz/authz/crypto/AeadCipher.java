package org.openauthz.authz.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * AES-256-GCM with a random 12-byte nonce prepended to the ciphertext, base64url-encoded, keyed by the system
 * secrets (docs/security.md). Encrypts with the current key; decrypts with any, so rotation keeps old data readable.
 */
public final class AeadCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final List<SecretKeySpec> keys;
    private final SecureRandom random;
    /**
     * One cipher object per thread, initialised afresh for every value: looking up the provider and expanding the
     * AES key on each call (the JDK keeps the expanded key while the key stays the same) was a tenth of what a
     * sign-in allocated. A {@code Cipher} is not safe for concurrent use, hence one per thread.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(AeadCipher::newCipher);

    public AeadCipher(SystemSecrets secrets, SecureRandom random) {
        this.keys = secrets.all().stream().map(k -> new SecretKeySpec(k, "AES")).toList();
        this.random = random;
    }

    public String encrypt(String plaintext) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String encrypt(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws DecryptionFailedException when no system secret opens the value (wrong or rotated-out secret) */
    public byte[] decrypt(String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailedException("the value is not base64url");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("the value is too short to be AES-GCM sealed");
        }
        for (SecretKeySpec key : keys) {
            try {
                Cipher cipher = ciphers.get();
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
                return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            } catch (AEADBadTagException e) {
                // try the next (older) secret
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is unavailable", e);
            }
        }
        throw new DecryptionFailedException("none of the system secrets can decrypt the value");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decryptToString(String sealed) {
        return new String(decrypt(sealed), StandardCharsets.UTF_8);
    }

    /** Data sealed under a secret that is no longer configured, or tampered with. */
    public static final class DecryptionFailedException extends RuntimeException {
        public DecryptionFailedException(String message) {
            super(message);
        }
    }
}
