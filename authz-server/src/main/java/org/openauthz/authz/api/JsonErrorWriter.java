package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link OAuth2Error} as the JSON error response the Jersey mappers give (RFC 6749 §5.2 shape, the error's
 * status and headers), for the endpoints answered as plain servlets (decision 0005).
 */
public final class JsonErrorWriter {
    private static final String JSON = "application/json;charset=UTF-8";

    private final ErrorRenderer errors;
    private final ObjectMapper json;

    public JsonErrorWriter(ErrorRenderer errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    /** Replaces whatever was buffered with the error; does nothing once the response is committed. */
    public void write(HttpServletResponse response, OAuth2Error error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        response.setContentType(JSON);
        ErrorRenderer.headers(error).forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), errors.render(error));
    }

    /**
     * Jersey's answer to {@code OPTIONS} on a resource: 200 with the methods in {@code Allow} and, as plain text, in
     * the body ({@code "OPTIONS,PUT"} is sent as {@code OPTIONS, PUT}). Not an error, but the other half of the same
     * method handling that {@link #methodNotAllowed} answers.
     */
    public static void options(HttpServletResponse response, String allow) throws IOException {
        response.setStatus(200);
        response.setHeader("Allow", allow);
        response.setContentType("text/plain");
        response.getOutputStream().write(allow.replace(",", ", ").getBytes(StandardCharsets.US_ASCII));
    }

    /** Jersey's answer to a method a resource does not declare, with the methods it does. */
    public void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        write(response, new OAuth2Error("method_not_allowed", "The HTTP method is not allowed on this path.", null,
                405, null));
    }
}
