package org.openauthz.authz.api.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.FormEndpoint;

import java.io.IOException;

/**
 * Admin {@code POST /oauth2/introspect} (and its {@code /admin/} alias), RFC 7662, answered before the admin
 * Jersey filter (decision 0005). Lives on the admin port without client authentication, as in Hydra v1.10
 * (reference §9A item 13): the admin port must not be reachable from the public internet.
 */
public final class IntrospectionFilter extends HttpFilter {
    public static final String[] PATHS = {"/oauth2/introspect", "/admin/oauth2/introspect"};

    private final transient FormEndpoint endpoint;

    public IntrospectionFilter(FormEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        endpoint.respond(request, response);
    }
}
