package org.openauthz.authz.persistence;

import org.openauthz.authz.client.InitialAccessTokenStore;
import org.openauthz.authz.persistence.memory.InMemoryInitialAccessTokenStore;

/** {@link InitialAccessTokenStoreContract} on the {@code DSN=memory} store. */
class InMemoryInitialAccessTokenStoreTest extends InitialAccessTokenStoreContract {
    @Override
    protected InitialAccessTokenStore newStore() {
        return new InMemoryInitialAccessTokenStore();
    }
}
