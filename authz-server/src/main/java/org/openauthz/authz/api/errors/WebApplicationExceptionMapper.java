package org.openauthz.authz.api.errors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.authz.oauth2.OAuth2Error;

/**
 * Jersey's own errors (unknown route, wrong method, wrong media type, bad parameter types) in the OAuth2 JSON shape
 * instead of Dropwizard's {@code {"code","message"}} or an HTML page.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private final ErrorRenderer renderer;

    public WebApplicationExceptionMapper(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
        OAuth2Error error;
        if (exception instanceof NotFoundException) {
            error = OAuth2Error.ROUTE_NOT_FOUND;
        } else if (exception instanceof NotAllowedException) {
            error = new OAuth2Error("method_not_allowed", "The HTTP method is not allowed on this path.", null, 405,
                    null);
        } else if (exception instanceof NotSupportedException) {
            error = OAuth2Error.INVALID_REQUEST.withStatus(415).withHint("The request's Content-Type is not supported "
                    + "by this endpoint.");
        } else if (status >= 500) {
            error = OAuth2Error.SERVER_ERROR;
        } else if (status == 404) {
            error = OAuth2Error.ROUTE_NOT_FOUND;
        } else {
            error = OAuth2Error.INVALID_REQUEST.withStatus(status).withHint("The request could not be processed ("
                    + status + ").");
        }
        Response response = OAuth2ExceptionMapper.response(renderer, error);
        if (exception instanceof NotAllowedException && exception.getResponse() != null) {
            return Response.fromResponse(response).header("Allow", exception.getResponse().getHeaderString("Allow"))
                    .build();
        }
        return response;
    }
}
