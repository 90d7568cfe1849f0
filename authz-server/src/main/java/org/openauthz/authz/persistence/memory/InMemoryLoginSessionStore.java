package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.consent.LoginSession;
import org.openauthz.authz.consent.LoginSessionStore;

import java.util.Optional;

/** {@link LoginSessionStore} over {@link InMemoryDatabase}. */
public final class InMemoryLoginSessionStore implements LoginSessionStore {
    private final InMemoryDatabase db;

    public InMemoryLoginSessionStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void save(LoginSession session) {
        db.loginSessions.put(session.id(), session);
    }

    @Override
    public Optional<LoginSession> find(String id) {
        return Optional.ofNullable(db.loginSessions.get(id));
    }

    @Override
    public void delete(String id) {
        db.loginSessions.remove(id);
    }

    @Override
    public int deleteBySubject(String subject) {
        int before = db.loginSessions.size();
        db.loginSessions.values().removeIf(s -> subject.equals(s.subject()));
        return before - db.loginSessions.size();
    }
}
