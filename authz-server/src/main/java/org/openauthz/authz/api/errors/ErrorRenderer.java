package org.openauthz.authz.api.errors;

import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders {@link OAuth2Error}s in Hydra v1.10's flat JSON shape: {@code error} and
 * {@code error_description} (description and hint joined), plus {@code error_hint}, {@code status_code} and
 * {@code error_debug} in legacy mode. Debug text only appears when internal errors are exposed.
 */
public final class ErrorRenderer {
    /**
     * {@code Retry-After} of every 503 (RFC 9110 §10.2.3): an outage or overload is answered at once, and clients
     * that honour the header come back after about the time a database restart or a failover takes.
     */
    public static final String RETRY_AFTER_SECONDS = "2";

    private final boolean legacyFields;
    private final boolean exposeDebug;

    public ErrorRenderer(boolean legacyFields, boolean exposeDebug) {
        this.legacyFields = legacyFields;
        this.exposeDebug = exposeDebug;
    }

    public Map<String, Object> render(OAuth2Error error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        String debug = exposeDebug ? error.debug() : null;
        if (legacyFields) {
            putIfPresent(body, "error_description", error.description());
            putIfPresent(body, "error_hint", error.hint());
            body.put("status_code", error.status());
            putIfPresent(body, "error_debug", debug);
        } else {
            String description = error.fullDescription();
            if (debug != null && !debug.isEmpty()) {
                description = description + " " + debug;
            }
            // Hydra replaces double quotes so the value can be embedded in a WWW-Authenticate header.
            putIfPresent(body, "error_description", description.replace('"', '\''));
        }
        return body;
    }

    /**
     * The headers every error response carries, whoever writes it (the Jersey mappers, the servlet endpoints, the
     * overload filter): never cached (RFC 6749 §5.2), a challenge on 401, {@code Retry-After} on 503.
     */
    public static Map<String, String> headers(OAuth2Error error) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        if (error.status() == 401) {
            // RFC 6750 §3: a bearer token that is not valid is answered with a Bearer challenge.
            headers.put("WWW-Authenticate", "invalid_token".equals(error.error())
                    ? "Bearer error=\"invalid_token\"" : basicChallenge(error));
        }
        if (error.status() == 503) {
            headers.put("Retry-After", RETRY_AFTER_SECONDS);
        }
        return headers;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a 401 at the token, revocation and introspection endpoints (RFC 6749
     * §5.2: invalid_client after HTTP authentication), shared by the Jersey mapper and the servlet endpoints.
     */
    public static String basicChallenge(OAuth2Error error) {
        return "Basic realm=\"oauth2\", error=\"" + error.error() + "\"";
    }

    private static void putIfPresent(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isEmpty()) {
            body.put(key, value);
        }
    }
}
