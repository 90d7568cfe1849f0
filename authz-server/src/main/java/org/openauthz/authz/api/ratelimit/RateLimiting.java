package org.openauthz.authz.api.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.config.ServerSettings;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Builds the rate-limit filter of each endpoint from {@code rate_limits.*} (decision 0022). The buckets live in this
 * replica's memory; the failed-authentication buckets are shared by every endpoint, so failures at revocation also
 * count at the token endpoint.
 */
public final class RateLimiting {
    private final ServerSettings.RateLimits settings;
    private final FailedAuthentications failures;
    private final SourceAddress source;
    private final ErrorRenderer errors;
    private final ObjectMapper json;
    private final LongSupplier nanoClock;

    /** @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests */
    public RateLimiting(ServerSettings.RateLimits settings, ErrorRenderer errors, ObjectMapper json,
                        LongSupplier nanoClock) {
        this.settings = settings;
        this.failures = new FailedAuthentications(settings);
        this.source = new SourceAddress(settings.trustedProxyHops());
        this.errors = errors;
        this.json = json;
        this.nanoClock = nanoClock;
    }

    /**
     * The filter of the endpoint named {@code endpoint} (a {@code rate_limits.<endpoint>.*} pair of keys), or empty
     * when rate limits are off.
     *
     * @param jerseyEndpoint whether a Jersey resource answers the endpoint: its body is then buffered so that both
     *                       the filter (for {@code client_id}) and Jersey can read it
     * @throws IllegalArgumentException when no keys name the endpoint, a wiring mistake
     */
    public Optional<RateLimitFilter> filter(String endpoint, boolean jerseyEndpoint) {
        ServerSettings.EndpointRateLimits limits = settings.endpoints().get(endpoint);
        if (limits == null) {
            throw new IllegalArgumentException("no rate_limits." + endpoint + ".* keys");
        }
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitFilter(endpoint, buckets(limits.perClient(), settings.maxTrackedKeys()),
                buckets(limits.perAddress(), settings.maxTrackedKeys()), failures, source, jerseyEndpoint, errors,
                json, nanoClock));
    }

    /** The buckets of one limit, or null when it is off. */
    static TokenBuckets buckets(ServerSettings.RateLimit limit, int maxKeys) {
        return limit.on() ? new TokenBuckets(limit.count(), limit.period().toNanos(), maxKeys) : null;
    }
}
