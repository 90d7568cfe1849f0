package org.openauthz.authz.oauth2.device;

import java.time.Instant;
import java.util.List;

/**
 * One device authorization request (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.1">RFC 8628 §3.1</a>)
 * as stored: the device code, user code and verifier only as their HMAC signatures, never in the clear.
 *
 * @param verifierSignature set once the user code was accepted: the browser's way back into the login flow
 * @param codeSignature     set once consent was given: the stored authorization code row that holds the grant
 * @param intervalSeconds   the polling interval the device must keep; grows by 5 s on every {@code slow_down}
 */
public record DeviceRequest(String deviceCodeSignature, String userCodeSignature, String clientId,
                            List<String> requestedScopes, List<String> requestedAudience, Instant requestedAt,
                            Instant expiresAt, int intervalSeconds, Instant lastPolledAt, DeviceState state,
                            String verifierSignature, String codeSignature) {

    public DeviceRequest {
        requestedScopes = List.copyOf(requestedScopes);
        requestedAudience = List.copyOf(requestedAudience);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The user code was accepted; the browser continues with this verifier. */
    public DeviceRequest verified(String verifier) {
        return new DeviceRequest(deviceCodeSignature, userCodeSignature, clientId, requestedScopes, requestedAudience,
                requestedAt, expiresAt, intervalSeconds, lastPolledAt, DeviceState.VERIFIED, verifier, codeSignature);
    }

    /** Consent was given: the grant is the authorization code row stored under {@code code}. */
    public DeviceRequest approved(String code) {
        return new DeviceRequest(deviceCodeSignature, userCodeSignature, clientId, requestedScopes, requestedAudience,
                requestedAt, expiresAt, intervalSeconds, lastPolledAt, DeviceState.APPROVED, verifierSignature, code);
    }

    public DeviceRequest in(DeviceState next) {
        return new DeviceRequest(deviceCodeSignature, userCodeSignature, clientId, requestedScopes, requestedAudience,
                requestedAt, expiresAt, intervalSeconds, lastPolledAt, next, verifierSignature, codeSignature);
    }
}
