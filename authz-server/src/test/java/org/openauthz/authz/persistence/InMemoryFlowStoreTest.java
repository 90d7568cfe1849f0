package org.openauthz.authz.persistence;

import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryFlowStore;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;

/** {@link FlowStoreContract} on the {@code DSN=memory} stores. */
class InMemoryFlowStoreTest extends FlowStoreContract {
    @Override
    protected FlowStores newStores() {
        InMemoryDatabase db = new InMemoryDatabase();
        return new FlowStores(new InMemoryClientStore(db), new InMemoryFlowStore(db), new InMemoryFlowStore(db),
                new InMemoryLoginSessionStore(db));
    }
}
