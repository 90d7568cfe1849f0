package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;

/**
 * Handles one grant type at the token endpoint. Handlers are independent: the endpoint picks
 * exactly one by {@code grant_type}, never chains them.
 */
public interface GrantHandler {
    String grantType();

    TokenResponse handle(TokenRequest request, OAuth2Client client);
}
