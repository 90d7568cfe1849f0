package org.openauthz.authz.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.client.InitialAccessTokenStore;
import org.openauthz.authz.oauth2.JtiStore;
import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.persistence.jdbi.GroupCommitWriter;
import org.openauthz.authz.persistence.jdbi.JdbiClientStore;
import org.openauthz.authz.persistence.jdbi.JdbiInitialAccessTokenStore;
import org.openauthz.authz.persistence.jdbi.JdbiDeviceStore;
import org.openauthz.authz.persistence.jdbi.JdbiJtiStore;
import org.openauthz.authz.persistence.jdbi.JdbiKeyStore;
import org.openauthz.authz.persistence.jdbi.JdbiPushedRequestStore;
import org.openauthz.authz.oauth2.par.PushedRequestStore;
import org.openauthz.authz.persistence.jdbi.JdbiTokenStore;
import org.openauthz.authz.testing.PostgresFixture;

import java.util.List;

/**
 * One migrated database per IT class (a Liquibase run per test would dominate the run time), emptied before each
 * test so that every test still starts from fresh stores.
 */
final class MigratedPostgres {
    private final Jdbi jdbi = PostgresFixture.newDatabase().migrated().jdbi();
    /** The server's write path: group commit with more than one writer thread. */
    private final GroupCommitWriter writer = GroupCommitWriter.start(jdbi, 2);
    private final ObjectMapper json = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    ClientAndTokenStores freshStores() {
        empty();
        return new ClientAndTokenStores(new JdbiClientStore(jdbi, writer, json), new JdbiTokenStore(jdbi, writer),
                new JdbiTokenStore(jdbi, writer));
    }

    KeyStore freshKeyStore() {
        empty();
        return new JdbiKeyStore(jdbi, writer);
    }

    JtiStore freshJtiStore() {
        empty();
        return new JdbiJtiStore(jdbi, writer);
    }

    PushedRequestStore freshPushedRequestStore() {
        empty();
        return new JdbiPushedRequestStore(jdbi, writer, json);
    }

    InitialAccessTokenStore freshInitialAccessTokenStore() {
        empty();
        return new JdbiInitialAccessTokenStore(jdbi, writer);
    }

    DeviceStore freshDeviceStore() {
        empty();
        return new JdbiDeviceStore(jdbi, writer);
    }

    /** Empties every application table, whatever later changeSets add; Liquibase's own bookkeeping stays. */
    private void empty() {
        jdbi.useHandle(h -> {
            List<String> tables = h.createQuery("SELECT quote_ident(tablename) FROM pg_tables "
                    + "WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'").mapTo(String.class)
                    .list();
            h.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        });
    }
}
