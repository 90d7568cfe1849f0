package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestCertificate;
import org.openauthz.authz.testing.TestServer;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each port serves its own certificate, as with Hydra v1.10's per-interface keys: the public port the shared
 * {@code serve.tls.*} one (given as files), the admin port its own {@code serve.admin.tls.*} (given as base64).
 * Clients that trust exactly one certificate prove which port presents which. On PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerPortCertificateIT {
    private final TestCertificate shared = TestCertificate.issue("shared");
    private final TestCertificate admin = TestCertificate.issue("admin");
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of(
                "serve.tls.cert.path", Files.writeString(dir.resolve("tls.crt"), shared.certificatePem()).toString(),
                "serve.tls.key.path", Files.writeString(dir.resolve("tls.key"), shared.keyPem()).toString(),
                "serve.admin.tls.cert.base64", TestCertificate.base64(admin.certificatePem()),
                "serve.admin.tls.key.base64", TestCertificate.base64(admin.keyPem())), false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static int status(TestCertificate trusted, String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(trusted.trusting()).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void whenTheAdminPortHasItsOwnCertificateThenEachPortPresentsItsOwn() throws Exception {
        assertThat(server.publicUrl("/")).startsWith("https://");
        assertThat(server.adminUrl("/")).startsWith("https://");

        assertThat(status(shared, server.publicUrl("/health/alive"))).isEqualTo(200);
        assertThat(status(admin, server.adminUrl("/health/alive"))).isEqualTo(200);
        assertThat(status(admin, server.adminUrl("/clients"))).isEqualTo(200);
    }

    @Test
    void whenAClientTrustsTheOtherPortsCertificateThenTheHandshakeFails() {
        assertThatThrownBy(() -> status(shared, server.adminUrl("/health/alive")))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> status(admin, server.publicUrl("/health/alive")))
                .isInstanceOf(SSLHandshakeException.class);
    }
}
