package org.openauthz.authz.tls;

import com.nimbusds.jose.JOSEException;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.server.StartupException;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;

/**
 * Points the HTTPS connectors at a keystore: the configured PEM certificate and key, or, as Hydra does without
 * them, a self-signed certificate whose key lives in the {@code hydra.https-tls} key set, so it survives restarts.
 */
public final class TlsSetup {
    /** Hydra's key set for its self-signed TLS certificate. */
    static final String TLS_SET = "hydra.https-tls";

    private TlsSetup() {
    }

    public static void configure(DefaultServerFactory server, ServerSettings settings, KeyService keys) {
        ServerSettings.Tls tls = settings.serve().tls();
        if (!tls.publicEnabled() && !tls.adminEnabled()) {
            return;
        }
        SecureRandom random = new SecureRandom();
        TlsKeystore.Location keystore = tls.hasConfiguredCertificate()
                ? TlsKeystore.fromPem(tls.certPem(), tls.keyPem(), random)
                : TlsKeystore.selfSigned(selfSignedKeyPair(keys), List.of("localhost", "127.0.0.1",
                        settings.urls().issuer().getHost()), random);
        List<ConnectorFactory> connectors = Stream.concat(server.getApplicationConnectors().stream(),
                server.getAdminConnectors().stream()).toList();
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpsConnectorFactory https) {
                https.setKeyStorePath(keystore.path().toString());
                https.setKeyStorePassword(keystore.password());
                https.setKeyStoreType("PKCS12");
                https.setValidateCerts(false);
            }
        }
    }

    private static KeyPair selfSignedKeyPair(KeyService keys) {
        if (keys.signingKey(TLS_SET).isEmpty()) {
            keys.create(TLS_SET, "RS256", null, "sig");
        }
        try {
            return keys.signingKey(TLS_SET).orElseThrow().toRSAKey().toKeyPair();
        } catch (JOSEException e) {
            throw new StartupException("the TLS key in set " + TLS_SET + " is not a usable RSA key", e);
        }
    }
}
