package org.openauthz.authz.oauth2.device;

import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a user code the login app's device page sends through the admin API, against guessing
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-5.1">RFC 8628 §5.1</a>): a challenge takes
 * {@value #PER_CHALLENGE} wrong codes and is then dead (the browser must start again at
 * {@code /oauth2/device/verify}); a source address takes {@value #PER_SOURCE} wrong codes per {@link #WINDOW}.
 * A right code moves its request from PENDING to VERIFIED (or gives a VERIFIED one a new verifier) and yields the
 * verifier the browser continues with.
 */
public final class DeviceUserCodeCheck {
    static final int PER_CHALLENGE = 5;
    static final int PER_SOURCE = 20;
    static final Duration WINDOW = Duration.ofHours(1);

    private static final OAuth2Error TOO_MANY = new OAuth2Error("too_many_attempts",
            "Too many wrong user codes were entered.", null, 429, null);

    private final DeviceChallenges challenges;
    private final DeviceStore store;
    private final OpaqueTokens tokens;
    private final Clock clock;

    public DeviceUserCodeCheck(DeviceChallenges challenges, DeviceStore store, OpaqueTokens tokens, Clock clock) {
        this.challenges = challenges;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * The verifier of the request the user code belongs to.
     *
     * @throws org.openauthz.authz.oauth2.OAuth2Exception {@code not_found} (404) for an unknown or expired challenge,
     *                                                    {@code too_many_attempts} (429) once a limit is reached,
     *                                                    {@code invalid_request} (400) for a wrong, expired or used code
     */
    public String accept(String challenge, String typedUserCode) {
        DeviceChallenges.Challenge opened = challenges.open(challenge).orElseThrow(() -> OAuth2Error.NOT_FOUND
                .withHint("The device challenge is unknown or has expired. Start again at the verification URL.")
                .toException());
        Instant now = clock.instant();
        if (store.failuresOfChallenge(opened.key()) >= PER_CHALLENGE) {
            throw TOO_MANY.withHint("Start again at the verification URL.").toException();
        }
        if (store.failuresFrom(opened.sourceKey(), now.minus(WINDOW)) >= PER_SOURCE) {
            throw TOO_MANY.withHint("Try again later.").toException();
        }
        Optional<DeviceRequest> found = UserCodes.canonical(typedUserCode).map(tokens::keyedHash)
                .flatMap(store::byUserCode)
                .filter(r -> (r.state() == DeviceState.PENDING || r.state() == DeviceState.VERIFIED)
                        && !r.expiredAt(now));
        if (found.isPresent()) {
            // Typed again while still VERIFIED (the first browser was closed before consent): a new verifier
            // replaces the old one, so only the latest visit can finish the sign-in.
            OpaqueTokens.Minted verifier = tokens.mint();
            if (store.advance(found.get().verified(verifier.signature()), found.get().state())) {
                return verifier.token();
            }
        }
        store.recordFailure(opened.key(), opened.sourceKey(), now);
        throw OAuth2Error.INVALID_REQUEST.withHint("The user code is wrong, has expired or was already used.")
                .toException();
    }
}
