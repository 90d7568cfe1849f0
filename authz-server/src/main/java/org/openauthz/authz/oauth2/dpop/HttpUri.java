package org.openauthz.authz.oauth2.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The form in which a DPoP proof's {@code htu} is compared with the request's URI: without query and fragment
 * (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a> item 9), after the syntax- and
 * scheme-based normalisation of RFC 3986 §6.2.2 and §6.2.3 (case of scheme and host, default port, empty path).
 */
final class HttpUri {
    private HttpUri() {
    }

    /** The normalised URI, or null when {@code value} is not an absolute http(s) URI. */
    static String normalize(String value) {
        try {
            URI uri = new URI(value).normalize();
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
