package org.openauthz.authz.consent;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of logout requests; in memory and JDBI/PostgreSQL, held to {@code LogoutRequestStoreContract}. Every
 * change is conditional on the stored state, so that each request is answered once and its verifier used once, also
 * under concurrency (as the flow store's transitions).
 */
public interface LogoutRequestStore {
    void create(LogoutRequest request);

    Optional<LogoutRequest> byChallenge(String challenge);

    /** Marks the request accepted if it was neither accepted nor rejected; false (nothing written) otherwise. */
    boolean accept(String challenge);

    /** Marks the request rejected if it was neither accepted nor rejected; false (nothing written) otherwise. */
    boolean reject(String challenge);

    /**
     * Uses the verifier of an accepted, not rejected, not yet used request and returns that request (as used); empty,
     * with nothing written, for any other verifier.
     */
    Optional<LogoutRequest> useVerifier(String verifier);

    /**
     * Deletes up to {@code batchSize} logout requests requested before {@code requestedBefore}, whatever their state
     * ({@code hydra janitor --requests}, decision 0009), and returns how many it deleted: fewer than
     * {@code batchSize} means none is left. Each call is its own short transaction.
     */
    int deleteExpired(Instant requestedBefore, int batchSize);
}
