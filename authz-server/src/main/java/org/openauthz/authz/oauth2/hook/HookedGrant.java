package org.openauthz.authz.oauth2.hook;

import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.List;

/**
 * What the token hooks are told about a grant the token endpoint is about to issue tokens for: the grant type of the
 * request, whose grant it is, what was granted, and the session whose claims a hook may replace.
 */
public record HookedGrant(String grantType, String clientId, String subject, List<String> grantedScopes,
                          List<String> grantedAudience, TokenSession session) {
}
