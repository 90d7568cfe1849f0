package org.openauthz.authz.client;

import org.openauthz.authz.storage.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps recently read clients in memory for a short time, so the token endpoint does not read the client row on
 * every request. Writes through this store invalidate at once; changes made by another replica are seen within
 * {@code ttl} (docs/operations.md, "scaling out"). Unknown ids are not cached, so a new client works immediately.
 */
public final class CachingClientStore implements ClientStore {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(StoredClient client, Instant expiresAt) {
    }

    private final ClientStore delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public CachingClientStore(ClientStore delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public void create(StoredClient client) {
        cache.remove(client.id());
        delegate.create(client);
    }

    @Override
    public Optional<StoredClient> find(String clientId) {
        Instant now = clock.instant();
        Entry entry = cache.get(clientId);
        if (entry != null && now.isBefore(entry.expiresAt())) {
            return Optional.of(entry.client());
        }
        Optional<StoredClient> found = delegate.find(clientId);
        if (found.isPresent()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(clientId, new Entry(found.get(), now.plus(ttl)));
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
            cache.remove(client.id());
        }
    }

    @Override
    public boolean delete(String clientId) {
        try {
            return delegate.delete(clientId);
        } finally {
            cache.remove(clientId);
        }
    }

    @Override
    public Page<StoredClient> list(int limit, int offset, String clientName, String owner) {
        return delegate.list(limit, offset, clientName, owner);
    }
}
