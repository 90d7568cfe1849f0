package org.openauthz.authz.jwk;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Who computes RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256,
 * <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.3">RFC 7518 §3.3</a>): the JDK, or the Amazon Corretto
 * Crypto Provider (AWS-LC, native code) where its library loads, which is linux x86_64. One RS256 signature is the
 * largest single cost of a sign-in (an ID token each): about 1.2 ms of a core in JDK 17 against 0.67 ms natively on
 * the machines in docs/performance.md. Only signing goes native; verification stays with the JDK and Nimbus. Each key
 * proves itself once ({@link #signer}): a native signature that the JDK does not verify means the JDK signs with that
 * key instead.
 */
public final class RsaSigning {
    private final Provider provider;

    private RsaSigning(Provider provider) {
        this.provider = provider;
    }

    /** Signing by the JDK's own provider. */
    public static RsaSigning jdk() {
        return new RsaSigning(null);
    }

    /** The native provider if its library loaded and it reports itself healthy, else the JDK. */
    public static RsaSigning fastest() {
        return nativeProvider().map(RsaSigning::new).orElseGet(RsaSigning::jdk);
    }

    /** What signs, for the startup log. */
    public String describe() {
        return provider == null ? "the JDK" : provider.getName() + " " + provider.getVersionStr() + " (native)";
    }

    /**
     * A factory of initialised RS256 {@link Signature}s for one key pair. With the native provider the private key is
     * translated once into the provider's own form (translating it on every signature costs more than the native
     * signature saves), and one test signature must verify under the JDK.
     */
    Signer signer(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        if (provider != null) {
            try {
                PrivateKey translated = (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(privateKey);
                Signer candidate = () -> initialised(Signature.getInstance("SHA256withRSA", provider), translated);
                if (provesItself(candidate, publicKey)) {
                    return candidate;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // fall through to the JDK: the native provider does not take this key
            }
        }
        return () -> initialised(Signature.getInstance("SHA256withRSA"), privateKey);
    }

    /** Makes a new initialised {@link Signature}; callers reuse them, a {@link Signature} is not thread-safe. */
    @FunctionalInterface
    interface Signer {
        Signature newSignature() throws GeneralSecurityException;
    }

    private static Signature initialised(Signature signature, PrivateKey key) throws GeneralSecurityException {
        signature.initSign(key);
        return signature;
    }

    private static boolean provesItself(Signer signer, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "RS256 self-test: the JDK must verify what the native provider signs".getBytes();
        Signature signing = signer.newSignature();
        signing.update(probe);
        byte[] signature = signing.sign();
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(publicKey);
        check.update(probe);
        return check.verify(signature);
    }

    private static Optional<Provider> nativeProvider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return Optional.empty();
            }
            accp.assertHealthy();
            return Optional.of(accp);
        } catch (RuntimeException | LinkageError e) {
            // not linux x86_64, or a library that does not load here: the JDK signs
            return Optional.empty();
        }
    }
}
