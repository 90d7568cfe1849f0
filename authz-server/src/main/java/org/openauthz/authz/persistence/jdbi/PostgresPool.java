package org.openauthz.authz.persistence.jdbi;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.Map;

/**
 * The pool of connections to PostgreSQL, set up so that a database that goes away costs seconds, not minutes, and
 * the first request after it returns succeeds (decision 0007):
 * <ul>
 *   <li>a connection not validated in the last second is validated when it is borrowed, and a connection that is
 *       missing is opened on the borrowing thread at once (no background creator backing off), so after an outage
 *       the first request finds or opens a live connection;</li>
 *   <li>a call that fails because its pooled connection had died is retried once on a fresh connection after the
 *       pool's idle connections are dropped ({@link RetryOnBrokenConnection}), so a network blip or a database
 *       restart costs no request;</li>
 *   <li>opening a connection, waiting for one, a statement and a silent socket each have a bound
 *       ({@link Timeouts}).</li>
 * </ul>
 */
public final class PostgresPool {
    /**
     * @param connect   TCP connect and login to PostgreSQL (driver's {@code connectTimeout})
     * @param poolWait  longest a request waits for a free connection when all are in use
     * @param statement server-side {@code statement_timeout} of every statement
     * @param socket    longest the driver waits for bytes from a server that went silent (network partition);
     *                  longer than {@code statement} so that a slow statement is cancelled by the server first
     */
    public record Timeouts(Duration connect, Duration poolWait, Duration statement, Duration socket) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5),
                    Duration.ofSeconds(8));
        }
    }

    /** How often a connection in use is re-validated at most; under load each connection is checked once a second. */
    static final Duration VALIDATION_INTERVAL = Duration.ofSeconds(1);

    private PostgresPool() {
    }

    /** The pooled data source; the caller manages its lifecycle (it is opened lazily on first use). */
    public static ManagedDataSource dataSource(String jdbcUrl, String user, String password, int maxConns,
                                               Timeouts timeouts, MetricRegistry metrics) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(jdbcUrl);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setMaxSize(maxConns);
        factory.setMinSize(Math.min(4, maxConns));
        factory.setInitialSize(Math.min(4, maxConns));
        factory.setValidationQuery("SELECT 1");
        factory.setValidationQueryTimeout(io.dropwizard.util.Duration.seconds(1));
        factory.setCheckConnectionOnBorrow(true);
        factory.setValidationInterval(dw(VALIDATION_INTERVAL));
        factory.setMaxWaitForConnection(dw(timeouts.poolWait()));
        factory.setInitializationQuery("SET statement_timeout = " + timeouts.statement().toMillis());
        factory.setProperties(Map.of(
                "connectTimeout", seconds(timeouts.connect()),
                "loginTimeout", seconds(timeouts.connect()),
                "socketTimeout", seconds(timeouts.socket()),
                "tcpKeepAlive", "true",
                "ApplicationName", "openauthz",
                // Errors must not carry statement parameters (token signatures, session data) into logs.
                "logServerErrorDetail", "false",
                // Group commit sends batches; the driver then sends each as one multi-row INSERT.
                "reWriteBatchedInserts", "true"));
        return factory.build(metrics, "postgresql");
    }

    /** JDBI over the pool, retrying a call once when its connection turns out to be dead. */
    public static Jdbi jdbi(ManagedDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        // Closing a handle must not talk to the database: after a retry, the first handle's connection is dead and
        // asking it whether a transaction is still open would fail the call that just succeeded. Every transaction
        // here is scoped by inTransaction/useTransaction, so the check guards against nothing.
        jdbi.getConfig(org.jdbi.v3.core.Handles.class).setForceEndTransactions(false);
        Runnable dropIdle = dataSource instanceof ManagedPooledDataSource pooled ? pooled::purge : () -> { };
        jdbi.setHandleCallbackDecorator(new RetryOnBrokenConnection(jdbi, dropIdle));
        return jdbi;
    }

    private static io.dropwizard.util.Duration dw(Duration duration) {
        return io.dropwizard.util.Duration.milliseconds(duration.toMillis());
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }
}
