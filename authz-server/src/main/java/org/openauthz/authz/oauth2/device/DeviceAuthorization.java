package org.openauthz.authz.oauth2.device;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.AudienceMatcher;
import org.openauthz.authz.oauth2.ClientAuthenticator;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The device authorization endpoint's core (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.1">RFC 8628
 * §3.1</a>, §3.2): the client authenticates as at the token endpoint (public clients with {@code none} too, §3.1),
 * must hold the device code grant, and may ask only for its own scopes and audience. The device code is an opaque
 * token (only its HMAC is stored), the user code a short code for people ({@link UserCodes}).
 */
public final class DeviceAuthorization {
    /** <a href="https://www.rfc-editor.org/rfc/rfc8628#section-7.2">RFC 8628 §7.2</a>. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    /** A drawn user code that exists already is drawn again; after this many tries something else is wrong. */
    private static final int USER_CODE_DRAWS = 3;

    private final ClientAuthenticator authenticator;
    private final ClientScopes scopes;
    private final DeviceStore store;
    private final OpaqueTokens tokens;
    private final UserCodes userCodes;
    private final Duration lifespan;
    private final Duration interval;
    private final String verificationUri;
    private final Clock clock;

    public DeviceAuthorization(ClientAuthenticator authenticator, ClientScopes scopes, DeviceStore store,
                               OpaqueTokens tokens, UserCodes userCodes, Duration lifespan, Duration interval,
                               String verificationUri, Clock clock) {
        this.authenticator = authenticator;
        this.scopes = scopes;
        this.store = store;
        this.tokens = tokens;
        this.userCodes = userCodes;
        this.lifespan = lifespan;
        this.interval = interval;
        this.verificationUri = verificationUri;
        this.clock = clock;
    }

    public DeviceAuthorizationResponse authorize(String authorizationHeader, FormParameters form) {
        OAuth2Client client = authenticator.authenticate(authorizationHeader, form);
        if (!client.effectiveGrantTypes().contains(GRANT_TYPE)) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The OAuth 2.0 Client is not allowed to use authorization "
                    + "grant '" + GRANT_TYPE + "'.").toException();
        }
        List<String> requestedScopes = form.words("scope");
        List<String> requestedAudience = form.wordsOrRepeated("audience");
        scopes.requireAllowed(client, requestedScopes);
        AudienceMatcher.requireAllowed(client.audience() == null ? List.of() : client.audience(), requestedAudience);
        Instant now = clock.instant();
        OpaqueTokens.Minted deviceCode = tokens.mint();
        for (int draw = 1; ; draw++) {
            String userCode = userCodes.next();
            try {
                store.create(new DeviceRequest(deviceCode.signature(), tokens.keyedHash(userCode), client.clientId(),
                        requestedScopes, requestedAudience, now, now.plus(lifespan), (int) interval.toSeconds(), null,
                        DeviceState.PENDING, null, null));
            } catch (DuplicateKeyException e) {
                if (draw < USER_CODE_DRAWS) {
                    continue;
                }
                throw e;
            }
            String shown = UserCodes.display(userCode);
            return new DeviceAuthorizationResponse(deviceCode.token(), shown, verificationUri,
                    verificationUri + "?user_code=" + shown, lifespan.toSeconds(), (int) interval.toSeconds());
        }
    }
}
