package org.openauthz.authz.storage;

/**
 * Delivers notice of committed changes to the {@link ChangeListener}s of this process. With PostgreSQL the notices
 * come from every replica (decision 0008); in memory there is one process, whose caches are invalidated by its own
 * writes, so the feed delivers nothing.
 */
public interface ChangeFeed {
    /** A feed that never reports anything: for a single process, or tools that cache nothing. */
    ChangeFeed NONE = listener -> {
    };

    void subscribe(ChangeListener listener);
}
