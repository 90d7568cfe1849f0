package org.openauthz.authz.oauth2.token;

import java.util.List;

/**
 * What every token of one grant shares: its request id (revoking one token revokes them all, RFC 7009 §2.1), client,
 * subject, scopes, audience, session and the consent challenge it came from ({@code null} for client credentials),
 * and the thumbprint of the DPoP key its new tokens are bound to ({@code null}: unbound, RFC 9449 §6).
 */
public record Grant(String requestId, String clientId, String subject, List<String> grantedScopes,
                    List<String> requestedScopes, List<String> grantedAudience, List<String> requestedAudience,
                    TokenSession session, String challengeId, String dpopJkt) {

    /** A grant whose tokens are bound to no DPoP key. */
    public Grant(String requestId, String clientId, String subject, List<String> grantedScopes,
                 List<String> requestedScopes, List<String> grantedAudience, List<String> requestedAudience,
                 TokenSession session, String challengeId) {
        this(requestId, clientId, subject, grantedScopes, requestedScopes, grantedAudience, requestedAudience, session,
                challengeId, null);
    }

    /** The same grant for a narrower audience (RFC 8707 §2.2: an access token for some of the resources). */
    public Grant withGrantedAudience(List<String> audience) {
        return new Grant(requestId, clientId, subject, grantedScopes, requestedScopes, audience, requestedAudience,
                session, challengeId, dpopJkt);
    }

    /** The grant a stored token belongs to; the new tokens carry {@code session}. */
    public static Grant of(TokenRecord stored, TokenSession session) {
        return new Grant(stored.requestId(), stored.clientId(), stored.subject(), stored.grantedScopes(),
                stored.requestedScopes(), stored.grantedAudience(), stored.requestedAudience(), session,
                stored.challengeId(), stored.dpopJkt());
    }

    /** The same grant, its new tokens bound to the DPoP key with thumbprint {@code jkt} (null: unbound). */
    public Grant boundTo(String jkt) {
        return new Grant(requestId, clientId, subject, grantedScopes, requestedScopes, grantedAudience,
                requestedAudience, session, challengeId, jkt);
    }
}
