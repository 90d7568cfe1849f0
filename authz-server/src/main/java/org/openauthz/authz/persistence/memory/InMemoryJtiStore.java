package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.oauth2.JtiStore;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** {@link JtiStore} in memory; expired ids are dropped as new ones arrive. */
public final class InMemoryJtiStore implements JtiStore {
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryJtiStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String jtiHash, Instant expiresAt) {
        Instant now = clock.instant();
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        return seen.putIfAbsent(jtiHash, expiresAt) == null;
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        int deleted = 0;
        for (var entry : seen.entrySet()) {
            if (deleted >= limit) {
                break;
            }
            if (entry.getValue().isBefore(before) && seen.remove(entry.getKey(), entry.getValue())) {
                deleted++;
            }
        }
        return deleted;
    }
}
