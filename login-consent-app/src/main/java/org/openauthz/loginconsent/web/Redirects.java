package org.openauthz.loginconsent.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/** Small response helpers shared by the pages. */
final class Redirects {
    private Redirects() {
    }

    /**
     * 302 to where the admin API said, as Hydra's reference app does ({@code res.redirect}). The URL was checked to
     * be http(s) by the gateway.
     */
    static Response to(String url) {
        return Response.status(Response.Status.FOUND).location(URI.create(url)).build();
    }

    /**
     * Whether the browser talks HTTPS to us, directly or through a TLS-terminating proxy. Only decides the cookie's
     * Secure flag, so a forged header can only hurt the browser that sends it.
     */
    static boolean overHttps(HttpHeaders headers, UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }
}
