package org.openauthz.authz.health;

import org.openauthz.authz.jwk.KeyService;

import java.util.List;
import java.util.Optional;

/**
 * Every signing set (ID tokens; access tokens when they are JWTs) has a key that can sign: they are created at
 * start, but an operator may delete them through the admin API.
 */
public final class SigningKeyCheck implements ReadinessCheck {
    private final KeyService keys;
    private final List<String> sets;

    public SigningKeyCheck(KeyService keys, List<String> sets) {
        this.keys = keys;
        this.sets = List.copyOf(sets);
    }

    @Override
    public String name() {
        return "signing-key";
    }

    @Override
    public Optional<String> problem() {
        return sets.stream().filter(set -> keys.signingKey(set).isEmpty()).findFirst()
                .map(set -> "no signing key in set " + set);
    }
}
