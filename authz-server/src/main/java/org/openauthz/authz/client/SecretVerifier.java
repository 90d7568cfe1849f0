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
 *
 * <p>A hash in an older format (bcrypt, copied from Hydra v1) is replaced by this server's format after the first
 * successful verification, while the plaintext is at hand (decision 0016). The replacement is conditional on the
 * stored hash being unchanged, so it never undoes a secret change made meanwhile.
 */
public final class SecretVerifier implements ChangeListener {
    private static final int MAX_ENTRIES = 100_000;

    private record Verified(String storedHash, byte[] mac) {
    }

    /** Stores {@code newHash} for the client if its stored hash is still {@code expectedHash}; whether it did. */
    @FunctionalInterface
    public interface HashUpgrade {
        boolean replace(String clientId, String expectedHash, String newHash);

        HashUpgrade NONE = (clientId, expectedHash, newHash) -> false;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecretVerifier.class);

    private final SecretHasher hasher;
    private final HashUpgrade upgrade;
    private final SecretKeySpec cacheKey;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Verified> verifiedPrevious = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SecretVerifier(SecretHasher hasher, SecureRandom random) {
        this(hasher, random, HashUpgrade.NONE);
    }

    /** {@code upgrade} stores the re-hashed secret of a client whose hash was in an older format. */
    public SecretVerifier(SecretHasher hasher, SecureRandom random, HashUpgrade upgrade) {
        this.hasher = hasher;
        this.upgrade = upgrade;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Whether {@code presented} is the secret of client {@code clientId}, whose stored hash is {@code storedHash}. */
    public boolean verify(String clientId, String presented, String storedHash) {
        return verify(verified, clientId, presented, storedHash, true);
    }

    /**
     * Whether {@code presented} is the client's previous secret, still valid during the overlap of a secret rotation
     * (decision 0021). Remembered apart from the current secret, so a client whose instances use both during the
     * overlap pays the slow hash once for each; never re-hashed, as it is about to expire anyway.
     */
    public boolean verifyPrevious(String clientId, String presented, String previousHash) {
        return verify(verifiedPrevious, clientId, presented, previousHash, false);
    }

    private boolean verify(ConcurrentHashMap<String, Verified> remembered, String clientId, String presented,
                           String storedHash, boolean upgradeOlderFormat) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] mac = mac(presented);
        Verified known = remembered.get(clientId);
        if (known != null && known.storedHash().equals(storedHash) && MessageDigest.isEqual(known.mac(), mac)) {
            return true;
        }
        if (!hasher.matches(presented, storedHash)) {
            return false;
        }
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(clientId, new Verified(upgradeOlderFormat ? upgraded(clientId, presented, storedHash)
                : storedHash, mac));
        return true;
    }

    /** The hash now stored for the client: a fresh one in this server's format if {@code storedHash} was older. */
    private String upgraded(String clientId, String presented, String storedHash) {
        if (hasher.isCurrent(storedHash)) {
            return storedHash;
        }
        String current = hasher.hash(presented);
        try {
            return upgrade.replace(clientId, storedHash, current) ? current : storedHash;
        } catch (RuntimeException e) {
            // The secret was right: authentication succeeds; the re-hash is tried again on the next verification.
            LOG.warn("Could not store the re-hashed secret of client {}: {}", clientId, e.getClass().getSimpleName());
            return storedHash;
        }
    }

    @Override
    public void clientChanged(String clientId) {
        verified.remove(clientId);
        verifiedPrevious.remove(clientId);
    }

    @Override
    public void anythingMayHaveChanged() {
        verified.clear();
        verifiedPrevious.clear();
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
