package org.openauthz.authz.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the PKCS#12 keystore Jetty serves TLS from: the configured PEM certificate and key, or a self-signed
 * certificate for the given key pair (Hydra v1.10's {@code hydra.https-tls} behaviour). The file lives in a
 * private temporary directory readable only by this user and is deleted on exit.
 */
public final class TlsKeystore {
    private static final String ALIAS = "server";

    private TlsKeystore() {
    }

    /** Where the keystore is and the random password that opens it. */
    public record Location(Path path, String password) {
    }

    public static Location fromPem(String certificatePem, String keyPem, SecureRandom random) {
        try {
            List<Certificate> chain = new ArrayList<>();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            try (PEMParser parser = new PEMParser(new StringReader(certificatePem))) {
                Object item;
                while ((item = parser.readObject()) != null) {
                    if (item instanceof X509CertificateHolder holder) {
                        chain.add(converter.getCertificate(holder));
                    }
                }
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the TLS certificate file holds no PEM certificate");
            }
            return write(readKey(keyPem), chain.toArray(new Certificate[0]), random);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
    }

    public static Location selfSigned(KeyPair keys, List<String> hostNames, SecureRandom random) {
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + (hostNames.isEmpty() ? "localhost" : hostNames.get(0)));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            for (String host : hostNames) {
                boolean ip = host.matches("[0-9.]+") || host.contains(":");
                names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return write(keys.getPrivate(), new Certificate[] {certificate}, random);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a self-signed TLS certificate", e);
        }
    }

    private static PrivateKey readKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object item = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("the TLS key file holds no unencrypted PEM private key");
        }
    }

    private static Location write(PrivateKey key, Certificate[] chain, SecureRandom random)
            throws IOException, java.security.GeneralSecurityException {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password.toCharArray(), chain);
        Path dir = Files.createTempDirectory("openauthz-tls",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new Location(file, password);
    }
}
