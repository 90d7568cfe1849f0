package org.openauthz.authz.storage;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The database could not be reached, refused more work, or did not answer in time. Nothing the request asked for is
 * at fault, and no partial write is left behind (every write is one transaction), so the request may be retried:
 * endpoints answer 503 with {@code Retry-After} (docs/operations.md, "When the database goes away").
 */
public final class StorageUnavailableException extends RuntimeException {
    /**
     * SQLSTATEs that mean "the database, not this request": {@code 57P01} admin shutdown, {@code 57P02} crash
     * shutdown, {@code 57P03} cannot connect now (starting up or in recovery), {@code 57014} query cancelled (our
     * statement timeout), {@code 25006} read-only transaction (a standby after a failover), {@code 40001} and
     * {@code 40P01} serialization failure and deadlock (retryable by definition). Classes {@code 08} (connection
     * exception) and {@code 53} (insufficient resources, e.g. too many connections) are matched as a whole. See
     * <a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">PostgreSQL error codes</a>.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57014", "25006", "40001", "40P01");

    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure}, or anything in its cause chain, means the database is unavailable. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageUnavailableException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
