package org.openauthz.authz.client;

import org.openauthz.authz.storage.ChangeListener;

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
 * <p>What is remembered, per client id, is the stored hash that was checked and an HMAC of the secret under a key
 * that exists only in this process's memory. A memory dump therefore yields nothing usable offline faster than the
 * database hash itself would. Only successes are remembered: a wrong secret always costs a full PBKDF2
 * verification, so online guessing is not sped up. A remembered success counts only for the same stored hash, which
 * changes whenever the secret does; on top of that a changed or deleted client is forgotten as soon as its change
 * notice arrives (decision 0008), so nothing of an old secret stays in memory.
 */
public final class SecretVerifier implements ChangeListener {
    private static final int MAX_ENTRIES = 100_000;

    private record Verified(String storedHash, byte[] mac) {
    }

    private final SecretHasher hasher;
    private final SecretKeySpec cacheKey;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SecretVerifier(SecretHasher hasher, SecureRandom random) {
        this.hasher = hasher;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Whether {@code presented} is the secret of client {@code clientId}, whose stored hash is {@code storedHash}. */
    public boolean verify(String clientId, String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] mac = mac(presented);
        Verified known = verified.get(clientId);
        if (known != null && known.storedHash().equals(storedHash) && MessageDigest.isEqual(known.mac(), mac)) {
            return true;
        }
        if (!hasher.matches(presented, storedHash)) {
            return false;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(clientId, new Verified(storedHash, mac));
        return true;
    }

    @Override
    public void clientChanged(String clientId) {
        verified.remove(clientId);
    }

    @Override
    public void anythingMayHaveChanged() {
        verified.clear();
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
