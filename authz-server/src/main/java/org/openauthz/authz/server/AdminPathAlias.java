package org.openauthz.authz.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import java.net.URI;

/**
 * Serves Hydra v2's {@code /admin/...} paths as plain aliases of the v1.10 paths on the admin port (same bodies,
 * codes and paging; not redirects), by dropping the prefix before routing.
 */
@PreMatching
public final class AdminPathAlias implements ContainerRequestFilter {
    private static final String PREFIX = "admin/";

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.startsWith(PREFIX)) {
            URI base = request.getUriInfo().getBaseUri();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String target = base.toString() + relative.substring(PREFIX.length()) + (query == null ? "" : "?" + query);
            request.setRequestUri(base, URI.create(target));
        }
    }
}
