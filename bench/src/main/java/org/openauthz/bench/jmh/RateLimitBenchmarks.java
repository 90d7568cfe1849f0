package org.openauthz.bench.jmh;

import org.openauthz.authz.api.ratelimit.TokenBuckets;
import org.openauthz.authz.api.ratelimit.ClaimedClientId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the rate limits add to a token request that does not hit them (decision 0022): reading the client id from
 * HTTP Basic, checking the two failed-authentication buckets, and taking a token from the address's and the client's
 * buckets, with limits far above the load. Nanoseconds per request, one thread; compare with the token endpoint's
 * time per request. Run with {@code bench/jmh.sh RateLimitBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RateLimitBenchmarks {
    private static final long SECOND = 1_000_000_000L;
    private static final int KEYS = 100_000;

    private TokenBuckets perClient;
    private TokenBuckets perAddress;
    private TokenBuckets failuresPerPair;
    private TokenBuckets failuresPerAddress;
    private String authorization;

    @Setup
    public void setUp() {
        perClient = new TokenBuckets(1_000_000_000, SECOND, KEYS);
        perAddress = new TokenBuckets(1_000_000_000, SECOND, KEYS);
        failuresPerPair = new TokenBuckets(10, 60 * SECOND, KEYS);
        failuresPerAddress = new TokenBuckets(100, 60 * SECOND, KEYS);
        authorization = "Basic " + Base64.getEncoder().encodeToString(
                "bench:bench-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public long admitOneRequest() {
        long now = System.nanoTime();
        String clientId = ClaimedClientId.fromBasic(authorization);
        String address = "127.0.0.1";
        long wait = failuresPerAddress.waitFor(address, now);
        wait += failuresPerPair.waitFor(List.of(clientId, address), now);
        wait += perAddress.tryTake(address, now);
        return wait + perClient.tryTake(clientId, now);
    }
}
