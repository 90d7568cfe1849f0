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
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected error {}", id, exception);
        return OAuth2ExceptionMapper.response(renderer, OAuth2Error.SERVER_ERROR.withDebug("error id " + id));
    }
}
