package org.openauthz.authz.client;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Initial access tokens for closed registration (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591
 * §3</a>): the administrator issues one to an application's developer, who presents it as a bearer token to the
 * registration endpoint. Generated and hashed like registration access tokens; valid until they expire, or for one
 * registration when single use.
 */
public final class InitialAccessTokens {
    public static final Duration DEFAULT_LIFESPAN = Duration.ofHours(24);
    public static final Duration MAX_LIFESPAN = Duration.ofDays(365);

    /** An issued token, in plaintext this once. */
    public record Issued(String token, boolean singleUse, Instant expiresAt) {
    }

    private final InitialAccessTokenStore store;
    private final RegistrationAccessTokens generator;
    private final Clock clock;

    public InitialAccessTokens(InitialAccessTokenStore store, RegistrationAccessTokens generator, Clock clock) {
        this.store = store;
        this.generator = generator;
        this.clock = clock;
    }

    /** {@code lifespan} null means {@link #DEFAULT_LIFESPAN}; it must be positive and at most a year. */
    public Issued issue(Duration lifespan, boolean singleUse) {
        Duration life = lifespan == null ? DEFAULT_LIFESPAN : lifespan;
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_LIFESPAN) > 0) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'expires_in' must be between 1 and "
                    + MAX_LIFESPAN.toSeconds() + " seconds.").toException();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = generator.generate();
        store.create(new InitialAccessToken(RegistrationAccessTokens.hash(token), singleUse, now.plus(life), now));
        return new Issued(token, singleUse, now.plus(life));
    }

    /** Throws {@code invalid_token} unless {@code token} is a usable initial access token; spends nothing. */
    void requireUsable(String token) {
        if (token == null || !store.isUsable(RegistrationAccessTokens.hash(token), clock.instant())) {
            throw invalidToken();
        }
    }

    /** Spends {@code token} (a single-use one for good); throws {@code invalid_token} when it is no longer usable. */
    void use(String token) {
        if (token == null || !store.use(RegistrationAccessTokens.hash(token), clock.instant())) {
            throw invalidToken();
        }
    }

    /** RFC 7591 §3: an invalid initial access token is answered as RFC 6750 §3.1 says, 401 invalid_token. */
    private static OAuth2Exception invalidToken() {
        return OAuth2Error.INVALID_TOKEN.withHint("Registration on this server needs a valid initial access token, "
                + "issued by its administrator, as 'Authorization: Bearer <token>'.").toException();
    }
}
