package org.openauthz.authz.consent;

import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;

/** Hands a finished flow to the protocol core as an {@link AuthorizedGrant}. */
public final class AuthorizedGrants {
    private AuthorizedGrants() {
    }

    public static AuthorizedGrant from(Flow flow) {
        Flow.LoginOutcome login = flow.login();
        Flow.ConsentOutcome consent = flow.consent();
        return new AuthorizedGrant(flow.authenticatedSubject(), login.forceSubjectIdentifier(), consent.grantScope(),
                consent.grantAudience(), consent.accessTokenClaims(), consent.idTokenClaims(), flow.authTime(),
                flow.requestedAt(), login.acr(), login.amr(), flow.loginSessionId(), flow.consentChallenge());
    }
}
