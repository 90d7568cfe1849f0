package org.openauthz.authz.api.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.api.FormEndpoint;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.oauth2.token.Introspector;

import java.io.IOException;

/**
 * Admin {@code POST /oauth2/introspect} (and its {@code /admin/} alias), RFC 7662, answered before the admin
 * Jersey filter (decision 0005). Lives on the admin port without client authentication, as in Hydra v1.10,
 * so the admin port must not be reachable from the public internet.
 */
public final class IntrospectionFilter extends HttpFilter {
    public static final String[] PATHS = {"/oauth2/introspect", "/admin/oauth2/introspect"};

    private final transient FormEndpoint endpoint;

    public IntrospectionFilter(FormEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** RFC 7662 §2.1: {@code token} (required), {@code token_type_hint}, and Hydra's {@code scope} to require. */
    public static IntrospectionFilter of(Introspector introspector, ErrorRenderer errors,
                                         ExceptionClassifier exceptions, ObjectMapper json) {
        return new IntrospectionFilter(new FormEndpoint((authorization, form, dpopProofs) -> introspector.introspect(
                form.require("token"), form.get("token_type_hint"), form.words("scope")), errors, exceptions, json));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        endpoint.respond(request, response);
    }
}
