package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.LoginSession;
import org.openauthz.authz.consent.LogoutRequest;
import org.openauthz.authz.jwk.StoredKey;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of {@code DSN=memory}: one instance per server, lost on exit. Stores that must change several tables at
 * once (cascading deletes) synchronize on this object, which plays the role of a transaction.
 */
public final class InMemoryDatabase {
    final NavigableMap<String, StoredClient> clients = new TreeMap<>();
    final Map<TokenKind, Map<String, TokenRecord>> tokens = new EnumMap<>(TokenKind.class);
    final Map<String, List<StoredKey>> keys = new ConcurrentHashMap<>();
    final Map<String, Flow> flows = new java.util.HashMap<>();
    final Map<String, LoginSession> loginSessions = new ConcurrentHashMap<>();
    final Map<String, LogoutRequest> logoutRequests = new java.util.HashMap<>();

    public InMemoryDatabase() {
        for (TokenKind kind : TokenKind.values()) {
            tokens.put(kind, new ConcurrentHashMap<>());
        }
    }
}
