package org.openauthz.authz.oauth2;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Space-delimited lists: scopes (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>),
 * response types (OAuth 2.0 Multiple Response Types §3), audiences. Read on every authorization and token request,
 * so the pattern is compiled once ({@code String.split} compiles a multi-character pattern on every call).
 */
public final class SpaceDelimited {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SpaceDelimited() {
    }

    /** The words of {@code value}, in order; empty for null or blank. */
    public static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(WHITESPACE.split(value.trim()));
    }
}
