package org.openauthz.authz.oauth2.token;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids that group the tokens of one grant ({@code request_id}). They are never shown to clients and protect nothing,
 * so they come from a per-thread generator instead of the shared {@code SecureRandom} that
 * {@link UUID#randomUUID()} contends on under load.
 */
public final class GrantIds {
    private GrantIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
