package org.openauthz.authz.flow;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.AccessToken;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;

/**
 * A client's DPoP key (RFC 9449 §4) and the proofs it signs. ES256, RS256 and PS256 proofs come from Nimbus'
 * {@link DefaultDPoPProofFactory}; EdDSA proofs are signed with the JDK's Ed25519 (Nimbus' Ed25519 signer needs
 * Tink, which is not on the class path). {@link #custom} builds deliberately broken proofs for the negative tests.
 */
final class DpopKeys {
    private final JWK publicJwk;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final DefaultDPoPProofFactory factory;

    private DpopKeys(JWK publicJwk, JWSAlgorithm algorithm, JWSSigner signer, DefaultDPoPProofFactory factory) {
        this.publicJwk = publicJwk;
        this.algorithm = algorithm;
        this.signer = signer;
        this.factory = factory;
    }

    static DpopKeys generate(JWSAlgorithm algorithm) throws Exception {
        if (JWSAlgorithm.EdDSA.equals(algorithm)) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            JWK jwk = new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).build();
            return new DpopKeys(jwk, algorithm, new Ed25519Signer(pair.getPrivate()), null);
        }
        JWK key = JWSAlgorithm.ES256.equals(algorithm) ? new ECKeyGenerator(Curve.P_256).generate()
                : new RSAKeyGenerator(2048).generate();
        JWSSigner signer = JWSAlgorithm.ES256.equals(algorithm) ? new ECDSASigner(key.toECKey())
                : new RSASSASigner(key.toRSAKey());
        return new DpopKeys(key.toPublicJWK(), algorithm, signer, new DefaultDPoPProofFactory(key, algorithm));
    }

    JWK publicJwk() {
        return publicJwk;
    }

    /** The JWK SHA-256 thumbprint (RFC 7638), as {@code dpop_jkt} and {@code cnf.jkt} carry it. */
    String thumbprint() throws JOSEException {
        return publicJwk.computeThumbprint().toString();
    }

    /** A fresh, valid proof for {@code htm} {@code htu}, with {@code ath} when {@code token} is not null. */
    String proof(String htm, URI htu, AccessToken token) throws Exception {
        if (factory != null) {
            return (token == null ? factory.createDPoPJWT(htm, htu) : factory.createDPoPJWT(htm, htu, token))
                    .serialize();
        }
        return custom(header().build(), claims(htm, htu, new Date()).build());
    }

    /** A proof with the given id and issue time (Nimbus' factory), to replay one or to move it in time. */
    String proof(JWTID jti, String htm, URI htu, Date iat) throws Exception {
        return factory.createDPoPJWT(jti, htm, htu, iat, null).serialize();
    }

    /** The header a valid proof has: {@code typ: dpop+jwt}, the algorithm and the public key. */
    JWSHeader.Builder header() {
        return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("dpop+jwt")).jwk(publicJwk);
    }

    static JWTClaimsSet.Builder claims(String htm, URI htu, Date iat) {
        return new JWTClaimsSet.Builder().jwtID(new JWTID().getValue()).claim("htm", htm).claim("htu", htu.toString())
                .issueTime(iat);
    }

    /** Signs whatever header and claims a test wants, valid or not. */
    String custom(JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** EdDSA over Ed25519 (RFC 8037 §3.1) with the JDK. */
    private static final class Ed25519Signer implements JWSSigner {
        private final PrivateKey key;
        private final JCAContext context = new JCAContext();

        Ed25519Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
