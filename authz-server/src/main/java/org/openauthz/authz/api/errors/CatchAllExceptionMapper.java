package org.openauthz.authz.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The last resort: a generic 500 {@code server_error} with an id the logs can be searched for, never a stack trace
 * in the body (house style habit 3).
 */
public final class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

    private final ErrorRenderer renderer;


    public CatchAllExceptionMapper(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Response toResponse(Throwable exception) {
        return OAuth2ExceptionMapper.response(renderer, classify(exception));
    }

    /**
     * The error to answer for an exception no other mapper took: storage errors the client caused become 4xx, the
     * rest a 500 whose id is logged with the stack trace (shared with the token servlet).
     */
    public static OAuth2Error classify(Throwable exception) {
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
