package org.openauthz.authz.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.consent.LoginSessionStore;
import org.openauthz.authz.persistence.jdbi.GroupCommitWriter;
import org.openauthz.authz.persistence.jdbi.JdbiClientStore;
import org.openauthz.authz.persistence.jdbi.JdbiFlowStore;
import org.openauthz.authz.persistence.jdbi.JdbiLoginSessionStore;
import org.openauthz.authz.persistence.jdbi.JdbiLogoutRequestStore;
import org.openauthz.authz.testing.PostgresFixture;

import java.util.List;

/**
 * Like {@link MigratedPostgres}, for the login-and-consent stores: one migrated database per IT class, emptied
 * before each test. The object mapper is configured as the server configures Dropwizard's (dates as ISO strings,
 * unknown properties refused), since the flow is stored as JSON.
 */
final class LoginConsentPostgres {
    private final Jdbi jdbi = PostgresFixture.newDatabase().migrated().jdbi();
    /** The server's write path: group commit with more than one writer thread. */
    private final GroupCommitWriter writer = GroupCommitWriter.start(jdbi, 2);
    private final ObjectMapper json = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    FlowStoreContract.FlowStores freshFlowStores() {
        empty();
        return new FlowStoreContract.FlowStores(new JdbiClientStore(jdbi, writer, json),
                new JdbiFlowStore(jdbi, writer, json), new JdbiFlowStore(jdbi, writer, json),
                new JdbiLoginSessionStore(jdbi, writer));
    }

    LoginSessionStore freshLoginSessionStore() {
        empty();
        return new JdbiLoginSessionStore(jdbi, writer);
    }

    LogoutRequestStoreContract.LogoutStores freshLogoutStores() {
        empty();
        return new LogoutRequestStoreContract.LogoutStores(new JdbiClientStore(jdbi, writer, json),
                new JdbiLogoutRequestStore(jdbi, writer));
    }

    /** Empties every application table; Liquibase's own bookkeeping stays. */
    private void empty() {
        jdbi.useHandle(h -> {
            List<String> tables = h.createQuery("SELECT quote_ident(tablename) FROM pg_tables "
                    + "WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'").mapTo(String.class)
                    .list();
            h.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        });
    }
}
