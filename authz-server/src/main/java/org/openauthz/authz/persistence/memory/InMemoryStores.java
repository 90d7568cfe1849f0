package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.storage.ChangeFeed;

import java.time.Clock;
import java.util.List;

/** {@code DSN=memory}: every store in this process's memory, lost on exit; one process, so no change feed. */
public final class InMemoryStores {
    private InMemoryStores() {
    }

    public static Stores open() {
        InMemoryDatabase db = new InMemoryDatabase();
        return new Stores(new InMemoryClientStore(db), new InMemoryTokenStore(db), new InMemoryKeyStore(db),
                new InMemoryFlowStore(db), new InMemoryLoginSessionStore(db), new InMemoryLogoutRequestStore(db),
                new InMemoryJtiStore(Clock.systemUTC()),
                List.of(), ChangeFeed.NONE, List.of(),
                new InMemoryPushedRequestStore(), new InMemoryInitialAccessTokenStore(),
                new InMemoryDeviceStore());
    }
}
