package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.crypto.OpaqueTokens;

import java.time.Clock;
import java.time.Duration;

/** Stores a token of any kind and lifetime for a test, minted by the production {@link TokenMinter}. */
public final class TestTokens {
    private final OpaqueTokens opaque;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final Clock clock;

    public TestTokens(OpaqueTokens opaque, TokenStore store, SessionCodec sessions, Clock clock) {
        this.opaque = opaque;
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The token handed out; its row is stored. */
    public String issue(TokenKind kind, Grant grant, Duration ttl) {
        TokenMinter minter = new TokenMinter(opaque, AccessTokenFormat.opaque(opaque), sessions, ttl, ttl, ttl,
                clock);
        TokenMinter.Minted minted = switch (kind) {
            case AUTHORIZE_CODE -> minter.code(grant);
            case ACCESS_TOKEN -> minter.access(grant);
            case REFRESH_TOKEN -> minter.refreshFor(minter.access(grant), false);
        };
        store.insert(kind, minted.row());
        return minted.token();
    }
}
