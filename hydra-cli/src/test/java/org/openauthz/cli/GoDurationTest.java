package org.openauthz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void whenCombinedUnitsThenSummed() {
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(3723), GoDuration.parse("1h2m3s"));
    }

    @Test
    void whenSingleUnitsThenConverted() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("90s"));
        assertEquals(Duration.ofMillis(300), GoDuration.parse("300ms"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofNanos(2000), GoDuration.parse("2µs"));
        assertEquals(Duration.ofNanos(7), GoDuration.parse("7ns"));
        assertEquals(Duration.ofHours(720), GoDuration.parse("720h"));
    }

    @Test
    void whenFractionThenExact() {
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse(".5s"));
    }

    @Test
    void whenZeroOrSignedThenAccepted() {
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofMinutes(-2), GoDuration.parse("-2m"));
        assertEquals(Duration.ofMinutes(2), GoDuration.parse("+2m"));
    }

    @Test
    void whenMalformedThenRejectedWithTheText() {
        for (String bad : new String[] {"", "1", "h", "1x", "1h 30m", "-", "1hm", "10 s"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
            assertEquals(true, error.getMessage().contains("\"" + bad + "\""), error.getMessage());
        }
    }
}
