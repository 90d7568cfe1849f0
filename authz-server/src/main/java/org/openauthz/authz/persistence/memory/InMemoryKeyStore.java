package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.jwk.StoredKey;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link KeyStore} over {@link InMemoryDatabase}. */
public final class InMemoryKeyStore implements KeyStore {
    private static final Comparator<StoredKey> NEWEST_FIRST =
            Comparator.comparing(StoredKey::createdAt).reversed().thenComparing(StoredKey::kid);

    private final InMemoryDatabase db;

    public InMemoryKeyStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void add(StoredKey key) {
        synchronized (db) {
            List<StoredKey> set = db.keys.computeIfAbsent(key.set(), s -> new ArrayList<>());
            if (set.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
                throw new DuplicateKeyException("key " + key.kid() + " exists in set " + key.set());
            }
            set.add(key);
        }
    }

    @Override
    public boolean addIfNewestIs(StoredKey key, String expectedNewestKid) {
        synchronized (db) {
            List<StoredKey> current = list(key.set());
            String newest = current.isEmpty() ? null : current.get(0).kid();
            if (!Objects.equals(newest, expectedNewestKid)) {
                return false;
            }
            add(key);
            return true;
        }
    }

    @Override
    public List<StoredKey> list(String set) {
        synchronized (db) {
            return db.keys.getOrDefault(set, List.of()).stream().sorted(NEWEST_FIRST).toList();
        }
    }

    @Override
    public Optional<StoredKey> find(String set, String kid) {
        return list(set).stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    @Override
    public void replaceSet(String set, List<StoredKey> keys) {
        long distinct = keys.stream().map(StoredKey::kid).distinct().count();
        if (distinct != keys.size()) {
            throw new DuplicateKeyException("the set holds the same kid twice");
        }
        synchronized (db) {
            db.keys.put(set, new ArrayList<>(keys));
        }
    }

    @Override
    public boolean deleteSet(String set) {
        synchronized (db) {
            List<StoredKey> removed = db.keys.remove(set);
            return removed != null && !removed.isEmpty();
        }
    }

    @Override
    public boolean delete(String set, String kid) {
        synchronized (db) {
            List<StoredKey> keys = db.keys.get(set);
            return keys != null && keys.removeIf(k -> k.kid().equals(kid));
        }
    }
}
