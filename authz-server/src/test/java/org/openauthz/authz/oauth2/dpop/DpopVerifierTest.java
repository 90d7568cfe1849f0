package org.openauthz.authz.oauth2.dpop;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.crypto.Sha256;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.persistence.memory.InMemoryJtiStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The checks of RFC 9449 §4.3 that the integration test cannot reach through a client library. */
class DpopVerifierTest {
    private static final String URL = "https://auth.example/oauth2/token";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DpopVerifier verifier = new DpopVerifier(new InMemoryJtiStore(clock), Duration.ofSeconds(60),
            Duration.ofSeconds(5), clock);
    private final ECKey key = generateEc();

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String jti) {
        return new JWTClaimsSet.Builder().jwtID(jti).claim("htm", "POST").claim("htu", URL)
                .issueTime(Date.from(NOW));
    }

    private String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private String error(String proof, String accessToken) {
        return catchThrowableOfType(OAuth2Exception.class,
                () -> verifier.verify(List.of(proof), "POST", URL, accessToken)).error().fullDescription();
    }

    @Test
    void whenValidThenTheThumbprintOfTheHeaderKeyIsReturned() throws Exception {
        DpopProof proof = verifier.verify(List.of(signed(claims("a").build())), "POST", URL, null).orElseThrow();

        assertThat(proof.jkt()).isEqualTo(key.computeThumbprint().toString());
        assertThat(verifier.verify(List.of(), "POST", URL, null)).isEmpty();
    }

    @Test
    void whenAProofFailsACheckThenItsJtiIsNotUsedUp() throws Exception {
        String wrongHtm = signed(claims("same-id").claim("htm", "GET").build());
        assertThat(error(wrongHtm, null)).contains("'htm'");

        assertThat(verifier.verify(List.of(signed(claims("same-id").build())), "POST", URL, null)).isPresent();
    }

    @Test
    void whenAnAccessTokenIsPresentedThenAthMustBeItsHash() throws Exception {
        assertThat(error(signed(claims("b").build()), "token-1")).contains("'ath'");
        assertThat(error(signed(claims("c").claim("ath", Sha256.base64Url("token-2")).build()), "token-1"))
                .contains("'ath'");

        assertThat(verifier.verify(List.of(signed(claims("d").claim("ath", Sha256.base64Url("token-1")).build())),
                "POST", URL, "token-1")).isPresent();
    }

    @Test
    void whenAnRsaKeyIsShorterThan2048BitsThenRefused() throws Exception {
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(small.toPublicJWK()).build(), claims("e").build());
        jwt.sign(new RSASSASigner(small.toPrivateKey(), true));

        assertThat(error(jwt.serialize(), null)).contains("2048");
    }

    @Test
    void whenTheKeyDoesNotFitTheAlgorithmThenRefused() throws Exception {
        JWK rsa = new RSAKeyGenerator(2048).generate().toPublicJWK();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(rsa).build(), claims("f").build());
        jwt.sign(new ECDSASigner(key));

        assertThat(error(jwt.serialize(), null)).contains("does not fit");
    }

    @Test
    void whenHtuIsComparedThenQueryFragmentCaseAndDefaultPortDoNotMatter() {
        assertThat(HttpUri.normalize("HTTPS://Auth.Example:443/oauth2/token?x=1#y")).isEqualTo(URL);
        assertThat(HttpUri.normalize("http://127.0.0.1:80")).isEqualTo("http://127.0.0.1/");
        assertThat(HttpUri.normalize("https://auth.example:8443/oauth2/token")).isNotEqualTo(URL);
        assertThat(HttpUri.normalize("urn:x:y")).isNull();
        assertThat(HttpUri.normalize("not a uri")).isNull();
    }
}
