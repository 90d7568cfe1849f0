package org.openauthz.authz.client;

import org.openauthz.authz.storage.ChangeListener;
import org.openauthz.authz.storage.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps recently read clients in memory for a short time, so the token endpoint does not read the client row on
 * every request. Writes through this store invalidate at once; changes made by another replica arrive as
 * {@link ChangeListener#clientChanged} notices (decision 0008), and {@code ttl} bounds how long an entry can outlive
 * a notice that was lost (docs/operations.md, "Scaling out"). Unknown ids are not cached, so a new client works
 * immediately.
 *
 * <p>Reads take no lock: a hit is one {@link ConcurrentHashMap#get}. A miss that read the row while an invalidation
 * arrived must not put the row it read back into the cache (it may be the row before the change), so every
 * invalidation bumps {@link #invalidations}, and a miss drops what it cached if that counter moved meanwhile.
 */
public final class CachingClientStore implements ClientStore, ChangeListener {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(StoredClient client, Instant expiresAt) {
    }

    private final ClientStore delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public CachingClientStore(ClientStore delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public void create(StoredClient client) {
        forget(client.id());
        delegate.create(client);
    }

    @Override
    public Optional<StoredClient> find(String clientId) {
        Instant now = clock.instant();
        Entry entry = cache.get(clientId);
        if (entry != null && now.isBefore(entry.expiresAt())) {
            return Optional.of(entry.client());
        }
        long invalidationsBefore = invalidations.get();
        Optional<StoredClient> found = delegate.find(clientId);
        if (found.isPresent()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            Entry fresh = new Entry(found.get(), now.plus(ttl));
            cache.put(clientId, fresh);
            // Checked after the put: an invalidation either bumped the counter before this check (the entry is
            // removed here) or removes the entry itself after the put.
            if (invalidations.get() != invalidationsBefore) {
                cache.remove(clientId, fresh);
            }
        } else {
            cache.remove(clientId);
        }
        return found;
    }

    @Override
    public boolean update(StoredClient client) {
        try {
            return delegate.update(client);
        } finally {
            forget(client.id());
        }
    }

    @Override
    public boolean updateIfRegistrationToken(StoredClient client, String expectedRegistrationTokenHash) {
        try {
            return delegate.updateIfRegistrationToken(client, expectedRegistrationTokenHash);
        } finally {
            forget(client.id());
        }
    }

    @Override
    public boolean replaceSecretHash(String clientId, String expectedHash, String newHash) {
        try {
            return delegate.replaceSecretHash(clientId, expectedHash, newHash);
        } finally {
            forget(clientId);
        }
    }

    @Override
    public boolean delete(String clientId) {
        try {
            return delegate.delete(clientId);
        } finally {
            forget(clientId);
        }
    }

    @Override
    public Page<StoredClient> list(int limit, int offset, String clientName, String owner) {
        return delegate.list(limit, offset, clientName, owner);
    }

    @Override
    public void clientChanged(String clientId) {
        forget(clientId);
    }

    @Override
    public void anythingMayHaveChanged() {
        invalidations.incrementAndGet();
        cache.clear();
    }

    private void forget(String clientId) {
        invalidations.incrementAndGet();
        cache.remove(clientId);
    }
}
