package org.openauthz.authz.client;

import java.time.Instant;

/**
 * Persistence of initial access tokens. Implementations: in memory and JDBI/PostgreSQL, both held to
 * {@code InitialAccessTokenStoreContract}.
 */
public interface InitialAccessTokenStore {
    /** Stores the token; tokens expired before {@code token.createdAt()} may be removed on the way. */
    void create(InitialAccessToken token);

    /** Whether a token with this hash exists and has not expired at {@code now}; changes nothing. */
    boolean isUsable(String hash, Instant now);

    /**
     * Uses the token: true when it exists and has not expired at {@code now}. A single-use token is deleted in the
     * same step, so of two registrations presenting it at once exactly one gets true.
     */
    boolean use(String hash, Instant now);
}
