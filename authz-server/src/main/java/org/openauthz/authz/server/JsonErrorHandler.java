package org.openauthz.authz.server;

import org.eclipse.jetty.server.handler.ErrorHandler;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jetty's own error pages at the server level (malformed requests, oversized headers or URIs, bodies that fail before Jersey) as OAuth2
 * JSON errors instead of HTML. The text is fixed per status: nothing from the request is reflected.
 */
public final class JsonErrorHandler extends ErrorHandler {
    /** Requests Jetty rejects while parsing (bad URI, oversized headers) never reach a context or Jersey. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        return respond(response, callback, code);
    }

    /** Writes the JSON error for {@code code}; shared with {@link JsonServletErrorHandler}. */
    static boolean respond(Response response, Callback callback, int code) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (code == 503) {
            // Jetty's own 503: a request that arrived on an open connection after the graceful stop began. It was
            // not carried out, so the client may send it again, to another replica or after the restart.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, ErrorRenderer.RETRY_AFTER_SECONDS);
        }
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String body(int code) {
        String error = code == 503 ? "temporarily_unavailable" : code >= 500 ? "server_error"
                : code == 404 ? "not_found" : "invalid_request";
        String description = switch (code) {
            case 404 -> "The requested route does not exist. Make sure you are using the right path, domain, and port.";
            case 405 -> "The HTTP method is not allowed on this path.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The server is stopping and did not carry out this request; send it again.";
            default -> code >= 500 ? "The server encountered an unexpected condition."
                    : "The HTTP request is malformed and could not be processed.";
        };
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }
}
