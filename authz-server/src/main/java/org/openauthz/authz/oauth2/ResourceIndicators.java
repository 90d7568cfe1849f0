package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Resource indicators (<a href="https://www.rfc-editor.org/rfc/rfc8707">RFC 8707</a>): the {@code resource}
 * parameters of an authorization or token request name where the access token will be used, and become its
 * audience. A client may ask only for resources its registered {@code audience} allows, by the same rule as the
 * {@code audience} parameter ({@link AudienceMatcher}); anything else is {@code invalid_target} (§2).
 */
public final class ResourceIndicators {
    private ResourceIndicators() {
    }

    /** The {@code resource} parameters (§2: may be repeated), as sent; checked by the methods below. */
    public static List<String> parse(FormParameters form) {
        return form.repeated("resource");
    }

    /** §2: each is "an absolute URI ... MUST NOT include a fragment component". */
    private static void requireWellFormed(List<String> resources) {
        for (String resource : resources) {
            URI uri;
            try {
                uri = new URI(resource);
            } catch (URISyntaxException e) {
                throw invalid("Resource '" + resource + "' is not a URI.");
            }
            if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                throw invalid("Resource '" + resource + "' must be an absolute URI without a fragment (RFC 8707 §2).");
            }
        }
    }

    /** §2: each requested resource must be one the client may have tokens for. */
    public static void requireAllowed(OAuth2Client client, List<String> resources) {
        requireWellFormed(resources);
        List<String> allowed = client.audience() == null ? List.of() : client.audience();
        for (String resource : resources) {
            if (!AudienceMatcher.allowed(allowed, resource)) {
                throw invalid("Resource '" + resource + "' is not an audience this OAuth 2.0 Client may request.");
            }
        }
    }

    /** The audience a token is asked for: the {@code audience} parameter's, then the resources (§2), once each. */
    public static List<String> joined(List<String> audience, List<String> resources) {
        if (resources.isEmpty()) {
            return audience;
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(audience);
        all.addAll(resources);
        return List.copyOf(all);
    }

    /**
     * §2.2: at the token endpoint a code or refresh grant's access token may be narrowed to some of the resources
     * that were granted; without {@code resource} it keeps the whole granted audience.
     */
    public static List<String> narrow(List<String> granted, List<String> requested) {
        if (requested.isEmpty()) {
            return granted;
        }
        requireWellFormed(requested);
        for (String resource : requested) {
            if (!AudienceMatcher.allowed(granted, resource)) {
                throw invalid("Resource '" + resource + "' was not granted to this grant.");
            }
        }
        return List.copyOf(requested);
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_TARGET.withHint(hint).toException();
    }
}
