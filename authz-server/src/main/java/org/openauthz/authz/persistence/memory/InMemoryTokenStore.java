package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** {@link TokenStore} over {@link InMemoryDatabase}. */
public final class InMemoryTokenStore implements TokenStore {
    private final InMemoryDatabase db;

    public InMemoryTokenStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(TokenKind kind, TokenRecord token) {
        synchronized (db) {
            if (!db.clients.containsKey(token.clientId())) {
                // Mirrors the foreign key of the SQL schema: tokens of deleted clients cannot appear.
                throw new IllegalStateException("client " + token.clientId() + " does not exist");
            }
            if (db.tokens.get(kind).putIfAbsent(token.signature(), token) != null) {
                throw new DuplicateKeyException("token signature exists");
            }
        }
    }

    @Override
    public Optional<TokenRecord> find(TokenKind kind, String signature) {
        return Optional.ofNullable(db.tokens.get(kind).get(signature));
    }

    /** As {@code JdbiTokenStore.deactivate}; the caller holds the lock. */
    private boolean deactivate(TokenKind kind, String signature) {
        synchronized (db) {
            TokenRecord token = db.tokens.get(kind).get(signature);
            if (token == null || !token.active()) {
                return false;
            }
            db.tokens.get(kind).put(signature, token.inactive());
            return true;
        }
    }

    @Override
    public boolean redeem(String codeSignature, TokenRecord access, TokenRecord refresh) {
        synchronized (db) {
            requireInsertable(access, refresh);
            if (!deactivate(TokenKind.AUTHORIZE_CODE, codeSignature)) {
                return false;
            }
            insert(TokenKind.ACCESS_TOKEN, access);
            if (refresh != null) {
                insert(TokenKind.REFRESH_TOKEN, refresh);
            }
            return true;
        }
    }

    /** Checks everything that could fail before a combined write writes anything: a failure must write nothing. */
    private void requireInsertable(TokenRecord access, TokenRecord refresh) {
        for (TokenRecord row : refresh == null ? new TokenRecord[] {access} : new TokenRecord[] {access, refresh}) {
            if (!db.clients.containsKey(row.clientId())) {
                throw new IllegalStateException("client " + row.clientId() + " does not exist");
            }
        }
        if (db.tokens.get(TokenKind.ACCESS_TOKEN).containsKey(access.signature())
                || refresh != null && db.tokens.get(TokenKind.REFRESH_TOKEN).containsKey(refresh.signature())) {
            throw new DuplicateKeyException("token signature exists");
        }
    }

    @Override
    public boolean rotate(String oldRefreshSignature, String requestId, TokenRecord newAccess,
                          TokenRecord newRefresh) {
        synchronized (db) {
            requireInsertable(newAccess, newRefresh);
            if (!deactivate(TokenKind.REFRESH_TOKEN, oldRefreshSignature)) {
                return false;
            }
            db.tokens.get(TokenKind.ACCESS_TOKEN).values().removeIf(t -> t.requestId().equals(requestId));
            insert(TokenKind.ACCESS_TOKEN, newAccess);
            insert(TokenKind.REFRESH_TOKEN, newRefresh);
            return true;
        }
    }

    @Override
    public void revokeByChallenges(java.util.List<String> consentChallenges) {
        synchronized (db) {
            for (Map<String, TokenRecord> table : db.tokens.values()) {
                table.values().removeIf(t -> t.challengeId() != null && consentChallenges.contains(t.challengeId()));
            }
        }
    }

    @Override
    public void revokeRequest(String requestId) {
        synchronized (db) {
            db.tokens.get(TokenKind.ACCESS_TOKEN).values().removeIf(t -> t.requestId().equals(requestId));
            for (TokenKind kind : new TokenKind[] {TokenKind.REFRESH_TOKEN, TokenKind.AUTHORIZE_CODE}) {
                db.tokens.get(kind).replaceAll((sig, t) -> t.requestId().equals(requestId) ? t.inactive() : t);
            }
        }
    }

    @Override
    public int deleteExpired(TokenKind kind, Instant notAfter, Instant requestedBefore, int limit) {
        synchronized (db) {
            int deleted = 0;
            Iterator<Map.Entry<String, TokenRecord>> it = db.tokens.get(kind).entrySet().iterator();
            while (it.hasNext() && deleted < limit) {
                TokenRecord token = it.next().getValue();
                if (token.expiresAt() != null && token.expiresAt().isBefore(notAfter)
                        && (requestedBefore == null || token.requestedAt().isBefore(requestedBefore))) {
                    it.remove();
                    deleted++;
                }
            }
            return deleted;
        }
    }

    @Override
    public int deleteByClient(TokenKind kind, String clientId) {
        synchronized (db) {
            Map<String, TokenRecord> table = db.tokens.get(kind);
            int before = table.size();
            table.values().removeIf(t -> t.clientId().equals(clientId));
            return before - table.size();
        }
    }
}
