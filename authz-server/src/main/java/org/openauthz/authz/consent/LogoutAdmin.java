package org.openauthz.authz.consent;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.consent.admin.LogoutRequestDetails;
import org.openauthz.authz.consent.admin.RedirectTo;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.Optional;
import java.util.function.Function;

/**
 * The admin side of logout (Hydra v1.10's {@code /oauth2/auth/requests/logout[/accept|/reject]}): the logout app
 * reads the request the end-session endpoint ({@link EndSession}) created and accepts it, which hands back the URL
 * with the single-use verifier, or rejects it. Each request is answered once: a second answer is a 409, as for
 * login and consent requests.
 */
public final class LogoutAdmin {
    private final LogoutRequestStore requests;
    private final Function<String, Optional<OAuth2Client>> clients;
    private final String endSessionUrl;

    /** {@code endSessionUrl}: the public end-session endpoint, where the verifier is redeemed. */
    public LogoutAdmin(LogoutRequestStore requests, Function<String, Optional<OAuth2Client>> clients,
                       String endSessionUrl) {
        this.requests = requests;
        this.clients = clients;
        this.endSessionUrl = endSessionUrl;
    }

    /** The request; 410 with where it led once its verifier was used; 404 when unknown or rejected. */
    public LogoutRequestDetails getLogoutRequest(String challenge) {
        LogoutRequest request = find(challenge);
        if (request.wasUsed()) {
            throw new LoginConsentAdmin.AlreadyHandled(request.requestUrl());
        }
        OAuth2Client client = request.clientId() == null ? null : clients.apply(request.clientId()).orElse(null);
        return new LogoutRequestDetails(request.challenge(), request.subject(), request.sid(), request.requestUrl(),
                request.rpInitiated(), client);
    }

    public RedirectTo acceptLogout(String challenge) {
        LogoutRequest request = find(challenge);
        if (!requests.accept(challenge)) {
            throw alreadyHandled();
        }
        return new RedirectTo(endSessionUrl + "?logout_verifier=" + request.verifier());
    }

    public void rejectLogout(String challenge) {
        find(challenge);
        if (!requests.reject(challenge)) {
            throw alreadyHandled();
        }
    }

    /**
     * Hydra v1.10 deletes a rejected logout request, so that it is unknown afterwards; we keep the row (the verifier
     * must stay unusable) and answer as if it were gone.
     */
    private LogoutRequest find(String challenge) {
        if (challenge == null || challenge.isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter 'logout_challenge' is not defined but should "
                    + "have been.").toException();
        }
        return requests.byChallenge(challenge).filter(r -> !r.rejected())
                .orElseThrow(LoginConsentAdmin.NOT_FOUND::toException);
    }

    private static RuntimeException alreadyHandled() {
        return OAuth2Error.CONFLICT.withDescription("The logout request was already handled and can not be handled "
                + "again.").toException();
    }
}
