package org.openauthz.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written the way Go's {@code time.ParseDuration} accepts them ("1h30m", "90s",
 * "1.5h", "300ms", "-2m", "0"), since Hydra's flags such as {@code --min-age} and
 * {@code --fail-after} use that syntax and scripts written for Hydra pass it unchanged.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message naming the invalid text */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        String input = text.trim();
        boolean negative = false;
        String rest = input;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        Matcher matcher = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < rest.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw invalid(text);
            }
            BigDecimal amount = new BigDecimal(matcher.group(1).endsWith(".")
                    ? matcher.group(1) + "0" : matcher.group(1));
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            position = matcher.end();
        }
        long total;
        try {
            total = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": out of range");
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text
                + "\" (expected Go syntax such as 30s, 5m, 1h30m)");
    }
}
