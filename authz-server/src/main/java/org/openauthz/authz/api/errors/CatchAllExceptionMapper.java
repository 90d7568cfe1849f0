package org.openauthz.authz.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.authz.oauth2.OAuth2Error;

/**
 * The last resort: the error {@link ExceptionClassifier} picks, never a stack trace in the
 * body. On the admin API's management endpoints, which are not OAuth 2.0 endpoints, an unavailable database is
 * {@code server_error} with status 503 rather than RFC 6749's {@code temporarily_unavailable} (decision 0007).
 */
public final class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private final ErrorRenderer renderer;
    private final ExceptionClassifier classifier;
    private final boolean managementApi;

    public CatchAllExceptionMapper(ErrorRenderer renderer, ExceptionClassifier classifier, boolean managementApi) {
        this.renderer = renderer;
        this.classifier = classifier;
        this.managementApi = managementApi;
    }

    @Override
    public Response toResponse(Throwable exception) {
        return OAuth2ExceptionMapper.response(renderer, error(classifier, exception, managementApi));
    }

    /** The error for an exception no endpoint handled, also by the servlet endpoints. */
    public static OAuth2Error error(ExceptionClassifier classifier, Throwable exception, boolean managementApi) {
        OAuth2Error error = classifier.classify(exception);
        if (managementApi && error.status() == 503) {
            error = OAuth2Error.SERVER_ERROR.withStatus(503)
                    .withHint("The database is unavailable; retry after the time in Retry-After.");
        }
        return error;
    }
}
