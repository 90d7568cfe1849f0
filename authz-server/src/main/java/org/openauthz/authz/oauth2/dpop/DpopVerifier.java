package org.openauthz.authz.oauth2.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openauthz.authz.crypto.Sha256;
import org.openauthz.authz.oauth2.JtiStore;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a DPoP proof JWT as <a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a> lists:
 * one {@code DPoP} header, {@code typ: dpop+jwt}, an asymmetric algorithm we support, a public {@code jwk} in the
 * header that verifies the signature, {@code htm} and {@code htu} matching the request, an {@code iat} inside the
 * window, {@code ath} matching the access token when one is presented, and a {@code jti} never seen before.
 * Server nonces (§8, §9) are not used. Nothing is cached: every proof is verified (a cached answer would weaken
 * replay protection).
 */
public final class DpopVerifier {
    /** The proof algorithms accepted, as {@code dpop_signing_alg_values_supported} (RFC 9449 §5.1) lists them. */
    public static final List<String> ALGORITHMS = List.of("ES256", "RS256", "PS256", "EdDSA");
    /** The request header that carries the proof (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";
    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_JTI_LENGTH = 256;

    private final JtiStore jtis;
    private final Duration maxAge;
    private final Duration maxClockSkew;
    private final Clock clock;

    /**
     * @param maxAge       how old a proof's {@code iat} may be (RFC 9449 §11.1 leaves the window to the server)
     * @param maxClockSkew how far in the future a proof's {@code iat} may be, for clients with a fast clock
     */
    public DpopVerifier(JtiStore jtis, Duration maxAge, Duration maxClockSkew, Clock clock) {
        this.jtis = jtis;
        this.maxAge = maxAge;
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /**
     * The proof of a request to {@code method} {@code uri}, or empty when the request carries none.
     *
     * @param headers     every value of the request's {@code DPoP} header
     * @param accessToken the access token presented with the proof (its hash must be in {@code ath}), or null at the
     *                    token endpoint
     * @throws OAuth2Exception {@code invalid_dpop_proof} when a proof is there but fails a check
     */
    public Optional<DpopProof> verify(List<String> headers, String method, String uri, String accessToken) {
        if (headers == null || headers.isEmpty()) {
            return Optional.empty();
        }
        if (headers.size() > 1) {
            throw invalid("The request must not carry more than one DPoP header.");
        }
        SignedJWT jwt = parse(headers.get(0));
        JWSHeader header = jwt.getHeader();
        if (!TYPE.equals(header.getType())) {
            throw invalid("The DPoP proof must have the header 'typ: dpop+jwt'.");
        }
        if (!ALGORITHMS.contains(header.getAlgorithm().getName())) {
            throw invalid("The DPoP proof must be signed with one of " + String.join(", ", ALGORITHMS) + ".");
        }
        JWK jwk = header.getJWK();
        if (jwk == null) {
            throw invalid("The DPoP proof must carry the public key in the header 'jwk'.");
        }
        if (jwk.isPrivate()) {
            throw invalid("The 'jwk' of the DPoP proof must not contain a private key.");
        }
        verifySignature(jwt, jwk);
        JWTClaimsSet claims = claims(jwt);
        String jti = stringClaim(claims, "jti");
        if (jti.length() > MAX_JTI_LENGTH) {
            throw invalid("The 'jti' of the DPoP proof is too long.");
        }
        if (!method.equals(stringClaim(claims, "htm"))) {
            throw invalid("The 'htm' of the DPoP proof does not match the HTTP method of the request.");
        }
        String htu = HttpUri.normalize(stringClaim(claims, "htu"));
        if (htu == null || !htu.equals(HttpUri.normalize(uri))) {
            throw invalid("The 'htu' of the DPoP proof does not match the URI of the request.");
        }
        Instant issuedAt = issuedAt(claims);
        if (accessToken != null) {
            String ath = stringClaim(claims, "ath");
            if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                    Sha256.base64Url(accessToken).getBytes(StandardCharsets.US_ASCII))) {
                throw invalid("The 'ath' of the DPoP proof does not match the access token.");
            }
        }
        String jkt = thumbprint(jwk);
        // Keyed by the key as well (RFC 9449 §11.1), so one client's jti can never block another's. Remembered as
        // long as the proof could be accepted.
        if (!jtis.claim(Sha256.hex("dpop\u0000" + jkt + "\u0000" + jti), issuedAt.plus(maxAge).plusSeconds(1))) {
            throw invalid("The DPoP proof was already used; sign a new proof with a fresh 'jti' for every request.");
        }
        return Optional.of(new DpopProof(jkt));
    }

    /** The base64url JWK SHA-256 thumbprint (RFC 7638) that bound tokens carry as {@code cnf.jkt}. */
    public static String thumbprint(JWK jwk) {
        try {
            return jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static SignedJWT parse(String value) {
        try {
            return SignedJWT.parse(value);
        } catch (ParseException | IllegalArgumentException e) {
            // Nimbus also refuses here a header jwk holding a private key, or an unsigned (alg none) JWT.
            throw invalid("The DPoP header must be a signed JWT with a public key in the header 'jwk'.");
        }
    }

    private static void verifySignature(SignedJWT jwt, JWK jwk) {
        try {
            if (!jwt.verify(verifierFor(jwt.getHeader().getAlgorithm(), jwk))) {
                throw invalid("The signature of the DPoP proof does not verify with its 'jwk'.");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw invalid("The signature of the DPoP proof does not verify with its 'jwk'.");
        }
    }

    /** A verifier for the key, only when the key's type and curve fit the algorithm. */
    private static JWSVerifier verifierFor(JWSAlgorithm alg, JWK jwk) throws JOSEException {
        if (JWSAlgorithm.ES256.equals(alg) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec);
        }
        if ((JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.PS256.equals(alg)) && jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw invalid("The RSA key of the DPoP proof must have at least " + MIN_RSA_BITS + " bits.");
            }
            return new RSASSAVerifier(rsa);
        }
        if (JWSAlgorithm.EdDSA.equals(alg) && jwk instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp);
        }
        throw invalid("The 'jwk' of the DPoP proof does not fit its algorithm " + alg + ".");
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The claims of the DPoP proof are not a JSON object.");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw invalid("The DPoP proof must have the claim '" + name + "' as a string.");
        }
        return text;
    }

    private Instant issuedAt(JWTClaimsSet claims) {
        Object value = claims.getClaim("iat");
        if (!(value instanceof java.util.Date date)) {
            throw invalid("The DPoP proof must have the claim 'iat' as a number.");
        }
        Instant iat = date.toInstant();
        Instant now = clock.instant();
        if (iat.isBefore(now.minus(maxAge))) {
            throw invalid("The DPoP proof is too old: its 'iat' is more than " + maxAge.getSeconds()
                    + " seconds ago.");
        }
        if (iat.isAfter(now.plus(maxClockSkew))) {
            throw invalid("The 'iat' of the DPoP proof is in the future.");
        }
        return iat;
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_DPOP_PROOF.withHint(hint).toException();
    }
}
