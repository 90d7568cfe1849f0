package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client's scopes under the wildcard strategy (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749
 * §3.3</a>).
 */
class ClientScopesTest {
    private final ClientScopes scopes = new ClientScopes(ScopeStrategy.WILDCARD);
    private final OAuth2Client client = new OAuth2Client.Builder().clientId("app").scope("openid photos.*").build();

    @Test
    void whenEveryRequestedScopeIsRegisteredThenItIsAllowed() {
        assertThatCode(() -> scopes.requireAllowed(client, List.of("openid", "photos.read")))
                .doesNotThrowAnyException();
    }

    @Test
    void whenAScopeIsNotRegisteredThenInvalidScopeNamesTheFirstSuch() {
        OAuth2Error error = catchThrowableOfType(OAuth2Exception.class,
                () -> scopes.requireAllowed(client, List.of("openid", "admin", "email"))).error();

        assertThat(error.error()).isEqualTo("invalid_scope");
        assertThat(error.hint()).isEqualTo("The OAuth 2.0 Client is not allowed to request scope 'admin'.");
    }

    @Test
    void whenAGrantedScopeIsNoLongerRegisteredThenInvalidScopeSaysNoLonger() {
        OAuth2Error error = catchThrowableOfType(OAuth2Exception.class,
                () -> scopes.requireStillAllowed(client, List.of("offline"))).error();

        assertThat(error.error()).isEqualTo("invalid_scope");
        assertThat(error.hint()).isEqualTo("The OAuth 2.0 Client is no longer allowed to use scope 'offline'.");
    }

    @Test
    void whenConsentGrantsMoreThanRegisteredThenOnlyTheRegisteredRemainInOrder() {
        assertThat(scopes.allowedOf(client, List.of("photos.write", "admin", "openid")))
                .containsExactly("photos.write", "openid");
    }
}
