package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.client.OAuth2Client;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8707 §2: well-formed resources, allowed by the client's audience, narrowing a grant at the token endpoint. */
class ResourceIndicatorsTest {
    private static final OAuth2Client CLIENT = new OAuth2Client.Builder().clientId("app")
            .audience(List.of("https://api.example")).build();

    @Test
    void whenResourceIsRepeatedThenEveryValueIsKeptInOrder() {
        FormParameters form = new FormParameters(Map.of("resource", List.of("https://api.example/a",
                "https://api.example/b")));

        assertThat(ResourceIndicators.parse(form)).containsExactly("https://api.example/a", "https://api.example/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "https://api.example/a#fragment", "https://api.example/a b",
            "https://elsewhere.example/a"})
    void whenAResourceIsMalformedOrNotAllowedThenItIsInvalidTarget(String resource) {
        assertThatThrownBy(() -> ResourceIndicators.requireAllowed(CLIENT, List.of(resource)))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> {
                    assertThat(e.error().error()).isEqualTo("invalid_target");
                    assertThat(e.error().status()).isEqualTo(400);
                });
    }

    @Test
    void whenAResourceIsUnderAnAllowedAudienceThenItIsAllowed() {
        ResourceIndicators.requireAllowed(CLIENT, List.of("https://api.example/orders"));
    }

    @Test
    void whenNoResourceIsAskedAtTheTokenEndpointThenTheWholeGrantStays() {
        assertThat(ResourceIndicators.narrow(List.of("https://a.example", "https://b.example"), List.of()))
                .containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void whenAGrantedResourceIsAskedThenTheTokenIsNarrowedToItAndAnUngrantedOneIsInvalidTarget() {
        List<String> granted = List.of("https://a.example", "https://b.example");

        assertThat(ResourceIndicators.narrow(granted, List.of("https://b.example"))).containsExactly("https://b.example");
        assertThatThrownBy(() -> ResourceIndicators.narrow(granted, List.of("https://c.example")))
                .isInstanceOfSatisfying(OAuth2Exception.class,
                        e -> assertThat(e.error().error()).isEqualTo("invalid_target"));
    }

    @Test
    void whenAudienceAndResourcesOverlapThenTheJoinedAudienceNamesEachOnce() {
        assertThat(ResourceIndicators.joined(List.of("https://a.example"), List.of("https://a.example",
                "https://b.example"))).containsExactly("https://a.example", "https://b.example");
    }
}
