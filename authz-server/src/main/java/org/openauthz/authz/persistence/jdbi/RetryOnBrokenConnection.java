package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Runs a database call a second time, on a new connection, when the first attempt failed because the pooled
 * connection it was given had died (the database restarted, failed over, or a network device dropped the
 * connection): the pool's idle connections, which died the same way, are dropped first. The call is not retried when
 * the failure came from COMMIT, whose outcome is unknown, nor for any other error. Every store call is one statement
 * or one transaction, so a retried call redoes all of its work or none of it.
 */
final class RetryOnBrokenConnection implements HandleCallbackDecorator {
    /**
     * Class {@code 08} (connection exception), and {@code 57P01}/{@code 57P02}/{@code 57P03}: the server shut down
     * or is restarting (<a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">error codes</a>).
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private final Jdbi jdbi;
    private final Runnable dropIdleConnections;

    RetryOnBrokenConnection(Jdbi jdbi, Runnable dropIdleConnections) {
        this.jdbi = jdbi;
        this.dropIdleConnections = dropIdleConnections;
    }

    @Override
    public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
        return handle -> {
            try {
                return callback.withHandle(handle);
            } catch (RuntimeException e) {
                if (!brokenConnection(e) || failedAtCommit(e)) {
                    throw e;
                }
                dropIdleConnections.run();
                try (Handle fresh = jdbi.open()) {
                    return callback.withHandle(fresh);
                }
            }
        };
    }

    static boolean brokenConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean failedAtCommit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }
}
