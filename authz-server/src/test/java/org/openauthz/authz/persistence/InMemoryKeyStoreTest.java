package org.openauthz.authz.persistence;

import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;

/** {@link KeyStoreContract} on the {@code DSN=memory} store. */
class InMemoryKeyStoreTest extends KeyStoreContract {
    @Override
    protected KeyStore newKeyStore() {
        return new InMemoryKeyStore(new InMemoryDatabase());
    }
}
