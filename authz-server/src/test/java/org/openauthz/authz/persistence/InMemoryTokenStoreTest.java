package org.openauthz.authz.persistence;

import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;

/** {@link TokenStoreContract} on the {@code DSN=memory} stores. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected ClientAndTokenStores newStores() {
        InMemoryDatabase db = new InMemoryDatabase();
        return new ClientAndTokenStores(new InMemoryClientStore(db), new InMemoryTokenStore(db),
                new InMemoryTokenStore(db));
    }
}
