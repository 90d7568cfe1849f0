package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliException;

class ServerLocationTest {

    @Test
    void whenEndpointGivenThenKeysDiscoveryAndIssuerFromIt() {
        ServerLocation location = ServerLocation.of("http://127.0.0.1:4444/", "http://elsewhere:9999/oauth2/token");

        assertEquals("http://127.0.0.1:4444/.well-known/jwks.json", location.jwksUrl());
        assertEquals("http://127.0.0.1:4444/.well-known/openid-configuration", location.discoveryUrl());
        assertEquals("http://127.0.0.1:4444/", location.defaultIssuer());
    }

    @Test
    void whenOnlyTokenUrlThenItsOrigin() {
        ServerLocation location = ServerLocation.of(null, "http://ory-hydra-example--hydra:4444/oauth2/token");

        assertEquals("http://ory-hydra-example--hydra:4444/.well-known/jwks.json", location.jwksUrl());
        assertEquals("http://ory-hydra-example--hydra:4444/", location.defaultIssuer());
    }

    @Test
    void whenTokenUrlHasPathQueryUserInfoOrDefaultPortThenOnlySchemeHostPortKept() {
        assertEquals("https://auth.example.com/", ServerLocation.of(" ", "HTTPS://Auth.Example.com/a/b/token?x=1#y")
                .defaultIssuer());
        assertEquals("http://hydra_1:4444/", ServerLocation.of(null, "http://user:pw@hydra_1:4444/oauth2/token")
                .defaultIssuer());
        assertEquals("http://[::1]:4444/.well-known/jwks.json", ServerLocation.of(null, "http://[::1]:4444/oauth2/token")
                .jwksUrl());
    }

    @Test
    void whenEndpointHasAPathPrefixThenKept() {
        assertEquals("https://example.com/hydra/.well-known/jwks.json",
                ServerLocation.of("https://example.com/hydra", null).jwksUrl());
    }

    @Test
    void whenTokenUrlIsRelativeThenClearError() {
        CliException error = assertThrows(CliException.class, () -> ServerLocation.of(null, "/oauth2/token"));
        assertEquals("The token URL /oauth2/token must be an absolute http:// or https:// URL", error.getMessage());
    }
}
