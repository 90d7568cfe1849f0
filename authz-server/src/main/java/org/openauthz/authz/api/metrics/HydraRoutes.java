package org.openauthz.authz.api.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes of each port, in the endpoint-label form of {@link EndpointTemplates}. A route added to a port belongs
 * here too (HydraRoutesTest compares this list with the JAX-RS resources), or its requests count as
 * {@code {unmatched}}.
 */
public final class HydraRoutes {
    public static final List<String> PUBLIC = List.of(
            "/.well-known/openid-configuration", "/.well-known/jwks.json",
            "/oauth2/auth", "/oauth2/par", "/oauth2/token", "/oauth2/revoke", "/userinfo", "/oauth2/sessions/logout",
            "/oauth2/fallbacks/login", "/oauth2/fallbacks/consent", "/oauth2/fallbacks/logout",
            "/oauth2/fallbacks/logout/callback", "/oauth2/fallbacks/error",
            "/oauth2/register", "/oauth2/register/{param}", "/oauth2/device/auth", "/oauth2/device/verify",
            "/oauth2/fallbacks/device", "/oauth2/fallbacks/device/done",
            "/health/alive", "/health/ready");

    /** Hydra v1.10's admin paths, each also under {@code /admin} (Hydra v2's paths, served as aliases). */
    public static final List<String> ADMIN = withV2Aliases(List.of(
            "/clients", "/clients/{param}", "/keys/{param}", "/keys/{param}/{param}",
            "/oauth2/auth/requests/login", "/oauth2/auth/requests/login/accept", "/oauth2/auth/requests/login/reject",
            "/oauth2/auth/requests/consent", "/oauth2/auth/requests/consent/accept",
            "/oauth2/auth/requests/consent/reject",
            "/oauth2/auth/requests/logout", "/oauth2/auth/requests/logout/accept",
            "/oauth2/auth/requests/logout/reject", "/oauth2/auth/requests/device/accept",
            "/oauth2/auth/sessions/consent", "/oauth2/auth/sessions/login",
            "/oauth2/introspect", "/oauth2/flush", "/oauth2/tokens", "/oauth2/register/initial-access-tokens",
            "/health/alive", "/health/ready", "/version", "/metrics/prometheus"));

    private HydraRoutes() {
    }

    private static List<String> withV2Aliases(List<String> routes) {
        List<String> all = new ArrayList<>(routes);
        routes.forEach(route -> all.add("/admin" + route));
        return List.copyOf(all);
    }
}
