package org.openauthz.authz.oauth2.token;

import java.time.Instant;
import java.util.List;

/**
 * One stored token, keyed by its HMAC signature (never the token itself, so a database leak reveals no usable token).
 *
 * @param requestId   the grant id shared by every token of one authorization (revocation revokes them all, RFC 7009 §2.1)
 * @param sessionData the token's session (claims), JSON, encrypted at rest when configured
 * @param challengeId the consent challenge the grant came from, null for client credentials
 * @param dpopJkt     the JWK SHA-256 thumbprint (RFC 7638) of the DPoP key the token is bound to
 *                    (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-6">RFC 9449 §6</a>), null when unbound
 */
public record TokenRecord(String signature, String requestId, String clientId, String subject, Instant requestedAt,
                          Instant expiresAt, List<String> grantedScopes, List<String> requestedScopes,
                          List<String> grantedAudience, List<String> requestedAudience, boolean active,
                          String sessionData, String challengeId, String dpopJkt) {

    public TokenRecord {
        grantedScopes = List.copyOf(grantedScopes);
        requestedScopes = List.copyOf(requestedScopes);
        grantedAudience = List.copyOf(grantedAudience);
        requestedAudience = List.copyOf(requestedAudience);
    }

    /** A token bound to no DPoP key. */
    public TokenRecord(String signature, String requestId, String clientId, String subject, Instant requestedAt,
                       Instant expiresAt, List<String> grantedScopes, List<String> requestedScopes,
                       List<String> grantedAudience, List<String> requestedAudience, boolean active,
                       String sessionData, String challengeId) {
        this(signature, requestId, clientId, subject, requestedAt, expiresAt, grantedScopes, requestedScopes,
                grantedAudience, requestedAudience, active, sessionData, challengeId, null);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public TokenRecord inactive() {
        return new TokenRecord(signature, requestId, clientId, subject, requestedAt, expiresAt, grantedScopes,
                requestedScopes, grantedAudience, requestedAudience, false, sessionData, challengeId, dpopJkt);
    }
}
