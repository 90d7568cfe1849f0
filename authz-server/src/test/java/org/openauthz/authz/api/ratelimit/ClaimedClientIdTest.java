package org.openauthz.authz.api.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.oauth2.ClientAuthenticator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimedClientIdTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "my-client:secret; my-client",
            "my%3Aclient:se:cret; my:client",
            "a+b:secret; a b",
            "no-colon; null",
            ":secret; null"})
    void whenBasicCarriesCredentialsThenTheIdIsTheOneClientAuthenticationReads(String credentials, String id) {
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));

        assertThat(ClaimedClientId.fromBasic(header)).isEqualTo(id);
        if (id != null) {
            assertThat(ClientAuthenticator.parseBasic(header)[0]).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @CsvSource({"Basic !!!", "Basic ", "Basic bm8tY29sb24=="})
    void whenTheHeaderIsNotValidBase64ThenThereIsNoId(String header) {
        assertThat(ClaimedClientId.fromBasic(header)).isNull();
    }
}
