package org.openauthz.authz.persistence;

import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryLogoutRequestStore;

/** {@link LogoutRequestStoreContract} on the {@code DSN=memory} store. */
class InMemoryLogoutRequestStoreTest extends LogoutRequestStoreContract {
    @Override
    protected LogoutStores newStores() {
        InMemoryDatabase db = new InMemoryDatabase();
        return new LogoutStores(new InMemoryClientStore(db), new InMemoryLogoutRequestStore(db));
    }
}
