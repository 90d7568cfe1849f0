package org.openauthz.authz.api.cors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How an entry of {@code allowed_origins} matches an origin on each port (decision 0011). */
class OriginPatternTest {
    @ParameterizedTest(name = "{0} vs {1}: public {2}, admin {3}")
    @CsvSource({
            "https://app.example.com, https://app.example.com, true, true",
            "https://App.Example.com, https://app.example.com, true, true",
            "https://app.example.com, http://app.example.com, false, false",
            "https://app.example.com, https://app.example.com:8443, false, false",
            "https://*.example.com, https://a.example.com, true, true",
            "https://*.example.com, https://a.b.example.com, false, true",
            "https://*.example.com, https://example.com, false, false",
            "https://*.example.com, https://a.example.com.evil, false, false",
            "https://*, https://a.b.example.com, true, true",
            "https://*, http://a.example.com, false, false",
            "http://localhost:*, http://localhost:3000, true, true",
            "http://127.0.0.1:*, http://127.0.0.1:3000, true, true",
    })
    void whenAnOriginIsCheckedThenEachPortReadsTheWildcardItsWay(String pattern, String origin, boolean onPublic,
                                                                 boolean onAdmin) {
        assertThat(OriginPattern.of(pattern, false).matches(origin)).as("public").isEqualTo(onPublic);
        assertThat(OriginPattern.of(pattern, true).matches(origin)).as("admin").isEqualTo(onAdmin);
    }
}
