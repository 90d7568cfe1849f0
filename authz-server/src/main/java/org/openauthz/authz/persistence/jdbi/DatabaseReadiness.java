package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.health.ReadinessCheck;
import org.openauthz.authz.storage.RootCause;

import java.util.Optional;

/** {@code /health/ready} fails while the database does not answer (within the pool's bounds, decision 0007). */
final class DatabaseReadiness implements ReadinessCheck {
    private final Jdbi jdbi;

    DatabaseReadiness(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Optional<String> problem() {
        try {
            jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(RootCause.message(e));
        }
    }
}
