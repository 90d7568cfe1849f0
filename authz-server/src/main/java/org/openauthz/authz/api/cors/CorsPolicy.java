package org.openauthz.authz.api.cors;

import org.openauthz.authz.config.ServerSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CORS settings of one port, read the way rs/cors (the library Hydra v1.10 uses) reads them: empty method and
 * header lists mean rs/cors's defaults, {@code Origin} is always an allowed request header, header names compare
 * without case, and {@code OPTIONS} is always an allowed method. See decision 0011 for the origin rules.
 */
final class CorsPolicy {
    private static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "HEAD");
    private static final List<String> DEFAULT_HEADERS = List.of("Origin", "Accept", "Content-Type",
            "X-Requested-With");

    private final List<OriginPattern> origins;
    private final boolean everyOrigin;
    private final boolean answersWildcard;
    private final Set<String> methods;
    private final Set<String> headers;
    private final boolean everyHeader;
    private final String exposedHeaders;
    private final boolean allowCredentials;
    private final boolean optionsPassthrough;
    private final int maxAgeSeconds;
    private final boolean debug;

    /**
     * @param publicPort the public port's reading of wildcards and of an empty origin list (decision 0011)
     */
    CorsPolicy(ServerSettings.Cors cors, boolean publicPort) {
        List<String> allowed = cors.allowedOrigins();
        this.everyOrigin = allowed.isEmpty() || allowed.contains("*");
        // rs/cors answers "*" when the list holds "*"; Hydra's public port, which decides origins itself, echoes the
        // origin for an empty list, while plain rs/cors on the admin port answers "*" for it too.
        this.answersWildcard = allowed.contains("*") || (allowed.isEmpty() && !publicPort);
        this.origins = allowed.stream().filter(o -> !"*".equals(o)).map(o -> OriginPattern.of(o, !publicPort))
                .toList();
        this.methods = Set.copyOf(cors.allowedMethods().isEmpty() ? DEFAULT_METHODS : cors.allowedMethods());
        List<String> headerNames = new ArrayList<>(cors.allowedHeaders().isEmpty() ? DEFAULT_HEADERS
                : cors.allowedHeaders());
        headerNames.add("Origin");
        this.everyHeader = headerNames.contains("*");
        this.headers = headerNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.exposedHeaders = cors.exposedHeaders().stream().map(CorsPolicy::canonical)
                .collect(Collectors.joining(", "));
        this.allowCredentials = cors.allowCredentials();
        this.optionsPassthrough = cors.optionsPassthrough();
        this.maxAgeSeconds = cors.maxAgeSeconds();
        this.debug = cors.debug();
    }

    boolean everyOrigin() {
        return everyOrigin;
    }

    /** Whether {@code allowed_origins} itself allows the origin, whoever sends the request. */
    boolean listAllows(String origin) {
        if (everyOrigin) {
            return true;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        for (OriginPattern pattern : origins) {
            if (pattern.matches(lower)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code Access-Control-Allow-Origin} value for an allowed origin. */
    String allowOrigin(String origin) {
        return answersWildcard ? "*" : origin;
    }

    boolean allowsMethod(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return "OPTIONS".equals(upper) || methods.contains(upper);
    }

    /**
     * The names of an {@code Access-Control-Request-Headers} value in canonical form, or null when one of them is
     * not allowed.
     */
    List<String> allowedRequestHeaders(String requested) {
        List<String> names = new ArrayList<>();
        if (requested == null) {
            return names;
        }
        for (String name : requested.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!everyHeader && !headers.contains(trimmed.toLowerCase(Locale.ROOT))) {
                return null;
            }
            names.add(canonical(trimmed));
        }
        return names;
    }

    String exposedHeaders() {
        return exposedHeaders;
    }

    boolean allowCredentials() {
        return allowCredentials;
    }

    boolean optionsPassthrough() {
        return optionsPassthrough;
    }

    int maxAgeSeconds() {
        return maxAgeSeconds;
    }

    boolean debug() {
        return debug;
    }

    /** {@code content-type} as {@code Content-Type}: how rs/cors (Go's net/http) writes header names. */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
