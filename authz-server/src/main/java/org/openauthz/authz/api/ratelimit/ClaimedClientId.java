package org.openauthz.authz.api.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.http.BadMessageException;
import org.openauthz.authz.api.FormEndpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The client id a request claims, not yet authenticated: the user of HTTP Basic (RFC 6749 §2.3.1:
 * {@code base64(urlencode(id) ":" urlencode(secret))}), else the {@code client_id} of a small url-encoded form.
 * Null when there is none or it cannot be read; the endpoint then answers the malformed request itself. Reads the
 * same id as {@link org.openauthz.authz.oauth2.ClientAuthenticator#parseBasic} without its regular expression and
 * without decoding the secret, since every rate-limited request pays for it.
 */
public final class ClaimedClientId {
    private static final String BASIC = "Basic ";

    private ClaimedClientId() {
    }

    public static String of(HttpServletRequest request) {
        if (sendsBasic(request)) {
            return fromBasic(request.getHeader("Authorization"));
        }
        String contentType = request.getContentType();
        if (contentType == null || request.getContentLengthLong() > FormEndpoint.MAX_FORM_BYTES
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        try {
            String clientId = request.getParameter("client_id");
            return clientId == null || clientId.isEmpty() ? null : clientId;
        } catch (BadMessageException notAForm) {
            return null;
        }
    }

    /** Whether the request authenticates with HTTP Basic (RFC 6749 §2.3.1), so its form need not be read. */
    public static boolean sendsBasic(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    /** The user of a {@code Basic} Authorization header, or null. */
    public static String fromBasic(String authorization) {
        if (authorization.length() <= BASIC.length()) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
            int colon = 0;
            while (colon < decoded.length && decoded[colon] != ':') {
                colon++;
            }
            if (colon == 0 || colon == decoded.length) {
                return null;
            }
            String id = new String(decoded, 0, colon, StandardCharsets.UTF_8);
            return id.indexOf('%') < 0 && id.indexOf('+') < 0 ? id : URLDecoder.decode(id, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
