package org.openauthz.cli.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliRun;
import org.openauthz.cli.FakeServer;

/** {@code hydra token ...} end to end against a fake public / admin API. */
class TokenCommandsTest {

    private static final String ACCESS_TOKEN =
            "ZcE0YWqnxemENLyJrjjlAHlFkdwaHB6TzkSi0c289HI.GQmXJsAYcw5de97S6mqOL0yB2UyFEf4DiXEM05vdfdY";

    private FakeServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    @Test
    void whenTokenClientThenClientCredentialsGrantWithBasicAuthAndOnlyTheTokenPrinted() {
        server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,"
                + "\"scope\":\"\",\"token_type\":\"bearer\"}");
        CliRun.Result result = new CliRun().run("token", "client", "--client-id", "some consumer:1",
                "--client-secret", "s3cret/+", "--endpoint", server.url() + "/", "--scope", "openid,offline",
                "--audience", "https://api.example.com");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(ACCESS_TOKEN + "\n", result.out());
        FakeServer.Request request = server.lastRequest();
        assertEquals("/oauth2/token", request.path());
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"), request.header("Content-Type"));
        String credentials = new String(Base64.getDecoder().decode(request.header("Authorization").substring(6)),
                StandardCharsets.UTF_8);
        assertEquals("some+consumer%3A1:s3cret%2F%2B", credentials, "id and secret are form-url-encoded first");
        Map<String, String> form = form(request.body());
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("openid offline", form.get("scope"));
        assertEquals("https://api.example.com", form.get("audience"));
    }

    @Test
    void whenTokenClientUsesEnvironmentAndVerboseThenWholeResponsePrinted() {
        server.on("POST", "/oauth2/token", 200, "{\"token_type\":\"bearer\",\"access_token\":\"abc.def\",\"expires_in\":3599}");
        CliRun.Result result = new CliRun().env("HYDRA_URL", server.url()).env("OAUTH2_CLIENT_ID", "id")
                .env("OAUTH2_CLIENT_SECRET", "secret").run("token", "client", "-v");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\n  \"access_token\": \"abc.def\",\n  \"expires_in\": 3599,\n  \"token_type\": \"bearer\"\n}\n",
                result.out());
        assertEquals("Basic aWQ6c2VjcmV0", server.lastRequest().header("Authorization"));
        assertEquals(Map.of("grant_type", "client_credentials"), form(server.lastRequest().body()));
    }

    @Test
    void whenTokenClientIsRejectedThenOneLine() {
        server.on("POST", "/oauth2/token", 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client "
                + "authentication failed (e.g., unknown client, no client authentication included, or unsupported "
                + "authentication method).\"}");
        CliRun.Result result = new CliRun().run("token", "client", "--client-id", "x", "--client-secret", "y",
                "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Could not obtain an OAuth 2.0 Access Token: 401 Unauthorized: Client authentication failed "
                + "(e.g., unknown client, no client authentication included, or unsupported authentication method).\n",
                result.err());
    }

    @Test
    void whenTokenClientWithoutCredentialsThenMessageNamesFlagAndVariable() {
        CliRun.Result result = new CliRun().run("token", "client", "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Please provide a Client ID using --client-id flag, or OAUTH2_CLIENT_ID environment variable.\n",
                result.err());
    }

    @Test
    void whenIntrospectThenFormPostedToAdminApiAndActiveFirst() {
        server.on("POST", "/oauth2/introspect", 200, "{\"active\":true,\"scope\":\"\",\"client_id\":\"some-consumer\","
                + "\"sub\":\"some-consumer\",\"exp\":1528901511,\"iat\":1528897911,\"nbf\":1528897911,\"aud\":[],"
                + "\"iss\":\"http://127.0.0.1:9000/\",\"token_type\":\"Bearer\",\"token_use\":\"access_token\"}");
        CliRun.Result result = new CliRun().run("token", "introspect", "--client-id", "some-consumer",
                "--client-secret", "some-secret", "--endpoint", server.url(), ACCESS_TOKEN, "--scope", "a,b");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                {
                  "active": true,
                  "client_id": "some-consumer",
                  "exp": 1528901511,
                  "iat": 1528897911,
                  "iss": "http://127.0.0.1:9000/",
                  "nbf": 1528897911,
                  "sub": "some-consumer",
                  "token_type": "Bearer",
                  "token_use": "access_token"
                }
                """, result.out());
        FakeServer.Request request = server.lastRequest();
        assertEquals("/oauth2/introspect", request.path());
        assertEquals(Map.of("token", ACCESS_TOKEN, "scope", "a b"), form(request.body()));
        assertEquals(null, request.header("Authorization"), "the ignored client credentials are not sent");
    }

    @Test
    void whenIntrospectInactiveTokenThenActiveFalse() {
        server.on("POST", "/oauth2/introspect", 200, "{\"active\":false}");
        CliRun.Result result = new CliRun().env("HYDRA_ADMIN_URL", server.url()).run("token", "introspect", "nope");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\n  \"active\": false\n}\n", result.out());
    }

    @Test
    void whenATokenStartsWithADashThenIntrospectAndRevokeTakeItAsTheToken() {
        String dashed = "-" + ACCESS_TOKEN.substring(1);
        server.on("POST", "/oauth2/introspect", 200, "{\"active\":false}");
        CliRun.Result introspected = new CliRun().env("HYDRA_ADMIN_URL", server.url()).run("token", "introspect", dashed);
        assertEquals(0, introspected.exitCode(), introspected::toString);
        assertEquals(dashed, form(server.lastRequest().body()).get("token"));

        server.on("POST", "/oauth2/revoke", 200, "");
        CliRun.Result revoked = new CliRun().run("token", "revoke", "--client-id", "c", "--client-secret", "s",
                "--endpoint", server.url(), dashed);
        assertEquals(0, revoked.exitCode(), revoked::toString);
        assertEquals(Map.of("token", dashed), form(server.lastRequest().body()));
    }

    @Test
    void whenRevokeThenBasicAuthFormAndConfirmation() {
        server.on("POST", "/oauth2/revoke", 200, "");
        CliRun.Result result = new CliRun().run("token", "revoke", "--client-id", "c", "--client-secret", "s",
                "--endpoint", server.url(), ACCESS_TOKEN);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Revoked OAuth 2.0 Access Token: " + ACCESS_TOKEN + "\n", result.out());
        assertEquals(Map.of("token", ACCESS_TOKEN), form(server.lastRequest().body()));
        assertEquals("Basic Yzpz", server.lastRequest().header("Authorization"));
    }

    @Test
    void whenFlushThenNotAfterIsNowMinusMinAge() {
        server.on("POST", "/oauth2/flush", 204, "");
        CliRun.Result result = new CliRun().run("token", "flush", "--endpoint", server.url(), "--min-age", "1h30m");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully flushed inactive access tokens\n", result.out());
        assertEquals("{\"notAfter\":\"2021-07-08T08:30:00Z\"}", server.lastRequest().body());
    }

    @Test
    void whenFlushMinAgeInvalidThenOneLine() {
        CliRun.Result result = new CliRun().run("token", "flush", "--endpoint", server.url(), "--min-age", "yesterday");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Invalid value for --min-age: invalid duration \"yesterday\""), result.err());
    }

    @Test
    void whenDeleteTokensThenClientIdQueryAndConfirmation() {
        server.on("DELETE", "/oauth2/tokens", 204, "");
        CliRun.Result result = new CliRun().run("token", "delete", "--client-id", "some-consumer", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully deleted access tokens for client some-consumer\n", result.out());
        assertEquals("client_id=some-consumer", server.lastRequest().query());
    }

    @Test
    void whenDeleteTokensWithOnlyHydraUrlSetThenItIsUsedLikeHydraDid() {
        server.on("DELETE", "/oauth2/tokens", 204, "");
        CliRun.Result result = new CliRun().env("HYDRA_URL", server.url()).run("token", "delete", "--client-id", "x");

        assertEquals(0, result.exitCode(), result::toString);
    }
}
