package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hydra v1.10's audience rule: a requested audience (<a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC
 * 8707 §2</a> resource) must equal an allowed one, or be a sub-path of it on the same scheme, host and port.
 */
class AudienceMatcherTest {

    @ParameterizedTest(name = "allowed {0} requested {1} -> {2}")
    @CsvSource({
            "https://api.example,            https://api.example,              true",
            "https://api.example/,           https://api.example/,             true",
            "https://api.example/v1,         https://api.example/v1,           true",
            "https://api.example/v1,         https://api.example/v1/users,     true",
            "https://api.example/v1/,        https://api.example/v1/users,     true",
            "https://api.example,            https://api.example/anything,     true",
            "https://api.example/v1,         https://api.example/v10,          false",
            "https://api.example/v1,         https://api.example/v2,           false",
            "https://api.example/v1,         https://api.example,              false",
            "https://api.example/v1,         http://api.example/v1,            false",
            "https://api.example/v1,         https://api.example:8443/v1,      false",
            "https://api.example/v1,         https://evil.example/v1,          false",
            "https://api.example/v1,         https://api.example.evil/v1,      false",
            "my-api,                         my-api,                           true",
    })
    void whenRequestedAudienceIsComparedThenEqualOrSubPathOnTheSameOriginPasses(String allowed, String requested,
                                                                               boolean expected) {
        assertThat(AudienceMatcher.allowed(List.of(allowed), requested)).isEqualTo(expected);
    }

    @Test
    void whenAllowedAudienceEndsWithSlashThenTheSamePathWithoutItIsAllowedAsInHydra() {
        assertThat(AudienceMatcher.allowed(List.of("https://api.example/v1/"), "https://api.example/v1")).isTrue();
    }

    @Test
    void whenAnyAllowedEntryMatchesThenAllowed() {
        assertThat(AudienceMatcher.allowed(List.of("https://a.example", "https://b.example/x"),
                "https://b.example/x/y")).isTrue();
    }

    @Test
    void whenEverythingRequestedIsAllowedThenNoError() {
        assertThatCode(() -> AudienceMatcher.requireAllowed(List.of("https://api.example"),
                List.of("https://api.example/a", "https://api.example/b"))).doesNotThrowAnyException();
        assertThatCode(() -> AudienceMatcher.requireAllowed(List.of(), List.of())).doesNotThrowAnyException();
    }

    @Test
    void whenOneRequestedAudienceIsNotAllowedThenInvalidRequestNamesIt() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> AudienceMatcher.requireAllowed(
                List.of("https://api.example"), List.of("https://api.example/a", "https://other.example")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("'https://other.example'").contains("has not been whitelisted");
    }

    @Test
    void whenClientAllowsNoAudienceThenAnyRequestedAudienceIsRefused() {
        assertThat(AudienceMatcher.allowed(List.of(), "https://api.example")).isFalse();
    }

    @Test
    void whenRequestedAudienceIsNotAUrlThenOnlyExactMatchCounts() {
        assertThat(AudienceMatcher.allowed(List.of("https://api.example"), "https://api.example/a b")).isFalse();
        assertThat(AudienceMatcher.allowed(List.of("not a url"), "not a url")).isTrue();
    }
}
