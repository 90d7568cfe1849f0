package org.openauthz.authz.api.cors;

import java.util.Locale;

/**
 * One entry of {@code serve.*.cors.allowed_origins} other than {@code *}: an exact origin, or an origin with one
 * {@code *} wildcard such as {@code https://*.example.com}. Matching ignores case, as Hydra v1.10 does.
 *
 * <p>The two ports of Hydra v1.10 read a wildcard differently (decision 0011): the admin port hands the list to
 * rs/cors, where {@code *} stands for any characters; the public port matches each entry as a glob whose {@code *}
 * does not cross a dot, so {@code https://*.example.com} allows {@code https://app.example.com} but not
 * {@code https://a.b.example.com}; there {@code scheme://*} alone allows every origin of that scheme.
 */
final class OriginPattern {
    private final String prefix;
    private final String suffix;
    private final boolean wildcard;
    private final boolean wildcardCrossesDots;

    private OriginPattern(String prefix, String suffix, boolean wildcard, boolean wildcardCrossesDots) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.wildcard = wildcard;
        this.wildcardCrossesDots = wildcardCrossesDots;
    }

    /** @param wildcardCrossesDots true for the admin port's reading, false for the public port's */
    static OriginPattern of(String pattern, boolean wildcardCrossesDots) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        int star = lower.indexOf('*');
        if (star < 0) {
            return new OriginPattern(lower, "", false, false);
        }
        boolean anyHostOfScheme = lower.endsWith("://*");
        return new OriginPattern(lower.substring(0, star), lower.substring(star + 1), true,
                wildcardCrossesDots || anyHostOfScheme);
    }

    /** @param origin the request's {@code Origin}, lower case */
    boolean matches(String origin) {
        if (!wildcard) {
            return origin.equals(prefix);
        }
        if (origin.length() < prefix.length() + suffix.length() || !origin.startsWith(prefix)
                || !origin.endsWith(suffix)) {
            return false;
        }
        if (wildcardCrossesDots) {
            return true;
        }
        int dot = origin.indexOf('.', prefix.length());
        return dot < 0 || dot >= origin.length() - suffix.length();
    }
}
