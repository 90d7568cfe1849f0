package org.openauthz.authz.server;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jetty's own error pages (malformed requests, oversized headers or URIs, bodies that fail before Jersey) as OAuth2
 * JSON errors instead of HTML. The text is fixed per status: nothing from the request is reflected.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        String error = code >= 500 ? "server_error" : code == 404 ? "not_found" : "invalid_request";
        String description = switch (code) {
            case 404 -> "The requested route does not exist. Make sure you are using the right path, domain, and port.";
            case 405 -> "The HTTP method is not allowed on this path.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            default -> code >= 500 ? "The server encountered an unexpected condition."
                    : "The HTTP request is malformed and could not be processed.";
        };
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
