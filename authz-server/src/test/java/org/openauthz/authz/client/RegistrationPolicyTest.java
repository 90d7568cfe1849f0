package org.openauthz.authz.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The limits on self-registered clients (RFC 7591 §2, §3.2.2; RFC 8252 §7.3 for loopback redirects). */
class RegistrationPolicyTest {
    private final RegistrationPolicy policy = new RegistrationPolicy(
            List.of("authorization_code", "refresh_token", "client_credentials"), List.of("openid", "offline"),
            List.of("https", "com.example.app"), List.of("client_secret_basic", "none"), "openid");

    private static OAuth2Client.Builder codeClient(String redirectUri) {
        return new OAuth2Client.Builder().grantTypes(List.of("authorization_code")).redirectUris(List.of(redirectUri));
    }

    private String refusal(OAuth2Client client) {
        return catchThrowableOfType(OAuth2Exception.class, () -> policy.check(client)).error().error();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/cb", "http://127.0.0.1:7000/cb", "http://localhost/cb",
            "http://[::1]:9/cb", "com.example.app:/oauth/cb"})
    void whenARedirectUriIsHttpsLoopbackOrAnAllowedSchemeThenTheClientPasses(String redirectUri) {
        assertThatCode(() -> policy.check(codeClient(redirectUri).build())).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example/cb", "org.other.app:/cb", "https://app.example/cb#frag", "/relative",
            "https://app example/cb"})
    void whenARedirectUriIsNotAllowedThenInvalidRedirectUri(String redirectUri) {
        assertThat(refusal(codeClient(redirectUri).build())).isEqualTo("invalid_redirect_uri");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scope|openid admin",
            "grant|implicit",
            "method|private_key_jwt",
            "jwks_uri|http://keys.example/jwks.json"})
    void whenAFieldAsksForMoreThanAllowedThenInvalidClientMetadata(String field, String value) {
        OAuth2Client.Builder client = codeClient("https://app.example/cb");
        switch (field) {
            case "scope" -> client.scope(value);
            case "grant" -> client.grantTypes(List.of(value));
            case "method" -> client.tokenEndpointAuthMethod(value);
            default -> client.jwksUri(value);
        }
        assertThat(refusal(client.build())).isEqualTo("invalid_client_metadata");
    }

    @org.junit.jupiter.api.Test
    void whenNoScopeIsAskedForThenTheDefaultScopeIsWhatIsChecked() {
        RegistrationPolicy narrow = new RegistrationPolicy(List.of("client_credentials"), List.of("photos"),
                List.of("https"), List.of("client_secret_basic"), "openid");

        assertThat(catchThrowableOfType(OAuth2Exception.class, () -> narrow.check(new OAuth2Client.Builder()
                .grantTypes(List.of("client_credentials")).build())).error().hint()).contains("'openid'");
    }

    @org.junit.jupiter.api.Test
    void whenAClientHasNoGrantTypesThenItIsACodeClientThatNeedsARedirectUri() {
        assertThat(refusal(new OAuth2Client.Builder().build())).isEqualTo("invalid_redirect_uri");
    }
}
