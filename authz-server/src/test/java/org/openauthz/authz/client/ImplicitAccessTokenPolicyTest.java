package org.openauthz.authz.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RFC 9700 §2.1.2: no new access tokens from the authorization endpoint unless allowed (decision 0023). */
class ImplicitAccessTokenPolicyTest {
    private final ImplicitAccessTokenPolicy refusing = new ImplicitAccessTokenPolicy(false);

    private static OAuth2Client client(List<String> grantTypes, String... responseTypes) {
        return new OAuth2Client.Builder().clientId("c").grantTypes(grantTypes).responseTypes(List.of(responseTypes))
                .build();
    }

    private static OAuth2Client implicit(String... responseTypes) {
        return client(List.of("authorization_code", "implicit"), responseTypes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "id_token token", "token id_token", "code token", "code id_token token"})
    void whenANewImplicitClientAsksForAnAccessTokenResponseTypeThenInvalidClientMetadataNamingTheSetting(String type) {
        OAuth2Exception refused = catchThrowableOfType(OAuth2Exception.class,
                () -> refusing.check(null, implicit("code", type)));

        assertThat(refused.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused.error().hint()).contains("'" + type + "'")
                .contains("OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS");
    }

    @Test
    void whenANewClientHasNoAccessTokenFromTheAuthorizationEndpointThenAccepted() {
        assertThatCode(() -> refusing.check(null, implicit("code", "id_token", "code id_token")))
                .doesNotThrowAnyException();
        // Hydra's guide: a client-credentials client registered with "token,code" never uses /oauth2/auth for it.
        assertThatCode(() -> refusing.check(null, client(List.of("client_credentials"), "token", "code")))
                .doesNotThrowAnyException();
    }

    @Test
    void whenAnUpdateKeepsAnAccessTokenResponseTypeTheClientHadThenAccepted() {
        assertThatCode(() -> refusing.check(implicit("code", "token id_token"), implicit("id_token token")))
                .doesNotThrowAnyException();
    }

    @Test
    void whenAnUpdateAddsAnAccessTokenResponseTypeOrTheImplicitGrantThenRefused() {
        assertThat(catchThrowableOfType(OAuth2Exception.class,
                () -> refusing.check(implicit("token"), implicit("token", "code token"))).error().hint())
                .contains("'code token'");
        assertThat(catchThrowableOfType(OAuth2Exception.class, () -> refusing.check(
                client(List.of("client_credentials"), "token"), client(List.of("implicit"), "token"))))
                .isNotNull();
    }

    @Test
    void whenAllowedByConfigurationThenEveryResponseTypeIsAccepted() {
        assertThatCode(() -> new ImplicitAccessTokenPolicy(true).check(null, implicit("token", "code id_token token")))
                .doesNotThrowAnyException();
    }
}
