package org.openauthz.authz.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies presented client secrets against stored hashes, remembering successful verifications so that a client
 * calling the token endpoint thousands of times a second pays the slow hash once.
 *
 * <p>What is remembered is an HMAC of the secret under a key that exists only in this process's memory, indexed by
 * the stored hash (which changes whenever the secret does). A memory dump therefore yields nothing usable offline
 * faster than the database hash itself would. Only successes are remembered: a wrong secret always costs a full
 * PBKDF2 verification, so online guessing is not sped up.
 */
public final class SecretVerifier {
    private static final int MAX_ENTRIES = 100_000;

    private final SecretHasher hasher;
    private final SecretKeySpec cacheKey;
    private final ConcurrentHashMap<String, byte[]> verified = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SecretVerifier(SecretHasher hasher, SecureRandom random) {
        this.hasher = hasher;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    public boolean verify(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] mac = mac(presented);
        byte[] known = verified.get(storedHash);
        if (known != null && MessageDigest.isEqual(known, mac)) {
            return true;
        }
        if (!hasher.matches(presented, storedHash)) {
            return false;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(storedHash, mac);
        return true;
    }

    private byte[] mac(String secret) {
        return macs.get().doFinal(SecretHasher.utf8(secret));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
