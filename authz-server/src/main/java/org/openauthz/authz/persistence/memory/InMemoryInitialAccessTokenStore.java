package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.client.InitialAccessToken;
import org.openauthz.authz.client.InitialAccessTokenStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link InitialAccessTokenStore} in memory; one lock makes using a single-use token atomic. */
public final class InMemoryInitialAccessTokenStore implements InitialAccessTokenStore {
    private final Map<String, InitialAccessToken> tokens = new HashMap<>();

    @Override
    public synchronized void create(InitialAccessToken token) {
        tokens.values().removeIf(t -> !t.expiresAt().isAfter(token.createdAt()));
        tokens.put(token.hash(), token);
    }

    @Override
    public synchronized boolean isUsable(String hash, Instant now) {
        InitialAccessToken token = tokens.get(hash);
        return token != null && token.expiresAt().isAfter(now);
    }

    @Override
    public synchronized boolean use(String hash, Instant now) {
        if (!isUsable(hash, now)) {
            return false;
        }
        if (tokens.get(hash).singleUse()) {
            tokens.remove(hash);
        }
        return true;
    }
}
