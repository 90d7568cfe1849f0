package org.openauthz.authz.client;

import org.springframework.security.crypto.bcrypt.BCrypt;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Hashes client secrets with PBKDF2-HMAC-SHA256 in Hydra v2's format ({@code $pbkdf2-sha256$i=N,l=32$salt$key},
 * docs/decisions/0003-client-secret-hashing.md), so a stolen database resists offline guessing. Hydra v1's bcrypt at
 * cost 10 verifies ~15 times a second per core; PBKDF2 at 25,000 iterations ~190 times, and {@link SecretVerifier}
 * keeps repeat verifications off this path entirely. See docs/decisions/0003-client-secret-hashing.md.
 *
 * <p>Hashes copied from a Hydra v1 database ({@code hydra migrate from-hydra}) are bcrypt ({@code $2a$...}); they are
 * verified as bcrypt and {@link #isCurrent} tells the caller to replace them after the first successful check
 * (decision 0016).
 */
public final class SecretHasher {
    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final Base64.Encoder ENC = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random;

    public SecretHasher(int iterations, SecureRandom random) {
        this.iterations = iterations;
        this.random = random;
    }

    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(secret, salt, iterations, KEY_BYTES);
        return PREFIX + "i=" + iterations + ",l=" + KEY_BYTES + "$" + ENC.encodeToString(salt) + "$"
                + ENC.encodeToString(key);
    }

    /** Constant-time comparison; false for anything that is neither a hash this class made nor a bcrypt hash. */
    public boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        if (isBcrypt(stored)) {
            return matchesBcrypt(secret, stored);
        }
        if (!stored.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        try {
            int rounds = 0;
            int length = 0;
            for (String param : parts[0].split(",")) {
                if (param.startsWith("i=")) {
                    rounds = Integer.parseInt(param.substring(2));
                } else if (param.startsWith("l=")) {
                    length = Integer.parseInt(param.substring(2));
                }
            }
            byte[] salt = DEC.decode(parts[1]);
            byte[] expected = DEC.decode(parts[2]);
            if (rounds < 1 || length != expected.length) {
                return false;
            }
            return MessageDigest.isEqual(derive(secret, salt, rounds, length), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} is in this hasher's format, so that a verified secret need not be hashed again. */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    /**
     * bcrypt as Hydra v1 (Go's x/crypto/bcrypt) checks it: the key schedule only reaches the first 72 bytes, so a
     * longer secret is cut there; the recomputed hash is compared in constant time.
     */
    private static boolean matchesBcrypt(String secret, String stored) {
        byte[] bytes = utf8(secret);
        byte[] key = bytes.length > BCRYPT_MAX_BYTES ? java.util.Arrays.copyOf(bytes, BCRYPT_MAX_BYTES) : bytes;
        try {
            return MessageDigest.isEqual(utf8(BCrypt.hashpw(key, stored)), utf8(stored));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String secret, byte[] salt, int rounds, int length) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, rounds, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
