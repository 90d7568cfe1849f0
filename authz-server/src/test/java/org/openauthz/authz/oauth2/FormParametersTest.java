package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RFC 6749 §3.1 and §3.2: "Parameters sent without a value MUST be treated as if they were omitted from the request"
 * and "Request and response parameters MUST NOT be included more than once."
 */
class FormParametersTest {

    @Test
    void whenParameterIsPresentOnceThenItsValue() {
        assertThat(form("grant_type", "client_credentials").get("grant_type")).isEqualTo("client_credentials");
    }

    @Test
    void whenParameterIsAbsentThenNull() {
        assertThat(new FormParameters(Map.of()).get("scope")).isNull();
        assertThat(new FormParameters(Map.of("scope", List.of())).get("scope")).isNull();
    }

    @Test
    void whenParameterIsEmptyThenTreatedAsAbsent() {
        FormParameters form = form("client_secret", "");

        assertThat(form.get("client_secret")).isNull();
        assertThat(form.words("client_secret")).isEmpty();
    }

    @Test
    void whenParameterValueIsNullThenTreatedAsAbsent() {
        assertThat(new FormParameters(Map.of("scope", Arrays.asList((String) null))).get("scope")).isNull();
    }

    @Test
    void whenParameterIsRepeatedThenInvalidRequestNamesIt() {
        FormParameters form = new FormParameters(Map.of("grant_type", List.of("client_credentials", "refresh_token")));

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> form.get("grant_type"));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("'grant_type'").contains("more than once");
    }

    @Test
    void whenParameterIsRepeatedEvenWithTheSameValueThenInvalidRequest() {
        FormParameters form = new FormParameters(Map.of("scope", List.of("a", "a")));

        assertThat(catchThrowableOfType(OAuth2Exception.class, () -> form.get("scope"))).isNotNull();
    }

    @Test
    void whenValueIsLongerThanTheLimitThenInvalidRequest() {
        FormParameters form = form("scope", "s".repeat(FormParameters.MAX_VALUE_LENGTH + 1));

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> form.get("scope"));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("too long");
    }

    @Test
    void whenValueIsExactlyAtTheLimitThenAccepted() {
        String value = "s".repeat(FormParameters.MAX_VALUE_LENGTH);

        assertThat(form("scope", value).get("scope")).isEqualTo(value);
    }

    @Test
    void whenRequiredParameterIsMissingOrEmptyThenInvalidRequestNamesIt() {
        for (FormParameters form : List.of(new FormParameters(Map.of()), form("code", ""))) {
            OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> form.require("code"));

            assertThat(e.error().error()).isEqualTo("invalid_request");
            assertThat(e.error().hint()).isEqualTo("The parameter 'code' is missing.");
        }
    }

    @Test
    void whenScopeHasExtraSpacesThenWordsAreSplitCleanly() {
        // RFC 6749 §3.3: scope is a list of space-delimited strings.
        assertThat(form("scope", "  openid   offline\tphotos ").words("scope"))
                .containsExactly("openid", "offline", "photos");
    }

    @Test
    void whenAudienceIsRepeatedThenEveryValueCountsInsteadOfBeingRejected() {
        FormParameters form = new FormParameters(Map.of("audience",
                List.of("https://a.example https://b.example", "https://c.example")));

        assertThat(form.wordsOrRepeated("audience"))
                .containsExactly("https://a.example", "https://b.example", "https://c.example");
    }

    @Test
    void whenAudienceIsGivenOnceThenItIsSplitIntoWords() {
        assertThat(form("audience", "https://a.example https://b.example").wordsOrRepeated("audience"))
                .containsExactly("https://a.example", "https://b.example");
        assertThat(new FormParameters(Map.of()).wordsOrRepeated("audience")).isEmpty();
    }

    @Test
    void whenRepeatedAudienceValueIsTooLongThenInvalidRequest() {
        // Regression: repeated values bypassed the length bound that single values get.
        FormParameters form = new FormParameters(Map.of("audience",
                List.of("https://a.example", "https://b.example/" + "x".repeat(FormParameters.MAX_VALUE_LENGTH))));

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> form.wordsOrRepeated("audience"));

        assertThat(e).isNotNull();
        assertThat(e.error().hint()).contains("too long");
    }

    private static FormParameters form(String name, String value) {
        return new FormParameters(Map.of(name, List.of(value)));
    }
}
