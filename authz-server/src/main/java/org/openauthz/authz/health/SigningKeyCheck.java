package org.openauthz.authz.health;

import org.openauthz.authz.jwk.KeyService;

import java.util.Optional;

/** The ID-token key set has a key that can sign (created at start; an operator may delete it through the admin API). */
public final class SigningKeyCheck implements ReadinessCheck {
    private final KeyService keys;

    public SigningKeyCheck(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "signing-key";
    }

    @Override
    public Optional<String> problem() {
        return keys.signingKey(KeyService.ID_TOKEN_SET).isPresent() ? Optional.empty()
                : Optional.of("no ID token signing key");
    }
}
