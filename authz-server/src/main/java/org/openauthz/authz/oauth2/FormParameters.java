package org.openauthz.authz.oauth2;

import java.util.List;
import java.util.Map;

/**
 * Read access to form or query parameters that enforces RFC 6749 §3.1/§3.2: "Request and response parameters MUST
 * NOT be included more than once", and treats an empty value like an absent one.
 */
public final class FormParameters {
    /** Bounds what one value may hold, so no parameter can make us do unbounded work. */
    static final int MAX_VALUE_LENGTH = 8192;

    private final Map<String, List<String>> values;

    public FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public String get(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return null;
        }
        if (list.size() > 1) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The parameter '" + name
                    + "' must not be included more than once.").toException();
        }
        String value = list.get(0);
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The parameter '" + name + "' is too long.").toException();
        }
        return value == null || value.isEmpty() ? null : value;
    }

    public String require(String name) {
        String value = get(name);
        if (value == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The parameter '" + name + "' is missing.").toException();
        }
        return value;
    }

    /** A space-separated list parameter (scope, audience); empty when absent. */
    public List<String> words(String name) {
        return SpaceDelimited.words(get(name));
    }

    /** Audience may come as repeated parameters or one space-separated value (Hydra accepts both). */
    public List<String> wordsOrRepeated(String name) {
        List<String> list = values.get(name);
        if (list == null || list.size() <= 1) {
            return words(name);
        }
        return repeated(name).stream().flatMap(v -> SpaceDelimited.words(v).stream()).toList();
    }

    /** A parameter that may be repeated (RFC 8707 §2 {@code resource}): every non-empty value, in order. */
    public List<String> repeated(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            return List.of();
        }
        for (String value : list) {
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw OAuth2Error.INVALID_REQUEST.withHint("The parameter '" + name + "' is too long.").toException();
            }
        }
        return list.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }
}
