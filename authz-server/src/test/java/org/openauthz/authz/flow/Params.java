package org.openauthz.authz.flow;


import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;


/** Reads {@code application/x-www-form-urlencoded} parameters from a redirect's query or fragment. */
final class Params {
    private Params() {
    }

    static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    /** OAuth 2.0 Multiple Response Type Encoding Practices §5: implicit and hybrid responses use the fragment. */
    static Map<String, String> fragment(URI uri) {
        return parse(uri.getRawFragment());
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The URI without query and fragment, to compare where a redirect went. */
    static String base(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
