package org.openauthz.cli.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openauthz.cli.CliRun;
import org.openauthz.cli.FakeServer;

/** {@code hydra clients ...} end to end through the generated admin client against a fake admin API. */
class ClientsCommandsTest {

    /** A v1.10.2-shaped create/get answer, plus a field this CLI does not know. */
    private static final String CLIENT_JSON = """
            {"client_id":"some-consumer","client_name":"","redirect_uris":[],"grant_types":["client_credentials"],
             "response_types":["token","code"],"scope":"offline_access offline openid","audience":[],"owner":"",
             "policy_uri":"","allowed_cors_origins":[],"tos_uri":"","client_uri":"","logo_uri":"","contacts":null,
             "client_secret_expires_at":0,"subject_type":"public","token_endpoint_auth_method":"client_secret_basic",
             "userinfo_signed_response_alg":"none","created_at":"2021-07-08T10:00:00Z",
             "updated_at":"2021-07-08T10:00:00Z","metadata":{},"skip_consent":false,"future_field":{"a":[1,2]}}
            """;

    private final ObjectMapper json = new ObjectMapper();
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
    void whenCreateWithSecretFlagThenWarningOnStderrAndNoSecretLine() throws IOException {
        server.on("POST", "/clients", 201, CLIENT_JSON.replace("\"client_name\":\"\"",
                "\"client_name\":\"\",\"client_secret\":\"some-secret\""));
        CliRun.Result result = new CliRun().run("clients", "create", "--endpoint", server.url() + "/",
                "--id", "some-consumer", "--secret", "some-secret", "--grant-types", "client_credentials",
                "--response-types", "token,code");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("OAuth 2.0 Client ID: some-consumer\n", result.out());
        assertEquals("You should not provide secrets using command line flags, the secret might leak to bash "
                + "history and similar systems\n", result.err());
        FakeServer.Request request = server.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("/clients", request.path());
        JsonNode body = json.readTree(request.body());
        assertEquals("some-consumer", body.get("client_id").asText());
        assertEquals("some-secret", body.get("client_secret").asText());
        assertEquals("[\"client_credentials\"]", body.get("grant_types").toString());
        assertEquals("[\"token\",\"code\"]", body.get("response_types").toString());
        assertEquals("client_secret_basic", body.get("token_endpoint_auth_method").asText());
        assertEquals("public", body.get("subject_type").asText());
        assertNull(body.get("scope"), "no --scope: the server applies its default scope");
        assertNull(body.get("frontchannel_logout_session_required"));
    }

    @Test
    void whenCreateWithoutSecretThenGeneratedSecretIsSentAndPrinted() throws IOException {
        server.on("POST", "/clients", 201, CLIENT_JSON);
        CliRun.Result result = new CliRun().run("clients", "create", "--endpoint", server.url(),
                "-g", "authorization_code,refresh_token", "-r", "token,code,id_token", "--scope", "openid,offline",
                "--callbacks", "http://127.0.0.1:9010/callback", "-n", "My App");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode body = json.readTree(server.lastRequest().body());
        String sent = body.get("client_secret").asText();
        assertTrue(sent.matches("[a-zA-Z0-9_\\-.~]{26}"), sent);
        assertEquals("openid offline", body.get("scope").asText());
        assertEquals("[\"http://127.0.0.1:9010/callback\"]", body.get("redirect_uris").toString());
        assertEquals("My App", body.get("client_name").asText());
        assertEquals("OAuth 2.0 Client ID: some-consumer\nOAuth 2.0 Client Secret: " + sent + "\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void whenCreatePublicClientThenNoSecretSentAndNoSecretLine() throws IOException {
        server.on("POST", "/clients", 201, CLIENT_JSON.replace("client_secret_basic", "none"));
        CliRun.Result result = new CliRun().run("clients", "create", "--endpoint", server.url(),
                "--token-endpoint-auth-method", "none", "--id", "some-consumer");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("OAuth 2.0 Client ID: some-consumer\nThis OAuth 2.0 Client has no secret\n", result.out());
        assertFalse(json.readTree(server.lastRequest().body()).has("client_secret"));
    }

    @Test
    void whenCreateConflictsThenOneLineWithTheServersMessage() {
        server.on("POST", "/clients", 409, "{\"error\":\"Unable to insert or update resource because a resource with "
                + "that value exists already\",\"error_description\":\"\"}");
        CliRun.Result result = new CliRun().run("clients", "create", "--endpoint", server.url(), "--id", "dup");

        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertEquals("Could not create OAuth 2.0 Client: 409 Conflict: Unable to insert or update resource because a "
                + "resource with that value exists already\n", result.err());
    }

    @Test
    void whenGetThenPrettySnakeCaseJsonWithoutEmptyFields() {
        server.on("GET", "/clients/some-consumer", 200, CLIENT_JSON);
        CliRun.Result result = new CliRun().env("HYDRA_ADMIN_URL", server.url()).run("clients", "get", "some-consumer");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                {
                  "client_id": "some-consumer",
                  "client_secret_expires_at": 0,
                  "created_at": "2021-07-08T10:00:00Z",
                  "grant_types": [
                    "client_credentials"
                  ],
                  "response_types": [
                    "token",
                    "code"
                  ],
                  "scope": "offline_access offline openid",
                  "subject_type": "public",
                  "token_endpoint_auth_method": "client_secret_basic",
                  "updated_at": "2021-07-08T10:00:00Z",
                  "userinfo_signed_response_alg": "none"
                }
                """, result.out());
        assertEquals("GET", server.lastRequest().method());
    }

    @Test
    void whenGetUnknownClientThenOneLine() {
        server.on("GET", "/clients/nope", 401, "{\"error\":\"The request could not be authorized\","
                + "\"error_description\":\"The requested OAuth 2.0 client does not exist or you did not provide the "
                + "necessary credentials\"}");
        CliRun.Result result = new CliRun().run("clients", "get", "nope", "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Could not get OAuth 2.0 Client nope: 401 Unauthorized: The requested OAuth 2.0 client does not "
                + "exist or you did not provide the necessary credentials\n", result.err());
    }

    @Test
    void whenListThenTableAndOffsetFromPage() {
        server.on("GET", "/clients", 200, "[" + CLIENT_JSON + "]");
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", server.url(), "--limit", "2",
                "--page", "3");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("limit=2&offset=4", server.lastRequest().query());
        String[] lines = result.out().split("\n");
        assertEquals(5, lines.length, result.out());
        assertTrue(lines[1].startsWith("|   CLIENT ID   |"), lines[1]);
        assertTrue(lines[3].startsWith("| some-consumer |      | token,code     | offline_access offline openid |"),
                lines[3]);
    }

    @Test
    void whenListWithDefaultsThenFirstPageOfTwenty() {
        server.on("GET", "/clients", 200, "[]");
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("limit=20&offset=0", server.lastRequest().query());
    }

    @Test
    void whenDeleteSeveralThenEachDeletedAndOneLine() {
        server.on("DELETE", "/clients/a", 204, "").on("DELETE", "/clients/b", 204, "");
        CliRun.Result result = new CliRun().run("clients", "delete", "a", "b", "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("OAuth 2.0 Client(s) deleted\n", result.out());
        assertEquals(2, server.requests().size());
        assertEquals("/clients/b", server.lastRequest().path());
    }

    @Test
    void whenDeleteUnknownThenNotFoundLine() {
        server.on("DELETE", "/clients/nope", 404, "{\"error\":\"Not Found\",\"error_description\":\"Unable to locate the resource\"}");
        CliRun.Result result = new CliRun().run("clients", "delete", "nope", "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertEquals("Could not delete OAuth 2.0 Client nope: 404 Not Found: Unable to locate the resource\n", result.err());
    }

    @Test
    void whenCreateWithLogoutFlagsThenTheClientCarriesThemAsHydraNamesThem() throws IOException {
        // hydra clients create's logout flags (Hydra v1.10): post-logout redirect URIs and the two channels.
        server.on("POST", "/clients", 201, CLIENT_JSON);
        CliRun.Result result = new CliRun().run("clients", "create", "--endpoint", server.url(),
                "--callbacks", "https://app.example/cb",
                "--post-logout-callbacks", "https://app.example/bye,https://app.example/bye2",
                "--frontchannel-logout-callback", "https://app.example/fc",
                "--frontchannel-logout-session-required",
                "--backchannel-logout-callback", "https://app.example/bc",
                "--backchannel-logout-session-required");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode body = json.readTree(server.lastRequest().body());
        assertEquals("[\"https://app.example/bye\",\"https://app.example/bye2\"]",
                body.get("post_logout_redirect_uris").toString());
        assertEquals("https://app.example/fc", body.get("frontchannel_logout_uri").asText());
        assertTrue(body.get("frontchannel_logout_session_required").asBoolean());
        assertEquals("https://app.example/bc", body.get("backchannel_logout_uri").asText());
        assertTrue(body.get("backchannel_logout_session_required").asBoolean());
    }

    @Test
    void whenUpdateWithPostLogoutCallbacksThenTheyAreSent() throws IOException {
        server.on("PUT", "/clients/some-consumer", 200, CLIENT_JSON);
        CliRun.Result result = new CliRun().run("clients", "update", "some-consumer", "--endpoint", server.url(),
                "--callbacks", "https://app.example/cb", "--post-logout-callbacks", "https://app.example/bye");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode body = json.readTree(server.lastRequest().body());
        assertEquals("[\"https://app.example/bye\"]", body.get("post_logout_redirect_uris").toString());
        assertFalse(body.has("backchannel_logout_session_required"), "left out unless set");
    }

    @Test
    void whenUpdateThenWholeClientPutAndUpdatedLine() throws IOException {
        server.on("PUT", "/clients/some-consumer", 200, CLIENT_JSON);
        CliRun.Result result = new CliRun().run("clients", "update", "some-consumer", "--endpoint", server.url(),
                "-g", "client_credentials", "-r", "token,code");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("some-consumer OAuth 2.0 Client updated\n", result.out());
        JsonNode body = json.readTree(server.lastRequest().body());
        assertEquals("some-consumer", body.get("client_id").asText());
        assertFalse(body.has("client_secret"), "no --secret keeps the stored secret");
    }

    @Test
    void whenImportThenEachFileCreatedAndServerGeneratedSecretShown(@TempDir Path dir) throws IOException {
        Path withoutSecret = dir.resolve("client-1.json");
        Files.writeString(withoutSecret, "{\"client_id\":\"imp-1\",\"grant_types\":[\"client_credentials\"],\"unknown\":1}");
        Path withSecret = dir.resolve("client-2.json");
        Files.writeString(withSecret, "{\"client_id\":\"imp-2\",\"client_secret\":\"given-secret\"}");
        server.on("POST", "/clients", 201, "{\"client_id\":\"imp-1\",\"client_secret\":\"generated-by-server\"}");
        CliRun.Result result = new CliRun().run("clients", "import", withoutSecret.toString(), withSecret.toString(),
                "--endpoint", server.url());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Imported OAuth 2.0 Client imp-1:generated-by-server from: " + withoutSecret + "\n"
                + "Imported OAuth 2.0 Client imp-1 from: " + withSecret + "\n", result.out());
        assertEquals("imp-2", json.readTree(server.lastRequest().body()).get("client_id").asText());
    }

    @Test
    void whenImportFileIsNotJsonThenOneLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        CliRun.Result result = new CliRun().run("clients", "import", broken.toString(), "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Could not read OAuth 2.0 Client from " + broken + ": invalid JSON"),
                result.err());
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void whenAccessTokenAndFakeTlsTerminationThenHeadersSent() {
        server.on("GET", "/clients", 200, "[]");
        CliRun.Result result = new CliRun().env("OAUTH2_ACCESS_TOKEN", "admin-token")
                .run("clients", "list", "--endpoint", server.url(), "--fake-tls-termination");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Bearer admin-token", server.lastRequest().header("Authorization"));
        assertEquals("https", server.lastRequest().header("X-Forwarded-Proto"));
    }

    @Test
    void whenAccessTokenFlagThenItWinsOverEnvironment() {
        server.on("GET", "/clients", 200, "[]");
        new CliRun().env("OAUTH2_ACCESS_TOKEN", "from-env")
                .run("clients", "list", "--endpoint", server.url(), "--access-token", "from-flag");

        assertEquals("Bearer from-flag", server.lastRequest().header("Authorization"));
        assertNull(server.lastRequest().header("X-Forwarded-Proto"));
    }

    @Test
    void whenOnlyHydraAdminTokenIsSetThenItIsSentAndOAuth2AccessTokenWinsOverIt() {
        server.on("GET", "/clients", 200, "[]");
        new CliRun().env("HYDRA_ADMIN_TOKEN", "admin-env").run("clients", "list", "--endpoint", server.url());
        assertEquals("Bearer admin-env", server.lastRequest().header("Authorization"));

        new CliRun().env("HYDRA_ADMIN_TOKEN", "admin-env").env("OAUTH2_ACCESS_TOKEN", "hydra-env")
                .run("clients", "list", "--endpoint", server.url());
        assertEquals("Bearer hydra-env", server.lastRequest().header("Authorization"));
    }

    @Test
    void whenAdminApiUnreachableThenConnectionRefusedLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", "http://127.0.0.1:" + port + "/");

        assertEquals(1, result.exitCode());
        assertEquals("Could not reach the admin API at http://127.0.0.1:" + port + ": connection refused\n", result.err());
    }

    @Test
    void whenDebugVariableSetThenStackTraceFollows() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun.Result result = new CliRun().env("HYDRA_CLI_DEBUG", "1")
                .run("clients", "list", "--endpoint", "http://127.0.0.1:" + port);

        assertEquals(1, result.exitCode());
        assertTrue(result.err().lines().count() > 3, result.err());
        assertTrue(result.err().contains("\tat "), result.err());
    }
}
