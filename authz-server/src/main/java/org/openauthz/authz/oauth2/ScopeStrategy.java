package org.openauthz.authz.oauth2;

import java.util.List;

/**
 * Decides whether a requested scope is covered by the scopes a client (or a grant) allows; Hydra's
 * {@code strategies.scope} (reference §3.10).
 */
@FunctionalInterface
public interface ScopeStrategy {
    boolean allows(List<String> allowed, String requested);

    /** Exact string match. */
    ScopeStrategy EXACT = (allowed, requested) -> allowed.contains(requested);

    /**
     * Hydra's wildcard strategy: an allowed {@code foo.*} covers {@code foo.bar} and {@code foo.bar.baz} but not
     * {@code foo}; otherwise the strings must be equal.
     */
    ScopeStrategy WILDCARD = (allowed, requested) -> {
        for (String pattern : allowed) {
            if (pattern.equals(requested)) {
                return true;
            }
            if (pattern.endsWith(".*") && requested.length() > pattern.length() - 1
                    && requested.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    };

    static ScopeStrategy named(String name) {
        return "exact".equals(name) ? EXACT : WILDCARD;
    }
}
