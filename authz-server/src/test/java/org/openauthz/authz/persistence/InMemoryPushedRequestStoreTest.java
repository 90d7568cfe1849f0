package org.openauthz.authz.persistence;

import org.openauthz.authz.oauth2.par.PushedRequestStore;
import org.openauthz.authz.persistence.memory.InMemoryPushedRequestStore;

/** {@link PushedRequestStoreContract} on the {@code DSN=memory} store. */
class InMemoryPushedRequestStoreTest extends PushedRequestStoreContract {
    @Override
    protected PushedRequestStore newStore() {
        return new InMemoryPushedRequestStore();
    }
}
