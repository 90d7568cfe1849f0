package org.openauthz.authz.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * While the server drains before stopping ({@link ShutdownDrain}), every response carries {@code Connection: close}
 * (RFC 9112 §9.6): a client, or a load balancer's pooled connection, then opens its next connection afresh, to
 * another replica once this one is out of rotation, instead of sending it on a kept-alive connection that the stop
 * is about to close under it.
 */
public final class DrainFilter extends HttpFilter {
    private final transient ShutdownDrain drain;

    public DrainFilter(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (drain.draining()) {
            response.setHeader("Connection", "close");
        }
        chain.doFilter(request, response);
    }
}
