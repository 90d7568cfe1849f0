package org.openauthz.authz.oauth2.authorize;

/**
 * How the authorization response reaches the client: query (RFC 6749 §4.1.2), fragment (§4.2.2), or an
 * auto-submitting form (OAuth 2.0 Form Post Response Mode).
 */
public enum ResponseMode {
    QUERY, FRAGMENT, FORM_POST;

    /** The explicit mode, or the default: query for exactly {@code code}, fragment otherwise (OAuth 2.0 Multiple Response Types §5). */
    static ResponseMode of(String requested, boolean codeOnly) {
        if (requested == null) {
            return codeOnly ? QUERY : FRAGMENT;
        }
        return switch (requested) {
            case "query" -> QUERY;
            case "fragment" -> FRAGMENT;
            case "form_post" -> FORM_POST;
            default -> null;
        };
    }
}
