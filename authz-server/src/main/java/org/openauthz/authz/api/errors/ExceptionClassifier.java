package org.openauthz.authz.api.errors;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.storage.StorageUnavailableException;
import org.openauthz.authz.storage.RootCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The error to answer for an exception no protocol code turned into an {@link OAuth2Error}: storage errors the client
 * caused become 4xx, an unavailable database 503 (logged once a second, not once a request, so an outage does not
 * flood the log), and the rest a 500 whose id is logged with the stack trace. One per server, shared by the Jersey
 * mappers and the servlet endpoints.
 */
public final class ExceptionClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionClassifier.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final AtomicLong nextOutageLog = new AtomicLong(System.nanoTime());
    private final AtomicLong unloggedOutages = new AtomicLong();

    /** True when the exception means the database is unavailable (answered 503, retryable). */
    public boolean unavailable(Throwable exception) {
        return StorageUnavailableException.isCause(exception);
    }

    public OAuth2Error classify(Throwable exception) {
        if (unavailable(exception)) {
            logOutage(exception);
            // RFC 6749 §4.1.2.1: "temporarily_unavailable", the server cannot handle the request right now.
            return OAuth2Error.TEMPORARILY_UNAVAILABLE;
        }
        String state = sqlState(exception);
        if ("23503".equals(state)) {
            // A foreign key to hydra_client failed: the client was deleted while this request ran.
            return OAuth2Error.INVALID_CLIENT.withHint("The OAuth 2.0 Client no longer exists.");
        }
        if (state.startsWith("22")) {
            // SQLSTATE class 22 (e.g. a NUL character PostgreSQL cannot store in text): the input is at fault, and
            // the failed statement wrote nothing.
            return OAuth2Error.INVALID_REQUEST.withHint("The request holds a value that cannot be stored, such as a "
                    + "NUL character.");
        }
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected error {}", id, exception);
        return OAuth2Error.SERVER_ERROR.withDebug("error id " + id);
    }

    private void logOutage(Throwable exception) {
        long now = System.nanoTime();
        long next = nextOutageLog.get();
        if (now - next >= 0 && nextOutageLog.compareAndSet(next, now + OUTAGE_LOG_INTERVAL_NANOS)) {
            long more = unloggedOutages.getAndSet(0);
            LOG.warn("database unavailable, answering 503: {}{}", RootCause.message(exception),
                    more > 0 ? " (" + more + " more since the last message)" : "");
        } else {
            unloggedOutages.incrementAndGet();
        }
    }

    /** The SQLSTATE of the first SQL exception in the cause chain, or "" (SQL:2011 error classes). */
    private static String sqlState(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
