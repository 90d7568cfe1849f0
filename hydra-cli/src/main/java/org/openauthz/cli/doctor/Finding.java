package org.openauthz.cli.doctor;

import java.util.Objects;

/**
 * One finding of {@code hydra doctor}: how urgent, which check, about what (a configuration key, a flag,
 * {@code client:<id>} or {@code keys:<set>}), what is wrong, where the rule comes from, and how to fix it. Never holds
 * a secret.
 */
public record Finding(Severity severity, String check, String subject, String what, String reference, String fix) {
    public Finding {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(check);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(what);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(fix);
    }
}
