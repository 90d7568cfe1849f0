package org.openauthz.authz.oauth2;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * Hydra v1.10's audience rule: a requested audience must equal an allowed one, or be a sub-path of it
 * with the same scheme, host and port.
 */
public final class AudienceMatcher {
    private AudienceMatcher() {
    }

    public static void requireAllowed(List<String> allowed, List<String> requested) {
        for (String audience : requested) {
            if (!allowed(allowed, audience)) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Requested audience '" + audience
                        + "' has not been whitelisted by the OAuth 2.0 Client.").toException();
            }
        }
    }

    static boolean allowed(List<String> allowed, String requestedRaw) {
        // Hydra compares audiences without a trailing slash.
        String requested = trimSlash(requestedRaw);
        URI want = parse(requested);
        for (String candidateRaw : allowed) {
            String candidate = trimSlash(candidateRaw);
            if (candidate.equals(requested)) {
                return true;
            }
            URI have = parse(candidate);
            if (want == null || have == null || have.getScheme() == null) {
                continue;
            }
            String basePath = have.getPath() == null ? "" : have.getPath();
            String path = want.getPath() == null ? "" : want.getPath();
            boolean subPath = path.equals(basePath) || path.startsWith(basePath.endsWith("/") ? basePath : basePath + "/");
            if (Objects.equals(want.getScheme(), have.getScheme()) && Objects.equals(want.getHost(), have.getHost())
                    && want.getPort() == have.getPort() && subPath) {
                return true;
            }
        }
        return false;
    }

    private static String trimSlash(String value) {
        return value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value;
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
