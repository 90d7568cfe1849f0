package org.openauthz.authz.persistence.jdbi;

import java.time.Duration;

/**
 * How long to wait before the next attempt to reach the database again: {@code first}, doubling up to {@code max},
 * back to {@code first} after a success. Doubling spares a database that is starting up from a reconnect storm of
 * every replica; the cap keeps the time without change notices after it is back short.
 */
final class ReconnectBackoff {
    private final Duration first;
    private final Duration max;
    private Duration next;

    ReconnectBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The wait before the coming attempt; each call doubles the following one, up to the maximum. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    void reset() {
        next = first;
    }
}
