package org.openauthz.authz.persistence.jdbi;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.openauthz.authz.client.CachingClientStore;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.storage.ChangeFeed;
import org.openauthz.authz.storage.RootCause;
import org.openauthz.authz.storage.WriteBatchObserver;
import org.openauthz.authz.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The PostgreSQL stores: the pool, the group-commit writers and the change listener, wired for a server or a tool. */
public final class PostgresStores {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);

    /**
     * How long a cached client may be served after a change notice was lost, e.g. while the listener reconnects
     * (docs/operations.md, "Scaling out"); notices normally drop it within milliseconds.
     */
    static final Duration CLIENT_CACHE_TTL = Duration.ofSeconds(5);
    /** How long server start waits for the change listener's first LISTEN before going on without it. */
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(10);

    private PostgresStores() {
    }

    /**
     * For a server: pooled, group-committed, with cached clients kept current by change notices. {@code statements}
     * sees every statement ({@link SqlLogger#NOP_SQL_LOGGER} for none) and {@code batches} every group-commit batch (tracing).
     */
    public static Stores open(DatabaseUrl database, ObjectMapper json, MetricRegistry metrics, SqlLogger statements,
                              WriteBatchObserver batches) {
        ManagedDataSource dataSource = PostgresPool.dataSource(database.jdbcUrl(), database.user(),
                database.password(), database.maxConns(), PostgresPool.Timeouts.defaults(), metrics);
        Jdbi jdbi = PostgresPool.jdbi(dataSource);
        jdbi.getConfig(SqlStatements.class).setSqlLogger(statements);
        // Group-commit writers each hold a connection while committing; leave most of the pool to reads. Two writers
        // issued ~11,000 tokens/s where four issued ~8,500/s on 2 cores (bigger batches, fewer busy backends).
        GroupCommitWriter writer = GroupCommitWriter.start(jdbi, Math.max(1, Math.min(2, database.maxConns() / 4)),
                batches);
        PostgresChangeListener changes = PostgresChangeListener.connectingTo(database.jdbcUrl(), database.user(),
                database.password());
        // Stopped in reverse order: the listener, then the writers flush their queue, then the pool closes.
        List<Managed> lifecycle = List.of(dataSource, stopping(writer), listening(changes));
        return stores(jdbi, json, writer, changes, lifecycle);
    }

    /** For tools and tests: every write its own commit, nothing cached, nothing to start; refuses an unmigrated schema. */
    public static Stores uncached(Jdbi jdbi, ObjectMapper json) {
        return stores(jdbi, json, GroupCommitWriter.start(jdbi, 0), null, List.of());
    }

    private static Stores stores(Jdbi jdbi, ObjectMapper json, GroupCommitWriter writer,
                                 PostgresChangeListener changes, List<Managed> lifecycle) {
        requireMigratedSchema(jdbi);
        ClientStore clients = new JdbiClientStore(jdbi, writer, json);
        ChangeFeed feed = ChangeFeed.NONE;
        if (changes != null) {
            CachingClientStore cached = new CachingClientStore(clients, CLIENT_CACHE_TTL, Clock.systemUTC());
            changes.subscribe(cached);
            clients = cached;
            feed = changes;
        }
        return new Stores(clients, new JdbiTokenStore(jdbi, writer), new JdbiKeyStore(jdbi, writer),
                new JdbiFlowStore(jdbi, writer, json), new JdbiLoginSessionStore(jdbi, writer),
                new JdbiLogoutRequestStore(jdbi, writer), new JdbiJtiStore(jdbi, writer),
                List.of(new DatabaseReadiness(jdbi)), feed, lifecycle,
                new JdbiPushedRequestStore(jdbi, writer, json), new JdbiInitialAccessTokenStore(jdbi, writer),
                new JdbiDeviceStore(jdbi, writer));
    }

    private static void requireMigratedSchema(Jdbi jdbi) {
        List<String> missing;
        try {
            missing = SchemaCheck.missing(jdbi);
        } catch (RuntimeException e) {
            throw new StartupException("cannot connect to the database: " + RootCause.message(e)
                    + ". Check DSN (host, port, user, password, database name) and that PostgreSQL is running.", e);
        }
        if (!missing.isEmpty()) {
            throw new StartupException("the database schema is not up to date (missing changes: "
                    + String.join(", ", missing) + "). Run: hydra migrate sql --yes \"$DSN\"");
        }
    }

    private static Managed stopping(GroupCommitWriter writer) {
        return new Managed() {
            @Override
            public void stop() {
                writer.close();
            }
        };
    }

    /**
     * Starts listening once ServerContext has subscribed every cache, so the first LISTEN's "start over" reaches
     * all of them.
     */
    private static Managed listening(PostgresChangeListener changes) {
        return new Managed() {
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
        };
    }
}
