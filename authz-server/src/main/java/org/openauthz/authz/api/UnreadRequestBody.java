package org.openauthz.authz.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * For filters that refuse a request before anything has read its body (admin authentication, rate limits, the
 * overload limit, TLS termination). Jetty then closes the connection rather than read a body nobody wants; without
 * {@code Connection: close} a client that keeps connections alive would send its next request on that socket and see
 * it closed with no answer (RFC 9112 §9.6: a server that closes after a response should say so in that response).
 */
public final class UnreadRequestBody {
    private UnreadRequestBody() {
    }

    /** Marks the refusal as the connection's last response when the request came with a body. */
    public static void closeConnectionIfAny(HttpServletRequest request, HttpServletResponse response) {
        if (present(request)) {
            response.setHeader("Connection", "close");
        }
    }

    /** Whether the request came with a body (a length above zero, or chunked). */
    public static boolean present(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
