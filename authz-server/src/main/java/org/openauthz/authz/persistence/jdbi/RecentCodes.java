package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.oauth2.token.TokenRecord;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The active authorization codes this server issued and nobody has presented yet, by signature: the token endpoint
 * takes a code from here instead of reading its row, since the client usually redeems it at the server that issued
 * it a moment before. Only a hint, never the judge: redemption is the conditional {@code UPDATE ... WHERE active}
 * that makes every code single-use ({@link JdbiTokenStore#redeem}), so a code another replica redeemed or revoked
 * meanwhile is refused there (and treated as reuse, RFC 6749 §4.1.2). A code leaves on its first presentation,
 * whatever the outcome, and with this server's own revocations.
 */
final class RecentCodes {
    /** Codes live minutes and are redeemed in about a second; past this many the map is simply emptied. */
    private static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<String, TokenRecord> bySignature = new ConcurrentHashMap<>();

    void issued(TokenRecord code) {
        if (!code.active()) {
            return;
        }
        if (bySignature.size() >= MAX_ENTRIES) {
            bySignature.clear();
        }
        bySignature.put(code.signature(), code);
    }

    TokenRecord find(String signature) {
        return bySignature.get(signature);
    }

    void presented(String signature) {
        bySignature.remove(signature);
    }

    /** Forgets the codes this server's own revocation or deletion reaches. */
    void forget(Predicate<TokenRecord> revoked) {
        Collection<TokenRecord> codes = bySignature.values();
        codes.removeIf(revoked);
    }
}
