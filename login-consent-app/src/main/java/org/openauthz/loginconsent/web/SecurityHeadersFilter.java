package org.openauthz.loginconsent.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every answer. Pages carry one-time challenges and CSRF tokens, so nothing may cache them; no other site
 * may frame them (clickjacking a consent button); scripts are never needed; images may come from anywhere because
 * client logos do; and no Referer leaves the page, because the URL holds the challenge.
 */
public final class SecurityHeadersFilter implements ContainerResponseFilter {
    static final String CSP = "default-src 'self'; img-src * data:; style-src 'self'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (!headers.containsKey("Cache-Control")) {
            headers.putSingle("Cache-Control", "no-store");
        }
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
    }
}
