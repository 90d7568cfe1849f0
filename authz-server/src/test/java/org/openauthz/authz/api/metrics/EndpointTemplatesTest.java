package org.openauthz.authz.api.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTemplatesTest {
    private final EndpointTemplates templates = new EndpointTemplates(List.of("/oauth2/token", "/clients",
            "/clients/{param}", "/keys/{param}", "/keys/{param}/{param}"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/oauth2/token,                   /oauth2/token",
            "/clients,                        /clients",
            "/clients/my-client,              /clients/{param}",
            "/keys/hydra.openid.id-token,     /keys/{param}",
            "/keys/set/public:1234,           /keys/{param}/{param}",
            "/clients/,                       {unmatched}",
            "/clients/a/b,                    {unmatched}",
            "/keys//kid,                      {unmatched}",
            "/oauth2/token/,                  {unmatched}",
            "/no/such/route,                  {unmatched}",
            "'',                              {unmatched}",
    })
    void whenAPathIsLabelledThenIdsBecomeParamAndUnknownPathsUnmatched(String path, String label) {
        assertThat(templates.label(path)).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/clients/abc", "/keys/a/b"})
    void whenAPathIsLabelledThenTheLabelIsOneOfTheKnownStrings(String path) {
        // The histogram keeps its children per label string: a label must never be built per request.
        assertThat(templates.labels()).anyMatch(known -> known == templates.label(path));
    }
}
