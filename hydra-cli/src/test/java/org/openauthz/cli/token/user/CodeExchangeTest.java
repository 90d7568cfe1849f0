package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliException;
import org.openauthz.cli.FakeServer;
import org.openauthz.cli.http.HttpClientFactory;

class CodeExchangeTest {

    private FakeServer server;
    private CloseableHttpClient http;

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
        http = HttpClientFactory.create(false, false, null);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.close();
    }

    @Test
    void whenConfidentialClientThenBasicAuthWithFormEncodedCredentialsAndVerifierSent() {
        server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"at\",\"token_type\":\"bearer\",\"expires_in\":3599}");

        TokenResponse tokens = new CodeExchange(http, server.url() + "/oauth2/token", "my client:1", "s3cret/+")
                .exchange("the code", "http://127.0.0.1:9010/callback", "verifier");

        assertEquals("at", tokens.accessToken());
        assertEquals(3599L, tokens.expiresIn());
        assertNull(tokens.refreshToken());
        FakeServer.Request request = server.lastRequest();
        String credentials = new String(Base64.getDecoder().decode(request.header("Authorization").substring(6)),
                StandardCharsets.UTF_8);
        assertEquals("my+client%3A1:s3cret%2F%2B", credentials);
        assertEquals(Map.of("grant_type", "authorization_code", "code", "the code",
                "redirect_uri", "http://127.0.0.1:9010/callback", "code_verifier", "verifier"),
                FakeAuthorizationServer.form(request.body()));
    }

    @Test
    void whenPublicClientThenClientIdInFormAndNoAuthorizationHeader() {
        server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"at\"}");

        new CodeExchange(http, server.url() + "/oauth2/token", "spa", null).exchange("c", "http://x/cb", "v");

        assertNull(server.lastRequest().header("Authorization"));
        assertEquals("spa", FakeAuthorizationServer.form(server.lastRequest().body()).get("client_id"));
    }

    @Test
    void whenRefusedOrUnreadableOrUnreachableThenOneLineMessages() {
        server.on("POST", "/oauth2/token", 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client "
                + "authentication failed (e.g., unknown client, no client authentication included, or unsupported "
                + "authentication method).\"}");
        CodeExchange exchange = new CodeExchange(http, server.url() + "/oauth2/token", "c", "s");
        assertEquals("Could not exchange the authorization code for tokens: 401 Unauthorized: Client authentication "
                + "failed (e.g., unknown client, no client authentication included, or unsupported authentication "
                + "method).", assertThrows(CliException.class, () -> exchange.exchange("c", "r", "v")).getMessage());

        server.on("POST", "/oauth2/token", 200, "{\"token_type\":\"bearer\"}");
        assertEquals("Could not exchange the authorization code for tokens: the token endpoint's answer has no "
                + "access_token", assertThrows(CliException.class, () -> exchange.exchange("c", "r", "v")).getMessage());

        String unreachable = server.url() + "/oauth2/token";
        server.close();
        String message = assertThrows(CliException.class,
                () -> new CodeExchange(http, unreachable, "c", "s").exchange("c", "r", "v")).getMessage();
        assertTrue(message.startsWith("Could not reach the token endpoint at " + unreachable + ": "), message);
    }
}
