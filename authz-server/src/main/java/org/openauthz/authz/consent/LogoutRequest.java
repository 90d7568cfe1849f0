package org.openauthz.authz.consent;

import java.time.Instant;

/**
 * A logout request of the end-session endpoint
 * (<a href="https://openid.net/specs/openid-connect-rpinitiated-1_0.html">OpenID Connect RP-Initiated Logout 1.0</a>):
 * the logout app reads it by {@code challenge} and accepts or rejects it; the browser then comes back with the
 * single-use {@code verifier}. As in Hydra v1.10, it is accepted or rejected once, and its verifier is used once.
 *
 * @param clientId    the relying party that asked (RP-initiated only), else null
 * @param requestUrl  the end-session request as the browser sent it
 * @param redirectUrl where the browser goes once logged out (the client's post-logout URI with its state, or the
 *                    server's default)
 */
public record LogoutRequest(String challenge, String verifier, String subject, String sid, String clientId,
                            String requestUrl, String redirectUrl, boolean rpInitiated, boolean accepted,
                            boolean rejected, boolean wasUsed, Instant requestedAt) {

    /** A new request, neither accepted nor rejected nor used. */
    public static LogoutRequest start(String challenge, String verifier, String subject, String sid, String clientId,
                                      String requestUrl, String redirectUrl, boolean rpInitiated,
                                      Instant requestedAt) {
        return new LogoutRequest(challenge, verifier, subject, sid, clientId, requestUrl, redirectUrl, rpInitiated,
                false, false, false, requestedAt);
    }

    /** Neither accepted nor rejected yet: the logout app may still answer it. */
    public boolean open() {
        return !accepted && !rejected;
    }
}
