package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.Optional;

/**
 * Token revocation (RFC 7009). Revoking any token of a grant revokes the whole grant (RFC 7009 §2.1, reference
 * §1.8); unknown tokens are answered like revoked ones (§2.2: "invalid tokens do not cause an error response").
 */
public final class Revoker {
    private final OpaqueTokens tokens;
    private final TokenStore store;

    public Revoker(OpaqueTokens tokens, TokenStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    public void revoke(OAuth2Client client, String token, String tokenTypeHint) {
        Optional<String> signature = tokens.verifiedSignature(token);
        if (signature.isEmpty()) {
            return;
        }
        for (TokenKind kind : Introspector.order(tokenTypeHint)) {
            Optional<TokenRecord> found = store.find(kind, signature.get());
            if (found.isPresent()) {
                if (!found.get().clientId().equals(client.clientId())) {
                    // RFC 7009 §2.1: the server verifies that the token was issued to the requesting client.
                    throw OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The token was not issued to the client making "
                            + "the revocation request.").toException();
                }
                store.revokeRequest(found.get().requestId());
                return;
            }
        }
    }
}
