package org.openauthz.authz.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Reads what is left of a small request body once the endpoint has answered, so that the connection stays usable.
 * An endpoint that answers without reading the body (a POST that takes no entity, a refused media type) leaves it
 * unread; when its bytes had not all arrived by then, Jetty closed the connection after a response that did not say
 * so, and a keep-alive client sent its next request into a closed socket (RFC 9112 §9.6: a server that closes after
 * a response should say so in it). A body larger than a form may be is not read: its response says
 * {@code Connection: close} instead, as the refusals before the endpoint do ({@link UnreadRequestBody}).
 */
public final class BodyDrainFilter extends HttpFilter {
    private static final long MAX_DRAIN_BYTES = FormEndpoint.MAX_FORM_BYTES;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (UnreadRequestBody.present(request) && !request.isAsyncStarted() && !"close".equalsIgnoreCase(response.getHeader("Connection"))) {
            drain(request, response);
        }
    }

    private static void drain(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > MAX_DRAIN_BYTES) {
            closeAfter(response);
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                // The endpoint read it all (a form): the usual case, and no buffer to allocate.
                return;
            }
            byte[] buffer = new byte[4096];
            long read = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
                if (read > MAX_DRAIN_BYTES) {
                    closeAfter(response);
                    return;
                }
            }
        } catch (IllegalStateException readThroughReader) {
            // The endpoint read the body as characters: nothing is left.
        } catch (IOException gone) {
            // The client went away or sent a broken body: Jetty closes the connection itself.
        }
    }

    private static void closeAfter(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
    }
}
