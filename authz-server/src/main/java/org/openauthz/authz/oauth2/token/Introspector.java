package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.oauth2.ScopeStrategy;

import java.util.List;
import java.util.Map;

/**
 * Token introspection (RFC 7662). Unknown, forged, expired, revoked tokens, and tokens lacking a requested scope are
 * all simply inactive (RFC 7662 §2.2), so the answer reveals nothing about why.
 */
public final class Introspector {
    private final TokenLookup lookup;
    private final SessionCodec sessions;
    private final ScopeStrategy scopes;
    private final String issuer;

    public Introspector(TokenLookup lookup, SessionCodec sessions, ScopeStrategy scopes, String issuer) {
        this.lookup = lookup;
        this.sessions = sessions;
        this.scopes = scopes;
        this.issuer = issuer;
    }

    public Introspection introspect(String token, String tokenTypeHint, List<String> requiredScopes) {
        return lookup.active(token, TokenLookup.byHint(tokenTypeHint))
                .filter(found -> hasAll(found.record(), requiredScopes))
                .map(found -> active(found.kind(), found.record()))
                .orElse(Introspection.INACTIVE);
    }

    private boolean hasAll(TokenRecord record, List<String> requiredScopes) {
        return requiredScopes.stream().allMatch(scope -> scopes.allows(record.grantedScopes(), scope));
    }

    private Introspection active(TokenKind kind, TokenRecord record) {
        TokenSession session = sessions.decode(record.sessionData());
        long iat = record.requestedAt().getEpochSecond();
        return new Introspection(true, record.grantedScopes().isEmpty() ? null : String.join(" ", record.grantedScopes()),
                record.clientId(), record.subject(), session.obfuscatedSubject(), record.expiresAt() == null ? null : record.expiresAt().getEpochSecond(),
                iat, iat, record.grantedAudience(), issuer, record.dpopJkt() == null ? "Bearer" : "DPoP", kind.use(),
                session.ext().isEmpty() ? null : session.ext(),
                record.dpopJkt() == null ? null : Map.of("jkt", record.dpopJkt()));
    }
}
