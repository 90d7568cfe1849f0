package org.openauthz.authz.api.cors;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.config.ServerSettings;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings of one port read as rs/cors reads them (decision 0011). */
class CorsPolicyTest {
    private static ServerSettings.Cors cors(List<String> origins, List<String> methods, List<String> headers) {
        return new ServerSettings.Cors(true, origins, methods, headers, List.of("content-type", "x-total-count"),
                true, false, 0, false);
    }

    @Test
    void whenTheListHoldsAStarThenEveryOriginIsAnsweredWithAStar() {
        CorsPolicy policy = new CorsPolicy(cors(List.of("https://a.example", "*"), List.of(), List.of()), true);

        assertThat(policy.everyOrigin()).isTrue();
        assertThat(policy.listAllows("https://anything.example")).isTrue();
        assertThat(policy.allowOrigin("https://anything.example")).isEqualTo("*");
    }

    @Test
    void whenTheListIsEmptyThenEveryOriginIsAllowedEchoedOnThePublicPortAndStarredOnTheAdminPort() {
        ServerSettings.Cors empty = cors(List.of(), List.of(), List.of());

        assertThat(new CorsPolicy(empty, true).allowOrigin("https://x.example")).isEqualTo("https://x.example");
        assertThat(new CorsPolicy(empty, false).allowOrigin("https://x.example")).isEqualTo("*");
        assertThat(new CorsPolicy(empty, true).listAllows("https://x.example")).isTrue();
    }

    @Test
    void whenTheListIsNarrowThenOnlyItsOriginsAreAllowedAndEchoed() {
        CorsPolicy policy = new CorsPolicy(cors(List.of("https://a.example"), List.of(), List.of()), true);

        assertThat(policy.everyOrigin()).isFalse();
        assertThat(policy.listAllows("https://A.example")).isTrue();
        assertThat(policy.listAllows("https://b.example")).isFalse();
        assertThat(policy.allowOrigin("https://A.example")).isEqualTo("https://A.example");
    }

    @Test
    void whenMethodsAreCheckedThenOptionsIsAlwaysAllowedAndAnEmptyListMeansGetPostHead() {
        CorsPolicy configured = new CorsPolicy(cors(List.of("*"), List.of("POST"), List.of()), true);
        CorsPolicy defaults = new CorsPolicy(cors(List.of("*"), List.of(), List.of()), true);

        assertThat(configured.allowsMethod("post")).isTrue();
        assertThat(configured.allowsMethod("OPTIONS")).isTrue();
        assertThat(configured.allowsMethod("GET")).isFalse();
        assertThat(defaults.allowsMethod("HEAD")).isTrue();
        assertThat(defaults.allowsMethod("DELETE")).isFalse();
    }

    @Test
    void whenRequestHeadersAreCheckedThenCaseIsIgnoredOriginIsAlwaysAllowedAndNamesComeBackCanonical() {
        CorsPolicy policy = new CorsPolicy(cors(List.of("*"), List.of(), List.of("Authorization", "Content-Type")),
                true);

        assertThat(policy.allowedRequestHeaders("authorization, CONTENT-TYPE,origin"))
                .containsExactly("Authorization", "Content-Type", "Origin");
        assertThat(policy.allowedRequestHeaders("authorization, x-custom")).isNull();
        assertThat(policy.allowedRequestHeaders(null)).isEmpty();
        assertThat(new CorsPolicy(cors(List.of("*"), List.of(), List.of("*")), true)
                .allowedRequestHeaders("x-anything")).containsExactly("X-Anything");
        assertThat(policy.exposedHeaders()).isEqualTo("Content-Type, X-Total-Count");
    }
}
