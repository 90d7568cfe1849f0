package org.openauthz.authz.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds the {@code rate_limits.*} keys. Every pair {@code rate_limits.<endpoint>.per_client} and
 * {@code rate_limits.<endpoint>.per_address} in {@link SettingKey} defines the limits of the endpoint of that name,
 * so rate-limiting another endpoint takes its two keys and one registration of the filter.
 */
final class RateLimitBinder {
    private static final String PREFIX = "rate_limits.";
    private static final String PER_CLIENT = ".per_client";
    /** {@code 100/s}, {@code 10/m}, {@code 5000/h}, or {@code 0} for no limit. */
    private static final Pattern LIMIT = Pattern.compile("(\\d{1,9})\\s*/\\s*([smh])");

    private final SettingsBinder binder;

    RateLimitBinder(SettingsBinder binder) {
        this.binder = binder;
    }

    ServerSettings.RateLimits bind() {
        Map<String, ServerSettings.EndpointRateLimits> endpoints = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            String name = key.key();
            if (name.startsWith(PREFIX) && name.endsWith(PER_CLIENT)) {
                String endpoint = name.substring(PREFIX.length(), name.length() - PER_CLIENT.length());
                SettingKey perAddress = SettingKey.valueOf(key.name().replace("_PER_CLIENT", "_PER_ADDRESS"));
                endpoints.put(endpoint, new ServerSettings.EndpointRateLimits(limit(key), limit(perAddress)));
            }
        }
        return new ServerSettings.RateLimits(binder.bool(SettingKey.RATE_LIMITS_ENABLED),
                binder.integer(SettingKey.RATE_LIMITS_TRUSTED_PROXY_HOPS, 0),
                binder.integer(SettingKey.RATE_LIMITS_MAX_TRACKED_KEYS, 1), Map.copyOf(endpoints),
                limit(SettingKey.RATE_LIMITS_FAILED_CLIENT_AUTH_PER_CLIENT_ADDRESS),
                limit(SettingKey.RATE_LIMITS_FAILED_CLIENT_AUTH_PER_ADDRESS));
    }

    private ServerSettings.RateLimit limit(SettingKey key) {
        String value = binder.raw().string(key).orElse("0").trim().toLowerCase(Locale.ROOT);
        if ("0".equals(value)) {
            return ServerSettings.RateLimit.OFF;
        }
        Matcher matcher = LIMIT.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            binder.problem(key.envName() + " must be a number of requests per second, minute or hour such as 100/s, "
                    + "10/m or 5000/h, or 0 for no limit, not '" + value + "'");
            return ServerSettings.RateLimit.OFF;
        }
        Duration period = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new ServerSettings.RateLimit(Long.parseLong(matcher.group(1)), period);
    }
}
