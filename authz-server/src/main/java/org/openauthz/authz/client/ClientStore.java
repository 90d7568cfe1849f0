package org.openauthz.authz.client;

import org.openauthz.authz.storage.Page;

import java.util.Optional;

/**
 * Persistence of OAuth 2.0 clients. Implementations: in memory and JDBI/PostgreSQL, both held to
 * {@code ClientStoreContract}.
 */
public interface ClientStore {
    /** @throws org.openauthz.authz.storage.DuplicateKeyException when the client id exists; nothing is written */
    void create(StoredClient client);

    /** Empty when no client has that id. */
    Optional<StoredClient> find(String clientId);

    /** Replaces the client; returns false (and writes nothing) when it does not exist. */
    boolean update(StoredClient client);

    /**
     * Deletes the client and everything issued to it (tokens, requests); returns false when it did not exist.
     */
    boolean delete(String clientId);

    /** Clients ordered by id; {@code owner} and {@code clientName} filter when not null. */
    Page<StoredClient> list(int limit, int offset, String clientName, String owner);
}
