package org.openauthz.authz.persistence;

import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

/** {@link ClientStoreContract} on the {@code DSN=memory} stores. */
class InMemoryClientStoreTest extends ClientStoreContract {
    @Override
    protected ClientAndTokenStores newStores() {
        InMemoryDatabase db = new InMemoryDatabase();
        return new ClientAndTokenStores(new InMemoryClientStore(db), new InMemoryTokenStore(db),
                new InMemoryTokenStore(db));
    }
}
