package org.openauthz.authz.oauth2;

/** Carries an {@link OAuth2Error} out of the protocol core to the port's exception mapper. */
public final class OAuth2Exception extends RuntimeException {
    private final OAuth2Error error;

    public OAuth2Exception(OAuth2Error error) {
        super(error.error() + ": " + error.fullDescription(), null, false, false);
        this.error = error;
    }

    public OAuth2Error error() {
        return error;
    }
}
