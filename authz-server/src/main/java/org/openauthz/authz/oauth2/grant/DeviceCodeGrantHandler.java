package org.openauthz.authz.oauth2.grant;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.GrantHandler;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.ResourceIndicators;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.TokenRequest;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.device.DeviceAuthorization;
import org.openauthz.authz.oauth2.device.DeviceRequest;
import org.openauthz.authz.oauth2.device.DeviceState;
import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The device code grant (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.4">RFC 8628 §3.4</a>, §3.5): the
 * device polls with its device code and is told {@code authorization_pending} until the user decided,
 * {@code slow_down} (and 5 s more interval from then on) when it polls sooner than its interval,
 * {@code access_denied} when the user refused, {@code expired_token} once the code expired; then the tokens, once.
 * The grant consent stored is an authorization code row, redeemed like a code (see {@code DeviceConsent}).
 */
public final class DeviceCodeGrantHandler implements GrantHandler {
    /** RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests". */
    private static final int SLOW_DOWN_SECONDS = 5;
    private static final OAuth2Error AUTHORIZATION_PENDING = new OAuth2Error("authorization_pending",
            "The authorization request is still pending as the end user hasn't yet completed the user-interaction "
                    + "steps.", null, 400, null);
    private static final OAuth2Error SLOW_DOWN = new OAuth2Error("slow_down", "The authorization request is still "
            + "pending and polling should continue, but the interval MUST be increased by 5 seconds for this and all "
            + "subsequent requests.", null, 400, null);
    private static final OAuth2Error EXPIRED_TOKEN = new OAuth2Error("expired_token", "The device_code has expired, "
            + "and the device authorization session has concluded.", null, 400, null);

    private final DeviceStore devices;
    private final OpaqueTokens tokens;
    private final TokenStore store;
    private final SessionCodec sessions;
    private final GrantTokenFactory factory;
    private final Clock clock;

    public DeviceCodeGrantHandler(DeviceStore devices, OpaqueTokens tokens, TokenStore store, SessionCodec sessions,
                                  GrantTokenFactory factory, Clock clock) {
        this.devices = devices;
        this.tokens = tokens;
        this.store = store;
        this.sessions = sessions;
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return DeviceAuthorization.GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, OAuth2Client client) {
        DeviceRequest device = tokens.verifiedSignature(request.form().require("device_code"))
                .flatMap(devices::byDeviceCode)
                .filter(d -> d.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuth2Error.INVALID_GRANT.withHint("The device code is unknown or malformed, or "
                        + "was issued to another client.").toException());
        Instant now = clock.instant();
        switch (device.state()) {
            case USED -> throw alreadyUsed();
            // RFC 6749 §5.2: token endpoint errors are 400.
            case DENIED -> throw OAuth2Error.ACCESS_DENIED.withStatus(400)
                    .withHint("The end user denied the authorization request.").toException();
            case APPROVED -> {
                return redeem(device, client, now, ResourceIndicators.parse(request.form()), request.dpopJkt());
            }
            default -> throw pending(device, now);
        }
    }

    private OAuth2Exception pending(DeviceRequest device, Instant now) {
        if (device.expiredAt(now)) {
            return EXPIRED_TOKEN.toException();
        }
        boolean tooSoon = device.lastPolledAt() != null
                && now.isBefore(device.lastPolledAt().plusSeconds(device.intervalSeconds()));
        int interval = device.intervalSeconds() + (tooSoon ? SLOW_DOWN_SECONDS : 0);
        devices.recordPoll(device.deviceCodeSignature(), now, interval);
        return (tooSoon ? SLOW_DOWN : AUTHORIZATION_PENDING).toException();
    }

    private TokenResponse redeem(DeviceRequest device, OAuth2Client client, Instant now, List<String> resources,
                                 String dpopJkt) {
        TokenRecord code = store.find(TokenKind.AUTHORIZE_CODE, device.codeSignature())
                .filter(TokenRecord::active)
                .orElseThrow(DeviceCodeGrantHandler::alreadyUsed);
        if (code.expiredAt(now)) {
            throw EXPIRED_TOKEN.toException();
        }
        if (!devices.advance(device.in(DeviceState.USED), DeviceState.APPROVED)) {
            throw alreadyUsed();
        }
        GrantTokenFactory.Minted minted = factory.mint(grantType(), client, code,
                sessions.decode(code.sessionData()).forTokens(), resources, dpopJkt);
        if (!store.redeem(device.codeSignature(), minted.access().row(), minted.refreshRow())) {
            throw alreadyUsed();
        }
        return factory.response(client, minted);
    }

    private static OAuth2Exception alreadyUsed() {
        return OAuth2Error.INVALID_GRANT.withHint("The device code has already been used.").toException();
    }
}
