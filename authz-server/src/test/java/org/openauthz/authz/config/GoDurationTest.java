package org.openauthz.authz.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hydra reads durations with Go's {@code time.ParseDuration} (docs/configuration.md: durations use Go's syntax). */
class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "1h,      PT1H",
            "30m,     PT30M",
            "1h30m,   PT1H30M",
            "720h,    PT720H",
            "500ms,   PT0.5S",
            "10s,     PT10S",
            "1.5h,    PT1H30M",
            "1m30s,   PT1M30S",
            "-1h,     PT-1H",
            // A bare integer is seconds: Hydra accepts it for TTL keys.
            "3600,    PT1H",
            "0,       PT0S",
            // -1 is how a refresh token that never expires is configured (ttl.refresh_token).
            "-1,      PT-1S",
            "' 1h ',  PT1H",
    })
    void whenValidDurationThenParsed(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "h", "1x", "1h garbage", "1d", "1 h", "ms500", "--1h"})
    void whenGarbageThenRejectedWithExamples(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration")
                .hasMessageContaining("1h30m");
    }
}
