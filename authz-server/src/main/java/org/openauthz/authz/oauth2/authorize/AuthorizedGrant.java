package org.openauthz.authz.oauth2.authorize;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What login and consent decided, in the protocol core's terms: who, what was granted, and the claims for the
 * tokens. Built by {@code consent.Flow#authorizedGrant()} (the core does not know flows).
 */
public record AuthorizedGrant(String subject, String forcedSubjectIdentifier, List<String> grantedScopes,
                              List<String> grantedAudience, Map<String, Object> accessTokenClaims,
                              Map<String, Object> idTokenClaims, Instant authTime, Instant requestedAt, String acr,
                              List<String> amr, String sessionId, String consentChallenge) {
}
