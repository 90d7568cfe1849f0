package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.ScopeStrategy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Token introspection (RFC 7662). Unknown, forged, expired, revoked tokens, and tokens lacking a requested scope are
 * all simply inactive (RFC 7662 §2.2), so the answer reveals nothing about why.
 */
public final class Introspector {
    private final OpaqueTokens tokens;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final ScopeStrategy scopes;
    private final String issuer;
    private final Clock clock;

    public Introspector(OpaqueTokens tokens, TokenStore store, SessionCodec sessions, ScopeStrategy scopes,
                        String issuer, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.sessions = sessions;
        this.scopes = scopes;
        this.issuer = issuer;
        this.clock = clock;
    }

    public Introspection introspect(String token, String tokenTypeHint, List<String> requiredScopes) {
        Optional<String> signature = tokens.verifiedSignature(token);
        if (signature.isEmpty()) {
            return Introspection.INACTIVE;
        }
        Instant now = clock.instant();
        for (TokenKind kind : order(tokenTypeHint)) {
            Optional<TokenRecord> found = store.find(kind, signature.get());
            if (found.isPresent()) {
                TokenRecord record = found.get();
                if (!record.active() || record.expiredAt(now)
                        || !requiredScopes.stream().allMatch(s -> scopes.allows(record.grantedScopes(), s))) {
                    return Introspection.INACTIVE;
                }
                return active(kind, record);
            }
        }
        return Introspection.INACTIVE;
    }

    private Introspection active(TokenKind kind, TokenRecord record) {
        TokenSession session = sessions.decode(record.sessionData());
        long iat = record.requestedAt().getEpochSecond();
        return new Introspection(true, record.grantedScopes().isEmpty() ? null : String.join(" ", record.grantedScopes()),
                record.clientId(), record.subject(), record.expiresAt() == null ? null : record.expiresAt().getEpochSecond(),
                iat, iat, record.grantedAudience(), issuer, "Bearer", kind.use(),
                session.ext().isEmpty() ? null : session.ext());
    }

    /** The hint only orders the lookups (RFC 7662 §2.1: the server may ignore it). */
    static List<TokenKind> order(String hint) {
        return "refresh_token".equals(hint) ? List.of(TokenKind.REFRESH_TOKEN, TokenKind.ACCESS_TOKEN)
                : List.of(TokenKind.ACCESS_TOKEN, TokenKind.REFRESH_TOKEN);
    }
}
