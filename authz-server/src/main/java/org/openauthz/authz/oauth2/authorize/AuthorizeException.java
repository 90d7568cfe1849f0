package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.oauth2.OAuth2Error;

/**
 * An authorization endpoint error and where it goes (RFC 6749 §4.1.2.1): to the client's redirect URI when that was
 * validated, else ({@code redirectUri == null}) to the configured error page, never to an unverified URI.
 */
public final class AuthorizeException extends RuntimeException {
    private final OAuth2Error error;
    private final String redirectUri;
    private final ResponseMode mode;
    private final String state;

    public AuthorizeException(OAuth2Error error, String redirectUri, ResponseMode mode, String state) {
        super(error.error(), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.mode = mode;
        this.state = state;
    }

    public static AuthorizeException toErrorPage(OAuth2Error error) {
        return new AuthorizeException(error, null, null, null);
    }

    public OAuth2Error error() {
        return error;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public ResponseMode mode() {
        return mode;
    }

    public String state() {
        return state;
    }
}
