package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.UnreadRequestBody;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.token.Introspection;
import org.openauthz.authz.oauth2.token.Introspector;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token authentication of the admin port ({@code serve.admin.auth.enabled}, decision 0022; not in Hydra
 * v1.10, whose admin port has none). A request must carry {@code Authorization: Bearer <access token>} (RFC 6750
 * §2.1) for an active access token this server issued with the required scope, checked by the same code as
 * introspection, on every request (no cache, so a revoked token stops working at once). Health paths stay open for
 * load balancers, and {@code OPTIONS} for CORS preflights, which carry no credentials.
 * Without a usable token the answer is 401 with a {@code Bearer} challenge; with a token lacking the scope, 403
 * {@code insufficient_scope} (RFC 6750 §3.1).
 */
public final class AdminAuthFilter extends HttpFilter {
    private static final Set<String> OPEN = Set.of("/health/alive", "/health/ready", "/admin/health/alive",
            "/admin/health/ready");
    private static final Set<String> INTROSPECTION = Set.of(IntrospectionFilter.PATHS);
    private static final String ACCESS_TOKEN = "access_token";

    private final transient Introspector introspector;
    private final transient ServerSettings.AdminAuth settings;
    private final transient ErrorRenderer errors;
    private final transient ExceptionClassifier exceptions;
    private final transient ObjectMapper json;

    public AdminAuthFilter(Introspector introspector, ServerSettings.AdminAuth settings, ErrorRenderer errors,
                           ExceptionClassifier exceptions, ObjectMapper json) {
        this.introspector = introspector;
        this.settings = settings;
        this.errors = errors;
        this.exceptions = exceptions;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("OPTIONS".equals(request.getMethod()) || OPEN.contains(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        OAuth2Error refusal;
        try {
            refusal = refusal(request);
        } catch (RuntimeException e) {
            refusal = exceptions.classify(e);
        }
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        UnreadRequestBody.closeConnectionIfAny(request, response);
        response.setStatus(refusal.status());
        ErrorRenderer.headers(refusal).forEach(response::setHeader);
        if (refusal.status() == 401 || refusal.status() == 403) {
            response.setHeader("WWW-Authenticate", challenge(refusal, request.getHeader("Authorization") != null));
        }
        response.setContentType("application/json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), errors.render(refusal));
    }

    /** Why the request is refused, or null when its token admits it. */
    private OAuth2Error refusal(HttpServletRequest request) {
        String token = bearerToken(request.getHeader("Authorization"));
        if (token == null) {
            return OAuth2Error.REQUEST_UNAUTHORIZED.withHint("The admin API requires an access token with the "
                    + "scope '" + settings.requiredScope() + "' in an Authorization: Bearer header.");
        }
        Introspection introspection = introspector.introspect(token, ACCESS_TOKEN, List.of());
        if (!introspection.active() || !ACCESS_TOKEN.equals(introspection.tokenUse())) {
            return OAuth2Error.INVALID_TOKEN.withHint("The access token is unknown, expired, revoked, or not an "
                    + "access token.");
        }
        List<String> granted = introspection.scope() == null ? List.of() : List.of(introspection.scope().split(" "));
        boolean admitted = granted.contains(settings.requiredScope())
                || INTROSPECTION.contains(request.getRequestURI()) && granted.contains(settings.introspectionScope());
        return admitted ? null : new OAuth2Error("insufficient_scope", "The request requires higher privileges "
                + "than provided by the access token.", "The access token lacks the scope '"
                + settings.requiredScope() + "'.", 403, null);
    }

    /** The token of {@code Bearer <token>} (RFC 6750 §2.1; the scheme is case-insensitive), or null. */
    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** RFC 6750 §3: no error attribute when the request carried no credentials at all. */
    private static String challenge(OAuth2Error refusal, boolean credentialsSent) {
        return credentialsSent ? "Bearer realm=\"admin\", error=\"" + refusal.error() + "\"" : "Bearer realm=\"admin\"";
    }
}
