package org.openauthz.loginconsent.views;

import java.util.Map;

/**
 * One checkbox on the consent page.
 *
 * @param id          the HTML id tying the label to the box; made from the position, since a scope can contain
 *                    characters an id cannot
 * @param value       the scope as requested
 * @param checked     whether the box starts ticked
 * @param description plain words for well-known scopes, empty otherwise
 */
public record ScopeOption(String id, String value, boolean checked, String description) {
    private static final Map<String, String> KNOWN = Map.of(
            "openid", "Sign you in with your account",
            "offline", "Stay connected when you are not using it (refresh tokens)",
            "offline_access", "Stay connected when you are not using it (refresh tokens)",
            "profile", "See your name and profile",
            "email", "See your email address",
            "address", "See your postal address",
            "phone", "See your phone number");

    public static ScopeOption of(int index, String scope, boolean checked) {
        return new ScopeOption("scope-" + index, scope, checked, KNOWN.getOrDefault(scope, ""));
    }

    public boolean hasDescription() {
        return !description.isEmpty();
    }
}
