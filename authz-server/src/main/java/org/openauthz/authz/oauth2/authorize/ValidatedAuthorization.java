package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;

/** An authorization request that passed every check, with the redirect URI and response mode it resolved to. */
public record ValidatedAuthorization(OAuth2Client client, AuthorizationRequest request, String redirectUri,
                                     ResponseMode mode) {

    /** An error for this request, delivered to the client's redirect URI with its state. */
    public AuthorizeException error(OAuth2Error error) {
        return new AuthorizeException(error, redirectUri, mode, request.state());
    }
}
