package org.openauthz.cli.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliRun;
import org.openauthz.cli.FakeServer;

/**
 * {@code hydra token device} against a fake public API that answers at once (interval 0). The waiting for the user,
 * {@code authorization_pending} and {@code slow_down}, runs against the real server in the browser suite.
 */
class TokenDeviceCommandTest {

    private static final String STARTED = "{\"device_code\":\"dev.code\",\"user_code\":\"BCDF-GHJK\","
            + "\"verification_uri\":\"https://auth.example.com/oauth2/device/verify\","
            + "\"verification_uri_complete\":\"https://auth.example.com/oauth2/device/verify?user_code=BCDF-GHJK\","
            + "\"expires_in\":600,\"interval\":0}";

    private FakeServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void whenThePublicDeviceIsApprovedThenTheCodeAndUrlAndThenTheTokensArePrinted() {
        server.on("POST", "/oauth2/device/auth", 200, STARTED);
        server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"at.sig\",\"refresh_token\":\"rt.sig\","
                + "\"expires_in\":3600,\"token_type\":\"bearer\"}");

        CliRun.Result result = new CliRun().run("token", "device", "--endpoint", server.url(), "--client-id", "my-tv",
                "--scope", "openid,offline", "--audience", "https://api.example.com");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("To sign in, open https://auth.example.com/oauth2/device/verify and enter "
                + "the code:\n\n\tBCDF-GHJK\n\nOr open https://auth.example.com/oauth2/device/verify?user_code=BCDF-GHJK"
                + "\n\n"), result.out());
        assertTrue(result.out().endsWith("Access Token:\n\tat.sig\nRefresh Token:\n\trt.sig\nExpires in:\n\t"
                + "2021-07-08T11:00:00Z (3600 seconds)\nID Token:\n\t(none)\n"), result.out());
        FakeServer.Request started = server.requests().get(0);
        assertEquals("/oauth2/device/auth", started.path());
        assertEquals("client_id=my-tv&scope=openid+offline&audience=https%3A%2F%2Fapi.example.com", started.body());
        assertNull(started.header("Authorization"), "a public client sends no credentials");
        assertEquals("client_id=my-tv&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                + "&device_code=dev.code", server.lastRequest().body());
    }

    @Test
    void whenTheUserRefusesThenTheCommandFailsWithTheServersWords() {
        server.on("POST", "/oauth2/device/auth", 200, STARTED);
        server.on("POST", "/oauth2/token", 400, "{\"error\":\"access_denied\","
                + "\"error_description\":\"The end user denied the request.\"}");

        CliRun.Result result = new CliRun().run("token", "device", "--endpoint", server.url(), "--client-id", "my-tv",
                "--client-secret", "secret");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Could not obtain the tokens: 400 Bad Request: The end user denied the "
                + "request."), result.err());
        assertTrue(server.lastRequest().header("Authorization").startsWith("Basic "));
    }

    @Test
    void whenTheClientMayNotUseTheGrantThenTheCommandSaysSoBeforeShowingACode() {
        server.on("POST", "/oauth2/device/auth", 400, "{\"error\":\"unauthorized_client\","
                + "\"error_description\":\"The client is not authorized to request a token using this method.\"}");

        CliRun.Result result = new CliRun().run("token", "device", "--endpoint", server.url(), "--client-id", "web");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().contains("Could not start the device authorization: 400 Bad Request"), result.err());
    }
}
