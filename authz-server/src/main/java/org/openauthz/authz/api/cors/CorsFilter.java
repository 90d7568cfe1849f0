package org.openauthz.authz.api.cors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.BufferedFormRequest;
import org.openauthz.authz.config.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cross-origin resource sharing (<a href="https://fetch.spec.whatwg.org/#http-cors-protocol">Fetch, "CORS
 * protocol"</a>) for one port, with the headers rs/cors writes for Hydra v1.10. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered 200 here unless {@code options_passthrough}; any other request
 * gets its headers and goes on to the endpoint. A disallowed origin, method or request header gets no
 * {@code Access-Control-*} header at all, so the browser withholds the answer from the page; {@code Vary: Origin}
 * is always sent, since the answer depends on it (Fetch §3.2.5). Which origins are allowed: decision 0011.
 *
 * <p>Registered only when {@code serve.<port>.cors.enabled} is true; a request without an {@code Origin} costs a
 * header read and the {@code Vary} header.
 */
public final class CorsFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CorsFilter.class);

    /**
     * Where Hydra v1.10 answers CORS on the public port: the endpoints a browser application calls itself. The
     * authorization and logout endpoints are navigated to, never fetched, and get no CORS headers.
     */
    static final Map<String, Set<String>> PUBLIC_ROUTES = Map.of(
            "/oauth2/token", Set.of("POST", "OPTIONS"),
            "/oauth2/revoke", Set.of("POST", "OPTIONS"),
            "/userinfo", Set.of("GET", "POST", "OPTIONS"),
            "/.well-known/openid-configuration", Set.of("GET", "OPTIONS"),
            "/.well-known/jwks.json", Set.of("GET", "OPTIONS"));

    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, "
            + "Access-Control-Request-Headers";

    private final transient CorsPolicy policy;
    private final transient Predicate<HttpServletRequest> inScope;
    private final transient ClientOriginCheck clients;
    private final String port;

    private CorsFilter(CorsPolicy policy, Predicate<HttpServletRequest> inScope, ClientOriginCheck clients,
                       String port) {
        this.policy = policy;
        this.inScope = inScope;
        this.clients = clients;
        this.port = port;
    }

    /** The public port: the {@link #PUBLIC_ROUTES}, where a client's {@code allowed_cors_origins} count too. */
    public static CorsFilter publicPort(ServerSettings.Cors settings, ClientOriginCheck clients) {
        CorsPolicy policy = new CorsPolicy(settings, true);
        LOG.info("CORS enabled on the public port for {}: allowed origins {}{}", PUBLIC_ROUTES.keySet(),
                settings.allowedOrigins(), policy.everyOrigin()
                        ? " (every origin, so the clients' allowed_cors_origins add nothing)" : " and each "
                        + "client's allowed_cors_origins");
        return new CorsFilter(policy, request -> {
            Set<String> methods = PUBLIC_ROUTES.get(request.getRequestURI());
            return methods != null && methods.contains(request.getMethod());
        }, clients, "public");
    }

    /** The admin port: every path, the configured origins only. */
    public static CorsFilter adminPort(ServerSettings.Cors settings) {
        LOG.info("CORS enabled on the admin port: allowed origins {}", settings.allowedOrigins());
        return new CorsFilter(new CorsPolicy(settings, false), request -> true, ClientOriginCheck.NONE, "admin");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!inScope.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.getMethod()) && requestedMethod != null) {
            preflight(request, response, requestedMethod);
            if (policy.optionsPassthrough()) {
                chain.doFilter(request, response);
            } else {
                response.setStatus(HttpServletResponse.SC_OK);
            }
            return;
        }
        chain.doFilter(actual(request, response), response);
    }

    /** Fetch §3.2.3: the answer to a preflight request. */
    private void preflight(HttpServletRequest request, HttpServletResponse response, String requestedMethod) {
        response.addHeader("Vary", PREFLIGHT_VARY);
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        List<String> headers = policy.allowedRequestHeaders(request.getHeader("Access-Control-Request-Headers"));
        boolean allowed = originAllowedForPreflight(origin) && policy.allowsMethod(requestedMethod)
                && headers != null;
        debug(request, origin, allowed);
        if (!allowed) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", policy.allowOrigin(origin));
        response.setHeader("Access-Control-Allow-Methods", requestedMethod.toUpperCase(Locale.ROOT));
        if (!headers.isEmpty()) {
            response.setHeader("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (policy.allowCredentials()) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (policy.maxAgeSeconds() > 0) {
            response.setHeader("Access-Control-Max-Age", Integer.toString(policy.maxAgeSeconds()));
        }
    }

    /**
     * Fetch §3.2.4: the CORS headers of any other request. Returns the request to hand on: with its form body
     * buffered when the client check had to read a field of it.
     */
    private HttpServletRequest actual(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin == null || !policy.allowsMethod(request.getMethod())) {
            return request;
        }
        HttpServletRequest forward = request;
        boolean allowed = policy.listAllows(origin);
        if (!allowed && clients != ClientOriginCheck.NONE) {
            forward = BufferedFormRequest.of(request);
            allowed = clients.allows(forward, origin);
        }
        debug(request, origin, allowed);
        if (!allowed) {
            return forward;
        }
        response.setHeader("Access-Control-Allow-Origin", policy.allowOrigin(origin));
        if (!policy.exposedHeaders().isEmpty()) {
            response.setHeader("Access-Control-Expose-Headers", policy.exposedHeaders());
        }
        if (policy.allowCredentials()) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        return forward;
    }

    /**
     * A preflight carries no credentials that could name a client, so on the public port it is allowed from any
     * origin, as later Hydra versions answer it too; the request that follows is what the configured
     * list or the client's {@code allowed_cors_origins} decides.
     */
    private boolean originAllowedForPreflight(String origin) {
        return policy.listAllows(origin) || clients != ClientOriginCheck.NONE;
    }

    private void debug(HttpServletRequest request, String origin, boolean allowed) {
        if (policy.debug()) {
            LOG.info("CORS on the {} port: {} {} from origin {}: {}", port, request.getMethod(),
                    request.getRequestURI(), origin, allowed ? "allowed" : "refused");
        }
    }
}
