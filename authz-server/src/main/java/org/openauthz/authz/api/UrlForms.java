package org.openauthz.authz.api;

import org.eclipse.jetty.util.UrlEncoded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} text (query strings and form bodies) for the servlet endpoints. */
public final class UrlForms {
    private UrlForms() {
    }

    /**
     * Names to values in the order given; decoded leniently, as Jersey decodes query parameters: a bad escape or
     * bad UTF-8 is kept rather than refused, and the endpoint judges the value.
     */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            UrlEncoded.decodeUtf8To(encoded, 0, encoded.length(),
                    (name, value) -> out.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value), true, true, true);
        }
        return out;
    }

    /** The first value of a parameter, or null. */
    public static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
