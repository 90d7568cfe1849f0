package org.openauthz.authz.oauth2.token;

import java.time.Instant;
import java.util.List;

/**
 * One stored token, keyed by its HMAC signature (never the token itself, so a database leak reveals no usable token).
 *
 * @param requestId   the grant id shared by every token of one authorization (revocation revokes them all, RFC 7009 §2.1)
 * @param sessionData the token's session (claims), JSON, encrypted at rest when configured
 * @param challengeId the consent challenge the grant came from, null for client credentials
 */
public record TokenRecord(String signature, String requestId, String clientId, String subject, Instant requestedAt,
                          Instant expiresAt, List<String> grantedScopes, List<String> requestedScopes,
                          List<String> grantedAudience, List<String> requestedAudience, boolean active,
                          String sessionData, String challengeId) {

    public TokenRecord {
        grantedScopes = List.copyOf(grantedScopes);
        requestedScopes = List.copyOf(requestedScopes);
        grantedAudience = List.copyOf(grantedAudience);
        requestedAudience = List.copyOf(requestedAudience);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public TokenRecord inactive() {
        return new TokenRecord(signature, requestId, clientId, subject, requestedAt, expiresAt, grantedScopes,
                requestedScopes, grantedAudience, requestedAudience, false, sessionData, challengeId);
    }
}
