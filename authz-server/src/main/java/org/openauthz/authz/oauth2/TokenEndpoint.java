package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint's protocol core (RFC 6749 §3.2): authenticates the client, then hands the request to the one
 * handler registered for its grant type.
 */
public final class TokenEndpoint {
    private final ClientAuthenticator authenticator;
    private final Map<String, GrantHandler> handlers;

    public TokenEndpoint(ClientAuthenticator authenticator, List<GrantHandler> handlers) {
        this.authenticator = authenticator;
        Map<String, GrantHandler> byType = new HashMap<>();
        for (GrantHandler handler : handlers) {
            if (byType.put(handler.grantType(), handler) != null) {
                throw new IllegalArgumentException("two handlers for grant type " + handler.grantType());
            }
        }
        this.handlers = Map.copyOf(byType);
    }

    public TokenResponse handle(String authorizationHeader, FormParameters form) {
        TokenRequest request = TokenRequest.parse(form);
        GrantHandler handler = handlers.get(request.grantType());
        if (handler == null) {
            throw OAuth2Error.UNSUPPORTED_GRANT_TYPE.withHint("The grant type '" + request.grantType()
                    + "' is not supported.").toException();
        }
        OAuth2Client client = authenticator.authenticate(authorizationHeader, form);
        if (!client.effectiveGrantTypes().contains(request.grantType())) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The OAuth 2.0 Client is not allowed to use authorization "
                    + "grant '" + request.grantType() + "'.").toException();
        }
        return handler.handle(request, client);
    }
}
