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
import java.util.function.Supplier;

/**
 * Points the HTTPS connectors at a keystore: each port's configured PEM certificate and key (its own
 * {@code serve.public.tls.*} / {@code serve.admin.tls.*}, else the shared {@code serve.tls.*}), or, as Hydra does
 * without them, a self-signed certificate whose key lives in the {@code hydra.https-tls} key set, so it survives
 * restarts.
 */
public final class TlsSetup {
    /** Hydra's key set for its self-signed TLS certificate. */
    static final String TLS_SET = "hydra.https-tls";

    private TlsSetup() {
    }

    public static void configure(DefaultServerFactory server, ServerSettings settings, KeyService keys) {
        ServerSettings.Tls tls = settings.serve().tls();
        SecureRandom random = new SecureRandom();
        Supplier<TlsKeystore.Location> selfSigned = new Memoized<>(() -> TlsKeystore.selfSigned(
                selfSignedKeyPair(keys), List.of("localhost", "127.0.0.1", settings.urls().issuer().getHost()),
                random));
        point(server.getApplicationConnectors(), tls.publicPort(), selfSigned, random);
        point(server.getAdminConnectors(), tls.adminPort(), selfSigned, random);
    }

    private static void point(List<ConnectorFactory> connectors, ServerSettings.PortTls tls,
                              Supplier<TlsKeystore.Location> selfSigned, SecureRandom random) {
        List<HttpsConnectorFactory> https = connectors.stream().filter(HttpsConnectorFactory.class::isInstance)
                .map(HttpsConnectorFactory.class::cast).toList();
        if (https.isEmpty()) {
            return;
        }
        TlsKeystore.Location keystore = tls.certificate() == null ? selfSigned.get()
                : TlsKeystore.fromPem(tls.certificate().certificate(), tls.certificate().key(), random);
        for (HttpsConnectorFactory connector : https) {
            connector.setKeyStorePath(keystore.path().toString());
            connector.setKeyStorePassword(keystore.password());
            connector.setKeyStoreType("PKCS12");
            connector.setValidateCerts(false);
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

    /** Builds the self-signed keystore once, and only if a port needs it. */
    private static final class Memoized<T> implements Supplier<T> {
        private final Supplier<T> source;
        private T value;

        Memoized(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public T get() {
            if (value == null) {
                value = source.get();
            }
            return value;
        }
    }
}
