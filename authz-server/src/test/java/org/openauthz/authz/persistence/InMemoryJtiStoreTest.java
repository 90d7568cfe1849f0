package org.openauthz.authz.persistence;

import org.openauthz.authz.oauth2.JtiStore;
import org.openauthz.authz.persistence.memory.InMemoryJtiStore;

import java.time.Clock;

/** {@link JtiStoreContract} on the {@code DSN=memory} store. */
class InMemoryJtiStoreTest extends JtiStoreContract {
    @Override
    protected JtiStore newStore() {
        return new InMemoryJtiStore(Clock.systemUTC());
    }
}
