package org.openauthz.authz.server;

import org.eclipse.jetty.util.component.LifeCycle;
import org.openauthz.authz.health.ReadinessCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * The first step of a graceful stop: when the server is asked to stop (SIGTERM), {@code /health/ready} answers 503
 * for {@code drainPeriod} while every request is still served, so that a load balancer polling readiness takes this
 * replica out of rotation before its connectors close. Then Jetty's own graceful stop finishes the requests in
 * flight (the grace period), the group-commit writers commit what is queued and the pool closes
 * (docs/operations.md, "Stopping and rolling restarts").
 */
public final class ShutdownDrain implements ReadinessCheck, LifeCycle.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drainPeriod;
    private volatile boolean draining;

    public ShutdownDrain(Duration drainPeriod) {
        this.drainPeriod = drainPeriod;
    }

    /** True from SIGTERM on: responses then ask clients to close their connection (see {@link DrainFilter}). */
    public boolean draining() {
        return draining;
    }

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public Optional<String> problem() {
        return draining ? Optional.of("the server is shutting down") : Optional.empty();
    }

    /** Jetty calls this on the thread that stops the server, before it stops anything. */
    @Override
    public void lifeCycleStopping(LifeCycle event) {
        draining = true;
        if (drainPeriod.isZero()) {
            return;
        }
        LOG.info("stopping: answering /health/ready 503 for {} ms before closing the ports", drainPeriod.toMillis());
        try {
            Thread.sleep(drainPeriod.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
