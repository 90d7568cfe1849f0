package org.openauthz.authz.api.cors;

import jakarta.servlet.http.HttpServletRequest;

/** Whether the OAuth 2.0 client behind a request lists an origin in its {@code allowed_cors_origins}. */
@FunctionalInterface
public interface ClientOriginCheck {
    /** The admin port's check: no client ever adds an origin there. */
    ClientOriginCheck NONE = (request, origin) -> false;

    boolean allows(HttpServletRequest request, String origin);
}
