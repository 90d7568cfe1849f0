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

    static ScopeStrategy named(String name) {
        return "exact".equals(name) ? EXACT : WILDCARD;
    }
}
