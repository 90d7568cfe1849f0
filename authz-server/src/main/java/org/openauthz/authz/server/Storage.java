package org.openauthz.authz.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.client.CachingClientStore;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.consent.FlowStore;
import org.openauthz.authz.consent.LoginSessionStore;
import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.health.ReadinessCheck;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.persistence.jdbi.GroupCommitWriter;
import org.openauthz.authz.persistence.jdbi.JdbiClientStore;
import org.openauthz.authz.persistence.jdbi.JdbiFlowStore;
import org.openauthz.authz.persistence.jdbi.JdbiLoginSessionStore;
import org.openauthz.authz.persistence.jdbi.JdbiKeyStore;
import org.openauthz.authz.persistence.jdbi.JdbiTokenStore;
import org.openauthz.authz.persistence.jdbi.PostgresChangeListener;
import org.openauthz.authz.persistence.jdbi.PostgresPool;
import org.openauthz.authz.persistence.jdbi.SchemaCheck;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryFlowStore;
import org.openauthz.authz.persistence.memory.InMemoryLoginSessionStore;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openauthz.authz.persistence.memory.InMemoryTokenStore;
import org.openauthz.authz.storage.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The stores behind one server: in memory for {@code DSN=memory}, else PostgreSQL through JDBI. {@code changes}
 * reports changes committed by any replica, for the caches to subscribe to (decision 0008).
 */
public record Storage(ClientStore clients, TokenStore tokens, KeyStore keys, FlowStore flows,
                      LoginSessionStore loginSessions, org.openauthz.authz.oauth2.JtiStore jtis,
                      List<ReadinessCheck> readiness, ChangeFeed changes) {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    /**
     * How long a cached client may be served after a change notice was lost, e.g. while the listener reconnects
     * (docs/operations.md, "Scaling out"); notices normally drop it within milliseconds.
     */
    static final java.time.Duration CLIENT_CACHE_TTL = java.time.Duration.ofSeconds(5);
    /** How long server start waits for the change listener's first LISTEN before going on without it. */
    private static final java.time.Duration LISTEN_WAIT = java.time.Duration.ofSeconds(10);

    public static Storage open(DatabaseUrl database, ObjectMapper json, Environment environment) {
        if (database.memory()) {
            InMemoryDatabase db = new InMemoryDatabase();
            return new Storage(new InMemoryClientStore(db), new InMemoryTokenStore(db), new InMemoryKeyStore(db),
                    new InMemoryFlowStore(db), new InMemoryLoginSessionStore(db),
                    new org.openauthz.authz.persistence.memory.InMemoryJtiStore(java.time.Clock.systemUTC()), List.of(),
                    ChangeFeed.NONE);
        }
        Jdbi jdbi = connect(database, environment);
        // Group-commit writers each hold a connection while committing; leave most of the pool to reads. Two writers
        // issued ~11,000 tokens/s where four issued ~8,500/s on 2 cores (bigger batches, fewer busy backends).
        GroupCommitWriter writer = GroupCommitWriter.start(jdbi, Math.max(1, Math.min(2, database.maxConns() / 4)));
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                writer.close();
            }
        });
        PostgresChangeListener changes = PostgresChangeListener.connectingTo(database.jdbcUrl(), database.user(),
                database.password());
        // Started with the server, once ServerContext has subscribed every cache, so the first LISTEN's "start over"
        // reaches all of them.
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void start() {
                changes.start();
                if (!changes.awaitListening(LISTEN_WAIT)) {
                    LOG.warn("Not yet listening for change notices after {} s; caches rely on their TTL until then.",
                            LISTEN_WAIT.toSeconds());
                }
            }

            @Override
            public void stop() {
                changes.close();
            }
        });
        return postgres(jdbi, json, writer, changes);
    }

    /** The PostgreSQL stores over an existing {@link Jdbi} (every insert its own commit); refuses an unmigrated schema. */
    public static Storage postgres(Jdbi jdbi, ObjectMapper json) {
        return postgres(jdbi, json, GroupCommitWriter.start(jdbi, 0), null);
    }

    /** With {@code changes} null nothing is cached (tools such as the janitor), else clients are cached. */
    private static Storage postgres(Jdbi jdbi, ObjectMapper json, GroupCommitWriter writer,
                                    PostgresChangeListener changes) {
        List<String> missing;
        try {
            missing = SchemaCheck.missing(jdbi);
        } catch (RuntimeException e) {
            throw new StartupException("cannot connect to the database: " + rootMessage(e)
                    + ". Check DSN (host, port, user, password, database name) and that PostgreSQL is running.", e);
        }
        if (!missing.isEmpty()) {
            throw new StartupException("the database schema is not up to date (missing changes: "
                    + String.join(", ", missing) + "). Run: hydra migrate sql --yes \"$DSN\"");
        }
        ClientStore clients = new JdbiClientStore(jdbi, json);
        ChangeFeed feed = ChangeFeed.NONE;
        if (changes != null) {
            CachingClientStore cached = new CachingClientStore(clients, CLIENT_CACHE_TTL, java.time.Clock.systemUTC());
            changes.subscribe(cached);
            clients = cached;
            feed = changes;
        }
        return new Storage(clients, new JdbiTokenStore(jdbi, writer),
                new JdbiKeyStore(jdbi),
                new JdbiFlowStore(jdbi, writer, json), new JdbiLoginSessionStore(jdbi, writer),
                new org.openauthz.authz.persistence.jdbi.JdbiJtiStore(jdbi), List.of(new DatabaseReadiness(jdbi)),
                feed);
    }

    private static Jdbi connect(DatabaseUrl database, Environment environment) {
        ManagedDataSource dataSource = PostgresPool.dataSource(database.jdbcUrl(), database.user(),
                database.password(), database.maxConns(), PostgresPool.Timeouts.defaults(), environment.metrics());
        // Registered before the group-commit writer, so it is closed after the writer has flushed (Jetty stops
        // managed objects in reverse order).
        environment.lifecycle().manage(dataSource);
        return PostgresPool.jdbi(dataSource);
    }

    /** The first line of the innermost cause's message: what a database error says to an operator. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** {@code /health/ready} fails while the database does not answer. */
    private record DatabaseReadiness(Jdbi jdbi) implements ReadinessCheck {
        @Override
        public String name() {
            return "database";
        }

        @Override
        public Optional<String> problem() {
            try {
                jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(rootMessage(e));
            }
        }
    }
}
