package org.openauthz.authz.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way Hydra's configuration does (Go's {@code time.ParseDuration}): "1h", "30m", "1h30m",
 * "720h", "500ms". A bare integer is read as seconds, which Hydra also accepts for TTL keys.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        String value = text.trim();
        if (value.matches("-?\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        boolean negative = value.startsWith("-");
        String rest = negative || value.startsWith("+") ? value.substring(1) : value;
        Matcher matcher = PART.matcher(rest);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            total = total.plus(unit(Double.parseDouble(matcher.group(1)), matcher.group(2)));
            end = matcher.end();
        }
        if (end == 0 || end != rest.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 1h, 30m, 1h30m, 10s)");
        }
        return negative ? total.negated() : total;
    }

    private static Duration unit(double amount, String unit) {
        double nanos = switch (unit) {
            case "ns" -> amount;
            case "us", "µs" -> amount * 1e3;
            case "ms" -> amount * 1e6;
            case "s" -> amount * 1e9;
            case "m" -> amount * 60e9;
            default -> amount * 3600e9;
        };
        return Duration.ofNanos((long) nanos);
    }
}
