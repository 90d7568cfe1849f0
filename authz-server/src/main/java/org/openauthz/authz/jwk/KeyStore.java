package org.openauthz.authz.jwk;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of JSON Web Keys, always sealed (never a plaintext private key at rest). Implementations: in memory
 * and JDBI/PostgreSQL, both held to {@code KeyStoreContract}.
 */
public interface KeyStore {
    /** @throws org.openauthz.authz.storage.DuplicateKeyException if the set already has that kid */
    void add(StoredKey key);

    /** The keys of a set, newest first (the first one signs); empty when the set does not exist. */
    List<StoredKey> list(String set);

    /**
     * Adds {@code key} only if the newest key of its set is still {@code expectedNewestKid} ({@code null}: the set is
     * empty), and says whether it did. Of two calls expecting the same newest key, on any number of replicas, at most
     * one adds: this is how replicas agree on a key rotation (decision 0021).
     *
     * @throws org.openauthz.authz.storage.DuplicateKeyException if the set already has that kid
     */
    boolean addIfNewestIs(StoredKey key, String expectedNewestKid);

    Optional<StoredKey> find(String set, String kid);

    /** Atomically replaces the whole set with the given keys. */
    void replaceSet(String set, List<StoredKey> keys);

    /** Returns false when the set had no keys. */
    boolean deleteSet(String set);

    /** Returns false when there was no such key. */
    boolean delete(String set, String kid);
}
