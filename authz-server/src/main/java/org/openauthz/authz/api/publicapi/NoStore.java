package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.core.Response;

/** Responses carrying tokens or credentials must not be cached (RFC 6749 §5.1, RFC 7662 §2.2). */
public final class NoStore {
    private NoStore() {
    }

    public static Response ok(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
