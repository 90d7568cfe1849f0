package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.oauth2.token.TokenRecord;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The authorization codes this server issued and that have not been presented yet, by signature: what
 * {@link JdbiTokenStore#findForRedemption} answers a code with instead of a database round trip (decision 0031). A
 * code row never changes after it is written except for being spent, revoked or deleted, so this is only a hint:
 * redemption stays one conditional statement on the stored row (RFC 6749 §4.1.2, single use), and a code spent,
 * revoked or deleted through another replica (or by a cascade in the database) is refused by that statement.
 */
final class RecentCodes {
    /** Codes live for minutes and are redeemed within a second; past this many the map is simply emptied. */
    private static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<String, TokenRecord> bySignature = new ConcurrentHashMap<>();

    void remember(TokenRecord code) {
        if (bySignature.size() >= MAX_ENTRIES) {
            bySignature.clear();
        }
        bySignature.put(code.signature(), code);
    }

    /** The code as written, or null when this server does not hold it (another replica issued it, or it was spent). */
    TokenRecord find(String signature) {
        return bySignature.get(signature);
    }

    /** Presented once: from now on only the stored row answers. */
    void forget(String signature) {
        bySignature.remove(signature);
    }

    /** After a write that may change or delete stored codes (revocation, the janitor): drop the copies it matches. */
    void forgetIf(Predicate<TokenRecord> changed) {
        bySignature.values().removeIf(changed);
    }
}
