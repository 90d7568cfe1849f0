package org.openauthz.authz.api.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One token bucket per key (a client id, an address, ...), in memory, each holding up to {@code count} tokens and
 * refilled evenly at {@code count} per {@code periodNanos}. A bucket is one {@link AtomicLong}, the "theoretical
 * arrival time" of the generic cell rate algorithm (ITU-T I.371): taking a token is one compare-and-set, with no lock
 * and no allocation once the key is known.
 *
 * <p>The map is bounded: when it reaches {@code maxKeys}, buckets that are full again (their holder has been quiet
 * long enough to refill) are dropped, which changes no decision since a new bucket starts full. If every bucket is
 * still in use, the map is emptied: under a flood of distinct keys the limits restart rather than the memory grows
 * (decision 0022).
 */
public final class TokenBuckets {
    private final long emissionNanos;
    private final long toleranceNanos;
    private final int maxKeys;
    private final ConcurrentHashMap<Object, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();

    /** @param count tokens per period, at least 1; also the most that can be taken at once (the burst) */
    public TokenBuckets(long count, long periodNanos, int maxKeys) {
        if (count < 1 || periodNanos < count || maxKeys < 1) {
            throw new IllegalArgumentException("count, period and maxKeys must be positive, period >= count ns");
        }
        this.emissionNanos = periodNanos / count;
        this.toleranceNanos = emissionNanos * count;
        this.maxKeys = maxKeys;
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return 0 when a token was taken; otherwise, with nothing taken, the nanoseconds until one is there
     */
    public long tryTake(Object key, long now) {
        AtomicLong bucket = bucket(key, now);
        while (true) {
            long tat = bucket.get();
            long next = Math.max(tat, now) + emissionNanos;
            long excess = next - now - toleranceNanos;
            if (excess > 0) {
                return excess;
            }
            if (bucket.compareAndSet(tat, next)) {
                return 0;
            }
        }
    }

    /** Like {@link #tryTake} but takes nothing: the nanoseconds until a token is there, 0 if one is now. */
    public long waitFor(Object key, long now) {
        AtomicLong bucket = buckets.get(key);
        return bucket == null ? 0 : Math.max(0, Math.max(bucket.get(), now) + emissionNanos - now - toleranceNanos);
    }

    /** Takes a token even from an empty bucket (it then stays empty for one more period at most). */
    public void take(Object key, long now) {
        AtomicLong bucket = bucket(key, now);
        long ceiling = now + toleranceNanos + emissionNanos;
        bucket.getAndUpdate(tat -> Math.min(Math.max(tat, now) + emissionNanos, ceiling));
    }

    /** How many keys are tracked now. */
    public int size() {
        return buckets.size();
    }

    private AtomicLong bucket(Object key, long now) {
        AtomicLong bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxKeys) {
            evict(now);
        }
        return buckets.computeIfAbsent(key, k -> new AtomicLong(now));
    }

    private void evict(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            buckets.values().removeIf(bucket -> bucket.get() <= now);
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        } finally {
            sweeping.unlock();
        }
    }
}
