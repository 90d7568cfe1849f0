package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.oauth2.par.PushedRequest;
import org.openauthz.authz.oauth2.par.PushedRequestStore;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PushedRequestStore} in memory; expired requests are dropped as new ones arrive. */
public final class InMemoryPushedRequestStore implements PushedRequestStore {
    private final ConcurrentHashMap<String, PushedRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void save(PushedRequest request) {
        Instant now = Instant.now();
        requests.values().removeIf(r -> r.expiresAt().isBefore(now));
        requests.put(request.signature(), request);
    }

    @Override
    public Optional<PushedRequest> consume(String signature, String clientId, Instant now) {
        PushedRequest found = requests.get(signature);
        if (found == null || !found.clientId().equals(clientId) || !found.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        return requests.remove(signature, found) ? Optional.of(found) : Optional.empty();
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        int deleted = 0;
        for (PushedRequest request : requests.values()) {
            if (deleted >= limit) {
                break;
            }
            if (request.expiresAt().isBefore(before) && requests.remove(request.signature(), request)) {
                deleted++;
            }
        }
        return deleted;
    }
}
