package org.openauthz.authz.oauth2;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.OAuth2Client;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The supported grant types come from the registered handlers (RFC 8414 §2 grant_types_supported). */
class GrantTypesTest {
    private static GrantHandler handler(String grantType) {
        return new GrantHandler() {
            @Override
            public String grantType() {
                return grantType;
            }

            @Override
            public TokenResponse handle(TokenRequest request, OAuth2Client client) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void whenTheServersHandlersAreRegisteredThenImplicitFollowsTheCodeGrantAsInHydra() {
        GrantTypes types = new GrantTypes(List.of(handler("authorization_code"), handler("client_credentials"),
                handler("refresh_token")));

        assertThat(types.all()).containsExactly("authorization_code", "implicit", "client_credentials",
                "refresh_token");
    }

    @Test
    void whenAGrantIsAddedThenItIsSupportedWithoutAnotherList() {
        GrantTypes types = new GrantTypes(List.of(handler("authorization_code"), handler("client_credentials"),
                handler("refresh_token"), handler("urn:ietf:params:oauth:grant-type:device_code")));

        assertThat(types.all()).endsWith("urn:ietf:params:oauth:grant-type:device_code");
    }

    @Test
    void whenThereIsNoCodeGrantThenImplicitIsStillSupported() {
        // The authorization endpoint issues implicit tokens itself (RFC 6749 §4.2).
        assertThat(new GrantTypes(List.of(handler("client_credentials"))).all())
                .containsExactly("client_credentials", "implicit");
    }
}
