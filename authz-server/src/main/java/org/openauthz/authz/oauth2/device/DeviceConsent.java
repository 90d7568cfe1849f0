package org.openauthz.authz.oauth2.device;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizedGrant;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The user side of the device grant once the user code was accepted
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.3">RFC 8628 §3.3</a>): the request, seen as an
 * authorization request of its client for the usual login and consent, and its outcome. Consent stores the grant as
 * an authorization code row that is never handed out: the device code grant redeems it by its signature, so the
 * tokens are minted exactly as for the code grant (same claims, refresh and ID token rules, token hooks).
 */
public final class DeviceConsent {
    private final DeviceStore store;
    private final OpaqueTokens tokens;
    private final Function<String, Optional<OAuth2Client>> clients;
    private final ResponseTypeIssuer issuer;
    private final Clock clock;

    public DeviceConsent(DeviceStore store, OpaqueTokens tokens, Function<String, Optional<OAuth2Client>> clients,
                         ResponseTypeIssuer issuer, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clients = clients;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A verified device request and the authorization request the login and consent flow runs for it. */
    public record Pending(DeviceRequest device, ValidatedAuthorization authorization) {
    }

    /**
     * The request a verifier stands for, while login and consent may still run for it.
     *
     * @throws org.openauthz.authz.oauth2.OAuth2Exception {@code invalid_request} when the verifier is unknown, was
     *                                                    used up, or the request expired; {@code invalid_client} when
     *                                                    its client is gone
     */
    public Pending pending(String verifier) {
        DeviceRequest device = tokens.verifiedSignature(verifier).flatMap(store::byVerifier)
                .filter(d -> d.state() == DeviceState.VERIFIED && !d.expiredAt(clock.instant()))
                .orElseThrow(() -> OAuth2Error.INVALID_REQUEST.withHint("The device verifier is unknown, was already "
                        + "used, or the device code has expired. Start again on the device.").toException());
        OAuth2Client client = clients.apply(device.clientId()).orElseThrow(() -> OAuth2Error.INVALID_CLIENT
                .withHint("The OAuth 2.0 Client of this device request does not exist any more.").toException());
        AuthorizationRequest request = new AuthorizationRequest(Set.of("code"), client.clientId(), null,
                device.requestedScopes(), null, null, Set.of(), null, null, null, List.of(), List.of(), null, null,
                null, null, device.requestedAudience(), false, false, false, List.of(), null);
        // No redirect URI: errors go to the error page, never to a client URL.
        return new Pending(device, new ValidatedAuthorization(client, request, null, null));
    }

    /** Consent was given: stores the grant and lets the device's next poll redeem it. False when already decided. */
    public boolean approve(Pending pending, AuthorizedGrant grant) {
        String code = issuer.issue(pending.authorization(), grant).get("code");
        String codeSignature = tokens.verifiedSignature(code).orElseThrow();
        return store.advance(pending.device().approved(codeSignature), DeviceState.VERIFIED);
    }

    /** Login or consent was refused: the device's next poll answers {@code access_denied}. */
    public void deny(Pending pending) {
        store.advance(pending.device().in(DeviceState.DENIED), DeviceState.VERIFIED);
    }
}
