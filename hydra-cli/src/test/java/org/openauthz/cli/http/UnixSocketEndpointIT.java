package org.openauthz.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.AuthzServerApplication;
import org.openauthz.authz.AuthzServerConfiguration;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.authz.server.DropwizardSettings;
import org.openauthz.cli.CliRun;

/**
 * {@code --endpoint unix:///path/to.sock}, as in Hydra's CLI: management and token commands reach a real server
 * ({@code hydra serve all} with both hosts {@code unix:/...}, TLS on) over its unix domain sockets. On PostgreSQL.
 */
class UnixSocketEndpointIT {
    private static EmbeddedPostgres postgres;
    private static Path sockets;
    private static DropwizardTestSupport<AuthzServerConfiguration> server;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        String dsn = "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres?sslmode=disable";
        CliRun.Result migrated = new CliRun().run("migrate", "sql", "--yes", dsn);
        assertEquals(0, migrated.exitCode(), migrated::toString);
        sockets = Files.createTempDirectory("hydra-sockets");
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        ServerSettings settings = SettingsBinder.bind(RawSettings.of(Map.of(
                "dsn", dsn,
                "secrets.system", "a-test-system-secret-0123456789",
                "urls.self.issuer", "https://127.0.0.1:" + unusedPort + "/",
                "serve.public.host", "unix:" + sockets.resolve("public.sock"),
                "serve.admin.host", "unix:" + sockets.resolve("admin.sock"),
                "oauth2.hashers.pbkdf2.iterations", "1000",
                "log.level", "warn")), SettingsBinder.Flags.defaults());
        server = new DropwizardTestSupport<>(AuthzServerApplication.class,
                DropwizardSettings.toConfiguration(settings));
        server.before();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.after();
        }
        postgres.close();
        Files.deleteIfExists(sockets.resolve("public.sock"));
        Files.deleteIfExists(sockets.resolve("admin.sock"));
        Files.deleteIfExists(sockets);
    }

    private static String endpoint(String socket) {
        return "unix://" + sockets.resolve(socket);
    }

    @Test
    void whenTheEndpointIsAUnixSocketThenClientCommandsAndTheTokenCommandWorkOverIt() {
        CliRun.Result created = new CliRun().run("clients", "create", "--endpoint", endpoint("admin.sock"),
                "--id", "over-unix", "--secret", "a-secret-of-some-length", "-g", "client_credentials",
                "-r", "token");
        assertEquals(0, created.exitCode(), created::toString);
        assertTrue(created.out().contains("OAuth 2.0 Client ID: over-unix"), created::toString);

        CliRun.Result listed = new CliRun().env("HYDRA_ADMIN_URL", endpoint("admin.sock")).run("clients", "list");
        assertEquals(0, listed.exitCode(), listed::toString);
        assertTrue(listed.out().contains("over-unix"), listed::toString);

        CliRun.Result token = new CliRun().run("token", "client", "--endpoint", endpoint("public.sock"),
                "--client-id", "over-unix", "--client-secret", "a-secret-of-some-length");
        assertEquals(0, token.exitCode(), token::toString);
        assertTrue(token.out().strip().matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}"), token::toString);
    }

    @Test
    void whenCreateAsksForAccessTokensFromTheAuthorizationEndpointThenTheServersRefusalNamesTheSetting() {
        // RFC 9700 §2.1.2: off for new clients by default (oauth2.implicit_access_tokens.allowed_for_new_clients).
        CliRun.Result refused = new CliRun().run("clients", "create", "--endpoint", endpoint("admin.sock"),
                "--id", "implicit-spa", "-g", "implicit", "-r", "token,id_token", "--callbacks",
                "https://spa.example/cb", "--token-endpoint-auth-method", "none");

        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS"), refused::toString);
    }

    @Test
    void whenNobodyListensOnTheSocketThenTheMessageNamesIt() {
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", endpoint("nobody.sock"));

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("unix://" + sockets.resolve("nobody.sock")), result::toString);
        assertTrue(List.of(result.err().split("\n")).size() <= 2, result::toString);
    }
}
