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
     * Replaces a self-registered client (RFC 7592 §2.2) only while its registration access token hash is still
     * {@code expectedRegistrationTokenHash}, so a token is good for one update even when two arrive at once; returns
     * false (and writes nothing) when the client is gone or its token changed meanwhile.
     */
    boolean updateIfRegistrationToken(StoredClient client, String expectedRegistrationTokenHash);

    /**
     * Replaces the client's secret hash with {@code newHash} only while it is still {@code expectedHash}, so a secret
     * changed meanwhile is never overwritten; returns whether it did. Used to re-hash a secret stored in an older
     * format after it was verified (decision 0016).
     */
    boolean replaceSecretHash(String clientId, String expectedHash, String newHash);

    /**
     * Deletes the client and everything issued to it (tokens, requests); returns false when it did not exist.
     */
    boolean delete(String clientId);

    /** Clients ordered by id; {@code owner} and {@code clientName} filter when not null. */
    Page<StoredClient> list(int limit, int offset, String clientName, String owner);
}
