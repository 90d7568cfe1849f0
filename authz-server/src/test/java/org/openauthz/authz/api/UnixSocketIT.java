package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.parse;
import static org.openauthz.authz.api.ApiFixtures.rawOverUnixSocket;

/**
 * {@code serve.public.host} and {@code serve.admin.host} as {@code unix:/path}, as in Hydra v1.10: both ports on
 * unix domain sockets with the configured owner and mode, plain HTTP even with TLS on. A socket file left behind by
 * an earlier server does not stop the start. On PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnixSocketIT {
    private Path dir;
    private Path publicSocket;
    private Path adminSocket;
    private TestServer server;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hydra-sockets");
        publicSocket = dir.resolve("public.sock");
        adminSocket = dir.resolve("admin.sock");
        leaveStaleSocket(publicSocket);
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.public.host", "unix:" + publicSocket,
                "serve.public.socket.mode", "0700",
                "serve.public.socket.owner", System.getProperty("user.name"),
                "serve.admin.host", "unix:" + adminSocket,
                "serve.admin.socket.mode", "488"), false);
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(publicSocket);
        Files.deleteIfExists(adminSocket);
        Files.deleteIfExists(dir);
    }

    /** What a server killed with SIGKILL leaves: the socket file, with nobody listening. */
    private static void leaveStaleSocket(Path path) throws IOException {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(path).exists();
    }

    @Test
    void whenServedOnUnixSocketsThenEachSocketHasItsOwnerAndMode() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicSocket))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(adminSocket))).isEqualTo("rwxr-x---");
        assertThat(Files.getOwner(publicSocket).getName()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void whenThePublicApiIsAskedOverItsSocketThenItAnswersPlainHttpWithTheHttpsIssuer() {
        ApiFixtures.RawResponse discovery = rawOverUnixSocket(publicSocket,
                "GET /.well-known/openid-configuration HTTP/1.1");

        assertThat(discovery.status()).as(discovery.body()).isEqualTo(200);
        assertThat(parse(discovery.body()).path("issuer").asText()).isEqualTo(server.issuer()).startsWith("https://");
    }

    @Test
    void whenTheAdminApiIsAskedOverItsSocketThenItAnswers() {
        ApiFixtures.RawResponse clients = rawOverUnixSocket(adminSocket, "GET /clients HTTP/1.1");
        ApiFixtures.RawResponse ready = rawOverUnixSocket(adminSocket, "GET /health/ready HTTP/1.1");

        assertThat(clients.status()).as(clients.body()).isEqualTo(200);
        assertThat(parse(clients.body()).isArray()).isTrue();
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    }
}
