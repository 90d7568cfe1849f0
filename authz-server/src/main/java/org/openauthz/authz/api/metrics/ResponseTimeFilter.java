package org.openauthz.authz.api.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Times every request of one port into {@link ResponseTimeHistogram}, first in the filter chain so refused and
 * failed requests count too. A request that ends in an exception is counted as 500, the status it is answered with.
 */
public final class ResponseTimeFilter extends HttpFilter {
    private final transient EndpointTemplates endpoints;
    private final transient ResponseTimeHistogram histogram;

    public ResponseTimeFilter(EndpointTemplates endpoints, ResponseTimeHistogram histogram) {
        this.endpoints = endpoints;
        this.histogram = histogram;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            histogram.observe(endpoints.label(request.getRequestURI()), request.getMethod(),
                    failed ? 500 : response.getStatus(), System.nanoTime() - start);
        }
    }
}
