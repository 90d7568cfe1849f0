package org.openauthz.authz.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-composed RS256 JWS has Nimbus' header and the same claims, verifies, and is safe to use from many threads. */
class Rs256SignerTest {
    private static final RSAKey KEY = generate();

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("k1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> claims(int i) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://issuer.example/");
        claims.put("sub", "user-" + i + " \u00e9\u2603");
        claims.put("aud", List.of("client"));
        claims.put("exp", 1_900_000_000L + i);
        claims.put("ext", Map.of("nested", true));
        return claims;
    }

    @Test
    void whenSigningThenTheCompactJwsEqualsNimbusOutputAndVerifies() throws Exception {
        Rs256Signer signer = new Rs256Signer(KEY, RsaSigning.jdk());
        for (JOSEObjectType type : List.of(JOSEObjectType.JWT, new JOSEObjectType("logout+jwt"))) {
            String ours = signer.sign(claims(1), type);
            JWSObject nimbus = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(type).build(),
                    new Payload(claims(1)));
            nimbus.sign(new RSASSASigner(KEY));
            JWSObject parsed = JWSObject.parse(ours);
            assertThat(parsed.getHeader().toBase64URL()).isEqualTo(nimbus.getHeader().toBase64URL());
            // The same claims; the claims keep the caller's order (Nimbus' copy does not).
            assertThat(parsed.getPayload().toJSONObject()).isEqualTo(nimbus.getPayload().toJSONObject());
            assertThat(parsed.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))).isTrue();
        }
    }

    @Test
    void whenManyThreadsSignAtOnceThenEveryTokenVerifies() throws Exception {
        Rs256Signer signer = new Rs256Signer(KEY, RsaSigning.jdk());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                tokens.add(pool.submit(() -> signer.sign(claims(n), JOSEObjectType.JWT)));
            }
            for (int i = 0; i < tokens.size(); i++) {
                JWSObject jws = JWSObject.parse(tokens.get(i).get());
                assertThat(jws.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))).isTrue();
                assertThat(jws.getPayload().toJSONObject()).containsEntry("sub", "user-" + i + " \u00e9\u2603");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheKeyIsNotAPrivateRsaKeyThenItIsRefused() throws Exception {
        assertThatThrownBy(() -> new Rs256Signer(KEY.toPublicJWK(), RsaSigning.fastest())).isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> new Rs256Signer(new ECKeyGenerator(Curve.P_256).generate(), RsaSigning.fastest()))
                .isInstanceOf(JOSEException.class);
    }

    /**
     * RSASSA-PKCS1-v1_5 is deterministic (RFC 8017 §8.2), so a native signature must be the JDK's byte for byte. On
     * linux x86_64 (CI and the Docker images) the native provider must actually be the one signing.
     */
    @Test
    void whenTheNativeProviderSignsThenEveryTokenIsTheJdksByteForByte() throws Exception {
        RsaSigning fastest = RsaSigning.fastest();
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
            assertThat(fastest.describe()).contains("native");
        }
        Rs256Signer nativeSigner = new Rs256Signer(KEY, fastest);
        Rs256Signer jdkSigner = new Rs256Signer(KEY, RsaSigning.jdk());
        for (int i = 0; i < 20; i++) {
            assertThat(nativeSigner.sign(claims(i), JOSEObjectType.JWT))
                    .isEqualTo(jdkSigner.sign(claims(i), JOSEObjectType.JWT));
        }
    }
}
