package org.openauthz.authz.oauth2;

import java.time.Instant;

/**
 * Remembers the {@code jti} of every client assertion until it expires, so an assertion cannot be replayed
 * (RFC 7523 §3 item 7). Implementations: in memory and JDBI/PostgreSQL ({@code hydra_oauth2_jti_blacklist}).
 */
public interface JtiStore {
    /**
     * Records the id; returns false, recording nothing, when it is already known and not yet expired. Atomic: of
     * two concurrent claims of one id, exactly one succeeds.
     */
    boolean claim(String jtiHash, Instant expiresAt);

    /**
     * Forgets up to {@code limit} ids that expired before {@code before}, in one short transaction of its own (the
     * janitor's batches, {@code hydra janitor --requests}); returns how many.
     */
    int deleteExpired(Instant before, int limit);
}
