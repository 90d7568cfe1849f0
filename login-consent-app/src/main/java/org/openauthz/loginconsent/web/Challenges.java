package org.openauthz.loginconsent.web;

import java.util.regex.Pattern;

/**
 * Checks a {@code login_challenge} / {@code consent_challenge} / {@code logout_challenge} before it goes to the admin API. Hydra v1.10 uses
 * 32 hex characters; v2 uses long URL-safe strings; both fit this pattern.
 */
final class Challenges {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~-]{1,4096}");

    private Challenges() {
    }

    /**
     * @throws PageException 400 when the challenge is missing or cannot be a challenge
     */
    static String require(String challenge, String parameter) {
        if (challenge == null || challenge.isBlank()) {
            throw PageException.missingChallenge(parameter);
        }
        if (!wellFormed(challenge)) {
            throw PageException.malformedChallenge(parameter);
        }
        return challenge;
    }

    /** Whether a non-blank value has the shape of a challenge. */
    static boolean wellFormed(String challenge) {
        return SHAPE.matcher(challenge).matches();
    }
}
