package org.openauthz.authz.consent;

import java.util.Optional;

/** Persistence of login sessions; in memory and JDBI/PostgreSQL, held to {@code LoginSessionStoreContract}. */
public interface LoginSessionStore {
    /** Inserts or replaces the session with that id. */
    void save(LoginSession session);

    Optional<LoginSession> find(String id);

    void delete(String id);

    /** Deletes every session of the subject; returns how many. */
    int deleteBySubject(String subject);
}
