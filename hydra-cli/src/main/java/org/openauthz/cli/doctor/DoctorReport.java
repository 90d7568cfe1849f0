package org.openauthz.cli.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The findings of one {@code hydra doctor} run, most urgent first, as text (one line each) or JSON, and the exit
 * status they call for: 0 when nothing is LOW or worse, 2 when the worst is LOW or MEDIUM, 3 when it is HIGH (1 stays
 * what it is for every command: the doctor could not run).
 */
final class DoctorReport {
    static final int EXIT_CLEAN = 0;
    static final int EXIT_LOW_OR_MEDIUM = 2;
    static final int EXIT_HIGH = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Finding> findings;
    private final int clientsChecked;

    DoctorReport(List<Finding> findings, int clientsChecked) {
        this.findings = findings.stream().sorted(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::subject).thenComparing(Finding::check)).toList();
        this.clientsChecked = clientsChecked;
    }

    List<Finding> findings() {
        return findings;
    }

    Optional<Severity> worst() {
        return findings.stream().map(Finding::severity).min(Comparator.naturalOrder());
    }

    int exitCode() {
        Severity worst = worst().orElse(Severity.INFO);
        return switch (worst) {
            case HIGH -> EXIT_HIGH;
            case MEDIUM, LOW -> EXIT_LOW_OR_MEDIUM;
            case INFO -> EXIT_CLEAN;
        };
    }

    /** One line per finding: severity, subject, what is wrong (with its reference), and the fix. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append(String.format("%-6s  %s  %s (%s). Fix: %s\n", f.severity(), f.subject(), f.what(),
                    f.reference(), f.fix()));
        }
        return text.toString();
    }

    /** The line for stderr after the findings, e.g. "3 findings (1 HIGH, 2 LOW) in the configuration and 4 clients". */
    String summary() {
        if (findings.isEmpty()) {
            return "No findings in the configuration and " + clientsChecked + " clients.";
        }
        Map<Severity, Long> counts = findings.stream().collect(Collectors.groupingBy(Finding::severity,
                () -> new EnumMap<>(Severity.class), Collectors.counting()));
        String bySeverity = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return findings.size() + (findings.size() == 1 ? " finding" : " findings") + " (" + bySeverity
                + ") in the configuration and " + clientsChecked + " clients.";
    }

    /** {@code {"worst": "HIGH", "clients_checked": 4, "findings": [{"severity", "check", "subject", ...}]}}. */
    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("worst", worst().map(Severity::name).orElse(null));
        root.put("clients_checked", clientsChecked);
        ArrayNode array = root.putArray("findings");
        for (Finding f : findings) {
            array.addObject().put("severity", f.severity().name()).put("check", f.check())
                    .put("subject", f.subject()).put("what", f.what()).put("reference", f.reference())
                    .put("fix", f.fix());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
