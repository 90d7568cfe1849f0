package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;

/**
 * Token revocation (RFC 7009). Revoking any token of a grant revokes the whole grant
 * (<a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009 §2.1</a>); unknown tokens are answered like
 * revoked ones (§2.2: "invalid tokens do not cause an error response"). Tokens already inactive or expired are revoked
 * all the same.
 */
public final class Revoker {
    private final TokenLookup lookup;
    private final TokenStore store;

    public Revoker(TokenLookup lookup, TokenStore store) {
        this.lookup = lookup;
        this.store = store;
    }

    public void revoke(OAuth2Client client, String token, String tokenTypeHint) {
        lookup.find(token, TokenLookup.byHint(tokenTypeHint)).map(TokenLookup.Found::record).ifPresent(found -> {
            if (!found.clientId().equals(client.clientId())) {
                // RFC 7009 §2.1: the server verifies that the token was issued to the requesting client.
                throw OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The token was not issued to the client making "
                        + "the revocation request.").toException();
            }
            store.revokeRequest(found.requestId());
        });
    }
}
