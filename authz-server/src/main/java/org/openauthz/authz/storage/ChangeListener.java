package org.openauthz.authz.storage;

/**
 * Told when stored data that a replica caches was changed, by this replica or by another one on the same database,
 * so the cache drops its copy. Called on the change feed's own thread, after the change committed; implementations
 * must be quick and must not block on the request path's locks.
 */
public interface ChangeListener {
    /** The client with this id was created, changed or deleted. */
    default void clientChanged(String clientId) {
    }

    /** A key of this JSON Web Key set was added, replaced or deleted, or the whole set was. */
    default void keySetChanged(String set) {
    }

    /**
     * Changes may have been missed (the feed was disconnected, or a notice could not be read): drop everything
     * cached, so nothing older than this moment is served from memory.
     */
    void anythingMayHaveChanged();
}
