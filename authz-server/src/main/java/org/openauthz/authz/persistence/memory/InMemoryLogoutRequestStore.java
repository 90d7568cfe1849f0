package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.consent.LogoutRequest;
import org.openauthz.authz.consent.LogoutRequestStore;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link LogoutRequestStore} over {@link InMemoryDatabase}; synchronized on it, which makes each change atomic. */
public final class InMemoryLogoutRequestStore implements LogoutRequestStore {
    private final InMemoryDatabase db;

    public InMemoryLogoutRequestStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void create(LogoutRequest request) {
        synchronized (db) {
            if (db.logoutRequests.containsKey(request.challenge()) || db.logoutRequests.values().stream()
                    .anyMatch(r -> r.verifier().equals(request.verifier()))) {
                throw new DuplicateKeyException("logout request exists");
            }
            db.logoutRequests.put(request.challenge(), request);
        }
    }

    @Override
    public Optional<LogoutRequest> byChallenge(String challenge) {
        synchronized (db) {
            return Optional.ofNullable(db.logoutRequests.get(challenge));
        }
    }

    @Override
    public boolean accept(String challenge) {
        return answer(challenge, true);
    }

    @Override
    public boolean reject(String challenge) {
        return answer(challenge, false);
    }

    private boolean answer(String challenge, boolean accept) {
        synchronized (db) {
            LogoutRequest r = db.logoutRequests.get(challenge);
            if (r == null || !r.open()) {
                return false;
            }
            db.logoutRequests.put(challenge, new LogoutRequest(r.challenge(), r.verifier(), r.subject(), r.sid(),
                    r.clientId(), r.requestUrl(), r.redirectUrl(), r.rpInitiated(), accept, !accept, r.wasUsed(),
                    r.requestedAt()));
            return true;
        }
    }

    @Override
    public Optional<LogoutRequest> useVerifier(String verifier) {
        synchronized (db) {
            Optional<LogoutRequest> found = db.logoutRequests.values().stream()
                    .filter(r -> r.verifier().equals(verifier) && r.accepted() && !r.rejected() && !r.wasUsed())
                    .findFirst();
            return found.map(r -> {
                LogoutRequest used = new LogoutRequest(r.challenge(), r.verifier(), r.subject(), r.sid(),
                        r.clientId(), r.requestUrl(), r.redirectUrl(), r.rpInitiated(), true, false, true,
                        r.requestedAt());
                db.logoutRequests.put(r.challenge(), used);
                return used;
            });
        }
    }

    @Override
    public int deleteExpired(Instant requestedBefore, int batchSize) {
        synchronized (db) {
            List<String> old = db.logoutRequests.values().stream()
                    .filter(r -> r.requestedAt().isBefore(requestedBefore))
                    .sorted(Comparator.comparing(LogoutRequest::requestedAt))
                    .limit(batchSize)
                    .map(LogoutRequest::challenge)
                    .toList();
            old.forEach(db.logoutRequests::remove);
            return old.size();
        }
    }
}
