package org.openauthz.authz.oauth2.par;

import java.time.Instant;
import java.util.Optional;

/**
 * Pushed authorization requests until they are used or expire
 * (<a href="https://www.rfc-editor.org/rfc/rfc9126#section-4">RFC 9126 §4</a>: a {@code request_uri} is one-time
 * use and short-lived). Implementations: in memory and JDBI/PostgreSQL ({@code openauthz_pushed_requests}).
 */
public interface PushedRequestStore {
    /** Stores a new request; its signature is random and fresh, so it never collides. */
    void save(PushedRequest request);

    /**
     * Removes and returns the request with {@code signature} when it belongs to {@code clientId} and has not expired
     * at {@code now}; otherwise returns empty and changes nothing (another client cannot burn someone's request).
     * Atomic: of two concurrent consumers of one request, exactly one gets it.
     */
    Optional<PushedRequest> consume(String signature, String clientId, Instant now);

    /** Forgets up to {@code limit} requests that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before, int limit);
}
