package org.openauthz.authz.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.Date;
import java.util.Set;

/**
 * Generates keys for {@code POST /keys/{set}} and for the built-in sets: RS256 (RSA, 2048 bits by default), ES256
 * (P-256), ES512 (P-521), HS256 and HS512 (random octets of the hash size, RFC 7518 §3.2).
 */
public final class KeyGenerator {
    public static final Set<String> ALGORITHMS = Set.of("RS256", "ES256", "ES512", "HS256", "HS512");

    private final int rsaBits;

    public KeyGenerator(int rsaBits) {
        this.rsaBits = rsaBits;
    }

    public JWK generate(String alg, String kid, String use) {
        KeyUse keyUse = parseUse(use);
        try {
            return switch (alg == null ? "" : alg) {
                case "RS256" -> new RSAKeyGenerator(rsaBits).algorithm(JWSAlgorithm.RS256).keyID(kid).keyUse(keyUse)
                        .issueTime(new Date()).generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).algorithm(JWSAlgorithm.ES256).keyID(kid)
                        .keyUse(keyUse).issueTime(new Date()).generate();
                case "ES512" -> new ECKeyGenerator(Curve.P_521).algorithm(JWSAlgorithm.ES512).keyID(kid)
                        .keyUse(keyUse).issueTime(new Date()).generate();
                case "HS256" -> new OctetSequenceKeyGenerator(256).algorithm(JWSAlgorithm.HS256).keyID(kid)
                        .keyUse(keyUse).issueTime(new Date()).generate();
                case "HS512" -> new OctetSequenceKeyGenerator(512).algorithm(JWSAlgorithm.HS512).keyID(kid)
                        .keyUse(keyUse).issueTime(new Date()).generate();
                default -> throw OAuth2Error.INVALID_REQUEST.withHint("Generator '" + alg + "' is unknown; use one of "
                        + "RS256, ES256, ES512, HS256, HS512.").toException();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed for " + alg, e);
        }
    }

    static KeyUse parseUse(String use) {
        if (use == null || use.isEmpty() || use.equals("sig")) {
            return KeyUse.SIGNATURE;
        }
        if (use.equals("enc")) {
            return KeyUse.ENCRYPTION;
        }
        throw OAuth2Error.INVALID_REQUEST.withHint("Key use must be 'sig' or 'enc', not '" + use + "'.").toException();
    }
}
