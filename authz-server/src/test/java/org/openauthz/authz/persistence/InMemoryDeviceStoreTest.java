package org.openauthz.authz.persistence;

import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.persistence.memory.InMemoryDeviceStore;

/** {@link DeviceStoreContract} on the {@code DSN=memory} store. */
class InMemoryDeviceStoreTest extends DeviceStoreContract {
    @Override
    protected DeviceStore newStore() {
        return new InMemoryDeviceStore();
    }
}
