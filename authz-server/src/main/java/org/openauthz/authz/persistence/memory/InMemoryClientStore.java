package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.Page;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ClientStore} over {@link InMemoryDatabase}. */
public final class InMemoryClientStore implements ClientStore {
    private final InMemoryDatabase db;

    public InMemoryClientStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void create(StoredClient client) {
        synchronized (db) {
            if (db.clients.putIfAbsent(client.id(), client) != null) {
                throw new DuplicateKeyException("client " + client.id() + " exists");
            }
        }
    }

    @Override
    public Optional<StoredClient> find(String clientId) {
        synchronized (db) {
            return Optional.ofNullable(db.clients.get(clientId));
        }
    }

    @Override
    public boolean update(StoredClient client) {
        synchronized (db) {
            return db.clients.replace(client.id(), client) != null;
        }
    }

    @Override
    public boolean updateIfRegistrationToken(StoredClient client, String expectedRegistrationTokenHash) {
        synchronized (db) {
            StoredClient current = db.clients.get(client.id());
            if (current == null || expectedRegistrationTokenHash == null
                    || !expectedRegistrationTokenHash.equals(current.registrationTokenHash())) {
                return false;
            }
            db.clients.put(client.id(), client);
            return true;
        }
    }

    @Override
    public boolean replaceSecretHash(String clientId, String expectedHash, String newHash) {
        synchronized (db) {
            StoredClient current = db.clients.get(clientId);
            if (current == null || !java.util.Objects.equals(current.secretHash(), expectedHash)) {
                return false;
            }
            db.clients.put(clientId, new StoredClient(current.client(), newHash, current.registrationTokenHash()));
            return true;
        }
    }

    @Override
    public boolean delete(String clientId) {
        synchronized (db) {
            if (db.clients.remove(clientId) == null) {
                return false;
            }
            for (Map<String, TokenRecord> table : db.tokens.values()) {
                table.values().removeIf(t -> t.clientId().equals(clientId));
            }
            db.flows.values().removeIf(f -> f.clientId().equals(clientId));
            db.logoutRequests.values().removeIf(r -> clientId.equals(r.clientId()));
            return true;
        }
    }

    @Override
    public Page<StoredClient> list(int limit, int offset, String clientName, String owner) {
        synchronized (db) {
            List<StoredClient> matching = db.clients.values().stream()
                    .filter(c -> clientName == null || clientName.equals(c.client().clientName()))
                    .filter(c -> owner == null || owner.equals(c.client().owner()))
                    .toList();
            List<StoredClient> page = matching.stream().skip(offset).limit(limit).toList();
            return new Page<>(page, matching.size());
        }
    }
}
