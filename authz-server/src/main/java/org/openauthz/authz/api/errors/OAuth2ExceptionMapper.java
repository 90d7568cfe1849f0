package org.openauthz.authz.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

/**
 * Turns protocol errors into JSON responses with the error's status (RFC 6749 §5.2). {@code invalid_client} is 401
 * with a {@code WWW-Authenticate} challenge, as RFC 6749 §5.2 requires when the client tried HTTP authentication.
 */
public final class OAuth2ExceptionMapper implements ExceptionMapper<OAuth2Exception> {
    private final ErrorRenderer renderer;

    public OAuth2ExceptionMapper(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Response toResponse(OAuth2Exception exception) {
        return response(renderer, exception.error());
    }

    static Response response(ErrorRenderer renderer, OAuth2Error error) {
        Response.ResponseBuilder builder = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(renderer.render(error));
        ErrorRenderer.headers(error).forEach(builder::header);
        return builder.build();
    }
}
