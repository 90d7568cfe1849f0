package org.openauthz.authz.persistence;

import org.openauthz.authz.consent.LoginSessionStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;

/** {@link LoginSessionStoreContract} on the {@code DSN=memory} store. */
class InMemoryLoginSessionStoreTest extends LoginSessionStoreContract {
    @Override
    protected LoginSessionStore newStore() {
        return new InMemoryLoginSessionStore(new InMemoryDatabase());
    }
}
