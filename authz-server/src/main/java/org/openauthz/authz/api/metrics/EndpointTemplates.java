package org.openauthz.authz.api.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a request path into the endpoint label of {@code hydra_response_time_seconds}: the route with every path
 * parameter written {@code {param}} ({@code /clients/{param}}, {@code /keys/{param}/{param}}), as Hydra labels it, and
 * {@code {unmatched}} for paths no route serves, so ids never become label values. Static routes are one hash
 * lookup; the few parameterised ones are compared in place, without splitting or copying the path.
 */
public final class EndpointTemplates {
    public static final String UNMATCHED = "{unmatched}";
    private static final String PARAM = "{param}";

    private final Map<String, String> exact = new HashMap<>();
    private final List<Template> parameterised = new ArrayList<>();

    private record Template(String[] segments, String label) {
    }

    /** @param routes route templates with {@code {param}} segments, e.g. {@code /clients/{param}} */
    public EndpointTemplates(List<String> routes) {
        for (String route : routes) {
            if (route.contains(PARAM)) {
                parameterised.add(new Template(route.substring(1).split("/", -1), route));
            } else {
                exact.put(route, route);
            }
        }
    }

    /** Every label this matcher can answer, {@code {unmatched}} included. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(exact.values());
        for (Template template : parameterised) {
            labels.add(template.label());
        }
        labels.add(UNMATCHED);
        return labels;
    }

    /** The label for {@code path}; the returned string is one of {@link #labels()}. */
    public String label(String path) {
        String found = exact.get(path);
        if (found != null) {
            return found;
        }
        for (Template template : parameterised) {
            if (matches(path, template.segments())) {
                return template.label();
            }
        }
        return UNMATCHED;
    }

    /** True when {@code path} has as many segments as the template, equal where the template is not {@code {param}}. */
    static boolean matches(String path, String[] segments) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        for (int i = 0; i < segments.length; i++) {
            int end = path.indexOf('/', start);
            boolean last = i == segments.length - 1;
            if (last != (end < 0)) {
                return false;
            }
            int stop = end < 0 ? path.length() : end;
            String segment = segments[i];
            if (PARAM.equals(segment)) {
                if (stop == start) {
                    return false;
                }
            } else if (stop - start != segment.length() || !path.regionMatches(start, segment, 0, segment.length())) {
                return false;
            }
            start = stop + 1;
        }
        return true;
    }
}
