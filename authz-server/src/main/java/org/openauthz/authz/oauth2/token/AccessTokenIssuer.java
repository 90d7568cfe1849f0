package org.openauthz.authz.oauth2.token;

/**
 * Issues an access token on its own (client credentials, the implicit and hybrid flows) and stores it (by its
 * HMAC signature, see {@link TokenRecord}). The returned token is only handed out after {@link TokenStore#insert}
 * returned, so every token a client holds is durable.
 */
public final class AccessTokenIssuer {
    private final TokenMinter minter;
    private final TokenStore store;

    public AccessTokenIssuer(TokenMinter minter, TokenStore store) {
        this.minter = minter;
        this.store = store;
    }

    public TokenMinter.Minted issue(Grant grant) {
        TokenMinter.Minted access = minter.access(grant);
        store.insert(TokenKind.ACCESS_TOKEN, access.row());
        return access;
    }
}
