package org.openauthz.authz.api.publicapi;

/** The token of an {@code Authorization: Bearer} header (<a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>). */
final class BearerToken {
    private BearerToken() {
    }

    /** The token, or null when the header is missing or not a Bearer header. */
    static String fromHeader(String header) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
