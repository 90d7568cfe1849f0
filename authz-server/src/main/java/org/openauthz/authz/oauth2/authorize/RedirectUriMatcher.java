package org.openauthz.authz.oauth2.authorize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Redirect URI matching (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3: exact string comparison), with one exception: a
 * registered {@code http://127.0.0.1} or {@code http://[::1]} URI matches any port (RFC 8252 §7.3, native apps
 * bind an ephemeral port).
 */
public final class RedirectUriMatcher {
    private static final Set<String> LOOPBACK_IPS = Set.of("127.0.0.1", "[::1]", "::1");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private RedirectUriMatcher() {
    }

    /** The redirect URI to use, or empty when the requested one is not registered (or ambiguous when omitted). */
    public static Optional<String> resolve(List<String> registered, String requested) {
        if (requested == null) {
            // RFC 6749 §3.1.2.3: without a redirect_uri only a single registered URI is unambiguous.
            return registered.size() == 1 ? Optional.of(registered.get(0)) : Optional.empty();
        }
        if (registered.contains(requested)) {
            return Optional.of(requested);
        }
        URI want = parse(requested);
        if (want == null || !"http".equalsIgnoreCase(want.getScheme()) || !LOOPBACK_IPS.contains(want.getHost())) {
            return Optional.empty();
        }
        for (String candidate : registered) {
            URI have = parse(candidate);
            if (have != null && "http".equalsIgnoreCase(have.getScheme()) && Objects.equals(have.getHost(), want.getHost())
                    && Objects.equals(have.getRawPath(), want.getRawPath())
                    && Objects.equals(have.getRawQuery(), want.getRawQuery())) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 9700 §2.1 / RFC 6749 §3.1.2.1: plain http is only acceptable for redirects that stay on this machine;
     * custom schemes (native apps) are allowed.
     */
    public static boolean isSecure(String redirectUri) {
        URI uri = parse(redirectUri);
        if (uri == null) {
            return false;
        }
        // RFC 3986 §3.1: schemes are case-insensitive, so HTTP:// is plain http too.
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return LOCAL_HOSTS.contains(host) || host.endsWith(".localhost");
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
