package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.crypto.OpaqueTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Mints opaque access and refresh tokens and stores their signatures (reference §3.1). The returned token is only
 * handed out after {@link TokenStore#insert} returned, so every token a client holds is durable.
 */
public final class AccessTokenIssuer {
    private final OpaqueTokens tokens;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final Clock clock;

    public AccessTokenIssuer(OpaqueTokens tokens, TokenStore store, SessionCodec sessions, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What one grant issues under; shared by its access and refresh tokens. */
    public record Grant(String requestId, String clientId, String subject, List<String> grantedScopes,
                        List<String> requestedScopes, List<String> grantedAudience, List<String> requestedAudience,
                        TokenSession session, String challengeId) {
    }

    /** A token as handed to the client, with its lifetime in seconds for {@code expires_in}. */
    public record Issued(String token, long expiresIn) {
    }

    public Issued issue(TokenKind kind, Grant grant, Duration ttl) {
        OpaqueTokens.Minted minted = tokens.mint();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = ttl.isNegative() ? null : now.plus(ttl);
        store.insert(kind, new TokenRecord(minted.signature(), grant.requestId(), grant.clientId(), grant.subject(),
                now, expiresAt, grant.grantedScopes(), grant.requestedScopes(), grant.grantedAudience(),
                grant.requestedAudience(), true, sessions.encode(grant.session()), grant.challengeId()));
        return new Issued(minted.token(), ttl.isNegative() ? 0 : ttl.getSeconds());
    }
}
