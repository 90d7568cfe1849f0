package org.openauthz.authz.oauth2;

import java.util.List;

/**
 * Decides whether a requested scope is covered by the scopes a client (or a grant) allows; Hydra's
 * {@code strategies.scope} (docs/configuration.md).
 */
@FunctionalInterface
public interface ScopeStrategy {
    boolean allows(List<String> allowed, String requested);

    /** Exact string match. */
    ScopeStrategy EXACT = (allowed, requested) -> allowed.contains(requested);

    /**
     * Hydra's wildcard strategy: a {@code *} segment matches any one non-empty segment, and a trailing {@code *}
     * also matches everything after it: {@code foo.*} covers {@code foo.bar} and {@code foo.bar.baz} but not
     * {@code foo}; {@code users.*.read} covers {@code users.1.read}.
     */
    ScopeStrategy WILDCARD = (allowed, requested) -> {
        String[] needle = requested.split("\\.", -1);
        for (String pattern : allowed) {
            if (pattern.equals(requested)) {
                return true;
            }
            String[] parts = pattern.split("\\.", -1);
            if (parts.length > needle.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                boolean last = i == parts.length - 1;
                if (last && parts.length != needle.length && !parts[i].equals("*")) {
                    matches = false;
                } else if (!(parts[i].equals("*") && !needle[i].isEmpty()) && !parts[i].equals(needle[i])) {
                    matches = false;
                }
            }
            if (matches) {
                return true;
            }
        }
        return false;
    };

    /**
     * Hydra's {@code DEPRECATED_HIERARCHICAL_SCOPE_STRATEGY}: an allowed scope covers itself and every scope below it
     * in dot-separated segments: {@code foo} covers {@code foo.bar} and {@code foo.bar.baz}, {@code foo.bar} does not
     * cover {@code foo}, and {@code foo} does not cover {@code foobar}.
     */
    ScopeStrategy HIERARCHIC = (allowed, requested) -> {
        for (String scope : allowed) {
            if (scope.equals(requested)
                    || (!scope.isEmpty() && requested.startsWith(scope) && requested.charAt(scope.length()) == '.')) {
                return true;
            }
        }
        return false;
    };

    /** The value of {@code strategies.scope} that selects {@link #HIERARCHIC}, as Hydra v1.10 names it. */
    String HIERARCHIC_NAME = "DEPRECATED_HIERARCHICAL_SCOPE_STRATEGY";

    /** The strategy for a validated {@code strategies.scope} value (case-insensitive; wildcard is the default). */
    static ScopeStrategy named(String name) {
        if ("exact".equalsIgnoreCase(name)) {
            return EXACT;
        }
        return HIERARCHIC_NAME.equalsIgnoreCase(name) ? HIERARCHIC : WILDCARD;
    }
}
