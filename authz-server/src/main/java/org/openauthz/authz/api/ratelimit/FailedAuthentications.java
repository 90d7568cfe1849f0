package org.openauthz.authz.api.ratelimit;

import org.openauthz.authz.config.ServerSettings;

/**
 * Failed client authentications, shared by every rate-limited endpoint: once a client id has failed too often from
 * one address, or one address has failed too often with any client id, further requests from there are refused
 * before the secret is checked, which turns credential stuffing into a few guesses a minute (RFC 9700 §4.1.2 names
 * the defence in general; OWASP's "Blocking Brute Force Attacks" the per-account-and-source form). The legitimate
 * client elsewhere keeps working, since its client id is blocked only from the failing address.
 */
public final class FailedAuthentications {
    private final TokenBuckets perClientAddress;
    private final TokenBuckets perAddress;

    FailedAuthentications(ServerSettings.RateLimits settings) {
        this.perClientAddress = RateLimiting.buckets(settings.failedAuthPerClientAddress(), settings.maxTrackedKeys());
        this.perAddress = RateLimiting.buckets(settings.failedAuthPerAddress(), settings.maxTrackedKeys());
    }

    /** Nanoseconds until this client id may try again from this address; 0 when it may now. */
    long waitFor(String clientId, String address, long now) {
        long wait = perAddress == null ? 0 : perAddress.waitFor(address, now);
        if (wait == 0 && perClientAddress != null && clientId != null) {
            wait = perClientAddress.waitFor(new ClientAtAddress(clientId, address), now);
        }
        return wait;
    }

    void record(String clientId, String address, long now) {
        if (perAddress != null) {
            perAddress.take(address, now);
        }
        if (perClientAddress != null && clientId != null) {
            perClientAddress.take(new ClientAtAddress(clientId, address), now);
        }
    }

    private record ClientAtAddress(String clientId, String address) {
    }
}
