package org.openauthz.authz.persistence.hydrav1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code hydra migrate from-hydra} copied and what it left behind, with the reason, per kind of data. */
public final class ImportReport {
    /** The kinds of data, in the order they are copied and reported. */
    public enum Kind {
        CLIENTS("OAuth 2.0 clients"),
        KEYS("JSON Web Keys"),
        CONSENT_SESSIONS("consent sessions"),
        LOGIN_SESSIONS("login sessions"),
        REFRESH_TOKENS("refresh tokens");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Kind, Integer> copied = new LinkedHashMap<>();
    private final Map<Kind, Map<String, Integer>> skipped = new LinkedHashMap<>();

    ImportReport() {
        for (Kind kind : Kind.values()) {
            copied.put(kind, 0);
            skipped.put(kind, new LinkedHashMap<>());
        }
    }

    void recordCopied(Kind kind) {
        copied.merge(kind, 1, Integer::sum);
    }

    void recordSkipped(Kind kind, String reason) {
        skipped.get(kind).merge(reason, 1, Integer::sum);
    }

    public int copied(Kind kind) {
        return copied.get(kind);
    }

    public int skipped(Kind kind) {
        return skipped.get(kind).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Reason to count, in the order the reasons first occurred. */
    public Map<String, Integer> skipReasons(Kind kind) {
        return Map.copyOf(skipped.get(kind));
    }

    /** The report as printed at the end of the command: a table and, under each kind, why rows were skipped. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-20s %7s %8s", "KIND", "COPIED", "SKIPPED"));
        for (Kind kind : Kind.values()) {
            lines.add(String.format("%-20s %7d %8d", kind.label(), copied(kind), skipped(kind)));
            skipped.get(kind).forEach((reason, count) -> lines.add("    " + count + " skipped: " + reason));
        }
        return lines;
    }
}
