package org.openauthz.authz.health;

import java.util.Optional;

/** One thing {@code /health/ready} depends on; empty means healthy. */
public interface ReadinessCheck {
    String name();

    Optional<String> problem();
}
