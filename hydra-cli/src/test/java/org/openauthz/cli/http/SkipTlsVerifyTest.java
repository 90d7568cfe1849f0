package org.openauthz.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliRun;
import org.openauthz.cli.FakeServer;

/** The admin API with a self-signed certificate, as the server runs by default. */
class SkipTlsVerifyTest {

    private FakeServer server;

    @BeforeEach
    void startHttpsServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=somewhere-else.example");
        long now = System.currentTimeMillis();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, new Date(now - 60_000), new Date(now + 3_600_000), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        server = FakeServer.start(https);
        server.on("GET", "/clients", 200, "[]");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void whenCertificateIsSelfSignedThenHandshakeFailsWithHint() {
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", server.url());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Could not reach the admin API at " + server.url() + ": TLS handshake failed"),
                result.err());
        assertTrue(result.err().contains("--skip-tls-verify"), result.err());
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void whenSkipTlsVerifyThenSelfSignedCertificateAndForeignHostNameAccepted() {
        CliRun.Result result = new CliRun().run("clients", "list", "--endpoint", server.url(), "--skip-tls-verify");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("| CLIENT ID |"), result.out());
    }
}
