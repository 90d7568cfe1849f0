package org.openauthz.authz.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;

import java.util.List;

/**
 * Hands {@link ReadinessCheck}s to Dropwizard's health-check registry, which reports them in its metrics and warns
 * at start when a service registers none. {@code /health/ready} itself reads the checks directly.
 */
public final class DropwizardHealthChecks {
    private DropwizardHealthChecks() {
    }

    public static void register(HealthCheckRegistry registry, List<? extends ReadinessCheck> checks) {
        for (ReadinessCheck check : checks) {
            registry.register(check.name(), new HealthCheck() {
                @Override
                protected Result check() {
                    return check.problem().map(Result::unhealthy).orElseGet(Result::healthy);
                }
            });
        }
    }
}
